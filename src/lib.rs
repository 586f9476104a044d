//! # letta-wasm
//!
//! A typed, validating client core for the [Letta](https://docs.letta.com) agent server's Send Message
//! API (`POST /v1/agents/{agent_id}/messages`), written to run in the browser through WebAssembly and
//! tested on the host.
//!
//! - [`types`]: serde types for the whole request and response unions, stream items included
//!   (feature `serde`, on by default).
//! - [`json`]: a small JSON reader and value tree of the crate's own.
//! - [`schema`]: every request and response type as a table, and the checks against them: strict for
//!   what the server sends (JSON text), lax for what a caller sends (pydantic's conversions).
//! - [`validate`]: request validation (the lax check and the rules across fields) that reports every
//!   problem at once, each with a JSON Pointer path.
//! - [`sse`]: an incremental Server-Sent Events decoder with Letta's framing (`[DONE]`, `event: error`).
//! - [`stream`]: stream items from decoded events, and token deltas folded into whole messages.
//! - [`client`]: the HTTP client over `fetch` (on `wasm32`), with timeouts and retries.
//!
//! The npm package is built without `serde`: it checks requests with [`validate`] on [`json::Value`]
//! trees and stream items with [`schema`], which accept exactly what the serde types accept, and hands
//! JavaScript the server's own JSON text.
//!
//! ```
//! use letta_wasm::validate::validate_send_params;
//!
//! let body = serde_json::json!({ "input": "Hello!", "streaming": true });
//! let valid = validate_send_params("agent-123e4567-e89b-42d3-a456-426614174000", &body).unwrap();
//! assert_eq!(valid.params.streaming, Some(true));
//! ```
//! (The example uses the typed API, so it needs the `serde` feature.)

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
mod error;
pub mod json;
pub mod schema;
pub mod sse;
pub mod stream;
#[cfg(feature = "serde")]
pub mod types;
pub mod validate;
#[cfg(all(target_arch = "wasm32", feature = "js-api"))]
mod wasm;

pub use error::Error;

/// The examples of the crate's README (docs/rust.md), compiled and run by `cargo test --doc`.
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../docs/rust.md")]
struct ReadmeExamples;
