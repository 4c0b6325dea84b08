#!/usr/bin/env bash
# End-to-end: exports from a demo store with the real binary.
#  - public: no cell holds any name variant (Arabic or Latin, curated or from a
#    source) of a person without publish_name consent in force (a revoked
#    consent counts as none); names never appear outside the name columns;
#    every quasi-identifier combination occurs at least k times; confidential
#    persons are left out; the summary counts add up.
#  - full: the warning about unencrypted data, every table present, XLSX that
#    reads back (the names sheet imports with --preview).
#  - uwazi: the header Uwazi's CSV importer matches (title__ar/title__en),
#    the same field count on every row, anonymised titles without consent.
# The checks read the CSVs with Node (RFC 4180 quoting), independently of sawt.
set -euo pipefail
SAWT=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SAWT_STORE=$work/store SAWT_PASSPHRASE="e2e passphrase 123" SAWT_INSECURE_FAST_KDF=1 SAWT_USER=e2e
fail() { echo "FAIL: $*" >&2; exit 1; }

"$SAWT" demo --people 300 --seed 5 >/dev/null
# A revoked consent: granted, then refused later. Their names must not be published.
"$SAWT" consent P-000001 --scope publish_name --decision granted --given-by self --date 2020-01-01 >/dev/null
"$SAWT" consent P-000001 --scope publish_name --decision refused --given-by self --date 2021-01-01 >/dev/null
"$SAWT" consent P-000001 --scope publish_anonymised --decision granted --given-by self --date 2021-01-01 >/dev/null

"$SAWT" export public --out "$work/pub" --as-of 2026-12-01 --json > "$work/public.json"
for f in persons.csv dictionary.md summary.json; do [[ -s $work/pub/$f ]] || fail "public export lacks $f"; done
grep -q "k-anonymity" "$work/pub/dictionary.md" || fail "the dictionary explains k-anonymity"
grep -q "الاسم" "$work/pub/dictionary.md" || fail "the dictionary is bilingual"

"$SAWT" export full --format json --out "$work/full.json" --include-confidential 2>"$work/full.err" >/dev/null
grep -q "UNENCRYPTED" "$work/full.err" || fail "the full export must warn that it is unencrypted"
"$SAWT" export uwazi --out "$work/uwazi.csv" --lang ar >/dev/null

node - "$work" <<'EOF'
const fs = require('fs');
const [work] = process.argv.slice(2);
const fail = (m) => { console.error('FAIL: ' + m); process.exit(1); };
function csv(text) {
  text = text.replace(/^\uFEFF/, '');
  const rows = []; let row = []; let cell = ''; let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) { if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c; }
    else if (c === '"') q = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else if (c !== '\r') cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
const full = JSON.parse(fs.readFileSync(`${work}/full.json`, 'utf8')).tables;
for (const t of ['persons', 'names', 'detention', 'cases', 'consents']) if (!Array.isArray(full[t])) fail(`full export lacks ${t}`);

// The publish_name decision in force per person: the latest by date (undated first), then by order.
const earliest = (d) => { d = (d || '').replace(/^~/, ''); return d ? (d + '-01-01').slice(0, 10) : ''; };
const inForce = new Map();
full.consents.forEach((c, i) => {
  if (c.scope !== 'publish_name') return;
  const key = [c.date ? 1 : 0, earliest(c.date), i];
  const best = inForce.get(c.person_id);
  const later = !best || key[0] > best.key[0] || (key[0] === best.key[0] && (key[1] > best.key[1] || (key[1] === best.key[1] && key[2] > best.key[2])));
  if (later) inForce.set(c.person_id, { key, decision: c.decision });
});
const named = (pid) => inForce.get(pid)?.decision === 'granted';
if (named('P-000001')) fail('the revoked consent of P-000001 still reads as granted');

const variants = new Map();  // name -> set of person ids
const add = (pid, n) => { n = (n || '').trim(); if (n.length < 4) return; if (!variants.has(n)) variants.set(n, new Set()); variants.get(n).add(pid); };
for (const p of full.persons) { add(p.person_id, p.name_ar); add(p.person_id, p.name_lat); }
for (const n of full.names) {
  add(n.person_id, n.full_name);
  add(n.person_id, [n.first_name, n.father_name, n.grandfather_name, n.family_name].filter(Boolean).join(' '));
  add(n.person_id, [n.first_name, n.father_name, n.family_name].filter(Boolean).join(' '));
}
const forbidden = [...variants].filter(([, pids]) => [...pids].every((pid) => !named(pid))).map(([n]) => n);
if (forbidden.length < 100) fail(`too few names to check (${forbidden.length})`);

const rows = csv(fs.readFileSync(`${work}/pub/persons.csv`, 'utf8'));
const header = rows.shift();
const nameCols = new Set(['name_ar', 'name_lat']);
let cells = 0, namedRows = 0;
for (const r of rows) {
  if (r.length !== header.length) fail(`a row has ${r.length} cells, the header ${header.length}`);
  r.forEach((cell, i) => {
    cells++;
    // A consented name may contain another person's shorter name (a son's
    // name holds his father's): in the name columns only an exact variant is a leak.
    const leaks = (n) => (nameCols.has(header[i]) ? cell === n : cell.includes(n));
    for (const n of forbidden) if (leaks(n)) fail(`row ${r[0]} column ${header[i]} holds the name of a person without publish_name consent (${[...variants.get(n)].join(' ')})`);
    if (!nameCols.has(header[i])) for (const [n] of variants) if (cell.includes(n)) fail(`a name appears outside the name columns (${header[i]})`);
  });
  if (r[1] || r[2]) namedRows++;
}
if (namedRows === 0) fail('no consented name was published: the check would pass vacuously');

const summary = JSON.parse(fs.readFileSync(`${work}/pub/summary.json`, 'utf8'));
const k = summary.k;
const qi = summary.quasi_identifiers.map((q) => header.indexOf(q));
if (qi.some((i) => i < 0)) fail('a quasi-identifier column is missing');
const groups = new Map();
for (const r of rows) { const key = qi.map((i) => r[i]).join('\u001f'); groups.set(key, (groups.get(key) || 0) + 1); }
for (const [key, n] of groups) if (n < k) fail(`the combination ${key} occurs ${n} times (< k = ${k})`);
const confidential = full.persons.filter((p) => p.confidential === 'yes').length;
if ((summary.persons_withheld.confidential || 0) !== confidential) fail(`confidential withheld ${summary.persons_withheld.confidential} != ${confidential}`);
const withheld = Object.values(summary.persons_withheld).reduce((a, b) => a + b, 0);
if (summary.persons_published + withheld !== summary.persons_in_store) fail('published + withheld != persons');
if (rows.length !== summary.persons_published) fail('the row count differs from the summary');
if (summary.persons_in_store !== full.persons.length) fail('the public export and the full export count different persons');

// Uwazi: the header its CSV importer matches, anonymised titles without consent.
const uw = csv(fs.readFileSync(`${work}/uwazi.csv`, 'utf8'));
const uh = uw.shift();
for (const c of ['title__ar', 'title__en']) if (!uh.includes(c)) fail(`uwazi.csv lacks ${c}`);
const idCol = uh.indexOf('sawt_id');
for (const r of uw) {
  if (r.length !== uh.length) fail('an Uwazi row has the wrong number of fields');
  const pid = r[idCol];
  if (!named(pid) && !(r[0] === `معتقل ${pid}` && r[1] === `Detainee ${pid}`)) fail(`uwazi title for ${pid} is not anonymised`);
  for (const n of forbidden) if (r.some((cell, i) => (i < 2 ? cell === n : cell.includes(n)))) fail(`uwazi.csv holds a name without consent (${pid})`);
}
const dates = uh.indexOf('arrest_date');
if (!uw.some((r) => /^\d{4}$/.test(r[dates]))) fail('uwazi arrest dates are not years');
console.log(`ok: ${rows.length} public rows, ${cells} cells scanned against ${forbidden.length} names, ${groups.size} groups >= ${k}; ${uw.length} Uwazi entities`);
EOF

# The XLSX export reads back: its names sheet is a records list sawt can import.
"$SAWT" export full --format xlsx --out "$work/full.xlsx" 2>/dev/null >/dev/null
"$SAWT" import "$work/full.xlsx" --sheet names --preview --json > "$work/preview.json"
names=$(jq '.tables.names | length' "$work/full.json")
[[ $(jq -r .format "$work/preview.json") == xlsx ]] || fail "the XLSX export is not read as a workbook"
[[ $(jq '.records_ok' "$work/preview.json") -ge 1 ]] || fail "the names sheet does not read back"
[[ $(jq '.rows_total' "$work/preview.json") -le $names ]] || fail "more rows than names"
grep -q 'سجن\|محمد\|أحمد' <(jq -r '.preview[].cells[]' "$work/preview.json") || fail "Arabic text did not survive the XLSX round trip"
# Refused: an encrypted workbook (an OLE container) and a sheet that is not there.
printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1%0600d' 0 > "$work/locked.xlsx"
set +e
"$SAWT" import "$work/locked.xlsx" --source x 2>"$work/err" >/dev/null; rc=$?
set -e
[[ $rc == 2 ]] || fail "an encrypted workbook must be refused with exit 2, got $rc"
grep -q "encrypted" "$work/err" || fail "the refusal must say the workbook is encrypted: $(cat "$work/err")"
set +e
"$SAWT" import "$work/full.xlsx" --sheet nope --preview 2>"$work/err" >/dev/null; rc=$?
set -e
[[ $rc == 3 ]] || fail "a missing sheet is 'not found' (3), got $rc"
echo "exports: ok"
