#!/usr/bin/env bash
# Regenerates the known-answer store and backup in this folder. Run it only
# when the on-disk formats change ON PURPOSE (a new page, key-file or backup
# format version): the committed files are what old installations have on
# disk, and tests/crypto/kat_test.cc must keep opening them. After running it,
# update the expected values in kat_test.cc (the test prints what it found).
#   usage: make_kat.sh path/to/sawt
set -euo pipefail
SAWT=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SAWT_STORE=$work/store SAWT_INSECURE_FAST_KDF=1 SAWT_USER=kat TZ=UTC
export SAWT_PASSPHRASE="sawt known-answer store 2024"
"$SAWT" init >/dev/null
"$SAWT" person add --name "أسامة إبراهيم الحموي" --name "Usama Ibrahim al-Hamwi" --gender m \
  --birth-date 1984-03 --birth-place "حماة" --nationality sy --status pretrial \
  --notes "ملاحظة اختبار KAT-1" >/dev/null
"$SAWT" person add --name "فاطمة الزهراء العلي" --gender f --birth-date "~1990" --nationality sy \
  --status disappeared --notes "known-answer person 2" --confidential >/dev/null
"$SAWT" person add --name "Khaled Omar" --gender m --nationality ps --id-number "KAT-0003" >/dev/null
"$SAWT" person edit P-000001 --status sentenced --notes "ملاحظة اختبار KAT-1 (معدلة)" >/dev/null
cat > "$work/list.csv" <<'CSV'
record_id,first_name,father_name,family_name,gender,birth_date,arrest_date,facility,notes
K1,محمد,أحمد,الخطيب,m,1979-05-02,2014-02,Roumieh,KAT row 1
K2,يوسف,علي,المصري,m,1988,2015,Roumieh,KAT row 2
K3,Mariam,Hassan,Saleh,female,~1992-11,2016-07,,KAT row 3
K4,,,,m,1990,2014,Roumieh,no name: quarantined
CSV
"$SAWT" import "$work/list.csv" --source "KAT list" >/dev/null || [[ $? == 6 ]]
"$SAWT" check >/dev/null
printf 'sawt known-answer backup 2024\n' > "$work/backup-pass"
"$SAWT" backup "$work/kat.sawtbak" --backup-passphrase-file "$work/backup-pass" >/dev/null
rm -rf "$here/store" "$here/kat.sawtbak"
mkdir "$here/store"
cp "$SAWT_STORE/sawt.key" "$SAWT_STORE/sawt.db" "$here/store/"
cp "$work/kat.sawtbak" "$here/"
ls -la "$SAWT_STORE" "$here/store" "$here/kat.sawtbak"
