//! One HTTP exchange over the platform's `fetch`, with an abort signal that fires on the caller's
//! signal or on a timeout ([`Deadline`]), and the retry loop around it ([`send`]).

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Headers, RequestInit, Response};

use super::policy::{is_retryable_status, retry_delay_ms};
use super::{ClientConfig, ClientError, RequestOptions};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(input: &str, init: &RequestInit) -> Promise;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, timeout: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Why a [`Deadline`]'s signal fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AbortCause {
    /// It has not fired.
    None,
    /// The timer ran out.
    Timeout,
    /// The caller's signal fired.
    User,
    /// This crate cancelled the request (the stream ended or was dropped).
    Cancelled,
}

/// An `AbortController` for one attempt, fired by the caller's signal, by a timer that can be re-armed
/// (for an idle timeout between stream chunks), or by [`cancel`](Self::cancel). Dropping it stops the
/// timer and unhooks the caller's signal.
pub(crate) struct Deadline {
    controller: AbortController,
    cause: Rc<Cell<AbortCause>>,
    timer: Cell<Option<JsValue>>,
    on_timeout: Closure<dyn FnMut()>,
    user: Option<(AbortSignal, Closure<dyn FnMut()>)>,
    timeout_ms: f64,
}

impl Deadline {
    pub(crate) fn new(user_signal: Option<&AbortSignal>, timeout_ms: f64) -> Result<Self, ClientError> {
        let controller = AbortController::new().map_err(|error| connection_error(&error))?;
        let cause = Rc::new(Cell::new(AbortCause::None));
        let fire = |why: AbortCause| {
            let (controller, cause) = (controller.clone(), cause.clone());
            move || {
                if cause.get() == AbortCause::None {
                    cause.set(why);
                }
                controller.abort();
            }
        };
        let on_timeout = Closure::<dyn FnMut()>::new(fire(AbortCause::Timeout));
        let user = match user_signal {
            Some(signal) if signal.aborted() => return Err(ClientError::UserAbort),
            Some(signal) => {
                let on_abort = Closure::<dyn FnMut()>::new(fire(AbortCause::User));
                signal
                    .add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref())
                    .map_err(|error| connection_error(&error))?;
                Some((signal.clone(), on_abort))
            }
            None => None,
        };
        Ok(Self { controller, cause, timer: Cell::new(None), on_timeout, user, timeout_ms })
    }

    /// The signal to hand to `fetch`.
    pub(crate) fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// Starts (or restarts) the timer.
    pub(crate) fn arm(&self) {
        self.disarm();
        if self.timeout_ms.is_finite() && self.timeout_ms > 0.0 {
            self.timer.set(Some(set_timeout(self.on_timeout.as_ref().unchecked_ref(), self.timeout_ms)));
        }
    }

    /// Stops the timer.
    pub(crate) fn disarm(&self) {
        if let Some(timer) = self.timer.take() {
            clear_timeout(&timer);
        }
    }

    /// Aborts the request on the crate's own behalf.
    pub(crate) fn cancel(&self) {
        if self.cause.get() == AbortCause::None {
            self.cause.set(AbortCause::Cancelled);
        }
        self.controller.abort();
    }

    /// Why the signal fired, if it did.
    pub(crate) fn cause(&self) -> AbortCause {
        self.cause.get()
    }

    /// Maps a rejection seen while this deadline was in force to the error the caller gets.
    pub(crate) fn error_for(&self, rejection: &JsValue) -> ClientError {
        match self.cause() {
            AbortCause::Timeout => ClientError::Timeout { timeout_ms: self.timeout_ms },
            AbortCause::User | AbortCause::Cancelled => ClientError::UserAbort,
            AbortCause::None => connection_error(rejection),
        }
    }

    /// Awaits `promise` under this deadline.
    pub(crate) async fn wait(&self, promise: Promise) -> Result<JsValue, ClientError> {
        JsFuture::from(promise).await.map_err(|rejection| self.error_for(&rejection))
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        self.disarm();
        if let Some((signal, on_abort)) = &self.user {
            let _ = signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}

/// A connection error from whatever the platform rejected with (its `message`, and its `cause`'s,
/// which is where Node puts "ECONNREFUSED").
pub(crate) fn connection_error(rejection: &JsValue) -> ClientError {
    let text = |value: &JsValue, key: &str| {
        js_sys::Reflect::get(value, &JsValue::from_str(key)).ok().and_then(|field| field.as_string())
    };
    let mut message =
        text(rejection, "message").or_else(|| rejection.as_string()).unwrap_or_else(|| "fetch failed".into());
    if let Ok(cause) = js_sys::Reflect::get(rejection, &JsValue::from_str("cause"))
        && let Some(detail) = text(&cause, "code").or_else(|| text(&cause, "message"))
    {
        message = format!("{message} ({detail})");
    }
    ClientError::Connection { message }
}

/// A request to send: method, path (with query) and JSON body.
pub(crate) struct ApiRequest<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: String,
    pub(crate) body: Option<String>,
    pub(crate) accept_stream: bool,
}

/// A response that started well (2xx), with the deadline still in force for reading its body.
pub(crate) struct Started {
    pub(crate) response: Response,
    pub(crate) deadline: Deadline,
}

/// Sends `request`, retrying 408/409/429/5xx answers, connection errors and timeouts before any
/// byte of a body was accepted, up to `max_retries` times with backoff. Never retries after a 2xx.
pub(crate) async fn send(
    config: &ClientConfig,
    request: &ApiRequest<'_>,
    options: &RequestOptions,
) -> Result<Started, ClientError> {
    let max_retries = options.max_retries.unwrap_or(config.max_retries);
    let timeout_ms = options.timeout_ms.unwrap_or(config.timeout_ms);
    let url = format!("{}{}", config.base_url.trim_end_matches('/'), request.path);
    let mut retry = 0;
    loop {
        let deadline = Deadline::new(options.signal.as_ref(), timeout_ms)?;
        let init = request_init(config, request, options, &deadline.signal())?;
        deadline.arm();
        let outcome = deadline.wait(fetch(config, &url, &init)).await;
        let (error, delay) = match outcome {
            Ok(response) => {
                let response: Response = response.unchecked_into();
                if response.ok() {
                    return Ok(Started { response, deadline });
                }
                let status = response.status();
                let headers = header_pairs(&response.headers());
                let body = read_text(&response, &deadline).await.unwrap_or_default();
                let header = |name: &str| headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
                let delay = retry_delay_ms(
                    retry,
                    header("retry-after-ms"),
                    header("retry-after"),
                    js_sys::Date::now(),
                    js_sys::Math::random(),
                );
                let retryable = is_retryable_status(status, &body);
                (ClientError::Api { status, headers, body }, retryable.then_some(delay))
            }
            Err(error @ (ClientError::Connection { .. } | ClientError::Timeout { .. })) => {
                let delay = retry_delay_ms(retry, None, None, 0.0, js_sys::Math::random());
                (error, Some(delay))
            }
            Err(error) => return Err(error),
        };
        drop(deadline);
        match delay {
            Some(delay) if retry < max_retries => {
                sleep(delay, options.signal.as_ref()).await?;
                retry += 1;
            }
            _ => return Err(error),
        }
    }
}

fn fetch(config: &ClientConfig, url: &str, init: &RequestInit) -> Promise {
    match &config.fetch {
        Some(custom) => match custom.call2(&JsValue::UNDEFINED, &JsValue::from_str(url), init) {
            Ok(result) => Promise::resolve(&result),
            Err(error) => Promise::reject(&error),
        },
        None => global_fetch(url, init),
    }
}

fn request_init(
    config: &ClientConfig,
    request: &ApiRequest<'_>,
    options: &RequestOptions,
    signal: &AbortSignal,
) -> Result<RequestInit, ClientError> {
    let headers = Headers::new().map_err(|error| connection_error(&error))?;
    let set = |name: &str, value: &str| {
        headers.set(name, value).map_err(|_| ClientError::InvalidResponse {
            message: format!("the header `{name}` has a value that is not allowed"),
        })
    };
    set("Accept", if request.accept_stream { "text/event-stream" } else { "application/json" })?;
    if request.body.is_some() {
        set("Content-Type", "application/json")?;
    }
    // The server refuses `streaming: true` from clients it does not take for its v1 SDK; this header
    // is how it recognizes one (see README, "Why the X-Stainless-Package-Version header").
    set("X-Stainless-Package-Version", env!("CARGO_PKG_VERSION"))?;
    if let Some(key) = &config.api_key {
        set("Authorization", &format!("Bearer {key}"))?;
    }
    for (name, value) in config.headers.iter().chain(&options.headers) {
        set(name, value)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    Ok(init)
}

/// The response headers as lower-case name/value pairs.
fn header_pairs(headers: &Headers) -> Vec<(String, String)> {
    let Ok(Some(entries)) = js_sys::try_iter(headers) else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|entry| {
            let pair: js_sys::Array = entry.dyn_into().ok()?;
            Some((pair.get(0).as_string()?.to_ascii_lowercase(), pair.get(1).as_string()?))
        })
        .collect()
}

/// Reads the whole body as text under the deadline.
pub(crate) async fn read_text(response: &Response, deadline: &Deadline) -> Result<String, ClientError> {
    let promise = response.text().map_err(|error| connection_error(&error))?;
    let text = deadline.wait(promise).await?;
    Ok(text.as_string().unwrap_or_default())
}

/// Waits `ms` milliseconds, or until the caller's signal fires.
async fn sleep(ms: f64, user_signal: Option<&AbortSignal>) -> Result<(), ClientError> {
    if ms.is_nan() || ms <= 0.0 {
        return Ok(());
    }
    let deadline = Deadline::new(user_signal, ms)?;
    let signal = deadline.signal();
    let aborted = Promise::new(&mut |_resolve, reject| {
        let _ = signal.add_event_listener_with_callback("abort", &reject);
    });
    deadline.arm();
    match deadline.wait(aborted).await {
        Ok(_) | Err(ClientError::Timeout { .. }) => Ok(()),
        Err(error) => Err(error),
    }
}

/// Copies a chunk from a `ReadableStream` into Rust memory.
pub(crate) fn chunk_bytes(chunk: &JsValue) -> Vec<u8> {
    chunk.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec).unwrap_or_default()
}
