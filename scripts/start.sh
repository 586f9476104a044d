#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the package (skipped when up to date), and serves the
# demo on 127.0.0.1 with the bundled mock Letta agent, or with LETTA_BASE_URL (LETTA_API_KEY,
# LETTA_AGENT_ID) a real Letta server behind the demo's same-origin proxy.
#   npm start                    release build of the package, the first free port of 8080–8089
#                                (PORT=… for another)
#   npm start -- --debug         debug build (faster to build, with the panic hook)
set -euo pipefail
cd "$(dirname "$0")/.."

profile=()
[[ "${1:-}" == "--debug" ]] && profile=(--debug)

bash scripts/ensure-node-deps.sh
bash scripts/build.sh "${profile[@]}"
if [[ -n "${PORT:-}" ]]; then
  exec node scripts/serve.mjs --port "$PORT"
fi
exec node scripts/serve.mjs
