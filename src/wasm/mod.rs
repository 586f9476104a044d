//! The WebAssembly exports, the only `#[wasm_bindgen]` code in the crate. The npm package's JavaScript
//! (`js/runtime.js`) owns the I/O (`fetch`, timers, abort signals) and calls these for everything
//! else: request bodies and their validation, the retry policy, error messages, and stream decoding
//! ([`StreamDecoder`]). Payloads cross as JSON text, parsed with `JSON.parse`, so JavaScript sees
//! exactly the server's objects (key order, nulls, unknown fields).

mod describe;

use wasm_bindgen::prelude::*;

use crate::client::{self, ClientError};
use crate::json::{Map, Value};
use crate::stream::{ItemBatches, StreamError};
use describe::{issues_json, stream_error_json, validation_json};

#[wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}

/// The client's defaults and the package version, as JSON: `{baseUrl, timeoutMs, maxRetries, version}`.
#[wasm_bindgen(js_name = clientDefaults)]
pub fn client_defaults() -> String {
    let mut out = String::from("{\"baseUrl\":");
    crate::json::write_string(&mut out, client::DEFAULT_BASE_URL);
    out.push_str(&format!(
        ",\"timeoutMs\":{},\"maxRetries\":{},\"version\":\"{}\"}}",
        client::DEFAULT_TIMEOUT_MS as u64,
        client::DEFAULT_MAX_RETRIES,
        env!("CARGO_PKG_VERSION")
    ));
    out
}

/// Validates Send Message params (JSON text) as `validateSendParams` reports it:
/// `{ok, errors, warnings, params?}`, with the server's conversions applied to `params`.
#[wasm_bindgen(js_name = checkSendParams)]
pub fn check_send_params(agent_id: &str, params_json: &str) -> Result<String, JsValue> {
    let body = parse_params(params_json)?;
    Ok(match crate::validate::check_send_params(agent_id, &body) {
        Ok(valid) => {
            format!(r#"{{"ok":true,"errors":[],"warnings":{},"params":{}}}"#, issues_json(&valid.warnings), valid.body)
        }
        Err(invalid) => format!(
            r#"{{"ok":false,"errors":{},"warnings":{}}}"#,
            issues_json(&invalid.errors),
            issues_json(&invalid.warnings)
        ),
    })
}

/// The body of a Send Message request: `streaming` set, `input` made a user message, an `otid` on
/// every message, validated unless `validate` is false. A request that fails validation throws a
/// string: the JSON `{message, errors, warnings}` of the `ValidationError` to raise.
#[wasm_bindgen(js_name = prepareSend)]
pub fn prepare_send(agent_id: &str, params_json: &str, streaming: bool, validate: bool) -> Result<String, JsValue> {
    let params = parse_params(params_json)?;
    client::prepare::send_message_body(agent_id, &params, streaming, validate, &mut random_otid).map_err(|error| {
        match error {
            ClientError::Validation(invalid) => JsValue::from_str(&validation_json(&invalid)),
            other => js_sys::Error::new(&other.to_string()).into(),
        }
    })
}

/// The params of an approval answer (JSON), with the other Send Message fields of `extra_json`.
#[wasm_bindgen(js_name = approvalParams)]
pub fn approval_params(
    tool_call_id: &str,
    approve: bool,
    reason: Option<String>,
    extra_json: Option<String>,
) -> String {
    let extra = extra_json.as_deref().and_then(|text| Value::parse(text).ok());
    let extra: Option<&Map> = extra.as_ref().and_then(Value::as_object);
    client::prepare::approval_params(tool_call_id, approve, reason.as_deref(), extra).to_string()
}

/// The body of a resume request.
#[wasm_bindgen(js_name = resumeBody)]
pub fn resume_body(starting_after: Option<f64>, include_pings: Option<bool>) -> String {
    client::prepare::resume_body(starting_after.map(|seq| seq as i64), include_pings)
}

/// How long to wait before retry number `retry` (see `client::policy::retry_delay_ms`).
#[wasm_bindgen(js_name = retryDelayMs)]
pub fn retry_delay_ms(
    retry: u32,
    retry_after_ms: Option<String>,
    retry_after: Option<String>,
    now_ms: f64,
    jitter: f64,
) -> f64 {
    client::policy::retry_delay_ms(retry, retry_after_ms.as_deref(), retry_after.as_deref(), now_ms, jitter)
}

/// Whether a response with this status (and body) is worth retrying.
#[wasm_bindgen(js_name = isRetryableStatus)]
pub fn is_retryable_status(status: u16, body: &str) -> bool {
    client::policy::is_retryable_status(status, body)
}

/// The message of an `APIError`: the status and what the body says went wrong.
#[wasm_bindgen(js_name = apiErrorMessage)]
pub fn api_error_message(status: u16, body: String) -> String {
    ClientError::Api { status, headers: Vec::new(), body }.to_string()
}

/// The message of a client error the JavaScript runtime raises itself, worded by the crate's
/// [`ClientError`] so that the package and the Rust client say the same: `abort`, `timeout`
/// (`timeout_ms`), `connection` (what the platform reported, `detail`), `invalid_response`
/// (`detail`), `incomplete_stream`. Another kind gives `detail` as it is.
#[wasm_bindgen(js_name = clientErrorMessage)]
pub fn client_error_message(kind: &str, detail: Option<String>, timeout_ms: Option<f64>) -> String {
    let detail = detail.unwrap_or_default();
    match kind {
        "abort" => ClientError::UserAbort,
        "timeout" => ClientError::Timeout { timeout_ms: timeout_ms.unwrap_or(0.0) },
        "connection" => ClientError::Connection { message: detail },
        "invalid_response" => ClientError::InvalidResponse { message: detail },
        "incomplete_stream" => ClientError::Stream(crate::stream::StreamError::Incomplete { pending_bytes: 0 }),
        _ => return detail,
    }
    .to_string()
}

/// Checks the text of a JSON reply: `undefined` when it is a `LettaResponse`, else the message of
/// the `StreamError` (`invalid_response`) to raise.
#[wasm_bindgen(js_name = checkResponse)]
pub fn check_response(text: &str) -> Option<String> {
    let error = crate::schema::check_response(text).err()?;
    Some(ClientError::InvalidResponse { message: format!("the body is not a LettaResponse: {error}") }.to_string())
}

/// Checks the text of a history page: `undefined` when it is a list of messages, else the message of
/// the `StreamError` (`invalid_response`) to raise.
#[wasm_bindgen(js_name = checkMessages)]
pub fn check_messages(text: &str) -> Option<String> {
    let error = crate::schema::check_messages(text).err()?;
    Some(ClientError::InvalidResponse { message: format!("the body is not a list of messages: {error}") }.to_string())
}

fn parse_params(params_json: &str) -> Result<Value, JsValue> {
    Value::parse(params_json).map_err(|error| js_sys::TypeError::new(&format!("params are not JSON: {error}")).into())
}

fn random_otid() -> String {
    let mut bytes = [0u8; 16];
    for byte in &mut bytes {
        *byte = (js_sys::Math::random() * 256.0) as u8;
    }
    client::prepare::uuid4(bytes)
}

/// Where a [`StreamDecoder`] stands, as JavaScript reads it after a push (`DecoderState.Done`, …).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecoderState {
    /// Reading: more items may come.
    Reading = 0,
    /// An error ended the stream and waits for `takeError` (it outranks `Done`).
    ErrorWaiting = 1,
    /// `[DONE]` came: the stream is complete.
    Done = 2,
}

/// Decodes one streaming body for `MessageStream`: SSE framing, Letta's end-of-stream rules, and a
/// check of every item against its shape.
#[wasm_bindgen]
#[derive(Default)]
pub struct StreamDecoder {
    batches: ItemBatches,
    error: Option<StreamError>,
}

#[wasm_bindgen]
impl StreamDecoder {
    /// A decoder for a new body.
    #[wasm_bindgen(constructor)]
    pub fn new() -> StreamDecoder {
        Self::default()
    }

    /// Decodes a chunk: the items it completed as one JSON array text, `"[]"` when it completed none
    /// but the [`state`](Self::state) changed, and `undefined` when nothing happened (so JavaScript
    /// needs one call per chunk in the common case). An error is kept for
    /// [`take_error`](Self::take_error) after the items before it.
    pub fn push(&mut self, chunk: &[u8]) -> Option<String> {
        if self.error.is_some() {
            return None;
        }
        let before = self.state();
        self.batches.push(chunk);
        self.drain().or_else(|| (self.state() != before).then(|| "[]".to_owned()))
    }

    /// The body ended. A body cut off before `[DONE]` makes an error.
    pub fn finish(&mut self) {
        self.batches.end();
        // Nothing can be waiting but that failure: every chunk's items went out with its push.
        let _ = self.drain();
    }

    /// Where the decoder stands: an error waiting outranks `[DONE]`.
    pub fn state(&self) -> DecoderState {
        if self.error.is_some() {
            DecoderState::ErrorWaiting
        } else if self.batches.is_done() {
            DecoderState::Done
        } else {
            DecoderState::Reading
        }
    }

    /// The error that ended the stream, as JSON `{message, errorType, error?, data?}`, once.
    #[wasm_bindgen(js_name = takeError)]
    pub fn take_error(&mut self) -> Option<String> {
        self.error.take().map(|error| stream_error_json(&error))
    }

    fn drain(&mut self) -> Option<String> {
        let mut text = String::new();
        while self.error.is_none() {
            match self.batches.take_ready() {
                Some(Ok(items)) => {
                    for item in &items {
                        text.push(if text.is_empty() { '[' } else { ',' });
                        text.push_str(item);
                    }
                }
                Some(Err(error)) => self.error = Some(error),
                None => break,
            }
        }
        if text.is_empty() {
            return None;
        }
        text.push(']');
        Some(text)
    }
}
