#!/usr/bin/env bash
# `npm run bench`: builds the release package, installs the competitors (bench/package-lock.json),
# runs the benchmarks in Node and in headless Chromium, and prints the tables (also written to
# bench/out/results.md), the cost of rendering a streamed Markdown reply in <letta-chat>
# (bench/markdown.mjs), and of a whole streamed reply through the element after a long history
# (bench/chat.mjs). `npm run bench -- --quick` runs fewer rounds.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-node-deps.sh
bash scripts/ensure-chromium.sh
bash scripts/build.sh
stamp=bench/node_modules/.package-lock.json
if [[ ! -f "$stamp" || bench/package-lock.json -nt "$stamp" ]]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

node --expose-gc bench/node.mjs "$@"
node bench/browser.mjs "$@"
node bench/markdown.mjs | tee bench/out/markdown.txt
node bench/chat.mjs | tee bench/out/chat.txt
node bench/report.mjs
