#!/usr/bin/env bash
# Builds Hotgate and serves the page with the default policy on 127.0.0.1.
#   scripts/serve.sh [PORT]    (default 8080)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8080}"

scripts/setup.sh
scripts/build.sh
echo
echo "Hotgate is served at http://127.0.0.1:$port/  (Ctrl-C stops it)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory www
