#!/usr/bin/env bash
# Fuzzes Hotgate for SECONDS per target (default 600).
#   fuzz/run.sh [SECONDS] [TARGET...]   targets: policy_and_incident draft_import float
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
# Seeds: every shipped and every invalid test policy (with an incident), and
# the drafts in seeds/draft_import; the numbers in seeds/float.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(policy_and_incident draft_import float)

incident='{"title":"x","severity":"P1","security_vulnerability":true,"actively_exploited":true,"change_size_lines":501}'
mkdir -p corpus/policy_and_incident corpus/draft_import corpus/float
for f in ../policies/*.toml ../tests/data/invalid/*.toml ../tests/data/hostile/*.toml; do
  [ -f "$f" ] || continue
  { cat "$f"; printf '\0%s' "$incident"; } > "corpus/policy_and_incident/seed-$(basename "$f" .toml)"
done
cp seeds/draft_import/* corpus/draft_import/
cp seeds/float/* corpus/float/

for target in "${targets[@]}"; do
  dict=()
  [ "$target" = policy_and_incident ] && dict=(-dict=toml.dict)
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    "${dict[@]}" -max_total_time="$seconds" -print_final_stats=1
done
