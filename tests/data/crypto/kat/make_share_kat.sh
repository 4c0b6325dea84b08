#!/usr/bin/env bash
# Makes the known-answer partner share in share/: a bundle sent by a "KAT
# Sender" store to a "KAT Partner" store, the partner's store (the recipient
# identity lives in its key file), and the sender's public keys. Like
# make_kat.sh, run it only for a deliberate new bundle format version, into a
# new folder: the committed bundle is what partners have received, and
# tests/crypto/kat_test.cc must keep opening it. The bundle's nonces and
# ephemeral key are random, so regenerating gives other bytes.
#   usage: make_share_kat.sh path/to/sawt
set -euo pipefail
SAWT=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)/share
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SAWT_INSECURE_FAST_KDF=1 SAWT_USER=kat TZ=UTC
export SAWT_PASSPHRASE="sawt known-answer share 2026"
sender=$work/sender partner=$work/partner
"$SAWT" init --store "$partner" >/dev/null
"$SAWT" key export-public --name "KAT Partner" --store "$partner" > "$work/partner.pub"
"$SAWT" init --store "$sender" >/dev/null
"$SAWT" key export-public --name "KAT Sender" --store "$sender" > "$work/sender.pub"
"$SAWT" person add --store "$sender" --name "أسامة إبراهيم الحموي" --name "Usama Ibrahim al-Hamwi" --gender m \
  --birth-date 1984-03 --birth-place "حماة" --nationality sy --status pretrial --notes "not shared" >/dev/null
"$SAWT" person add --store "$sender" --name "Khaled Omar" --gender m --nationality ps --id-number "KAT-S-2" >/dev/null
"$SAWT" person add --store "$sender" --name "فاطمة العلي" --gender f --nationality sy >/dev/null
for p in P-000001 P-000002; do
  "$SAWT" consent "$p" --store "$sender" --scope share_partner --decision granted --partner "KAT Partner" \
    --given-by self --date 2026-01-15 >/dev/null
done
# P-000003 has no consent: withheld (exit 6 says some were).
"$SAWT" share "$work/kat-share.bundle" --store "$sender" --to "$work/partner.pub" --all --as "KAT Sender" \
  >/dev/null || [[ $? == 6 ]]
rm -rf "$here"
mkdir -p "$here/partner"
cp "$partner/sawt.key" "$partner/sawt.db" "$here/partner/"
cp "$work/sender.pub" "$work/kat-share.bundle" "$here/"
ls -la "$here" "$here/partner"
