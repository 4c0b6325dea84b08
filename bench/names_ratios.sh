#!/usr/bin/env bash
# Name-engine kernels against their textbook references (bench/names_bench.cc),
# measured in the same run: pairs (or words) per second of each, and the ratio
# sawt / reference (above 1: sawt is faster). "agree" is the share of inputs on
# which the reference gives the same answer (the skeleton reference is ICU's
# transform, which differs by design on Latin spellings).
set -euo pipefail
build=${1:-build-bench}
bin=$build/bench/names_bench
[[ -x $bin ]] || { echo "names_ratios: no $bin" >&2; exit 1; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$bin" --benchmark_min_time=0.3 --benchmark_format=csv 2>/dev/null | awk -F, '
  NR == 1 { for (i = 1; i <= NF; i++) { h = $i; gsub(/"/, "", h); col[h] = i }; next }
  {
    name = $1; gsub(/"/, "", name); split(name, p, "_");
    rate[p[1], p[2]] = $col["items_per_second"];
    if (p[2] == "reference" && col["agree"] && $col["agree"] != "") agree[p[1]] = $col["agree"];
    if (!(p[1] in seen)) { seen[p[1]] = 1; order[++n] = p[1] }
  }
  END {
    printf "%-16s %14s %14s %8s %7s\n", "kernel", "sawt/s", "reference/s", "ratio", "agree";
    for (i = 1; i <= n; i++) {
      k = order[i];
      printf "%-16s %14.0f %14.0f %7.2fx %7s\n", k, rate[k, "sawt"], rate[k, "reference"],
             rate[k, "sawt"] / rate[k, "reference"], agree[k];
    }
  }'
