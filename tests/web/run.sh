#!/bin/sh
# Browser tests of the web interface against the real server.
#   tests/web/run.sh [SAWT_BIN] [--mock]
# Installs the front end's npm packages when missing (npm ci in web/), builds
# web/dist, then runs tests/web/*.test.mjs with Node's test runner, driving
# Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) — no browser is ever
# downloaded. --mock runs against the development mock (web/mock/) instead of
# `sawt serve`. Prints "N passed, N failed" last; exits non-zero on failure.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${SAWT_BIN:-build/sawt}
for arg in "$@"; do
  case "$arg" in
    --mock) export SAWT_WEB_MOCK=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) BIN=$arg ;;
  esac
done
case "$BIN" in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
export SAWT_BIN="$BIN"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ ! -x "$SAWT_BIN" ]; then
  echo "tests/web: no sawt binary at $SAWT_BIN (build it, or pass its path)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

cd "$ROOT/web"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build >/dev/null

mkdir -p "$ROOT/build/test-artifacts"
TAP="$ROOT/build/test-artifacts/web-tests.tap"
cd "$ROOT"
status=0
node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$TAP" \
  tests/web/*.test.mjs || status=$?

pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$TAP" | tail -1)
fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$TAP" | tail -1)
skip=$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$TAP" | tail -1)
pass=${pass:-0}; fail=${fail:-0}; skip=${skip:-0}
[ "$status" -ne 0 ] && [ "$fail" -eq 0 ] && fail=1
[ "$skip" -gt 0 ] && echo "($skip skipped: see the messages above)"
echo "screenshots: $ROOT/build/test-artifacts/"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
