#!/usr/bin/env bash
# Builds the WebAssembly bundle into www/pkg/ and reports its size.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --lib --no-default-features --target wasm32-unknown-unknown --release
rm -rf www/pkg
wasm-bindgen --target web --out-dir www/pkg --out-name hotgate \
  target/wasm32-unknown-unknown/release/hotgate.wasm
# binaryen from npm: Debian's older wasm-opt breaks wasm-bindgen's output.
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers www/pkg/hotgate_bg.wasm -o www/pkg/hotgate_bg.wasm

raw=$(wc -c < www/pkg/hotgate_bg.wasm)
gz=$(gzip -9 -c www/pkg/hotgate_bg.wasm | wc -c)
printf 'wasm: %d bytes raw, %d bytes gzip (www/pkg/hotgate_bg.wasm)\n' "$raw" "$gz"
