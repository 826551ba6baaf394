#!/usr/bin/env bash
# Runs every benchmark and prints one table: the engine natively (with a
# hand-written baseline), the wasm build in Node and in headless Chromium,
# the page's timings, and sizes. Copy the output into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --browser >&2
# The wasm benches call HotgatePolicy.benchmark, which is only in this
# build (it differs from the shipped one by that one method); the sizes
# below are measured on the shipped build.
HOTGATE_FEATURES=bench-hooks scripts/build.sh >&2

echo "## Native (cargo bench --bench engine)"
echo
cargo bench --bench engine 2>/dev/null | grep '^|'
echo
echo "## WebAssembly in Node ($(node --version))"
echo
node benches/node.mjs
echo
echo "## The page in headless Chromium ($(chromium --version 2>/dev/null | head -1))"
echo
node benches/browser.mjs
echo
scripts/build.sh >&2
echo "## Sizes"
echo
gz() { gzip -9 -c "$1" | wc -c; }
wasm_raw=$(wc -c < www/pkg/hotgate_bg.wasm)
wasm_gz=$(gz www/pkg/hotgate_bg.wasm)
# The page's weight as the size check counts it (one list of files).
page=$(scripts/sizes.sh | awk '/^page:/ { print $2 }')
echo "| what | bytes |"
echo "|---|---:|"
echo "| wasm, raw | $wasm_raw |"
echo "| wasm, gzip -9 | $wasm_gz |"
echo "| whole page (index.html, style.css, hotgate.css, page.js, wasm, default.toml), gzip -9 each | $page |"
