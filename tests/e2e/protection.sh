#!/usr/bin/env bash
# End-to-end: the protection commands on a demo store. Alerts within 90 days
# list sentence ends with explanations; transfer screening gives verdicts with
# reasons; acknowledging an alert is audit-logged; a broken edited rules file
# is reported with file and line and the previous rules stay in force.
set -euo pipefail
SAWT=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SAWT_STORE=$work/store SAWT_PASSPHRASE="e2e passphrase 123" SAWT_INSECURE_FAST_KDF=1 SAWT_USER=e2e
fail() { echo "FAIL: $*" >&2; exit 1; }

"$SAWT" demo --people 300 --seed 3 >/dev/null
"$SAWT" alerts --due 90d --json > "$work/alerts.json"
releases=$(grep -c '"kind": "expected_release"' "$work/alerts.json" || true)
[[ $releases -ge 1 ]] || fail "no expected_release alert within 90 days"
grep -q '"explanation": "expected end of sentence' "$work/alerts.json" || fail "alerts need explanations"

"$SAWT" transfer screen --json > "$work/transfer.json"
for verdict in eligible not_yet ineligible; do
  grep -q "\"eligibility\": \"$verdict\"" "$work/transfer.json" || fail "no $verdict verdict in the screening"
done
grep -q '"reasons": \[' "$work/transfer.json" || fail "screening needs reasons"

key=$(sed -n 's/.*"key": "\([^"]*expected_release\)".*/\1/p' "$work/alerts.json" | sed -n 1p)
"$SAWT" alerts ack "$key" --note "family informed" >/dev/null
"$SAWT" alerts --due 90d --json > "$work/acked.json"
grep -q '"state": "acknowledged"' "$work/acked.json" || fail "acknowledgement not kept"
"$SAWT" check >/dev/null || fail "store check failed after acknowledging"

# A broken edit of the rules keeps the previous rules in force, and says where.
mkdir -p "$SAWT_STORE/reference/rules"
shipped=$(dirname "$0")/../../data/rules/lb.json
line=$(grep -n '"months": 9,' "$shipped" | sed -n 1p | cut -d: -f1)
[[ -n $line ]] || fail "the shipped rules changed: update this test"
sed "${line}s/\"months\": 9,/\"months\": \"nine\",/" "$shipped" > "$SAWT_STORE/reference/rules/lb.json"
"$SAWT" alerts --due 90d --json > "$work/after.json" 2> "$work/err"
grep -q "reference/rules/lb.json:$line" "$work/err" || fail "the warning must name the file and line $line: $(cat "$work/err")"
grep -q "previous rules stay in force" "$work/err" || fail "the warning must say the previous rules stay"
[[ $(grep -c '"kind": "expected_release"' "$work/after.json" || true) == "$releases" ]] || fail "alerts changed under broken rules"

"$SAWT" alerts ics --out "$work/d.ics" 2>/dev/null
head -n 1 "$work/d.ics" | grep -q "BEGIN:VCALENDAR" || fail "not an iCalendar file"
if grep -q "$(sed -n 's/.*"name": "\([^"]*\)".*/\1/p' "$work/alerts.json" | sed -n 1p)" "$work/d.ics"; then
  fail "the calendar export must not contain names"
fi
# A transfer is tracked as events on the timeline; consent to transfer has a witness.
pid=$(sed -n 's/.*"person": "\(P-[0-9]*\)".*"eligibility": "eligible".*/\1/p' "$work/transfer.json" | sed -n 1p)
[[ -n $pid ]] || pid=$(grep -o '"person": "P-[0-9]*"' "$work/transfer.json" | sed -n 1p | cut -d'"' -f4)
"$SAWT" consent "$pid" --scope transfer --decision granted --given-by self --witness "lawyer R. H." --date 2026-03-01 >/dev/null
for step in transfer_requested transfer_approved transfer_abroad transfer_follow_up; do
  "$SAWT" event add "$pid" --type "$step" --date 2026-04-01 --description "$step" >/dev/null
done
"$SAWT" person show "$pid" --json > "$work/person.json"
for step in transfer_requested transfer_approved transfer_abroad transfer_follow_up; do
  grep -q "\"type\": \"$step\"" "$work/person.json" || fail "event $step not on the timeline"
done
grep -q '"witness": "lawyer R. H."' "$work/person.json" || fail "the consent's witness is not recorded"
echo "1 passed, 0 failed"
