#!/usr/bin/env bash
# The benchmark of issue 10 (README, "Benchmark"):
#   bash tools/bench.sh [--long] [--frames N] [--d3-frames N] [--scale-frames N]
#   bash tools/bench.sh --soak [--minutes N] [--snapshots]   the soak of issue 12 (10 minutes)
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
# --soak [--minutes N] [--snapshots]: the 10-minute soak of issue 12 instead (tools/bench/soak.mjs).
if [[ ${1:-} == --soak ]]; then
  shift
  exec node tools/bench/soak.mjs "$@"
fi
exec node tools/bench/bench.mjs "$@"
