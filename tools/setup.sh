#!/usr/bin/env bash
# Idempotent installer for everything Bridge Map needs to build and test:
#   Debian: chromium, chromium-driver, fonts with Kazakh Cyrillic, fontconfig
#   rustup target wasm32-unknown-unknown
#   cargo: wasm-pack 0.15.1, wasm-bindgen-cli (= wasm-bindgen version in Cargo.lock),
#          cargo-deny 0.20.2 (deny.toml)
#   npm:   binaryen@132 (wasm-opt) under .tools/npm, tools/node_modules (npm ci)
# A rerun checks versions and installs nothing that is already right.
#
# Run it:     bash tools/setup.sh
# Or source:  source tools/setup.sh   (installs, then exports PATH/CHROME_BIN
#                                      into the calling shell via tools/env.sh)

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  # Sourced: do the work in a child bash so `set -e` never leaks into the
  # caller, then take over the environment.
  bash "${BASH_SOURCE[0]}" "$@" || return $?
  # shellcheck source=tools/env.sh
  source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
  return 0
fi

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=tools/env.sh
source tools/env.sh
cd "$ROOT"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }
t0=$SECONDS

# ---------------------------------------------------------------- apt ------
APT_UPDATED=0
apt_ensure() {
  # apt_ensure pkg... : install the packages that are not installed yet.
  local missing=() p
  for p in "$@"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == *"install ok installed"* ]]; then
      say "ok: $p $(dpkg-query -W -f='${Version}' "$p") already installed"
    else
      missing+=("$p")
    fi
  done
  ((${#missing[@]})) || return 0
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  if [[ $APT_UPDATED -eq 0 ]]; then
    say "running apt-get update"
    "${sudo[@]}" apt-get update -qq
    APT_UPDATED=1
  fi
  say "installing ${missing[*]} (apt)"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

apt_ensure chromium chromium-driver fontconfig fonts-noto-core fonts-dejavu-core

# Chromium and ChromeDriver come from the same Debian source: check they match.
# (Pipelines below capture output first: with pipefail, `cmd | grep -q` or
# `cmd | head` can fail on SIGPIPE even when the match succeeded.)
ver4() { { grep -oE '[0-9]+(\.[0-9]+){3}' <<<"$1" || true; } | sed -n 1p; }
chrome_v=$(ver4 "$(/usr/bin/chromium --version 2>/dev/null || true)")
driver_v=$(ver4 "$(chromedriver --version 2>/dev/null || true)")
[[ -n $chrome_v && $chrome_v == "$driver_v" ]] \
  || die "chromium ($chrome_v) and chromedriver ($driver_v) versions differ"
say "ok: chromium $chrome_v with matching chromedriver"

kk_fonts=$(fc-list ':charset=04d9 0493 049b 04a3 04e9 04b1 04af 04bb 0456' family || true)
kk_font=${kk_fonts%%$'\n'*}
[[ -n $kk_font ]] || die "no font covers the Kazakh Cyrillic letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І)"
say "ok: Kazakh Cyrillic font available ($kk_font)"

# --------------------------------------------------------------- rust ------
command -v cargo >/dev/null || die "cargo not found (need rustup's toolchain in \$HOME/.cargo/bin)"
if grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed)"; then
  say "ok: rust target wasm32-unknown-unknown already installed"
else
  say "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

wait_for_cargo_install() {
  # Never run a second concurrent `cargo install` of the same crate.
  local crate=$1 waited=0
  while pgrep -f "cargo install $crate( |$)" >/dev/null 2>&1; do
    ((waited)) || say "waiting for an already running 'cargo install $crate' to finish"
    waited=1
    sleep 5
  done
}

# wasm-pack ---------------------------------------------------------------
have_wasm_pack() {
  [[ "$(wasm-pack --version 2>/dev/null || true)" == "wasm-pack $BRIDGE_WASM_PACK_VERSION" ]]
}
wait_for_cargo_install wasm-pack
if have_wasm_pack; then
  say "ok: wasm-pack $BRIDGE_WASM_PACK_VERSION already installed"
else
  say "installing wasm-pack $BRIDGE_WASM_PACK_VERSION (cargo install, ~3 min)"
  cargo install wasm-pack --version "$BRIDGE_WASM_PACK_VERSION" --locked --quiet
  have_wasm_pack || die "wasm-pack $BRIDGE_WASM_PACK_VERSION not on PATH after install"
fi

# wasm-bindgen-cli: must equal the wasm-bindgen in Cargo.lock exactly -------
if [[ ! -f Cargo.lock ]]; then
  say "no Cargo.lock yet: running cargo generate-lockfile"
  cargo generate-lockfile --quiet || say "WARNING: cargo generate-lockfile failed"
fi
if [[ -f Cargo.lock ]]; then
  WBG_VERSION=$(awk '
    /^\[\[package\]\]/ { inpkg = 0 }
    /^name = "wasm-bindgen"$/ { inpkg = 1; next }
    inpkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock)
  [[ -n $WBG_VERSION ]] || die "no wasm-bindgen package found in Cargo.lock"
else
  # Only while the crate is too incomplete for cargo to write a lock file.
  WBG_VERSION=$(sed -nE 's/^wasm-bindgen *= *(\{ *version *= *)?"=?([0-9.]+)".*/\2/p' Cargo.toml | sed -n 1p)
  [[ -n $WBG_VERSION ]] || die "no Cargo.lock and no wasm-bindgen version in Cargo.toml"
  say "WARNING: no Cargo.lock: using wasm-bindgen $WBG_VERSION from Cargo.toml"
fi
have_wbg() {
  [[ "$(wasm-bindgen --version 2>/dev/null || true)" == "wasm-bindgen $WBG_VERSION" ]] \
    && command -v wasm-bindgen-test-runner >/dev/null
}
wait_for_cargo_install wasm-bindgen-cli
if have_wbg; then
  say "ok: wasm-bindgen-cli $WBG_VERSION already installed (the version Cargo.lock needs)"
else
  say "installing wasm-bindgen-cli $WBG_VERSION (cargo install, ~4 min)"
  # Deliberately without --locked (its lock file does not build here).
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force --quiet
  have_wbg || die "wasm-bindgen $WBG_VERSION not on PATH after install"
fi

# cargo-deny: licences, duplicate versions and sources (deny.toml) ---------
have_cargo_deny() {
  [[ "$(cargo deny --version 2>/dev/null || true)" == "cargo-deny $BRIDGE_CARGO_DENY_VERSION" ]]
}
wait_for_cargo_install cargo-deny
if have_cargo_deny; then
  say "ok: cargo-deny $BRIDGE_CARGO_DENY_VERSION already installed"
else
  # No prebuilt binary: its releases are on GitHub, which CI cannot reach.
  say "installing cargo-deny $BRIDGE_CARGO_DENY_VERSION (cargo install, ~6 min on two idle cores, 12 on a busy machine)"
  cargo install cargo-deny --version "$BRIDGE_CARGO_DENY_VERSION" --locked --quiet
  have_cargo_deny || die "cargo-deny $BRIDGE_CARGO_DENY_VERSION not on PATH after install"
fi

# ---------------------------------------------------------------- npm ------
# wasm-opt from npm binaryen, project-local; NEVER Debian's binaryen (v108).
have_wasm_opt() {
  [[ "$(command -v wasm-opt || true)" == "$BRIDGE_NPM_PREFIX/bin/wasm-opt" ]] \
    && [[ "$(wasm-opt --version 2>/dev/null || true)" == "wasm-opt version $BRIDGE_BINARYEN_VERSION "* ]]
}
if have_wasm_opt; then
  say "ok: wasm-opt (binaryen $BRIDGE_BINARYEN_VERSION) already installed in .tools/npm"
else
  say "installing binaryen@$BRIDGE_BINARYEN_VERSION (npm, into .tools/npm)"
  npm install --global --prefix "$BRIDGE_NPM_PREFIX" --no-audit --no-fund --loglevel=error \
    "binaryen@$BRIDGE_BINARYEN_VERSION" >/dev/null
  hash -r
  have_wasm_opt || die "wasm-opt $BRIDGE_BINARYEN_VERSION not first on PATH after install"
fi

# tools/node_modules (playwright-core etc.) ---------------------------------
if [[ ! -f tools/package.json ]]; then
  say "WARNING: tools/package.json does not exist yet: skipping npm install for tools/"
elif [[ -f tools/package-lock.json ]]; then
  if [[ tools/node_modules/.package-lock.json -nt tools/package-lock.json ]]; then
    say "ok: tools/node_modules up to date with tools/package-lock.json"
  else
    say "installing tools/node_modules (npm ci --prefix tools)"
    npm ci --prefix tools --no-audit --no-fund --loglevel=error >/dev/null
  fi
else
  if [[ tools/node_modules/.package-lock.json -nt tools/package.json ]]; then
    say "ok: tools/node_modules up to date (no lock file)"
  else
    say "WARNING: no tools/package-lock.json: falling back to npm install --prefix tools"
    npm install --prefix tools --no-audit --no-fund --loglevel=error >/dev/null
  fi
fi

say "done in $((SECONDS - t0))s"
