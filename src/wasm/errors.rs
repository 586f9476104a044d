//! [`ClientError`]s as instances of the JavaScript error classes in `js/runtime.js`.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::client::ClientError;
use crate::sse::{ErrorBody, SseError};
use crate::stream::StreamError;

#[wasm_bindgen(module = "/src/wasm/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = APIError)]
    type JsApiError;
    #[wasm_bindgen(constructor, js_class = "APIError")]
    fn new(message: &str, status: u16, headers: &web_sys::Headers, error: &JsValue, body: &str) -> JsApiError;

    #[wasm_bindgen(js_name = APIConnectionError)]
    type JsConnectionError;
    #[wasm_bindgen(constructor, js_class = "APIConnectionError")]
    fn new(message: &str) -> JsConnectionError;

    #[wasm_bindgen(js_name = APIConnectionTimeoutError)]
    type JsTimeoutError;
    #[wasm_bindgen(constructor, js_class = "APIConnectionTimeoutError")]
    fn new(message: &str) -> JsTimeoutError;

    #[wasm_bindgen(js_name = APIUserAbortError)]
    type JsUserAbortError;
    #[wasm_bindgen(constructor, js_class = "APIUserAbortError")]
    fn new() -> JsUserAbortError;

    #[wasm_bindgen(js_name = ValidationError)]
    type JsValidationError;
    #[wasm_bindgen(constructor, js_class = "ValidationError")]
    fn new(message: &str, issues: &JsValue, warnings: &JsValue) -> JsValidationError;

    #[wasm_bindgen(js_name = StreamError)]
    type JsStreamError;
    #[wasm_bindgen(constructor, js_class = "StreamError")]
    fn new(message: &str, error_type: &str, error: &JsValue, data: &JsValue) -> JsStreamError;
}

/// Parses JSON text into a JavaScript value (`undefined` when it is not JSON).
pub(crate) fn parse_json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::UNDEFINED)
}

/// Serializes a Rust value into a JavaScript value through JSON.
/// Validation issues as a JavaScript array of plain objects.
pub(crate) fn issues_to_js(issues: &[crate::validate::ValidationIssue]) -> JsValue {
    parse_json(&issues_json(issues))
}

/// Validation issues as a JSON array.
pub(crate) fn issues_json(issues: &[crate::validate::ValidationIssue]) -> String {
    let mut out = String::from("[");
    for (index, issue) in issues.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(&issue.to_json());
    }
    out.push(']');
    out
}

/// The JavaScript error for a client error.
pub(crate) fn to_js_error(error: ClientError) -> JsValue {
    let message = error.to_string();
    match error {
        ClientError::Validation(invalid) => {
            JsValidationError::new(&message, &issues_to_js(&invalid.errors), &issues_to_js(&invalid.warnings)).into()
        }
        ClientError::Api { status, headers, body } => {
            let js_headers = web_sys::Headers::new().unwrap_or_else(|_| JsValue::UNDEFINED.unchecked_into());
            for (name, value) in &headers {
                let _ = js_headers.append(name, value);
            }
            JsApiError::new(&message, status, &js_headers, &parse_json(&body), &body).into()
        }
        ClientError::Connection { .. } => JsConnectionError::new(&message).into(),
        ClientError::Timeout { .. } => JsTimeoutError::new(&message).into(),
        ClientError::UserAbort => JsUserAbortError::new().into(),
        ClientError::InvalidResponse { .. } => {
            JsStreamError::new(&message, "invalid_response", &JsValue::UNDEFINED, &JsValue::UNDEFINED).into()
        }
        ClientError::Stream(stream_error) => stream_to_js(&message, stream_error),
    }
}

fn stream_to_js(message: &str, error: StreamError) -> JsValue {
    let none = JsValue::UNDEFINED;
    let (kind, body, data) = match &error {
        StreamError::Server(body) => {
            let parsed = match body {
                ErrorBody::Json(value) => parse_json(&value.to_string()),
                ErrorBody::Text(text) => JsValue::from_str(text),
            };
            (body.error_type().unwrap_or("server_error").to_owned(), parsed, none)
        }
        StreamError::Decode { data, .. } => ("decode_error".to_owned(), none, JsValue::from_str(data)),
        StreamError::Sse(SseError::Incomplete { .. }) | StreamError::Incomplete { .. } => {
            ("incomplete_stream".to_owned(), none.clone(), none)
        }
        StreamError::Sse(_) => ("invalid_event_stream".to_owned(), none.clone(), none),
    };
    JsStreamError::new(message, &kind, &body, &data).into()
}
