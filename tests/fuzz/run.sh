#!/usr/bin/env bash
# Runs every libFuzzer target built in BUILD_DIR for SECONDS each, one after
# the other (the machine is shared), starting from the committed seeds in
# tests/fuzz/corpus/TARGET plus what earlier runs found (BUILD_DIR/corpus).
# Fails if any target crashes, trips a sanitizer, times out on an input or
# runs out of memory; the input is kept in BUILD_DIR/artifacts/.
#   usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]
set -uo pipefail
build=$1
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
summary=()
for target in page_open store_open keyfile backup bundle records_csv xlsx; do
  bin=$build/tests/fuzz/fuzz_$target
  [[ -x $bin ]] || { echo "missing $bin" >&2; failed+=("$target (not built)"); continue; }
  corpus=$build/corpus/$target
  mkdir -p "$corpus"
  log=$build/artifacts/$target.log
  echo "fuzz_$target: ${seconds} s ..."
  "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$target-" "$corpus" "$here/corpus/$target" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  units=$(find "$corpus" -type f | wc -l)
  summary+=("$(printf '  %-12s %10s runs  cov %6s  corpus %5s  exit %s' "$target" "${runs:-?}" "${cov:-?}" "$units" "$rc")")
  if ((rc != 0)); then
    failed+=("$target")
    echo "FAIL: fuzz_$target exited $rc; last lines of $log:" >&2
    grep -E 'ERROR|SUMMARY|violated|Test unit written|==[0-9]+==' "$log" | head -20 >&2
  fi
done
echo "fuzzing summary (${seconds} s per target):"
printf '%s\n' "${summary[@]}"
if ((${#failed[@]} > 0)); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
