#!/usr/bin/env bash
# Web load test (issue 6): a store of 100,000 synthetic persons, `sawt serve`,
# a logged-in wrk at 64 connections against the people search
# (GET /api/persons?q=..., rotating Arabic and Latin queries) and the person
# page (GET /api/persons/P-NNNNNN, random ids), ~20 s each. Target on a 2-core
# machine: >= 2,000 requests/s each, p99 < 100 ms, no errors (non-2xx or socket
# errors). Prints one table row per endpoint with the load average.
#
# Usage: bench/web_load.sh [BUILD]   (run by `make bench` through bench/run)
# Environment: SAWT_BENCH_PERSONS (default 100000), SAWT_BENCH_SECONDS (20),
# SAWT_BENCH_CONNECTIONS (64), SAWT_BENCH_THREADS (server threads, default 64 as sawt serve: httplib gives a worker to a keep-alive connection for its life, so fewer threads than connections leaves connections waiting),
# SAWT_BENCH_STORE (default BUILD/web-bench-store: built once, then reused).
set -euo pipefail
build=${1:-build-bench}
here=$(cd "$(dirname "$0")" && pwd)
sawt=$build/sawt
persons=${SAWT_BENCH_PERSONS:-100000}
seconds=${SAWT_BENCH_SECONDS:-20}
conns=${SAWT_BENCH_CONNECTIONS:-64}
threads=${SAWT_BENCH_THREADS:-64}
store=${SAWT_BENCH_STORE:-$build/web-bench-store-$persons}
export SAWT_INSECURE_FAST_KDF=1 SAWT_PASSPHRASE=${SAWT_PASSPHRASE:-"web bench passphrase"}
command -v wrk >/dev/null || { echo "web_load: wrk is missing (apt-get install wrk, or scripts/install-deps)" >&2; exit 1; }
[[ -x $sawt ]] || { echo "web_load: no $sawt" >&2; exit 1; }

if [[ ! -e $store/.bench-ready ]]; then
  rm -rf "$store"
  echo "building a store of $persons synthetic persons in $store (once)..."
  /usr/bin/time -f "  built in %e s wall, %U s user, %M KB max RSS" "$sawt" demo --people "$persons" --store "$store" >/dev/null
  printf 'bench password 1234\n' > "$store.pw"
  # An admin sees every person; a coordinator would get 404 for the confidential ones.
  "$sawt" user add bench --role admin --password-file "$store.pw" --store "$store" >/dev/null
  rm -f "$store.pw"
  touch "$store/.bench-ready"
fi

port_file=$(mktemp)
rm -f "$port_file"
"$sawt" serve --store "$store" --listen 127.0.0.1:0 --port-file "$port_file" --threads "$threads" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$port_file"' EXIT
# At start the server recomputes every person's alerts and risk: minutes for 100,000 persons.
for _ in $(seq 1800); do [[ -s $port_file ]] && break; kill -0 $server 2>/dev/null || break; sleep 0.5; done
[[ -s $port_file ]] || { echo "web_load: the server did not start" >&2; exit 1; }
port=$(cat "$port_file")
url=http://127.0.0.1:$port
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench password 1234"}' "$url/api/login" |
  sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/Ip' | tr -d '\r')
[[ -n $cookie ]] || { echo "web_load: login failed" >&2; exit 1; }
export SAWT_BENCH_COOKIE=$cookie SAWT_BENCH_PERSONS=$persons

# Warm the page cache and the per-thread connections. Each run starts after
# a pause longer than the server's keep-alive wait (5 s): a run started right
# after another found some workers still holding the last run's connections,
# and its first requests waited for them (seconds, counted as timeouts).
settle() { sleep "${SAWT_BENCH_SETTLE:-6}"; }
wrk -t2 -c"$conns" -d3s -s "$here/web/person.lua" "$url" >/dev/null
settle
wrk -t2 -c"$conns" -d3s -s "$here/web/search.lua" "$url" >/dev/null

# wrk's output -> "req/s p50 p99 errors" (latencies in ms).
summarise() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%8.0f %8.1f %8.1f %7d", rps, p50, p99, errors }'
}
status=0
printf '%-34s %8s %8s %8s %7s  %s\n' endpoint "req/s" "p50 ms" "p99 ms" errors "load avg (1 5 15 min)"
for case in "search:GET /api/persons?q=...:search.lua" "person:GET /api/persons/{id}:person.lua"; do
  IFS=: read -r name label script <<<"$case"
  settle
  out=$(wrk -t2 -c"$conns" -d"${seconds}s" --latency -s "$here/web/$script" "$url")
  row=$(summarise <<<"$out")
  printf '%-34s %s  %s\n' "$label" "$row" "$(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E 'Non-2xx|Socket errors' <<<"$out" | sed 's/^ */    /' || true
  read -r rps _ p99 errors <<<"$row"
  if awk -v r="$rps" -v p="$p99" -v e="$errors" 'BEGIN { exit !(r < 2000 || p >= 100 || e > 0) }'; then status=1; fi
done
# Not part of the target: every query asked once only (bench/web/unique.lua),
# so no search is answered from the server's memory of earlier ones; and the
# server's CPU time per request, which the machine's other load affects less.
settle
cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
before=$(cpu)
out=$(SAWT_SYNTH_DIR="$here/../data/synth" wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s --latency -s "$here/web/unique.lua" "$url")
after=$(cpu)
requests=$(awk '/requests in/ { print $1 }' <<<"$out")
printf '%-34s %s  %s  (server CPU %.2f ms per request)\n' "first-time searches only" "$(summarise <<<"$out")" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$(awk -v t="$((after - before))" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { print n ? 1000 * t / hz / n : 0 }')"
echo "(wrk -t2 -c$conns -d${seconds}s --latency; sawt serve --threads $threads; $(nproc) cores)"
[[ $status == 0 ]] || echo "web_load: below the target (>= 2000 req/s, p99 < 100 ms, 0 errors)"
exit 0
