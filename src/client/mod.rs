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
    /// Send to (and cancel in) this conversation instead of the agent's own thread
    /// (`/v1/conversations/{id}/…`).
    pub conversation_id: Option<String>,
}

/// A history query (`list_messages`, on wasm32): one page of an agent's (or a conversation's) messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageQuery {
    /// The page size (the server's default is 100).
    pub limit: Option<u32>,
    /// Messages before this message id.
    pub before: Option<String>,
    /// Messages after this message id.
    pub after: Option<String>,
    /// Oldest first; newest first when false (the default).
    pub ascending: bool,
    /// A conversation's messages instead of the agent's own thread (`"default"` is that thread too).
    pub conversation_id: Option<String>,
    /// Include messages marked as errors.
    pub include_err: Option<bool>,
    /// Only messages of this group.
    pub group_id: Option<String>,
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
        let text = exchange(config, messages_request(agent_id, params, false, options)?, options).await?;
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
    /// after a transport failure and can cancel it. The request is prepared (and validated) here;
    /// nothing is sent until the stream is first polled.
    ///
    /// With [`RequestOptions::conversation_id`], a body that fails before its run is known is sent
    /// again, unchanged: the conversation's route re-attaches a request with the same message otids.
    #[cfg(feature = "serde")]
    pub fn stream_messages(
        config: &ClientConfig,
        agent_id: &str,
        params: &Value,
        options: &RequestOptions,
    ) -> super::MessageStream {
        let stream = |opening, resend| {
            super::MessageStream::new(config.clone(), options.clone(), agent_id.to_owned(), opening, params, resend)
        };
        // Prepared once: sent again, the request carries the same message otids.
        let request = match messages_request(agent_id, params, true, options) {
            Ok(request) => std::rc::Rc::new(request),
            Err(error) => return stream(Box::pin(async move { Err(error) }), None),
        };
        let (config_owned, options_owned) = (config.clone(), options.clone());
        let open = move || -> super::messages::Opening {
            let (config, options, request) = (config_owned.clone(), options_owned.clone(), request.clone());
            Box::pin(async move { ItemStream::new(send(&config, &request, &options).await?) })
        };
        let opening = open();
        let resend: Option<super::messages::Resend> =
            options.conversation_id.is_some().then(|| Box::new(open) as super::messages::Resend);
        stream(opening, resend)
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

    /// `POST /v1/agents/{agent_id}/messages` (or the conversation's) with the prepared body
    /// (validated unless turned off).
    fn messages_request(
        agent_id: &str,
        params: &Value,
        streaming: bool,
        options: &RequestOptions,
    ) -> Result<ApiRequest<'static>, ClientError> {
        let body = send_message_body(agent_id, params, streaming, options.validate.unwrap_or(true), &mut random_otid)?;
        let path = messages_path(agent_id, options.conversation_id.as_deref());
        Ok(ApiRequest { method: "POST", path, body: Some(body), accept_stream: streaming })
    }

    /// Send Message and history: the agent's own thread, or a conversation's.
    fn messages_path(agent_id: &str, conversation_id: Option<&str>) -> String {
        match conversation_id {
            Some(conversation) => format!("/v1/conversations/{}/messages", encode(conversation)),
            None => format!("/v1/agents/{}/messages", encode(agent_id)),
        }
    }

    /// A request without a streamed answer: its body's text.
    async fn exchange(
        config: &ClientConfig,
        request: ApiRequest<'_>,
        options: &RequestOptions,
    ) -> Result<String, ClientError> {
        let started = send(config, &request, options).await?;
        read_text(&started.response, &started.deadline).await
    }

    /// `POST /v1/agents/{agent_id}/messages/cancel` with these run ids: the server's
    /// `{ run_id: status }`.
    pub async fn cancel_runs(
        config: &ClientConfig,
        agent_id: &str,
        run_ids: &[String],
        options: &RequestOptions,
    ) -> Result<String, ClientError> {
        let mut body = crate::json::Map::new();
        body.insert("run_ids", Value::Array(run_ids.iter().map(|id| Value::String(id.clone())).collect()));
        let path = format!("/v1/agents/{}/messages/cancel", encode(agent_id));
        exchange(
            config,
            ApiRequest { method: "POST", path, body: Some(Value::Object(body).to_string()), accept_stream: false },
            options,
        )
        .await
    }

    /// `POST /v1/conversations/{id}/cancel`: cancels whatever runs in the conversation. `"{}"` when
    /// nothing does (the server answers that with 409 "No active runs", which is not an error here).
    pub async fn cancel_conversation(
        config: &ClientConfig,
        agent_id: &str,
        conversation_id: &str,
        options: &RequestOptions,
    ) -> Result<String, ClientError> {
        let path = format!("/v1/conversations/{}/cancel?agent_id={}", encode(conversation_id), encode(agent_id));
        let request = ApiRequest { method: "POST", path, body: Some("{}".to_owned()), accept_stream: false };
        match exchange(config, request, options).await {
            Err(ClientError::Api { status: 409, body, .. })
                if super::policy::contains(&body.to_ascii_lowercase(), "no active runs") =>
            {
                Ok("{}".to_owned())
            }
            other => other,
        }
    }

    /// `GET /v1/agents/{agent_id}/messages` (or, with [`MessageQuery::conversation_id`](super::MessageQuery::conversation_id), the
    /// conversation's): one page of history as a JSON array of messages, checked against the message
    /// union (an unknown message type passes), in the order asked for. Letta 0.16.8 answers
    /// `order=desc` on the agent's own thread with the newest `limit` messages oldest first, and on a
    /// conversation newest first (both measured); the former is turned around, so that `desc` is
    /// newest first either way. The next page: `before` (desc) or `after` (asc) the last id.
    pub async fn list_messages(
        config: &ClientConfig,
        agent_id: &str,
        query: &super::MessageQuery,
        options: &RequestOptions,
    ) -> Result<String, ClientError> {
        let conversation = query.conversation_id.as_deref();
        let mut search: Vec<(&str, String)> = Vec::new();
        if let Some(limit) = query.limit {
            search.push(("limit", limit.to_string()));
        }
        for (key, value) in [("before", &query.before), ("after", &query.after), ("group_id", &query.group_id)] {
            if let Some(value) = value {
                search.push((key, value.clone()));
            }
        }
        let descending = !query.ascending;
        search.push(("order", if descending { "desc" } else { "asc" }.to_owned()));
        if let Some(include_err) = query.include_err {
            search.push(("include_err", include_err.to_string()));
        }
        // The conversation route takes the agent only for its "default" conversation (the agent's own thread).
        if conversation == Some("default") {
            search.push(("agent_id", agent_id.to_owned()));
        }
        let query_string: Vec<String> = search.iter().map(|(key, value)| format!("{key}={}", encode(value))).collect();
        let path = format!("{}?{}", messages_path(agent_id, conversation), query_string.join("&"));
        let text =
            exchange(config, ApiRequest { method: "GET", path, body: None, accept_stream: false }, options).await?;
        crate::schema::check_messages(&text).map_err(|error| ClientError::InvalidResponse {
            message: format!("the body is not a list of messages: {error}"),
        })?;
        let agent_recall = conversation.is_none_or(|id| id == "default" || id.starts_with("agent-"));
        if !(descending && agent_recall) {
            return Ok(text);
        }
        let mut page =
            Value::parse(&text).map_err(|error| ClientError::InvalidResponse { message: error.to_string() })?;
        if let Value::Array(messages) = &mut page {
            messages.reverse();
        }
        Ok(page.to_string())
    }

    /// `POST /v1/conversations/?agent_id=…`: starts a conversation (a thread of its own) with the
    /// agent. Returns the server's `Conversation` as JSON; its `id` goes in
    /// [`RequestOptions::conversation_id`].
    pub async fn create_conversation(
        config: &ClientConfig,
        agent_id: &str,
        summary: Option<&str>,
        options: &RequestOptions,
    ) -> Result<String, ClientError> {
        let mut body = crate::json::Map::new();
        if let Some(summary) = summary {
            body.insert("summary", summary.into());
        }
        let path = format!("/v1/conversations/?agent_id={}", encode(agent_id));
        let request =
            ApiRequest { method: "POST", path, body: Some(Value::Object(body).to_string()), accept_stream: false };
        let text = exchange(config, request, options).await?;
        match Value::parse(&text) {
            Ok(conversation) if conversation.get("id").is_some_and(Value::is_string) => Ok(text),
            _ => Err(ClientError::InvalidResponse { message: "the body is not a Conversation".to_owned() }),
        }
    }

    /// `GET /v1/conversations/?agent_id=…`: the agent's conversations, newest first (`limit` 50 by
    /// default, as the server), as a JSON array.
    pub async fn list_conversations(
        config: &ClientConfig,
        agent_id: &str,
        limit: Option<u32>,
        options: &RequestOptions,
    ) -> Result<String, ClientError> {
        let mut path = format!("/v1/conversations/?agent_id={}", encode(agent_id));
        if let Some(limit) = limit {
            path.push_str(&format!("&limit={limit}"));
        }
        let text =
            exchange(config, ApiRequest { method: "GET", path, body: None, accept_stream: false }, options).await?;
        match Value::parse(&text) {
            Ok(Value::Array(items)) if items.iter().all(|item| item.get("id").is_some_and(Value::is_string)) => {
                Ok(text)
            }
            _ => Err(ClientError::InvalidResponse { message: "the body is not a list of conversations".to_owned() }),
        }
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
