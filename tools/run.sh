#!/usr/bin/env bash
# Build Bridge Map for the web and serve it locally.
#   bash tools/run.sh            -> http://127.0.0.1:8000/www/index.html
#   PORT=9000 bash tools/run.sh
# Runs tools/setup.sh first (fast when everything is installed). Ctrl-C stops.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash tools/setup.sh
# shellcheck source=tools/env.sh
source tools/env.sh
cd "$ROOT"

echo "run: wasm-pack build --release --target web"
wasm-pack build --release --target web
node tools/package.mjs

PORT="${PORT:-8000}"
echo
echo "Bridge Map: http://127.0.0.1:$PORT/www/index.html  (Ctrl-C to stop)"
echo
exec python3 -m http.server --bind 127.0.0.1 "$PORT"
