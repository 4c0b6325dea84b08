#!/usr/bin/env bash
# Encryption overhead: runs store_bench and prints encrypted/plain time ratios
# for each workload measured in the same run (goal: reads <= 1.25x, writes <= 1.5x).
# Reads are measured twice: with a 2 MiB page cache on a table 8x larger (every
# read decrypts: the worst case) and with the store's own 32 MiB cache.
set -euo pipefail
build=${1:-build-bench}
out=$("$build/bench/store_bench" --benchmark_format=csv 2>/dev/null)
echo "$out" | grep -E '^"' | cut -d, -f1,3,5 | tr -d '"' | column -t -s,
echo
echo "$out" | awk -F, '
  /^"/ { gsub(/"/, "", $1); n = split($1, p, "/"); name = (n >= 2 && p[2] !~ /^(min_time|iterations)/) ? p[1] "/" p[2] : $1; sub(/\/min_time:.*/, "", name); t[name] = $3 }
  END {
    n = split("Insert/plain_sync_full:Insert/encrypted_sync_full Insert/plain_sync_off:Insert/encrypted_sync_off PointRead/plain:PointRead/encrypted PointRead/plain_store_cache:PointRead/encrypted_store_cache Scan/plain:Scan/encrypted Scan/plain_store_cache:Scan/encrypted_store_cache", pairs, " ");
    for (i = 1; i <= n; i++) {
      split(pairs[i], ab, ":");
      if (t[ab[1]] > 0) printf "ratio %-32s %.2fx\n", ab[2] " / " ab[1], t[ab[2]] / t[ab[1]];
    }
    if (t["Unlock/iterations:3"] > 0) printf "unlock (Argon2id MODERATE): %.0f ms\n", t["Unlock/iterations:3"];
  }'
