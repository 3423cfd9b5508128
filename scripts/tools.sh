#!/usr/bin/env bash
# Installs what building Checkpoint needs and is not there yet; safe to run again.
#   - the wasm32-unknown-unknown Rust target;
#   - wasm-bindgen-cli at exactly the version in Cargo.lock (a mismatch breaks hydration);
#   - wasm-opt from npm's binaryen (never Debian's: its old wasm-opt silently breaks the
#     bundle), into .tools/ inside the checkout;
#   - brotli for precompressed assets, from Debian when apt is usable (optional).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "==> adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "==> installing wasm-bindgen-cli $want (a few minutes, once)"
  cargo install --quiet wasm-bindgen-cli --version "$want"
fi

if [ ! -x .tools/npm/node_modules/.bin/wasm-opt ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "==> installing wasm-opt (binaryen from npm)"
    npm install --silent --no-audit --no-fund --prefix .tools/npm binaryen@132 >/dev/null
  else
    echo "note: npm not found; the browser bundle will not be size-optimised" >&2
  fi
fi

if ! command -v brotli >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "==> installing brotli (for precompressed assets)"
  (apt-get install -y -qq brotli >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq brotli >/dev/null 2>&1; }) \
    || echo "note: brotli unavailable; assets are served gzip-compressed only" >&2
fi
