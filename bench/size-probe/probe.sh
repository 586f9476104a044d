#!/usr/bin/env bash
# Usage: bash bench/size-probe/probe.sh framing items "items,validate" …  (one build per argument)
# Builds the probe once per feature set and prints wasm-bindgen + wasm-opt -Oz sizes.
set -euo pipefail
cd "$(dirname "$0")"
bd=$(bash ../../scripts/ensure-wasm-bindgen.sh)
for features in "$@"; do
  cargo build --release --target wasm32-unknown-unknown --features "$features" -q 2>/dev/null
  rm -rf out && "$bd/wasm-bindgen" --target web --out-dir out target/wasm32-unknown-unknown/release/sizeprobe.wasm
  ../../node_modules/.bin/wasm-opt -Oz out/sizeprobe_bg.wasm -o out/opt.wasm
  printf '%-40s %8d raw %8d gzip\n' "$features" "$(wc -c < out/opt.wasm)" "$(gzip -9 -c out/opt.wasm | wc -c)"
done
