#!/usr/bin/env bash
# Extension checks, after scripts/build-extension.sh: type-check, unit tests, Firefox lint, the shipped
# WebAssembly engine loaded in Node, then the browser end-to-end suite (tests/e2e) when present.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_npm .
NPM_BIN=$PWD/node_modules/.bin

step "Extension: type-check (tsc --checkJs)"
"$NPM_BIN/tsc" --noEmit -p tsconfig.json
echo "type-check clean"

step "Extension: unit tests (node --test, *.test.mjs beside the code)"
mapfile -t UNIT_TESTS < <(find extension scripts -name '*.test.mjs' -not -path '*/node_modules/*' | sort)
node --test --test-reporter=spec "${UNIT_TESTS[@]}"

step "Extension: web-ext lint (dist/firefox)"
"$NPM_BIN/web-ext" lint --source-dir dist/firefox --no-config-discovery --warnings-as-errors --output text

step "Extension: shipped engine in Node (UTF-16 spans after an emoji)"
node scripts/extension-wasm-smoke.mjs extension/generated
RAW=$(stat -c %s extension/generated/postcare_wasm_bg.wasm)
GZ=$(gzip -9 -c extension/generated/postcare_wasm_bg.wasm | wc -c)
printf 'postcare_wasm_bg.wasm: %s bytes raw, %s bytes gzip -9 (budget 358400)\n' "$RAW" "$GZ"
if [ "$GZ" -gt 358400 ]; then
  echo "FAIL: the shipped .wasm is over its 350 KB gzip budget" >&2
  exit 1
fi

if [ -x tests/e2e/run.sh ] || [ -f tests/e2e/run.sh ]; then
  step "Extension: end-to-end tests (tests/e2e/run.sh)"
  bash tests/e2e/run.sh
fi
