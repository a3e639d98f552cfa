#!/usr/bin/env bash
# The benchmark of issue 10 (README, "Benchmark"):
#   bash tools/bench.sh [--long] [--frames N] [--d3-frames N] [--scale-frames N]
# Needs what `bash tools/test.sh` leaves behind: tools/node_modules and the
# release build in pkg/. Prints a table with the budgets and writes
# bench/results.json (ignored by git). About 5 minutes; --long adds 10
# minutes of idle animation for the memory figure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -f pkg/bridge_map_bg.wasm || ! -d tools/node_modules/d3-geo ]]; then
  echo "bench.sh: pkg/ or tools/node_modules is missing; run 'bash tools/test.sh' (or tools/run.sh) first" >&2
  exit 1
fi
exec node tools/bench/bench.mjs "$@"
