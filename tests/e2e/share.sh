#!/usr/bin/env bash
# End-to-end: a partner share between two installations. Only persons whose
# consent covers the partner leave (the others are listed as withheld with a
# reason, exit 6); the bundle holds no readable name; the partner verifies the
# signature and takes the records in once, as a new source; a wrong sender key
# or a replay changes nothing (exit 4 / exit 2).
set -euo pipefail
SAWT=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SAWT_PASSPHRASE="e2e passphrase 123" SAWT_INSECURE_FAST_KDF=1 SAWT_USER=e2e
fail() { echo "FAIL: $*" >&2; exit 1; }
us=(--store "$work/us")
them=(--store "$work/them")

"$SAWT" demo "${us[@]}" --people 120 --seed 5 >/dev/null
"$SAWT" init "${them[@]}" >/dev/null
"$SAWT" key export-public "${them[@]}" --name "Geneva legal clinic (demo partner)" > "$work/them.pub"
"$SAWT" key export-public "${us[@]}" --name "Us" > "$work/us.pub"
"$SAWT" key export-public "${them[@]}" > "$work/stranger.pub"  # their key, not ours: cannot have signed

rc=0
"$SAWT" share "$work/b.bundle" "${us[@]}" --to "$work/them.pub" --all --as "Us" --json > "$work/share.json" || rc=$?
[[ $rc -eq 6 ]] || fail "share with withheld persons should exit 6, got $rc"
shared=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["shared"]))' "$work/share.json")
withheld=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["withheld"]))' "$work/share.json")
[[ $shared -ge 1 && $withheld -ge 1 ]] || fail "expected some shared and some withheld, got $shared / $withheld"
grep -q '"reason": "no consent to share with partners recorded"' "$work/share.json" || fail "withheld needs reasons"

# No name of any person of the store, in either script, is readable in the bundle.
"$SAWT" person list "${us[@]}" --json --limit 1000 > "$work/persons.json"
python3 - "$work/persons.json" "$work/b.bundle" <<'PY' || fail "a name is readable in the bundle"
import json, sys
persons = json.load(open(sys.argv[1]))
persons = persons.get("persons", persons) if isinstance(persons, dict) else persons
data = open(sys.argv[2], "rb").read()
names = set()
for p in persons:
    for script in ("name_ar", "name_lat"):
        for part in (p.get(script) or {}).values():
            if isinstance(part, str) and len(part.encode()) >= 6:
                names.add(part)
    if len(p.get("id_number", "")) >= 6:
        names.add(p["id_number"])
assert names, "no names to look for"
leaks = [n for n in names if n.encode() in data]
sys.exit(1 if leaks else 0)
PY

rc=0
"$SAWT" receive "$work/b.bundle" "${them[@]}" --from "$work/stranger.pub" 2> "$work/err.txt" || rc=$?
[[ $rc -eq 4 ]] || fail "a bundle checked against the wrong sender key should exit 4, got $rc"
grep -q "signed by a different key" "$work/err.txt" || fail "the wrong-sender error should say so"
"$SAWT" sources "${them[@]}" --json | grep -q '"kind"' && fail "nothing may be imported from an unverified bundle"

"$SAWT" receive "$work/b.bundle" "${them[@]}" --from "$work/us.pub" --json > "$work/recv.json"
grep -q "\"records_added\": $shared" "$work/recv.json" || fail "expected $shared records imported"
"$SAWT" sources "${them[@]}" --json | grep -q '"partner_share"' || fail "the share should be a partner_share source"

rc=0
"$SAWT" receive "$work/b.bundle" "${them[@]}" --from "$work/us.pub" 2> "$work/err2.txt" || rc=$?
[[ $rc -eq 2 ]] || fail "receiving the same bundle twice should exit 2, got $rc"
grep -q "received before" "$work/err2.txt" || fail "the replay error should say so"
"$SAWT" check "${them[@]}" >/dev/null || fail "the receiving store fails its check"
"$SAWT" audit verify "${us[@]}" >/dev/null || fail "the sending store's audit chain is broken"
echo "share: $shared shared, $withheld withheld, received once"
