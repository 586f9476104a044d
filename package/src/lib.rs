//! The npm package's WebAssembly module: letta-wasm's JavaScript API (its `js-api` feature, whose
//! `#[wasm_bindgen]` exports this cdylib keeps), with talc as the global allocator instead of std's
//! dlmalloc: 3 KB less gzipped wasm (bench/RESULTS.md). Rust programs that use the crate choose
//! their own allocator; this is the npm package's choice.

pub use letta_wasm;

/// Talc's allocator for WebAssembly, growing the linear memory as it needs.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: `TalckWasm::new_global` requires a single-threaded WebAssembly runtime: the package's
// module is built for wasm32-unknown-unknown without atomics, and runs on one thread (a page's or
// a Worker's).
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
