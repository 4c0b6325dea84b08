#!/usr/bin/env bash
# End-to-end: conditions monitoring, statistics and reports through the real
# binary on a demo store. Records a figure, a visit, an incident and a health
# need (bad input refused with exit 2 and a hint), and documents of the visit
# and the incident; `stats --json` agrees with
# the store's own counts; charts come out as SVG and PNG; the report is
# written in Arabic and English as PDF and HTML, and its pages are rendered to
# PNG for people to look at (build/test-artifacts/e2e-report-{ar,en}-N.png);
# a brief is refused (exit 4) without consent and written with it.
set -euo pipefail
SAWT=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SAWT_STORE=$work/store SAWT_PASSPHRASE="e2e passphrase 123" SAWT_INSECURE_FAST_KDF=1 SAWT_USER=e2e
export SAWT_TODAY=2026-06-30
artifacts=$(cd "$(dirname "$SAWT")" && pwd)/test-artifacts
mkdir -p "$artifacts"
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() {  # CODE COMMAND...: runs COMMAND, which must exit with CODE
  local want=$1; shift
  local got=0
  "$@" > "$work/out" 2> "$work/err" || got=$?
  [[ $got == "$want" ]] || fail "exit $got, expected $want: $* — $(cat "$work/err")"
}

"$SAWT" demo --people 150 --seed 5 >/dev/null

# Recording conditions.
"$SAWT" facility figure lb-baalbek --date 2026-05 --population 410 --capacity 180 --source "E2E monitors" \
  --source-kind ngo_list --reliability 4 --scope "all prisoners" >/dev/null
"$SAWT" facility figure lb-baalbek --date 2026-05 --population 350 --source "E2E official" >/dev/null
"$SAWT" facility visit lb-baalbek --date 2026-05-20 --visitor "E2E monitors" --rate overcrowding=critical \
  --rate "water=poor:cut for days" --rate lawyer_contact=not_observed >/dev/null
person=$("$SAWT" person list --status pretrial --limit 1 --json | jq -r '.persons[0].public_id')
"$SAWT" facility incident lb-baalbek --type death_in_custody --date 2026-05-28 --person "$person" \
  --description "e2e incident" --source "E2E monitors" >/dev/null
"$SAWT" health "$person" --need medication --severity urgent --note "insulin" >/dev/null
"$SAWT" conditions lb-baalbek --json > "$work/cond.json"
[[ $(jq '.figures | length' "$work/cond.json") == 2 ]] || fail "both sources' figures must be kept"
[[ $(jq -r '.visits[0].indicators[1].note' "$work/cond.json") == "cut for days" ]] || fail "indicator note lost"
[[ $(jq -r '.incidents[0].persons[0].public_id' "$work/cond.json") == "$person" ]] || fail "incident person lost"
[[ $(jq '.incidents[0].deaths' "$work/cond.json") == 1 ]] || fail "a death in custody counts one death"
"$SAWT" conditions lb-baalbek | grep -q "E2E official" || fail "text output must name the sources"

# Documents of a visit and of an incident: kept apart from persons' documents, read back byte for byte.
visit=$(jq '.visits[0].id' "$work/cond.json")
incident=$(jq '.incidents[0].id' "$work/cond.json")
"$SAWT" conditions lb-baalbek | grep -q "(visit $visit)" || fail "text output must show the visit's id"
printf 'E2E visit report: water cut for days\n' > "$work/report.txt"
doc=$("$SAWT" doc add --visit "$visit" "$work/report.txt" --kind visit_report --json | jq '.id')
"$SAWT" doc add --incident "$incident" "$work/report.txt" --kind medical_report >/dev/null
[[ $("$SAWT" doc list --visit "$visit" --json | jq -r '.[0].kind') == visit_report ]] || fail "visit document"
[[ $("$SAWT" doc list --incident "$incident" --json | jq 'length') == 1 ]] || fail "incident document"
[[ $("$SAWT" doc list "$person" --json | jq 'length') == 0 ]] || fail "a visit's document is not the person's"
"$SAWT" doc get "$doc" --out "$work/back.txt" >/dev/null
cmp -s "$work/report.txt" "$work/back.txt" || fail "the visit document must come back unchanged"
expect_exit 3 "$SAWT" doc add --visit 99999 "$work/report.txt"
expect_exit 1 "$SAWT" doc add "$person" --visit "$visit" "$work/report.txt"

# Bad input: what, where, how to fix; nothing written.
expect_exit 2 "$SAWT" facility figure lb-baalbek --date 2026-05 --population 10
grep -q "source" "$work/err" || fail "a figure without a source must say so"
expect_exit 2 "$SAWT" facility visit lb-baalbek --date 2026-05-21 --rate overcrowding=awful
grep -q "awful" "$work/err" || fail "an unknown rating must be named"
expect_exit 2 "$SAWT" facility visit lb-baalbek --date 2026-05-21 --rate overcrowding
expect_exit 2 "$SAWT" facility incident lb-nowhere --type violence --date 2026
expect_exit 2 "$SAWT" health "$person" --need wings
expect_exit 1 "$SAWT" facility figure lb-baalbek --population 10 --source x
[[ $("$SAWT" conditions lb-baalbek --json | jq '.figures | length') == 2 ]] || fail "a refused figure was written"
"$SAWT" check >/dev/null || fail "store check failed"

# Statistics: the JSON agrees with the store's own lists.
"$SAWT" stats --json > "$work/stats.json"
persons=$("$SAWT" person list --limit 100000 --json | jq '.persons | length')
[[ $(jq '.persons.count' "$work/stats.json") == "$persons" ]] || fail "stats persons != person list ($persons)"
[[ $(jq '[.by_status.rows[].count] | add' "$work/stats.json") == "$persons" ]] || fail "status rows must sum to n"
pretrial=$("$SAWT" person list --status pretrial --limit 100000 --json | jq '.persons | length')
[[ $(jq '.pretrial_months.denominator' "$work/stats.json") == "$pretrial" ]] || fail "pretrial denominator"
[[ $(jq '[.by_status.rows[] | select(.code == "pretrial") | .count] | add' "$work/stats.json") == "$pretrial" ]] \
  || fail "pretrial count"
[[ $(jq '[.deaths_per_year.rows[] | select(.year == 2026) | .count] | add' "$work/stats.json") -ge 2 ]] \
  || fail "the recorded death is counted in 2026"
[[ $(jq -r '.as_of' "$work/stats.json") == 2026-06-30 ]] || fail "as_of must be today"
[[ $(jq -r '.torture.as_of' "$work/stats.json") == 2026-06-30 ]] || fail "every figure carries its date"
"$SAWT" stats --as-of 2023-12-31 --json | jq -e '.incidents.count < '"$(jq '.incidents.count' "$work/stats.json")" \
  >/dev/null || fail "--as-of must leave out later incidents"
"$SAWT" stats | grep -q "By status (n = $persons)" || fail "text stats must show the denominator"

# Charts.
"$SAWT" stats chart occupancy-lb-roumieh --lang ar --out "$work/occ.svg"
grep -q "<svg" "$work/occ.svg" || fail "chart svg"
"$SAWT" stats chart pretrial --lang ar --format png --out "$artifacts/e2e-chart-pretrial-ar.png"
[[ $(head -c 4 "$artifacts/e2e-chart-pretrial-ar.png" | tail -c 3) == PNG ]] || fail "chart png"
expect_exit 3 "$SAWT" stats chart nothing --out "$work/x.svg"
grep -q "occupancy-lb-roumieh" "$work/err" || fail "an unknown chart must list the charts there are"

# The report, in both languages, both formats; pages rendered for review.
for lang in ar en; do
  "$SAWT" report --lang "$lang" --format pdf --out "$work/report-$lang.pdf" >/dev/null
  "$SAWT" report --lang "$lang" --format html --out "$work/report-$lang.html" >/dev/null
  pdftotext -enc UTF-8 "$work/report-$lang.pdf" "$work/report-$lang.txt"
  pages=$(pdfinfo "$work/report-$lang.pdf" | sed -n 's/^Pages: *//p')
  [[ $pages -ge 5 ]] || fail "the $lang report has only $pages pages"
  rm -f "$artifacts"/e2e-report-"$lang"-*.png
  cp "$work/report-$lang.pdf" "$artifacts/e2e-report-$lang.pdf"
  pdftoppm -png -r 60 "$work/report-$lang.pdf" "$artifacts/e2e-report-$lang"
  grep -q "lang=\"$lang\"" "$work/report-$lang.html" || fail "html lang"
done
grep -q "Baalbek" "$work/report-en.txt" || fail "the English report must cover the new facility"
grep -q "بعلبك" "$work/report-ar.txt" || fail "the Arabic report must cover the new facility"
grep -q 'dir="rtl"' "$work/report-ar.html" || fail "the Arabic html is right-to-left"
# No person is named in the report.
full='if .full then .full else [.first, .father, .grandfather, .family] | map(select(. != null and . != "")) | join(" ") end'
"$SAWT" person list --limit 100000 --json | jq -r ".persons[] | (.name_lat | $full), (.name_ar | $full)" > "$work/names"
[[ $(wc -l < "$work/names") -ge 300 ]] || fail "expected every person's names"
while read -r name; do
  [[ -z $name ]] && continue
  if grep -qF "$name" "$work/report-en.html" "$work/report-ar.html"; then fail "the report names $name"; fi
done < "$work/names"

# Briefs: refused without consent (exit 4), written with it.
for id in $("$SAWT" person list --limit 40 --json | jq -r '.persons[].public_id'); do
  code=0
  "$SAWT" brief "$id" --lang ar --format pdf --out "$work/brief.pdf" >/dev/null 2>"$work/err" || code=$?
  if [[ $code == 0 ]]; then granted=$id; else [[ $code == 4 ]] || fail "brief exit $code"; refused=$id; fi
  [[ -n ${granted:-} && -n ${refused:-} ]] && break
done
[[ -n ${granted:-} && -n ${refused:-} ]] || fail "the demo needs persons with and without consent"
expect_exit 4 "$SAWT" brief "$refused" --lang en --format html --out "$work/refused.html"
grep -q "publish_anonymised" "$work/err" || fail "the refusal must say which consent to record"
[[ ! -e $work/refused.html ]] || fail "a refused brief must not be written"
"$SAWT" brief "$granted" --lang ar --format pdf --out "$artifacts/e2e-brief-ar.pdf" >/dev/null
"$SAWT" brief "$granted" --lang en --format html --out "$work/brief.html" >/dev/null
echo "ok: reports in $artifacts/e2e-report-{ar,en}.pdf"
