#!/usr/bin/env bash
# Runs every test of Hotgate; installs what the tests need first.
# Fails if any step fails or a step runs no test.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# Fails when a test run's output shows it ran nothing.
require_tests() {
  local log=$1 what=$2
  if ! grep -Eq '(^test result: ok\. [1-9][0-9]* passed|^ℹ pass [1-9][0-9]*)' "$log"; then
    echo "error: $what ran no test" >&2
    exit 1
  fi
}

step "installing what the tests need"
scripts/setup.sh --browser

log=$(mktemp)
trap 'rm -f "$log"' EXIT

step "format (cargo fmt --check)"
cargo fmt --check

step "lints (cargo clippy, native and wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --no-default-features --target wasm32-unknown-unknown -- -D warnings
# The benchmark hook (feature bench-hooks) is built only by scripts/bench.sh.
cargo clippy --lib --no-default-features --features bench-hooks --target wasm32-unknown-unknown -- -D warnings

step "native tests (cargo test)"
cargo test 2>&1 | tee "$log"
require_tests "$log" "cargo test"

step "browser tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=$(command -v chromedriver) \
  cargo test --no-default-features --target wasm32-unknown-unknown --tests 2>&1 | tee "$log"
require_tests "$log" "the wasm browser tests"

step "build the page"
scripts/build.sh

step "bundle sizes (fails over the ceilings in scripts/sizes.sh)"
scripts/sizes.sh

step "end-to-end tests (the page in Chromium with playwright-core; the package)"
node --test --test-reporter=spec tests/e2e/ tests/package/ 2>&1 | tee "$log"
require_tests "$log" "the end-to-end tests"
