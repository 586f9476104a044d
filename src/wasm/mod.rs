//! The JavaScript API, the only `#[wasm_bindgen]` code in the crate: [`LettaClient`] and the top-level
//! `sendMessage` / `streamMessage` / `validateSendParams`, and the handle
//! behind each `MessageStream`. Payloads cross as JSON text and are parsed with `JSON.parse`, so
//! JavaScript sees exactly the server's objects (key order, nulls, unknown fields).

mod errors;
mod options;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortController;

use crate::client::{self, ClientConfig, ItemStream, RequestOptions};
use errors::{issues_json, parse_json, to_js_error};
use options::{boolean, client_config, json_object, number, params_json, request_options, string};

#[wasm_bindgen(module = "/src/wasm/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = MessageStream)]
    type JsMessageStream;
    #[wasm_bindgen(constructor, js_class = "MessageStream")]
    fn new(start: &Promise, controller: &AbortController, unlink: &Function, yield_pings: bool) -> JsMessageStream;

    #[wasm_bindgen(js_name = linkSignals)]
    fn link_signals(from: &JsValue, to: &AbortController) -> Function;
}

#[wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}

/// A client for one Letta server.
#[wasm_bindgen]
pub struct LettaClient {
    config: Rc<ClientConfig>,
}

#[wasm_bindgen]
impl LettaClient {
    /// `new LettaClient({ baseUrl?, apiKey?, timeoutMs?, maxRetries?, headers?, fetch? })`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<LettaClient, JsValue> {
        Ok(Self { config: Rc::new(client_config(&options)?) })
    }

    /// Sends a message and resolves to the whole `LettaResponse`.
    #[wasm_bindgen(js_name = sendMessage)]
    pub fn send_message(&self, agent_id: String, params: JsValue, options: JsValue) -> Promise {
        send_with(self.config.clone(), agent_id, params, options)
    }

    /// Sends a message with `streaming: true` and returns the items as an async iterable.
    #[wasm_bindgen(js_name = streamMessage)]
    pub fn stream_message(&self, agent_id: String, params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        stream_with(self.config.clone(), agent_id, params, options)
    }

    /// Resumes a background run's stream after `startingAfter` (a `seq_id`).
    #[wasm_bindgen(js_name = resumeStream)]
    pub fn resume_stream(&self, run_id: String, options: JsValue) -> Result<JsValue, JsValue> {
        let starting_after = number(&options, "startingAfter")?.map(|seq| seq as i64);
        let include_pings = boolean(&options, "includePings")?;
        let request = request_options(&options)?;
        let config = self.config.clone();
        start_stream(&request, include_pings.unwrap_or(false), move |request| async move {
            client::resume_stream(&config, &run_id, starting_after, include_pings, &request).await
        })
    }

    /// Answers an approval request: `{ toolCallId, approve, reason? }`. Resolves to the
    /// `LettaResponse`, or returns a stream of the continuation with `{ stream: true }`. Other
    /// Send Message fields (`stream_tokens`, `include_pings`, …) go in `options.params`.
    #[wasm_bindgen(js_name = sendApproval)]
    pub fn send_approval(&self, agent_id: String, approval: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let tool_call_id = string(&approval, "toolCallId")?
            .ok_or_else(|| JsValue::from(js_sys::TypeError::new("`toolCallId` is required")))?;
        let approve = boolean(&approval, "approve")?
            .ok_or_else(|| JsValue::from(js_sys::TypeError::new("`approve` is required")))?;
        let reason = string(&approval, "reason")?;
        let extra = json_object(&options, "params")?;
        let params = client::prepare::approval_params(&tool_call_id, approve, reason.as_deref(), extra.as_ref());
        let params = parse_json(&params.to_string());
        if boolean(&options, "stream")?.unwrap_or(false) {
            stream_with(self.config.clone(), agent_id, params, options)
        } else {
            Ok(send_with(self.config.clone(), agent_id, params, options).into())
        }
    }
}

/// `sendMessage(agentId, params, options)`: like `LettaClient.sendMessage`, with the client options
/// in `options`.
#[wasm_bindgen(js_name = sendMessage)]
pub fn send_message(agent_id: String, params: JsValue, options: JsValue) -> Result<Promise, JsValue> {
    Ok(send_with(Rc::new(client_config(&options)?), agent_id, params, options))
}

/// `streamMessage(agentId, params, options)`: like `LettaClient.streamMessage`, with the client
/// options in `options`.
#[wasm_bindgen(js_name = streamMessage)]
pub fn stream_message(agent_id: String, params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    stream_with(Rc::new(client_config(&options)?), agent_id, params, options)
}

/// Checks a request without sending it: `{ ok, errors, warnings, params? }`, where `params` is the
/// request with the server's conversions applied.
#[wasm_bindgen(js_name = validateSendParams)]
pub fn validate_send_params(agent_id: &str, params: JsValue) -> Result<JsValue, JsValue> {
    let body = params_json(&params)?;
    let outcome = match crate::validate::check_send_params(agent_id, &body) {
        Ok(valid) => {
            format!(r#"{{"ok":true,"errors":[],"warnings":{},"params":{}}}"#, issues_json(&valid.warnings), valid.body)
        }
        Err(invalid) => format!(
            r#"{{"ok":false,"errors":{},"warnings":{}}}"#,
            issues_json(&invalid.errors),
            issues_json(&invalid.warnings)
        ),
    };
    Ok(parse_json(&outcome))
}

fn send_with(config: Rc<ClientConfig>, agent_id: String, params: JsValue, options: JsValue) -> Promise {
    let prepared = params_json(&params).and_then(|params| Ok((params, request_options(&options)?)));
    future_to_promise(async move {
        let (params, request) = prepared?;
        let text = client::send_message(&config, &agent_id, &params, &request).await.map_err(to_js_error)?;
        Ok(parse_json(&text))
    })
}

fn stream_with(
    config: Rc<ClientConfig>,
    agent_id: String,
    params: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let params = params_json(&params)?;
    let request = request_options(&options)?;
    // Pings are items only when the caller asked for them; the run id is taken from them regardless.
    let yield_pings = params.get("include_pings").and_then(crate::json::Value::as_bool).unwrap_or(false);
    start_stream(&request, yield_pings, move |request| async move {
        client::stream_message(&config, &agent_id, &params, &request).await
    })
}

/// Starts a stream under an abort controller that the caller's signal and the `MessageStream` share,
/// and wraps it in a `MessageStream`.
fn start_stream<F, Fut>(request: &RequestOptions, yield_pings: bool, open: F) -> Result<JsValue, JsValue>
where
    F: FnOnce(RequestOptions) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<ItemStream, client::ClientError>> + 'static,
{
    let controller = AbortController::new()?;
    let user_signal = request.signal.clone().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
    let unlink = link_signals(&user_signal, &controller);
    let request = RequestOptions { signal: Some(controller.signal()), ..request.clone() };
    let started = future_to_promise(async move {
        let stream = open(request).await.map_err(to_js_error)?;
        Ok(StreamHandle::new(stream).into())
    });
    Ok(JsMessageStream::new(&started, &controller, &unlink, yield_pings).into())
}

/// The Rust side of a `MessageStream`. The JavaScript side reads the body's chunks from
/// [`reader`](Self::reader) and hands each to [`push`](Self::push), one synchronous call per chunk,
/// which answers with the items it completed as the text of one JSON array, checked against the
/// types first. A failure is kept until [`take_error`](Self::take_error), so that the items before
/// it are delivered first.
#[wasm_bindgen]
pub struct StreamHandle {
    stream: RefCell<ItemStream>,
    error: RefCell<Option<client::ClientError>>,
}

impl StreamHandle {
    fn new(stream: ItemStream) -> Self {
        Self { stream: RefCell::new(stream), error: RefCell::new(None) }
    }

    /// Moves what the stream has ready into JSON array text, keeping a failure for `take_error`.
    fn drain(&self) -> Option<String> {
        let mut text = String::new();
        while self.error.borrow().is_none() {
            match self.stream.borrow_mut().take_ready() {
                Some(Ok(items)) => {
                    for item in &items {
                        text.push(if text.is_empty() { '[' } else { ',' });
                        text.push_str(item);
                    }
                }
                Some(Err(error)) => *self.error.borrow_mut() = Some(error),
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

#[wasm_bindgen]
impl StreamHandle {
    /// The body's reader.
    pub fn reader(&self) -> web_sys::ReadableStreamDefaultReader {
        self.stream.borrow().reader().clone()
    }

    /// The idle timeout between chunks, in milliseconds (`0` or `Infinity`: none).
    #[wasm_bindgen(getter, js_name = timeoutMs)]
    pub fn timeout_ms(&self) -> f64 {
        self.stream.borrow().deadline().timeout_ms()
    }

    /// Decodes a chunk: the items it completed as JSON array text, or `undefined` when it completed
    /// none. Stops at the first failure, which [`take_error`](Self::take_error) then returns.
    pub fn push(&self, chunk: &[u8]) -> Option<String> {
        if self.error.borrow().is_some() {
            return None;
        }
        self.stream.borrow_mut().push_chunk(chunk);
        self.drain()
    }

    /// After a push: `1` when a failure is waiting for [`take_error`](Self::take_error), `2` when
    /// `data: [DONE]` has arrived (nothing more is needed from the body), `3` for both, `0` otherwise.
    /// One call instead of two on the hot path.
    pub fn state(&self) -> u32 {
        u32::from(self.error.borrow().is_some()) | (u32::from(self.stream.borrow().is_done()) << 1)
    }

    /// The end of the body: a body cut off before `[DONE]` becomes the pending failure.
    pub fn finish(&self) {
        self.stream.borrow_mut().end_body();
        // Nothing can be waiting but that failure: every chunk's items went out with its push.
        let _ = self.drain();
    }

    /// The pending failure as a JavaScript error, once; `undefined` when there is none.
    #[wasm_bindgen(js_name = takeError)]
    pub fn take_error(&self) -> JsValue {
        self.error.borrow_mut().take().map(to_js_error).unwrap_or(JsValue::UNDEFINED)
    }

    /// The error for a rejected `reader.read()`: a timeout when the JavaScript side's idle timer
    /// fired, an abort when the caller's signal did, else a connection error.
    #[wasm_bindgen(js_name = readError)]
    pub fn read_error(&self, rejection: JsValue, timed_out: bool) -> JsValue {
        let stream = self.stream.borrow();
        let error = if timed_out {
            client::ClientError::Timeout { timeout_ms: stream.deadline().timeout_ms() }
        } else {
            stream.deadline().error_for(&rejection)
        };
        to_js_error(error)
    }

    /// Stops reading: aborts the request and cancels the body so the connection is released.
    pub fn close(&self) {
        self.stream.borrow_mut().close();
    }
}
