#!/usr/bin/env bash
# `npm test`: every check, in the order that fails fastest. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-rust.sh

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (host, all targets)"
cargo clippy --all-targets --locked -- -D warnings

step "cargo clippy (wasm32: the package's build without serde, the default features, neither, and package/)"
cargo clippy --lib --target wasm32-unknown-unknown --locked --no-default-features --features js-api -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --locked -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --locked -- -D warnings
# package/: the npm package's cdylib (the crate's js-api with the talc allocator).
cargo clippy -p letta-wasm-package --target wasm32-unknown-unknown --locked -- -D warnings

step "cargo build (wasm32)"
cargo build --lib --target wasm32-unknown-unknown --locked

step "cargo test (host)"
cargo test --locked

step "cargo test --no-default-features (host: the crate as the package builds it, without serde)"
cargo clippy --lib --profile test --no-default-features --locked -- -D warnings
cargo test --lib --no-default-features --locked

step "the crate as published: its docs on docs.rs's settings (host and wasm32, no broken links), cargo publish --dry-run"
RUSTDOCFLAGS="--cfg docsrs -D warnings" cargo doc --no-deps --locked --no-default-features --features serde
RUSTDOCFLAGS="--cfg docsrs -D warnings" cargo doc --no-deps --locked --no-default-features --features serde --target wasm32-unknown-unknown
# (It leaves out the tests, which read the repository's fixtures, and says so once for each.)
if ! published=$(cargo publish --dry-run --allow-dirty --locked 2>&1); then
  echo "$published"
  exit 1
fi
grep -E 'Packaged|aborting upload' <<<"$published"

step "property tests: generated streams, items and requests (LETTA_PROPERTY_CASES per property; npm run fuzz for more)"
if ! properties=$(cargo test --locked --test properties -- --nocapture 2>&1); then
  echo "$properties"
  exit 1
fi
grep -E '^property|^test result' <<<"$properties"

step "cargo test --features typescript (pkg-template/types.d.ts is what the Rust types generate)"
cargo test --locked --features typescript --test typescript

step "tsc --strict (the package's declarations, tests/typescript/usage.ts, every fixture)"
bash scripts/ensure-node-deps.sh
node tests/typescript/check.mjs

step "the mock Letta server's own tests"
node --test tests/mock-letta*.test.mjs

step "wasm-bindgen-test: the client under Node and headless Chromium, against the mock Letta server"
bash scripts/test-wasm.sh

step "the package's JavaScript API under Node (debug build of pkg/)"
bash scripts/build.sh --debug
node --expose-gc --test tests/package/

step "the demo page and <letta-chat> in headless Chromium, served as npm start serves them (screenshots in test-results/)"
bash scripts/ensure-chromium.sh
node --test --test-concurrency=1 tests/e2e/

step "the package as users install it (release build): npm pack; Node 20 and 18; esbuild, Vite and webpack bundles and a Web Worker in Chromium; tsc"
bash scripts/test-package.sh
