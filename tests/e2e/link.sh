#!/usr/bin/env bash
# End-to-end: `sawt link` file mode and `sawt link-eval` on a small synthetic
# set (no store). Checks the exact shape of clusters.csv (every record once, in
# input order, person ids P1.. by first appearance), pairs.csv and review.csv
# headers, a saved model that can be used again, F1 and sibling precision above
# a floor, bad rows refused with their line number (exit 2), and `sawt link`
# without --in answering for the store mode.
set -euo pipefail
SAWT=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_rc() { local want=$1; shift; set +e; "$@" >"$work/out" 2>"$work/err"; local rc=$?; set -e
  [[ $rc == "$want" ]] || { cat "$work/out" "$work/err" >&2; fail "'$*' exited $rc, expected $want"; }; }

expect_rc 0 "$SAWT" synth --people 1500 --sources 4 --seed 7 --out "$work/s"
records=$(($(wc -l <"$work/s/records.csv") - 1))
[[ $(head -1 "$work/s/truth.csv") == "record_id,person_id,family" ]] || fail "truth.csv header"

expect_rc 0 "$SAWT" link --in "$work/s/records.csv" --out "$work/c.csv" --pairs "$work/p.csv" \
  --review "$work/r.csv" --save-model "$work/m.json" --threads 2
grep -q "^Linked $records records into " "$work/out" || fail "summary: $(cat "$work/out")"
[[ ! -s $work/err ]] || fail "stderr is not a terminal: no progress expected, got: $(cat "$work/err")"

# clusters.csv: header, then every input record once, in input order.
[[ $(head -1 "$work/c.csv") == "record_id,person_id" ]] || fail "clusters header: $(head -1 "$work/c.csv")"
[[ $(($(wc -l <"$work/c.csv") - 1)) == "$records" ]] || fail "clusters.csv must have $records rows"
diff <(tail -n +2 "$work/s/records.csv" | cut -d, -f1) <(tail -n +2 "$work/c.csv" | cut -d, -f1) >/dev/null ||
  fail "clusters.csv is not in input order"
awk -F, 'NR > 1 && $2 !~ /^P[0-9]+$/ { bad = 1 } END { exit bad }' "$work/c.csv" || fail "person ids are P<n>"
# Person ids are numbered by first appearance.
awk -F, 'NR > 1 { n = substr($2, 2) + 0; if (n > max + 1) bad = 1; if (n > max) max = n } END { exit bad }' "$work/c.csv" ||
  fail "person ids are not numbered by first appearance"
[[ $(head -1 "$work/p.csv") == "record_id_a,record_id_b,probability,explanation" ]] || fail "pairs header"
[[ $(head -1 "$work/r.csv") == "record_id_a,record_id_b,probability,explanation,note" ]] || fail "review header"
(($(wc -l <"$work/p.csv") > 100)) || fail "expected links in pairs.csv"
grep -q '"agree: ' "$work/p.csv" || fail "pairs carry explanations"
grep -q '"lambda"' "$work/m.json" || fail "model JSON"

# Quality on this set: pairwise F1 and siblings kept apart.
expect_rc 0 "$SAWT" link-eval --clusters "$work/c.csv" --truth "$work/s/truth.csv" --json
value() { sed -n "/\"$1\": {/,/}/p" "$work/out" | grep "\"$2\":" | sed 's/.*: *//; s/,$//'; }
f1=$(value pairs f1)
sib=$(value siblings precision)
[[ -n $f1 && -n $sib ]] || fail "link-eval --json: $(cat "$work/out")"
awk -v f="$f1" 'BEGIN { exit !(f >= 0.90) }' || fail "F1 $f1 below 0.90"
awk -v s="$sib" 'BEGIN { exit !(s >= 0.99) }' || fail "sibling precision $sib below 0.99"
expect_rc 0 "$SAWT" link-eval --clusters "$work/c.csv" --truth "$work/s/truth.csv"
grep -q "^pairs      precision " "$work/out" || fail "link-eval text output"
grep -q "^siblings   precision " "$work/out" || fail "link-eval sibling line"

# The saved model, used again as it is, gives the same clusters.
expect_rc 0 "$SAWT" link --in "$work/s/records.csv" --out "$work/c2.csv" --model "$work/m.json" --json
grep -q '"persons"' "$work/out" || fail "--json summary"
cmp -s "$work/c.csv" "$work/c2.csv" || fail "the saved model should give the same clusters"

# Columns to ignore; thresholds checked.
expect_rc 0 "$SAWT" link --in "$work/s/records.csv" --out "$work/c3.csv" --ignore birth_date --ignore phone_of_family
expect_rc 1 "$SAWT" link --in "$work/s/records.csv" --out "$work/c3.csv" --match-threshold 1.5
expect_rc 1 "$SAWT" link --in "$work/s/records.csv" --out "$work/c3.csv" --match-threshold 0.6 --review-threshold 0.8
expect_rc 1 "$SAWT" link --in "$work/s/records.csv"
expect_rc 3 "$SAWT" link --in "$work/missing.csv" --out "$work/c3.csv"

# A bad row is refused with its line number; nothing is written.
# Rows 2-5 as they are, then a copy of the first unquoted row with an
# impossible birth date (column 10) and an id of its own, on line 6.
{ head -1 "$work/s/records.csv"; sed -n 2,5p "$work/s/records.csv"
  grep -v '"' "$work/s/records.csv" | sed -n 2p | awk -F, -v OFS=, '{ $1 = "X-1"; $10 = "1985-13-40"; print }'; } >"$work/bad.csv"
expect_rc 2 "$SAWT" link --in "$work/bad.csv" --out "$work/bad-clusters.csv"
grep -q "bad.csv:6" "$work/err" || fail "the bad row's line: $(cat "$work/err")"
grep -q "birth_date" "$work/err" || fail "the bad row's reason: $(cat "$work/err")"
[[ ! -e $work/bad-clusters.csv ]] || fail "no clusters file for refused input"

# link-eval: a record missing from the truth is named.
{ cat "$work/c.csv"; echo "NOPE-1,P1"; } >"$work/c4.csv"
expect_rc 2 "$SAWT" link-eval --clusters "$work/c4.csv" --truth "$work/s/truth.csv"
grep -q "NOPE-1" "$work/err" || fail "link-eval names the unknown record"

# Without --in, `sawt link` is the store mode (a usage error until it is built,
# or a store error without a store): never file mode.
set +e; SAWT_STORE= SAWT_PASSPHRASE= "$SAWT" link >"$work/out" 2>"$work/err"; rc=$?; set -e
[[ $rc != 0 ]] || fail "sawt link without --in and without a store must fail"
echo "ok: link file mode ($records records, F1 $f1, siblings $sib)"
