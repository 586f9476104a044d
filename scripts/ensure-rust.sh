#!/usr/bin/env bash
# Installs what the Rust side of the build needs, if it is missing: the wasm32 target and the
# clippy and rustfmt components. Idempotent and fast when everything is present.
set -euo pipefail

if ! command -v rustup >/dev/null 2>&1 || ! command -v cargo >/dev/null 2>&1; then
  echo "ensure-rust: rustup and cargo are required (https://rustup.rs)" >&2
  exit 1
fi

installed_targets=$(rustup target list --installed)
if ! grep -qx wasm32-unknown-unknown <<<"$installed_targets"; then
  echo "ensure-rust: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

installed_components=$(rustup component list --installed)
for component in clippy rustfmt; do
  if ! grep -q "^$component" <<<"$installed_components"; then
    echo "ensure-rust: adding the $component component"
    rustup component add "$component"
  fi
done
