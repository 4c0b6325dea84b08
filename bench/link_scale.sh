#!/usr/bin/env bash
# How `sawt link` file mode scales: synthesizes multi-source lists (4 sources,
# both scripts, siblings) and runs `sawt link --in records.csv --out
# clusters.csv` under /usr/bin/time -v, then `sawt link-eval` against the
# truth. Prints a table: records, wall seconds, peak RSS, F1, sibling-pair
# precision. Sizes are people: 5,500 / 55,000 people give about 10k / 100k
# records; 550,000 give about 1M records and run only with BENCH_LARGE=1
# (goal: 1M records in at most 60 s and 4 GB on a 2-core machine).
#
#   bench/link_scale.sh [BUILD_DIR]      BUILD_DIR holds the sawt binary (default build-bench)
set -euo pipefail
build=${1:-build-bench}
sawt=$build/sawt
[[ -x $sawt ]] || { echo "link_scale: no $sawt (build first)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "link_scale: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seed=${SEED:-1}
sizes=(5500 55000)
[[ ${BENCH_LARGE:-0} == 1 ]] && sizes+=(550000)

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; seed $seed"
printf '%-10s %-9s %9s %10s %8s %8s %8s\n' records people seconds "peak MB" F1 P R
printf '%-10s %-9s %9s %10s %8s %8s %8s %s\n' "" "" "" "" "" "" "" "siblings kept apart"
for people in "${sizes[@]}"; do
  dir=$work/s$people
  "$sawt" synth --people "$people" --sources 4 --seed "$seed" --out "$dir" >/dev/null
  records=$(($(wc -l <"$dir/records.csv") - 1))
  /usr/bin/time -v "$sawt" link --in "$dir/records.csv" --out "$dir/clusters.csv" >"$dir/link.out" 2>"$dir/time.txt"
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$dir/time.txt")
  peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$dir/time.txt")
  "$sawt" link-eval --clusters "$dir/clusters.csv" --truth "$dir/truth.csv" >"$dir/eval.txt"
  read -r p r f1 < <(awk '$1 == "pairs" { print $3, $5, $7 }' "$dir/eval.txt")
  sib=$(awk '$1 == "siblings" { print $3 }' "$dir/eval.txt")
  printf '%-10s %-9s %9.1f %10s %8s %8s %8s %s\n' "$records" "$people" "$seconds" "$peak" "$f1" "$p" "$r" "$sib"
  rm -rf "$dir"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
