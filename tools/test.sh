#!/usr/bin/env bash
# Bridge Map's whole test suite (what CI runs): bash tools/test.sh
# Stages, in order, stopping at the first failure:
#   native   cargo test --all-targets, cargo test --doc
#   data     node tools/build-data.mjs --check (committed data is up to date)
#   supply   cargo deny check licenses bans sources (+ advisories where the
#            database can be fetched), node --test tools/notice.test.mjs
#   browser  wasm-pack test --headless --chrome (wasm-bindgen-test in Chromium)
#   build    wasm-pack build --release --target web, node tools/package.mjs (npm package)
#   size     node tools/size.mjs (gzip budget to the first full map: 200 KB)
#   e2e      node --test tools/e2e/ (Playwright + Debian Chromium)
# Ends with the line "stages: N passed, M failed"; non-zero exit on failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! bash tools/setup.sh; then
  echo "FAILED: setup"
  echo "stages: 0 passed, 1 failed"
  exit 1
fi
# shellcheck source=tools/env.sh
source tools/env.sh
cd "$ROOT"

passed=0
failed=0
t_all=$SECONDS

finish() {
  echo
  echo "test.sh: total $((SECONDS - t_all))s"
  echo "stages: $passed passed, $failed failed"
  if ((failed)); then exit 1; fi
  exit 0
}

stage() {
  # stage NAME CMD... : run CMD, record the result, stop at the first failure.
  local name=$1 t=$SECONDS rc=0
  shift
  echo
  echo "=== stage: $name ==="
  "$@" || rc=$?
  if ((rc == 0)); then
    passed=$((passed + 1))
    echo "=== ok: $name ($((SECONDS - t))s) ==="
  else
    failed=$((failed + 1))
    echo "FAILED: $name (exit $rc, $((SECONDS - t))s)"
    finish
  fi
}

native_tests() {
  cargo test --all-targets && cargo test --doc
}

has_e2e_tests() {
  local files=()
  shopt -s nullglob globstar
  files=(tools/e2e/**/*.test.mjs)
  shopt -u nullglob globstar
  ((${#files[@]} > 0))
}

stage "native (cargo test)" native_tests
stage "data (node tools/build-data.mjs --check)" node tools/build-data.mjs --check
supply_checks() {
  # Licences, duplicate versions and sources (deny.toml): no advisory
  # database needed, only the crates.io index cargo already uses.
  cargo deny check licenses bans sources || return
  # The RustSec advisory database is a GitHub repository: where it cannot be
  # fetched (CI here), say so rather than pass as if it had been checked.
  if timeout 120 cargo deny fetch db >/dev/null 2>&1; then
    cargo deny check advisories || return
  else
    echo "supply: advisories NOT checked: the RustSec advisory database cannot be fetched from this machine"
  fi
  # NOTICE lists what the wasm and the data are made of.
  node --test tools/notice.test.mjs
}
stage "supply (cargo deny check licenses bans sources [advisories]; node --test tools/notice.test.mjs)" supply_checks
browser_tests() {
  # The test browser talks to wasm-bindgen-test-runner through
  # tools/wbt-proxy.mjs (one upstream connection per request): the runner's
  # tiny_http server starves when Chrome opens more than 4 keep-alive
  # connections at once, and the page then never loads. See that file.
  local port caps rc=0 proxy log
  log=$(mktemp)
  node tools/wbt-proxy.mjs >"$log" &
  proxy=$!
  for _ in $(seq 50); do port=$(head -n 1 "$log"); [[ -n $port ]] && break; sleep 0.1; done
  if [[ -z $port ]]; then kill "$proxy" 2>/dev/null; echo "the browser-test proxy did not start"; return 1; fi
  caps=$(mktemp --suffix=.json)
  printf '{"goog:chromeOptions":{"args":["proxy-server=http://127.0.0.1:%s","proxy-bypass-list=<-loopback>"]}}\n' "$port" >"$caps"
  WASM_BINDGEN_TEST_WEBDRIVER_JSON=$caps \
    wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)" || rc=$?
  kill "$proxy" 2>/dev/null
  wait "$proxy" 2>/dev/null
  rm -f "$caps" "$log"
  return "$rc"
}
stage "browser (wasm-pack test --headless --chrome)" browser_tests
build_pkg() { wasm-pack build --release --target web && node tools/package.mjs; }
stage "build (wasm-pack build --release --target web + node tools/package.mjs)" build_pkg
stage "size (node tools/size.mjs: ≤ 200 KB gzipped to the first full map)" node tools/size.mjs
if ! has_e2e_tests; then
  # A missing suite must not pass silently.
  stage "e2e (tools/e2e/*.test.mjs present)" false
fi
stage "e2e (node --test tools/e2e/)" node --test tools/e2e/
finish
