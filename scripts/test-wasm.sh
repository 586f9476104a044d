#!/usr/bin/env bash
# The wasm-bindgen-test suites (tests/wasm_node.rs under Node, tests/wasm_browser.rs in headless
# Chromium) against the mock Letta server, which this script starts and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-rust.sh
bash scripts/ensure-chromium.sh
bindgen_dir=$(bash scripts/ensure-wasm-bindgen.sh)
export PATH="$bindgen_dir:$PATH"

port="${LETTA_MOCK_PORT:-18383}"
log=$(mktemp)
node "${LETTA_MOCK_SCRIPT:-scripts/mock-letta.mjs}" --port "$port" >"$log" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  grep -q agentId "$log" && break
  kill -0 $mock 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
info=$(grep -m1 agentId "$log")
export LETTA_MOCK_URL=$(node -e 'console.log(JSON.parse(process.argv[1]).url)' "$info")
export LETTA_MOCK_AGENT=$(node -e 'console.log(JSON.parse(process.argv[1]).agentId)' "$info")
echo "test-wasm: mock Letta at $LETTA_MOCK_URL, agent $LETTA_MOCK_AGENT"

# wasm-bindgen-test-runner looks for chromedriver on PATH (Debian puts it in /usr/bin).
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-60}"
cargo test --target wasm32-unknown-unknown --locked ${LETTA_WASM_TESTS:---test wasm_node --test wasm_browser}
