#!/usr/bin/env bash
# Fuzzes policy loading and incident evaluation for SECONDS (default 600).
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
# Seeds: every shipped and every invalid test policy, each with an incident.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
corpus=corpus/policy_and_incident
mkdir -p "$corpus"
incident='{"title":"x","severity":"P1","security_vulnerability":true,"actively_exploited":true,"change_size_lines":501}'
for f in ../policies/*.toml ../tests/data/invalid/*.toml; do
  { cat "$f"; printf '\0%s' "$incident"; } > "$corpus/seed-$(basename "$f" .toml)"
done
exec cargo +nightly fuzz run policy_and_incident "$corpus" -- \
  -dict=toml.dict -max_total_time="$seconds" -print_final_stats=1
