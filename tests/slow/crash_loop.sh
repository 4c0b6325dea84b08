#!/usr/bin/env bash
# Crash loop (slow label): the real `sawt` binary is killed with SIGKILL at a
# random moment (0-300 ms after it starts) while it imports generated CSVs,
# adds persons and edits them, until at least CRASH_KILLS kills have landed on
# a running process. The store is in WAL mode (sawt's default; the CLI has no
# switch, rollback-journal mode is covered by crash_recovery_test.cc).
#
# Half of the delays aim at the end of a typical run of that command (commit,
# checkpoint, close), the other half are uniform.
#
# A transaction counts as COMMITTED only when the writer printed its --json
# result, which sawt does after the commit returned. After every kill:
#   - the files left behind hold no plaintext marker (the hot WAL is sealed);
#   - the store reopens and `sawt check` passes (every page authenticates,
#     PRAGMA integrity_check, audit hash chain);
#   - every committed person exists with its committed notes, every committed
#     import's source holds exactly its records, and the audit log never
#     shrinks;
#   - the killed command's own transaction is all there or not there at all:
#     an import is never partial, an unknown person never appears.
# The killed command's outcome is then known, and becomes part of what later
# checks demand.
#
#   usage: crash_loop.sh SAWT SAWT_STORE_PROBE
#   env:   CRASH_KILLS (default 240), CRASH_SEED (default: random, printed)
set -uo pipefail
SAWT=$1
PROBE=$2
KILLS=${CRASH_KILLS:-240}
seed=${CRASH_SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$seed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SAWT_STORE=$work/store SAWT_PASSPHRASE="crash loop passphrase" SAWT_INSECURE_FAST_KDF=1 SAWT_USER=crash

fail() {
  echo "FAIL: $*" >&2
  echo "  (reproduce with CRASH_SEED=$seed; kills so far: $kills)" >&2
  exit 1
}

"$SAWT" init >/dev/null || fail "init"

declare -A notes=()     # public id -> notes it must have (committed)
declare -A imports=()   # source name -> records it must hold (committed)
ids=()                  # committed public ids, to pick edit targets
kills=0 runs=0 since_verify=0
acked_add=0 acked_edit=0 acked_import=0 acked_records=0
resolved_committed=0 resolved_absent=0 verifications=0 presence_checks=0
last_audit=0
# The one operation whose outcome is unknown (its process was killed).
pend_kind="" pend_pid="" pend_notes="" pend_source="" pend_rows=0

first=(محمد أحمد خالد عمر علي حسن يوسف إبراهيم مصطفى سامر)
family=(الحموي المصري العلي الخطيب الأحمد الحلبي الشامي)

make_csv() {  # FILE SEQ ROWS
  awk -v seq="$2" -v n="$3" 'BEGIN {
    print "record_id,first_name,father_name,family_name,gender,birth_date,arrest_date,facility,notes";
    split("محمد أحمد خالد عمر علي حسن يوسف إبراهيم", f, " ");
    split("الحموي المصري العلي الخطيب الأحمد", g, " ");
    for (i = 1; i <= n; i++)
      printf "B%d-%d,%s,%s,%s,m,%d-%02d-%02d,2014,Roumieh,crashmark row %d of batch %d\n",
             seq, i, f[1 + (i + seq) % 8], f[1 + (i * 7) % 8], g[1 + (i + 3 * seq) % 5],
             1960 + i % 40, 1 + i % 12, 1 + i % 28, i, seq;
  }' > "$1"
}

# How long each kind of command took when it was not killed (ms, smoothed):
# half of the kills aim at the last fifth of a typical run, where the commit,
# the checkpoint and the close happen; the other half fall anywhere.
declare -A typical=([add]=60 [edit]=60 [import]=200)
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }

# Runs one sawt command (kind $1) in the background and SIGKILLs it after a
# random delay of 0-300 ms. Sets rc (137 when the kill landed on a running
# process).
run_killed() {
  local kind=$1
  shift
  local delay=$((RANDOM % 301)) t0
  if ((RANDOM % 2)); then
    local d=${typical[$kind]}
    delay=$((d * 8 / 10 + RANDOM % (d * 3 / 10 + 1)))
    ((delay > 300)) && delay=$((RANDOM % 301))
  fi
  t0=$(now_ms)
  "$SAWT" "$@" >"$work/out" 2>"$work/err" &
  local pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$pid" 2>/dev/null
  { wait "$pid"; } 2>/dev/null  # no "Killed" job report
  rc=$?
  runs=$((runs + 1))
  if ((rc == 0)); then
    local took=$(($(now_ms) - t0))
    typical[$kind]=$(((typical[$kind] * 3 + took) / 4))
  fi
}

verify() {  # WHY
  verifications=$((verifications + 1))
  # Nothing readable in what the crash left behind (database, WAL, shm).
  if grep -rlq crashmark "$SAWT_STORE"; then fail "plaintext marker on disk after $1: $(grep -rl crashmark "$SAWT_STORE")"; fi
  "$SAWT" check --json >"$work/check" 2>"$work/check.err" ||
    fail "sawt check failed after $1: $(cat "$work/check.err" "$work/check")"
  grep -q '"ok": true' "$work/check" || fail "sawt check not ok after $1: $(cat "$work/check")"
  "$PROBE" >"$work/probe" 2>"$work/probe.err" || fail "probe failed after $1: $(cat "$work/probe.err")"
  local -A seen=() src=()
  local kind a b audit_rows=-1 audit_ok=""
  while IFS=$'\t' read -r kind a b; do
    case $kind in
      person) seen[$a]=$b ;;
      source) src[$a]=$b ;;
      audit) audit_rows=$a audit_ok=$b ;;
    esac
  done <"$work/probe"
  [[ $audit_ok == ok ]] || fail "audit chain broken after $1"
  ((audit_rows >= last_audit)) || fail "audit log shrank from $last_audit to $audit_rows rows after $1"
  last_audit=$audit_rows

  # Committed persons, with their committed notes (or the killed edit's).
  local pid
  for pid in "${!notes[@]}"; do
    [[ -v seen[$pid] ]] || fail "committed person $pid is missing after $1"
    if [[ ${seen[$pid]} != "${notes[$pid]}" ]]; then
      [[ $pend_kind == edit && $pid == "$pend_pid" && ${seen[$pid]} == "$pend_notes" ]] ||
        fail "person $pid has notes '${seen[$pid]}', committed '${notes[$pid]}' (after $1)"
      notes[$pid]=$pend_notes
      resolved_committed=$((resolved_committed + 1))
      pend_kind=""
    fi
    presence_checks=$((presence_checks + 1))
  done
  # Persons nobody saw committed: only the killed add may have made one.
  for pid in "${!seen[@]}"; do
    [[ -v notes[$pid] ]] && continue
    [[ $pend_kind == add && ${seen[$pid]} == "$pend_notes" ]] ||
      fail "person $pid ('${seen[$pid]}') exists but was never added (after $1)"
    notes[$pid]=$pend_notes
    ids+=("$pid")
    resolved_committed=$((resolved_committed + 1))
    pend_kind=""
  done
  # Committed imports hold exactly their records.
  local s
  for s in "${!imports[@]}"; do
    [[ ${src[$s]:-missing} == "${imports[$s]}" ]] ||
      fail "import '$s' holds ${src[$s]:-no source} records, committed ${imports[$s]} (after $1)"
    presence_checks=$((presence_checks + 1))
  done
  for s in "${!src[@]}"; do
    [[ -v imports[$s] ]] && continue
    [[ $pend_kind == import && $s == "$pend_source" ]] || fail "source '$s' exists but was never imported (after $1)"
    [[ ${src[$s]} == "$pend_rows" ]] || fail "the killed import '$s' is PARTIAL: ${src[$s]} of $pend_rows records (after $1)"
    imports[$s]=$pend_rows
    resolved_committed=$((resolved_committed + 1))
    pend_kind=""
  done
  # Whatever is still pending did not commit, and never will.
  if [[ -n $pend_kind ]]; then resolved_absent=$((resolved_absent + 1)); fi
  pend_kind=""
  since_verify=0
}

seq=0
start=$SECONDS
while ((kills < KILLS)); do
  seq=$((seq + 1))
  op=$((RANDOM % 10))
  ((${#ids[@]} == 0 && op >= 4 && op <= 6)) && op=0
  if ((op <= 3)); then
    n="crashmark-add-$seq"
    name="${first[RANDOM % ${#first[@]}]} ${first[RANDOM % ${#first[@]}]} ${family[RANDOM % ${#family[@]}]}"
    run_killed add person add --name "$name" --gender m --notes "$n" --json
    if ((rc == 0)); then
      pid=$(grep -o '"public_id": "P-[0-9]*"' "$work/out" | grep -o 'P-[0-9]*') || fail "no public id in: $(cat "$work/out")"
      notes[$pid]=$n
      ids+=("$pid")
      acked_add=$((acked_add + 1))
    else
      pend_kind=add pend_notes=$n
    fi
  elif ((op <= 6)); then
    pid=${ids[RANDOM % ${#ids[@]}]}
    n="crashmark-edit-$seq"
    run_killed edit person edit "$pid" --notes "$n" --json
    if ((rc == 0)); then
      grep -q "\"notes\": \"$n\"" "$work/out" || fail "edit output lacks the new notes: $(cat "$work/out")"
      notes[$pid]=$n
      acked_edit=$((acked_edit + 1))
    else
      pend_kind=edit pend_pid=$pid pend_notes=$n
    fi
  else
    rows=$((20 + RANDOM % 1500))
    make_csv "$work/batch.csv" "$seq" "$rows"
    run_killed import import "$work/batch.csv" --source "batch-$seq" --json
    if ((rc == 0)); then
      grep -q "\"records_added\": $rows" "$work/out" || fail "import output: $(cat "$work/out")"
      imports[batch-$seq]=$rows
      acked_import=$((acked_import + 1))
      acked_records=$((acked_records + rows))
    else
      pend_kind=import pend_source=batch-$seq pend_rows=$rows
    fi
  fi
  if ((rc == 137)); then
    kills=$((kills + 1))
    verify "kill #$kills (run $runs, ${op})"
  elif ((rc != 0)); then
    fail "run $runs exited $rc: $(cat "$work/err")"
  else
    since_verify=$((since_verify + 1))
    ((since_verify >= 25)) && verify "run $runs (no kill)"
  fi
done
verify "the last run"

echo "crash loop (WAL mode, seed $seed): $kills kills landed in $runs runs, $((SECONDS - start)) s"
echo "  typical run times (ms): add ${typical[add]}, edit ${typical[edit]}, import ${typical[import]}"
echo "  committed and acknowledged: $acked_add person adds, $acked_edit edits, $acked_import imports ($acked_records records)"
echo "  killed commands resolved on reopen: $resolved_committed had committed, $resolved_absent had not (none partial)"
echo "  $verifications verifications (sawt check + contents), $presence_checks presence checks of committed transactions"
echo "  final store: ${#notes[@]} persons, ${#imports[@]} imports, $last_audit audit rows"
echo "1 passed, 0 failed"
