//! The client against the mock Letta server, in headless Chromium (cross-origin `fetch`).
//! Run by `scripts/test-wasm.sh`, which starts the mock server.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("wasm/client_tests.rs");
