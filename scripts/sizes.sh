#!/usr/bin/env bash
# Prints the bundle's sizes and fails when one is over its ceiling. Sizes are
# deterministic (pinned toolchain, lockfile and wasm-opt), so the test command
# runs this after every build; timings are only ever reported (scripts/bench.sh).
#
# The ceilings (KB = 1000 bytes) are room for the features to come, not a
# target: wasm <= 170 KB gzip, whole page <= 195 KB gzip (raised from 150
# and 180 KB by the trustworthy record: see BENCHMARKS.md). Below 2 KB,
# readable idiomatic code wins over bytes (see support/ and BENCHMARKS.md);
# nothing should grow without a reason, so the sizes are printed each run.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_CEILING=170000
PAGE_CEILING=195000

gz() { gzip -9 -c "$1" | wc -c; }
wasm=$(gz www/pkg/hotgate_bg.wasm)
page=0
# Everything the page loads (the e2e test checks that it loads nothing else).
for f in www/index.html www/style.css www/hotgate.css www/pkg/page.js \
  www/pkg/hotgate_bg.wasm www/pkg/policies/default.toml; do
  page=$((page + $(gz "$f")))
done
printf 'wasm: %d B gzip (ceiling %d)\n' "$wasm" "$WASM_CEILING"
printf 'page: %d B gzip (ceiling %d)\n' "$page" "$PAGE_CEILING"
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
