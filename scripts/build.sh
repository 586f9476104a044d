#!/usr/bin/env bash
# `npm run build`: builds the npm package into pkg/ from the Rust crate and pkg-template/.
#   scripts/build.sh            release build, optimised with wasm-opt -Oz
#   scripts/build.sh --debug    debug build with the panic hook (faster to build, for tests)
# Skips the work when pkg/ is newer than everything it is made from.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
[[ "${1:-}" == "--debug" ]] && profile=debug
out=pkg
stamp="$out/.built-$profile"

newest_input=$(find src package pkg-template www/letta-chat Cargo.toml Cargo.lock scripts/build.sh scripts/bundle.mjs -type f -newer "$stamp" 2>/dev/null | head -n 1 || true)
if [[ -f "$stamp" && -z "$newest_input" ]]; then
  echo "build: $out/ is up to date ($profile)"
  exit 0
fi

bash scripts/ensure-rust.sh
bindgen_dir=$(bash scripts/ensure-wasm-bindgen.sh)
bash scripts/ensure-node-deps.sh

# The package's module is package/ (the crate's `js-api` with the talc allocator), built without the
# crate's default `serde` feature: it checks payloads with the crate's own JSON reader and schema
# tables (src/json, src/schema), which keeps serde and serde_json out of the wasm.
if [[ $profile == release ]]; then
  # Inline little beyond what is marked #[inline(always)] (the JSON reader's and the checker's hot
  # helpers): 3.8 KB less gzipped wasm for the same stream throughput (bench/RESULTS.md).
  # Panic locations name files: dependencies' as crates/<name>, not by this machine's paths.
  registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
  RUSTFLAGS="${RUSTFLAGS:-} -C llvm-args=-inline-threshold=5 --remap-path-prefix=$registry=crates" \
    cargo build --release --target wasm32-unknown-unknown --locked -p letta-wasm-package
else
  cargo build --target wasm32-unknown-unknown --locked -p letta-wasm-package --features panic-hook
fi
wasm="target/wasm32-unknown-unknown/$profile/letta_wasm_package.wasm"

rm -rf "$out"
"$bindgen_dir/wasm-bindgen" --target web --out-name letta_wasm --out-dir "$out" "$wasm"
if [[ $profile == release ]]; then
  # Also drops the custom sections nothing reads at run time (producers, target features): 0.2 KB.
  node_modules/.bin/wasm-opt -Oz --strip-producers --strip-debug --strip-target-features \
    "$out/letta_wasm_bg.wasm" -o "$out/letta_wasm_bg.wasm"
fi

version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
cp pkg-template/index.js pkg-template/index.node.js "$out/"
node scripts/bundle.mjs "$out"
sed "s/__VERSION__/$version/" pkg-template/package.json > "$out/package.json"
cp pkg-template/index.d.ts pkg-template/types.d.ts "$out/"
cp pkg-template/README.md "$out/" 2>/dev/null || true
cp LICENSE "$out/"
cp pkg-template/chat.d.ts "$out/chat/letta-chat.d.ts"
touch "$stamp"

raw=$(wc -c < "$out/letta_wasm_bg.wasm")
gz=$(gzip -9 -c "$out/letta_wasm_bg.wasm" | wc -c)
echo "build: $out/ ($profile) letta_wasm_bg.wasm $raw bytes, $gz gzip -9"
