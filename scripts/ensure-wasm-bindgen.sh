#!/usr/bin/env bash
# Makes sure the wasm-bindgen CLI (and its test runner) at exactly the version in Cargo.lock is
# installed, building it with cargo once and caching it under ~/.cache/wasm-bindgen-cli/<version>.
# Prints the directory holding the binaries. Fast when already present.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [[ -z "$version" ]]; then
  echo "ensure-wasm-bindgen: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
root="${WASM_BINDGEN_CACHE:-$HOME/.cache/wasm-bindgen-cli}/$version"

if ! "$root/bin/wasm-bindgen" --version 2>/dev/null | grep -qx "wasm-bindgen $version"; then
  echo "ensure-wasm-bindgen: building wasm-bindgen-cli $version (about 2 minutes, once)" >&2
  # --locked fails on registries that lack a pinned dependency version; fall back to a fresh resolve.
  cargo install wasm-bindgen-cli --version "=$version" --root "$root" --locked >&2 \
    || cargo install wasm-bindgen-cli --version "=$version" --root "$root" >&2
fi
echo "$root/bin"
