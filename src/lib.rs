//! # letta-wasm
//!
//! A typed, validating client core for the [Letta](https://docs.letta.com) agent server's Send Message
//! API (`POST /v1/agents/{agent_id}/messages`), written to run in the browser through WebAssembly and
//! tested on the host.
//!
//! - [`types`]: serde types for the whole request and response unions, stream items included.
//! - [`validate`]: request validation that reports every problem at once, each with a JSON Pointer path.
//! - [`sse`]: an incremental Server-Sent Events decoder with Letta's framing (`[DONE]`, `event: error`).
//! - [`stream`]: stream items from decoded events, and token deltas folded into whole messages.
//! - [`client`]: the HTTP client over `fetch` (on `wasm32`), with timeouts and retries.
//!
//! ```
//! use letta_wasm::validate::validate_send_params;
//!
//! let body = serde_json::json!({ "input": "Hello!", "streaming": true });
//! let valid = validate_send_params("agent-123e4567-e89b-42d3-a456-426614174000", &body).unwrap();
//! assert_eq!(valid.params.streaming, Some(true));
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
mod error;
pub mod sse;
pub mod stream;
pub mod types;
pub mod validate;
#[cfg(all(target_arch = "wasm32", feature = "js-api"))]
mod wasm;

pub use error::Error;
