# shellcheck shell=bash
# Environment for Bridge Map's tool scripts. Source it (do not execute it):
#   source tools/env.sh
# It sets ROOT to the repository root, puts the project-local tools first on
# PATH and exports CHROME_BIN. Safe to source more than once.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Pinned tool versions (the wasm-bindgen-cli version is read from Cargo.lock).
export BRIDGE_WASM_PACK_VERSION="0.15.1"
export BRIDGE_BINARYEN_VERSION="132"
export BRIDGE_CARGO_DENY_VERSION="0.20.2"

# Project-local npm prefix for binaryen's wasm-opt (git-ignored .tools/).
export BRIDGE_NPM_PREFIX="$ROOT/.tools/npm"

_bridge_path_prepend() {
  case ":$PATH:" in
    *":$1:"*) PATH="$1:$(printf '%s' ":$PATH:" | sed "s#:$1:#:#g; s#^:##; s#:\$##")" ;;
    *) PATH="$1:$PATH" ;;
  esac
}
# Last prepended ends up first: wasm-opt from npm binaryen must win over any
# system binaryen (Debian's v108 breaks wasm-bindgen output).
_bridge_path_prepend "$HOME/.cargo/bin"
_bridge_path_prepend "$BRIDGE_NPM_PREFIX/bin"
export PATH
unset -f _bridge_path_prepend

export CHROME_BIN=/usr/bin/chromium
