//! The client against the mock Letta server, under Node (real `fetch` and `ReadableStream`).
//! Run by `scripts/test-wasm.sh`, which starts the mock server.
#![cfg(target_arch = "wasm32")]

include!("wasm/client_tests.rs");
