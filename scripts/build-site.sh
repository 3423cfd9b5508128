#!/usr/bin/env bash
# Builds the browser side into target/site/pkg: the islands bundle (WebAssembly + its JS
# glue), the stylesheet and icon, each precompressed (gzip, and brotli when available) so the
# server sends the smallest file the browser accepts.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
site=${CHECKPOINT_SITE_ROOT:-target/site}
pkg="$site/pkg"
mkdir -p "$pkg"

echo "==> building the islands bundle (wasm)"
cargo build --quiet -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate \
  --profile wasm-release
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name checkpoint \
  "$target_dir/wasm32-unknown-unknown/wasm-release/app.wasm"
mv -f "$pkg/checkpoint_bg.wasm" "$pkg/checkpoint.wasm"
# The glue names the wasm file after wasm-bindgen's default; Leptos passes the path itself,
# but keep the default consistent for anyone loading the module directly.
sed -i 's/checkpoint_bg\.wasm/checkpoint.wasm/g' "$pkg/checkpoint.js"
if [ -x .tools/npm/node_modules/.bin/wasm-opt ]; then
  .tools/npm/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$pkg/checkpoint.wasm" -o "$pkg/checkpoint.wasm"
fi

cp assets/checkpoint.css assets/favicon.svg assets/desk-clock.js "$pkg/"
for f in "$pkg"/checkpoint.wasm "$pkg"/checkpoint.js "$pkg"/checkpoint.css "$pkg"/favicon.svg "$pkg"/desk-clock.js; do
  gzip -9 -k -f -n "$f"
  if command -v brotli >/dev/null 2>&1; then brotli -q 11 -f -k "$f"; fi
done
ls -l "$pkg" | awk 'NR>1 {printf "    %8d  %s\n", $5, $9}'
