#!/usr/bin/env bash
# `npm run test:letta`: the package and the demo against a real Letta 0.16.8 server on loopback
# (scripts/letta-peer/: installed once into a cached venv, started here, stopped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-node-deps.sh
bash scripts/ensure-chromium.sh
bash scripts/build.sh

# The package as users install it: packed, installed into a throwaway project, imported by name.
work=$(mktemp -d "${TMPDIR:-/tmp}/letta-wasm-letta.XXXXXX")
log="$work/peer.json"
trap 'bash scripts/letta-peer/stop.sh; rm -rf "$work"' EXIT
tarball=$(npm pack ./pkg --pack-destination "$work" --silent --loglevel=error | tail -n 1)
mkdir -p "$work/consumer"
(cd "$work/consumer" && npm init -y >/dev/null && npm pkg set type=module &&
  npm install "$work/$tarball" --offline --no-audit --no-fund --loglevel=error)
echo "export * from 'letta-wasm';" >"$work/consumer/letta.mjs"
export LETTA_WASM_ENTRY="$work/consumer/letta.mjs"

bash scripts/letta-peer/start.sh >"$log"
info=$(tail -n 1 "$log")
export LETTA_PEER_URL=$(node -e 'console.log(JSON.parse(process.argv[1]).url)' "$info")
echo "test-letta: Letta 0.16.8 at $LETTA_PEER_URL"

node --test --test-concurrency=1 tests/letta/
