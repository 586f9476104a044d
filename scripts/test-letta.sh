#!/usr/bin/env bash
# `npm run test:letta`: the package and the demo against a real Letta 0.16.8 server on loopback
# (scripts/letta-peer/: installed once into a cached venv, started here, stopped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-node-deps.sh
bash scripts/ensure-chromium.sh
bash scripts/build.sh --debug

log=$(mktemp)
trap 'bash scripts/letta-peer/stop.sh; rm -f "$log"' EXIT
bash scripts/letta-peer/start.sh >"$log"
info=$(tail -n 1 "$log")
export LETTA_PEER_URL=$(node -e 'console.log(JSON.parse(process.argv[1]).url)' "$info")
echo "test-letta: Letta 0.16.8 at $LETTA_PEER_URL"

node --test --test-concurrency=1 tests/letta/
