#!/usr/bin/env bash
# Prints the bundle's sizes and fails when one is over its ceiling. Sizes are
# deterministic (pinned toolchain, lockfile and wasm-opt), so the test command
# runs this after every build; timings are only ever reported (scripts/bench.sh).
#
# The budgets are issue 7's: wasm <= 120 KB gzip, whole page <= 160 KB gzip
# (KB = 1000 bytes). Both are met, so each ceiling is its budget: a change
# that grows the bundle past it fails the test command, and has to find
# the bytes elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BUDGET=120000
PAGE_BUDGET=160000
WASM_CEILING=$WASM_BUDGET
PAGE_CEILING=$PAGE_BUDGET

gz() { gzip -9 -c "$1" | wc -c; }
wasm=$(gz www/pkg/hotgate_bg.wasm)
page=0
# Everything the page loads (the e2e test checks that it loads nothing else).
for f in www/index.html www/app.js www/style.css www/hotgate.css www/pkg/hotgate.js \
  www/pkg/snippets/hotgate/src/web/build.js www/pkg/snippets/hotgate/src/web/browser.js \
  www/pkg/hotgate_bg.wasm www/pkg/policies/default.toml; do
  page=$((page + $(gz "$f")))
done
printf 'wasm: %d B gzip (ceiling %d, budget %d)\n' "$wasm" "$WASM_CEILING" "$WASM_BUDGET"
printf 'page: %d B gzip (ceiling %d, budget %d)\n' "$page" "$PAGE_CEILING" "$PAGE_BUDGET"
status=0
if [ "$wasm" -gt "$WASM_CEILING" ]; then
  echo "the wasm grew past its ceiling ($wasm > $WASM_CEILING B gzip)" >&2
  status=1
fi
if [ "$page" -gt "$PAGE_CEILING" ]; then
  echo "the page grew past its ceiling ($page > $PAGE_CEILING B gzip)" >&2
  status=1
fi
exit $status
