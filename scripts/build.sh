#!/usr/bin/env bash
# Builds the WebAssembly bundle into www/pkg/ and reports its size.
set -euo pipefail
cd "$(dirname "$0")/.."

# Paths of dependencies (in panic messages) must not depend on where cargo
# keeps its registry: the size check compares exact bytes across machines.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
# The same for the standard library's generic code compiled into the
# bundle: with the rust-src component installed, rustc names its files by
# their local path instead of the /rustc/<commit>/ path a machine without
# it uses.
sysroot_src="$(rustc --print sysroot)/lib/rustlib/src/rust"
rustc_commit=$(rustc -vV | awk '/^commit-hash:/ { print $2 }')
# HOTGATE_FEATURES: extra crate features (scripts/bench.sh builds with
# bench-hooks; what ships is built without).
RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$cargo_home=/cargo --remap-path-prefix=$sysroot_src=/rustc/$rustc_commit" \
  cargo build --lib --no-default-features ${HOTGATE_FEATURES:+--features "$HOTGATE_FEATURES"} \
  --target wasm32-unknown-unknown --profile wasm
rm -rf www/pkg
wasm-bindgen --target web --out-dir www/pkg --out-name hotgate \
  target/wasm32-unknown-unknown/wasm/hotgate.wasm
# binaryen from npm: Debian's older wasm-opt breaks wasm-bindgen's output.
# -ocimfs=30: a function with one caller is inlined only when it is small
# (drop glue, import shims; inlining those keeps the API round trip fast).
# Larger ones stay functions, which makes the file larger but 11 KB smaller
# after gzip, which is what is downloaded (the default inlines them all).
# --reorder-functions-by-name puts the functions of a module, and the
# instances of a generic function, next to each other: 1.3 KB less gzip.
node_modules/.bin/wasm-opt -Os --converge -ocimfs=30 --reorder-functions-by-name --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers www/pkg/hotgate_bg.wasm -o www/pkg/hotgate_bg.wasm
# One-letter import names in the wasm, and the glue rewritten to match.
node scripts/minify-imports.mjs www/pkg/hotgate_bg.wasm www/pkg/hotgate.js
# The JS snippet under a fixed path, so that index.html can preload it with
# the module: otherwise it is requested only once hotgate.js has arrived.
hashed=$(cd www/pkg/snippets && ls -d hotgate-*)
[ "$(printf '%s\n' "$hashed" | wc -l)" -eq 1 ] || { echo "build: expected one snippet directory, found: $hashed" >&2; exit 1; }
mv "www/pkg/snippets/$hashed" www/pkg/snippets/hotgate
sed -i "s#\./snippets/$hashed/#./snippets/hotgate/#g" www/pkg/hotgate.js
if grep -q "$hashed" www/pkg/hotgate.js || ! grep -q '\./snippets/hotgate/src/web/build\.js' www/pkg/hotgate.js; then
  echo "build: the glue's snippet imports were not moved to snippets/hotgate/" >&2
  exit 1
fi

# The stand-alone page's script: app.js and the module it imports, in one
# file. Four module requests cost the page 20-50 ms more to interactive
# than one (BENCHMARKS.md). `new URL('hotgate_bg.wasm', import.meta.url)`
# still finds the engine: the bundle is in pkg/ beside it.
node_modules/.bin/esbuild www/app.js --bundle --format=esm --minify --log-level=warning \
  --outfile=www/pkg/page.js
if ! grep -q "hotgate_bg.wasm" www/pkg/page.js; then
  echo "build: the page's bundle does not load the engine from beside it" >&2
  exit 1
fi

# The installable package: the module and its types, the <hotgate-wizard>
# element, the wizard's stylesheet, the JSON Schemas, the shipped policies.
cp src/web/hotgate-wizard.js src/web/hotgate-wizard.d.ts www/hotgate.css www/pkg/
mkdir -p www/pkg/schemas www/pkg/policies
cp schemas/*.json www/pkg/schemas/
cp policies/*.toml www/pkg/policies/
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
cat > www/pkg/package.json <<JSON
{
  "name": "hotgate",
  "version": "$version",
  "description": "Hotfix-release policy engine and wizard, compiled to WebAssembly",
  "type": "module",
  "main": "./hotgate.js",
  "module": "./hotgate.js",
  "types": "./hotgate.d.ts",
  "exports": {
    ".": { "types": "./hotgate.d.ts", "default": "./hotgate.js" },
    "./element": { "types": "./hotgate-wizard.d.ts", "default": "./hotgate-wizard.js" },
    "./hotgate_bg.wasm": "./hotgate_bg.wasm",
    "./hotgate.css": "./hotgate.css",
    "./schemas/*": "./schemas/*",
    "./policies/*": "./policies/*"
  },
  "files": [
    "hotgate.js", "hotgate.d.ts", "hotgate_bg.wasm", "hotgate_bg.wasm.d.ts",
    "hotgate-wizard.js", "hotgate-wizard.d.ts", "hotgate.css", "snippets/", "schemas/", "policies/"
  ],
  "sideEffects": ["./hotgate-wizard.js"],
  "engines": { "node": ">=20" }
}
JSON

raw=$(wc -c < www/pkg/hotgate_bg.wasm)
gz=$(gzip -9 -c www/pkg/hotgate_bg.wasm | wc -c)
printf 'wasm: %d bytes raw, %d bytes gzip (www/pkg/hotgate_bg.wasm)\n' "$raw" "$gz"
