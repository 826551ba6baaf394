#!/usr/bin/env bash
# Builds Hotgate and serves the page with the default policy on 127.0.0.1.
#   scripts/serve.sh [PORT]    (default 8080)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8080}"

if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "serve.sh: \`$port\` is not a port number (1-65535); usage: scripts/serve.sh [PORT]" >&2
  exit 2
fi
# Before building: a build replaces www/pkg under a server that may be
# running, and a taken port would only fail after it.
if ! python3 -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$port" 2>/dev/null; then
  echo "serve.sh: port $port on 127.0.0.1 is already in use (is Hotgate already served there?)." >&2
  echo "Stop that server, or choose another port: scripts/serve.sh 9000" >&2
  exit 1
fi

scripts/setup.sh
scripts/build.sh
echo
echo "Hotgate is served at http://127.0.0.1:$port/  (Ctrl-C stops it)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory www
