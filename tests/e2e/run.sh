#!/usr/bin/env bash
# End-to-end suite for the Post with Care extension.
#
# Expects the extension already built (scripts/build-extension.sh):
#   dist/chrome  and  dist/firefox   (override: POSTCARE_DIST_CHROME / POSTCARE_DIST_FIREFOX)
# Installs what it needs on a fresh Debian machine (Debian's chromium and firefox-esr; the npm
# packages in package-lock.json, with install scripts off so nothing downloads a browser), builds
# the fixture pages, runs every spec headless, and exits non-zero on any failure.
#
#   tests/e2e/run.sh                 # whole suite
#   tests/e2e/run.sh specs/sites.test.mjs
#   SURFACES=x,bluesky tests/e2e/run.sh specs/sites.test.mjs
#   tests/e2e/run.sh bench/latency.bench.mjs   # measurements for ./build.sh bench, not tests
set -euo pipefail
cd "$(dirname "$0")"
E2E=$PWD
REPO=$(cd ../.. && pwd)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  echo "e2e: installing ${missing[*]} (apt)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
if ! command -v node >/dev/null; then
  echo "e2e: node (>= 20) is required" >&2
  exit 1
fi

# npm packages: reinstall only when the lockfile changed.
STAMP=node_modules/.e2e-lock-stamp
if [ ! -f "$STAMP" ] || ! cmp -s package-lock.json "$STAMP"; then
  echo "e2e: npm ci"
  npm ci --ignore-scripts --no-audit --no-fund
  cp package-lock.json "$STAMP"
fi

echo "e2e: building fixtures"
node fixtures/build.mjs

DIST_CHROME=${POSTCARE_DIST_CHROME:-$REPO/dist/chrome}
DIST_FIREFOX=${POSTCARE_DIST_FIREFOX:-$REPO/dist/firefox}
for d in "$DIST_CHROME" "$DIST_FIREFOX"; do
  if [ ! -f "$d/manifest.json" ]; then
    echo "e2e: no built extension at $d (run scripts/build-extension.sh first)" >&2
    exit 1
  fi
done

mkdir -p artifacts
if [ $# -gt 0 ]; then
  SPECS=("$@")
else
  # Fixture self-test first (no extension), then the extension specs.
  SPECS=(specs/fixtures.selftest.mjs specs/sites.test.mjs specs/first-post.test.mjs specs/generic.test.mjs specs/popup-options.test.mjs specs/review.test.mjs
         specs/messages.test.mjs specs/attachments.test.mjs specs/privacy-messages.test.mjs
         specs/hardening.test.mjs specs/integrity.test.mjs specs/firefox.test.mjs)
fi
start=$(date +%s)
status=0
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=artifacts/e2e.tap "${SPECS[@]}" || status=$?
echo "e2e: finished in $(( $(date +%s) - start )) s (TAP log: tests/e2e/artifacts/e2e.tap)"
exit $status
