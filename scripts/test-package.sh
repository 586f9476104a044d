#!/usr/bin/env bash
# The package as users get it: builds pkg/ (debug), packs it with `npm pack`, installs the tarball into
# a throwaway consumer project, then checks it from there:
#   node      tests/package/consumer/node-smoke.mjs: `import … from 'letta-wasm'` under Node, against the
#             mock Letta server (send, stream + MessageAccumulator, sendApproval, ValidationError)
#   browser   tests/package/consumer/browser-entry.js bundled with esbuild (the .wasm copied next to the
#             bundle, as the package README says), run in headless Chromium against the mock
#   tsc       tests/package/consumer/usage.ts type-checked with --strict --module nodenext against the
#             installed package's declarations
# Prints "package: N passed, M failed" and exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

bash scripts/build.sh --debug
bash scripts/ensure-node-deps.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/letta-wasm-package.XXXXXX")
cleanup() {
  local pids
  pids=$(jobs -p)
  [[ -n "$pids" ]] && kill $pids 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

npm_quiet=(--no-audit --no-fund --loglevel=error)

tarball=$(npm pack ./pkg --pack-destination "$work" --silent "${npm_quiet[@]}" | tail -n 1)
echo "package: packed $tarball ($(wc -c < "$work/$tarball") bytes)"

consumer="$work/consumer"
mkdir -p "$consumer"
(
  cd "$consumer"
  npm init -y >/dev/null
  npm pkg set type=module
  npm install "$work/$tarball" --offline "${npm_quiet[@]}"
)
cp tests/package/consumer/node-smoke.mjs tests/package/consumer/browser-entry.js tests/package/consumer/usage.ts "$consumer/"

passed=0
failed=0
run_check() {
  local name=$1
  shift
  printf '\n-- package: %s\n' "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "package: ok   $name ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    echo "package: FAIL $name" >&2
  fi
}

check_node() {
  (cd "$consumer" && MOCK_LETTA="$repo/scripts/mock-letta.mjs" node node-smoke.mjs)
}

check_browser() {
  local out="$consumer/dist"
  mkdir -p "$out"
  (cd "$consumer" && "$repo/node_modules/.bin/esbuild" browser-entry.js --bundle --format=esm --target=es2022 \
    --platform=browser --outfile=dist/bundle.js --log-level=warning) || return 1
  cp "$consumer/node_modules/letta-wasm/letta_wasm_bg.wasm" "$out/"
  cp tests/package/consumer/index.html "$out/"
  node tests/package/consumer/browser-run.mjs "$out"
}

check_tsc() {
  (cd "$consumer" && "$repo/node_modules/.bin/tsc" --strict --module nodenext --moduleResolution nodenext \
    --noEmit --skipLibCheck false usage.ts)
}

run_check "Node: import from 'letta-wasm', against the mock" check_node
run_check "browser: esbuild bundle in headless Chromium, against the mock" check_browser
run_check "tsc --strict --module nodenext on the installed declarations" check_tsc

echo
echo "package: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
