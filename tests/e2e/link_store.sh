#!/usr/bin/env bash
# End-to-end: linkage in the store with the real binary. A synthetic
# multi-source list is imported and linked into persons; a second `sawt link`
# changes nothing; the review queue lists, shows and decides pairs; "not a
# match" holds on the next run; a match merges two persons and `review undo`
# separates them again; merge, unmerge and split are reversible; bad input
# gets the documented exit codes; the audit log stays intact and names the
# user who decided.
set -euo pipefail
SAWT=$1
work=$(mktemp -d)
trap "rm -rf $work" EXIT
export SAWT_STORE=$work/store SAWT_PASSPHRASE="e2e passphrase 123" SAWT_INSECURE_FAST_KDF=1 SAWT_USER=e2e

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_rc() { local want=$1; shift; set +e; "$@" >"$work/out" 2>"$work/err"; local rc=$?; set -e
  [[ $rc == "$want" ]] || { cat "$work/out" "$work/err" >&2; fail "'$*' exited $rc, expected $want"; }; }
# The integer value of "KEY": N in a JSON file.
num() { sed -n "s/^ *\"$1\": \([0-9]*\),*$/\1/p" "$2" | sed -n 1p; }
# The public id of the person PERSON leads to (itself, or the one it was merged into).
pid_of() { "$SAWT" person show "$1" --json > "$work/pf.json"; sed -n 's/^ *"public_id": "\(P-[0-9]*\)".*/\1/p' "$work/pf.json" | sed -n 1p; }
# The public id of the person of side N (1 or 2) of pair PAIR, from `review list`.
person_of() { "$SAWT" review list --limit 1000 | awk -v p="$1" '$1 == p' | grep -o 'P-[0-9]*' | sed -n "$2p"; }

expect_rc 0 "$SAWT" init
"$SAWT" synth --people 300 --sources 4 --seed 2 --out "$work/synth" >/dev/null
expect_rc 0 "$SAWT" import "$work/synth/records.csv" --source synthetic
records=$(($(wc -l < "$work/synth/records.csv") - 1))

"$SAWT" link --json > "$work/link1.json"
[[ $(num records "$work/link1.json") == "$records" ]] || fail "link did not see all $records records"
created=$(num persons_created "$work/link1.json")
(( created > 250 && created < 400 )) || fail "300 synthetic people became $created persons"
pending=$(num review_pending "$work/link1.json")
(( pending >= 2 )) || fail "expected pairs to review, got $pending"
"$SAWT" link > "$work/link2.txt"
grep -q "Nothing changed" "$work/link2.txt" || fail "a second link run changed something: $(cat "$work/link2.txt")"
[[ $("$SAWT" person list --limit 1000 --json | grep -c '"public_id"') == "$created" ]] || fail "person count changed"

"$SAWT" review list --json > "$work/queue.json"
grep -q '"explanation": "agree:' "$work/queue.json" || fail "review pairs need explanations"
"$SAWT" review list > "$work/queue.txt"
pair1=$(awk 'NR == 2 { print $1 }' "$work/queue.txt")
pair2=$(awk 'NR == 3 { print $1 }' "$work/queue.txt")
[[ -n $pair1 && -n $pair2 ]] || fail "no pair numbers in: $(cat "$work/queue.txt")"
"$SAWT" review show "$pair1" > "$work/show.txt"
grep -q "why: agree:" "$work/show.txt" || fail "review show needs the explanation"
grep -q "probability" "$work/show.txt" || fail "review show needs the probability"

# Not a match: the two stay apart on the next run, and the pair is not asked again.
a1=$(person_of "$pair1" 1); b1=$(person_of "$pair1" 2)
[[ -n $a1 && -n $b1 ]] || fail "no persons for pair $pair1"
expect_rc 0 "$SAWT" review decide "$pair1" no-match --note "different mothers"
"$SAWT" link --json > "$work/link3.json"
[[ $(num labelled_pairs "$work/link3.json") == 1 ]] || fail "the decision did not refine the model"
"$SAWT" review list --limit 1000 > "$work/queue2.txt"
if awk -v p="$pair1" '$1 == p { found = 1 } END { exit !found }' "$work/queue2.txt"; then
  fail "a decided pair is in the queue again"
fi
[[ $(pid_of "$a1") != $(pid_of "$b1") ]] || fail "no-match pair was linked"

# A match merges the two persons; undo separates them again.
a2=$(person_of "$pair2" 1); b2=$(person_of "$pair2" 2)
[[ -n $a2 && -n $b2 ]] || fail "no persons for pair $pair2"
expect_rc 0 "$SAWT" review decide "$pair2" match
"$SAWT" person show "$b2" --json > "$work/merged.json"
"$SAWT" person show "$a2" --json > "$work/survivor.json"
cmp -s "$work/merged.json" "$work/survivor.json" || fail "after a match both ids must lead to one person"
expect_rc 0 "$SAWT" review undo
[[ $(pid_of "$b2") == "$b2" ]] || fail "undo did not bring $b2 back"
[[ $(pid_of "$a2") == "$a2" ]] || fail "undo did not bring $a2 back"

# Merge by hand, unmerge (kept apart later), split, undo.
expect_rc 0 "$SAWT" merge "$a2" "$b2" --note "same arrest"
[[ $(pid_of "$b2") == "$a2" ]] || fail "merge: $b2 does not lead to $a2"
expect_rc 0 "$SAWT" unmerge "$b2" --note "not him"
"$SAWT" link >/dev/null
[[ $(pid_of "$b2") == "$b2" ]] || fail "an unmerged person was linked again"
"$SAWT" person list --limit 40 --json > "$work/list.json"
multi=
for id in $(sed -n 's/^ *"public_id": "\(P-[0-9]*\)".*/\1/p' "$work/list.json"); do
  "$SAWT" person show "$id" --json > "$work/one.json"
  if (( $(grep -c '"record_id"' "$work/one.json") >= 2 )); then multi=$id; break; fi
done
[[ -n $multi ]] || fail "no person with two records to split"
rec=$(sed -n 's/^ *"record_id": "\([^"]*\)",*$/\1/p' "$work/one.json" | sed -n 1p)
expect_rc 0 "$SAWT" split "$multi" --records "$rec" --json
grep -q '"kind": "split"' "$work/out" || fail "split must report what it did"
expect_rc 0 "$SAWT" review undo

# Documented exit codes for bad input.
expect_rc 3 "$SAWT" review show 999999
expect_rc 3 "$SAWT" review decide 999999 match
expect_rc 1 "$SAWT" review decide "$pair2" perhaps
expect_rc 1 "$SAWT" review show not-a-number
expect_rc 1 "$SAWT" link --match-threshold 1.5
expect_rc 2 "$SAWT" split "$multi" --records NO-SUCH-RECORD
expect_rc 3 "$SAWT" unmerge "$a1"
"$SAWT" review list > "$work/queue3.txt"
pair3=$(awk 'NR == 2 { print $1 }' "$work/queue3.txt")
expect_rc 0 "$SAWT" review decide "$pair3" skip
"$SAWT" review list --limit 1000 > "$work/queue4.txt"
awk -v p="$pair3" '$1 == p && $3 == "skipped" { found = 1 } END { exit !found }' "$work/queue4.txt" ||
  fail "a skipped pair stays in the queue, marked skipped"
expect_rc 0 "$SAWT" review undo
SAWT_USER=other expect_rc 3 "$SAWT" review undo   # nothing of theirs to undo

"$SAWT" check >/dev/null || fail "store check failed"
"$SAWT" audit verify >/dev/null || fail "the audit chain is broken"
echo "1 passed, 0 failed"
