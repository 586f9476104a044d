//! The HTTP client: Send Message as JSON (`send_message`) or as a stream of items
//! (`stream_message`), and resuming a background run (`resume_stream`), over the platform's
//! `fetch` and `ReadableStream` (browsers, Web Workers, Node 18+). These functions exist on `wasm32`
//! only (see this module's documentation for `wasm32-unknown-unknown`).
//!
//! - Requests are validated before sending unless `validate` is off, and every message gets an `otid`
//!   so retries can be deduplicated by the server.
//! - The timeout covers the wait for the response and, while a stream runs, every wait between two
//!   chunks; a stalled body fails instead of hanging.
//! - 408, 409 (except a pending approval), 429, 5xx, connection errors and timeouts are retried before
//!   any of a 2xx body is read, with exponential backoff and jitter, honouring `retry-after(-ms)`.
//!
//! The I/O half exists only on `wasm32`, for Rust code running in a browser; request preparation, the
//! retry policy and the error type are plain Rust and tested on the host. The npm package does its
//! I/O in JavaScript (`src/wasm/js/runtime.js`, which keeps the wasm small) and takes the request
//! bodies, the policy and the error messages from here through `src/wasm`, so both behave alike.

mod error;
#[cfg(all(target_arch = "wasm32", feature = "serde"))]
mod messages;
pub mod policy;
pub mod prepare;
#[allow(dead_code)] // used by the wasm32 client; its rule is tested on the host
mod resume;
#[cfg(target_arch = "wasm32")]
mod stream;
#[cfg(target_arch = "wasm32")]
pub(crate) mod transport;

pub use error::ClientError;
#[cfg(all(target_arch = "wasm32", feature = "serde"))]
pub use messages::MessageStream;
#[cfg(target_arch = "wasm32")]
pub use wasm::*;

/// Client defaults: where the server is, how to authenticate, how long to wait, how often to retry.
/// Its `Debug` output never shows the API key or the values of credential headers.
#[derive(Clone)]
pub struct ClientConfig {
    /// The server's base URL, e.g. `http://localhost:8283`.
    pub base_url: String,
    /// Sent as `Authorization: Bearer …` when set.
    pub api_key: Option<String>,
    /// Milliseconds to wait for a response, and between stream chunks (default 60 s).
    pub timeout_ms: f64,
    /// How many times to retry a failed attempt (default 2).
    pub max_retries: u32,
    /// Extra headers for every request.
    pub headers: Vec<(String, String)>,
    /// A `fetch` to use instead of the global one.
    #[cfg(target_arch = "wasm32")]
    pub fetch: Option<js_sys::Function>,
}

/// The default base URL: a Letta server on this machine.
pub const DEFAULT_BASE_URL: &str = "http://localhost:8283";
/// The default timeout: 60 s.
pub const DEFAULT_TIMEOUT_MS: f64 = 60_000.0;
/// The default number of retries.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), if is_credential(name) { "[redacted]" } else { value.as_str() }))
            .collect();
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("headers", &headers)
            .finish_non_exhaustive()
    }
}

/// Whether a header carries a credential, so that its value is never shown.
fn is_credential(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["authorization", "cookie", "x-api-key", "x-bare-password", "proxy-authorization"].contains(&name.as_str())
        || name.contains("token")
        || name.contains("secret")
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            max_retries: DEFAULT_MAX_RETRIES,
            headers: Vec::new(),
            #[cfg(target_arch = "wasm32")]
            fetch: None,
        }
    }
}

/// Per-call options; each overrides the client's default when set.
#[derive(Clone, Debug, Default)]
pub struct RequestOptions {
    /// Aborts the call when it fires.
    #[cfg(target_arch = "wasm32")]
    pub signal: Option<web_sys::AbortSignal>,
    /// Overrides [`ClientConfig::timeout_ms`].
    pub timeout_ms: Option<f64>,
    /// Overrides [`ClientConfig::max_retries`].
    pub max_retries: Option<u32>,
    /// Extra headers for this call.
    pub headers: Vec<(String, String)>,
    /// Validate the request before sending (default true).
    pub validate: Option<bool>,
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::prepare::{resume_body, send_message_body, uuid4};
    use super::transport::{ApiRequest, read_text, send};
    use super::{ClientConfig, ClientError, RequestOptions};
    use crate::json::Value;

    pub use super::stream::ItemStream;

    /// `POST /v1/agents/{agent_id}/messages` without streaming. Returns the response's JSON text,
    /// checked to be a `LettaResponse`.
    pub async fn send_message(
        config: &ClientConfig,
        agent_id: &str,
        params: &Value,
        options: &RequestOptions,
    ) -> Result<String, ClientError> {
        let request = messages_request(agent_id, params, false, options)?;
        let started = send(config, &request, options).await?;
        let text = read_text(&started.response, &started.deadline).await?;
        crate::schema::check_response(&text).map_err(|error| ClientError::InvalidResponse {
            message: format!("the body is not a LettaResponse: {error}"),
        })?;
        Ok(text)
    }

    /// `POST /v1/agents/{agent_id}/messages` with `streaming: true`: the stream of items.
    pub async fn stream_message(
        config: &ClientConfig,
        agent_id: &str,
        params: &Value,
        options: &RequestOptions,
    ) -> Result<ItemStream, ClientError> {
        let request = messages_request(agent_id, params, true, options)?;
        ItemStream::new(send(config, &request, options).await?)
    }

    /// `POST /v1/agents/{agent_id}/messages` with `streaming: true`, as a [`MessageStream`](super::MessageStream): a
    /// `futures_core::Stream` of typed items that resumes a background run (`background: true`)
    /// after a transport failure and can cancel it. Nothing is sent until it is first polled.
    #[cfg(feature = "serde")]
    pub fn stream_messages(
        config: &ClientConfig,
        agent_id: &str,
        params: &Value,
        options: &RequestOptions,
    ) -> super::MessageStream {
        let (owned_config, owned_options, owned_agent, owned_params) =
            (config.clone(), options.clone(), agent_id.to_owned(), params.clone());
        let opening =
            Box::pin(async move { stream_message(&owned_config, &owned_agent, &owned_params, &owned_options).await });
        super::MessageStream::new(config.clone(), options.clone(), agent_id.to_owned(), opening, params)
    }

    /// `POST /v1/runs/{run_id}/stream`: the items of a background run after sequence number
    /// `starting_after`, then the live run.
    pub async fn resume_stream(
        config: &ClientConfig,
        run_id: &str,
        starting_after: Option<i64>,
        include_pings: Option<bool>,
        options: &RequestOptions,
    ) -> Result<ItemStream, ClientError> {
        let path = format!("/v1/runs/{}/stream", encode(run_id));
        let request = ApiRequest {
            method: "POST",
            path,
            body: Some(resume_body(starting_after, include_pings)),
            accept_stream: true,
        };
        ItemStream::new(send(config, &request, options).await?)
    }

    /// `POST /v1/agents/{agent_id}/messages` with the prepared body (validated unless turned off).
    fn messages_request(
        agent_id: &str,
        params: &Value,
        streaming: bool,
        options: &RequestOptions,
    ) -> Result<ApiRequest<'static>, ClientError> {
        let body = send_message_body(agent_id, params, streaming, options.validate.unwrap_or(true), &mut random_otid)?;
        let path = format!("/v1/agents/{}/messages", encode(agent_id));
        Ok(ApiRequest { method: "POST", path, body: Some(body), accept_stream: streaming })
    }

    /// A path segment, percent-encoded.
    pub(super) fn encode(segment: &str) -> String {
        String::from(js_sys::encode_uri_component(segment))
    }

    fn random_otid() -> String {
        let mut bytes = [0u8; 16];
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
        uuid4(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_credentials() {
        let config = ClientConfig {
            api_key: Some("sk-let-very-secret".into()),
            headers: vec![("X-Api-Key".into(), "also-secret".into()), ("X-Trace".into(), "visible".into())],
            ..ClientConfig::default()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("visible") && shown.contains("[redacted]"), "{shown}");
    }
}
