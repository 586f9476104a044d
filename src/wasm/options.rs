//! Reading the JavaScript options objects: client options (`baseUrl`, `apiKey`, `timeoutMs`,
//! `maxRetries`, `headers`, `fetch`) and per-call options (`signal`, `timeoutMs`, `maxRetries`,
//! `headers`, `validate`). Unknown keys are ignored; a wrong type is a `TypeError`.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use crate::client::{ClientConfig, RequestOptions};
use crate::json::{Map, Value};

fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    if !object.is_object() {
        return None;
    }
    Reflect::get(object, &JsValue::from_str(key)).ok().filter(|value| !value.is_undefined() && !value.is_null())
}

fn type_error(key: &str, expected: &str) -> JsValue {
    js_sys::TypeError::new(&format!("option `{key}` must be {expected}")).into()
}

pub(crate) fn string(object: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    get(object, key).map(|value| value.as_string().ok_or_else(|| type_error(key, "a string"))).transpose()
}

pub(crate) fn number(object: &JsValue, key: &str) -> Result<Option<f64>, JsValue> {
    get(object, key).map(|value| value.as_f64().ok_or_else(|| type_error(key, "a number"))).transpose()
}

pub(crate) fn boolean(object: &JsValue, key: &str) -> Result<Option<bool>, JsValue> {
    get(object, key).map(|value| value.as_bool().ok_or_else(|| type_error(key, "a boolean"))).transpose()
}

/// An object-valued option as JSON (`undefined` and `null` are `None`).
pub(crate) fn json_object(object: &JsValue, key: &str) -> Result<Option<Map>, JsValue> {
    match get(object, key) {
        None => Ok(None),
        Some(value) => match params_json(&value)? {
            Value::Object(map) => Ok(Some(map)),
            _ => Err(type_error(key, "an object")),
        },
    }
}

fn count(object: &JsValue, key: &str) -> Result<Option<u32>, JsValue> {
    match number(object, key)? {
        Some(value) if value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX) => Ok(Some(value as u32)),
        Some(_) => Err(type_error(key, "a whole number ≥ 0")),
        None => Ok(None),
    }
}

/// `headers`: a plain object of strings, or a `Headers`.
fn headers(object: &JsValue, key: &str) -> Result<Vec<(String, String)>, JsValue> {
    let Some(value) = get(object, key) else { return Ok(Vec::new()) };
    if let Some(headers) = value.dyn_ref::<web_sys::Headers>() {
        return Ok(crate::client::transport::header_pairs(headers));
    }
    if !value.is_object() {
        return Err(type_error(key, "an object of strings"));
    }
    Object::entries(value.unchecked_ref())
        .iter()
        .map(|entry| {
            let pair: js_sys::Array = entry.unchecked_into();
            match (pair.get(0).as_string(), pair.get(1).as_string()) {
                (Some(name), Some(value)) => Ok((name, value)),
                _ => Err(type_error(key, "an object of strings")),
            }
        })
        .collect()
}

/// Client options.
pub(crate) fn client_config(options: &JsValue) -> Result<ClientConfig, JsValue> {
    let mut config = ClientConfig::default();
    if let Some(base_url) = string(options, "baseUrl")? {
        config.base_url = base_url;
    }
    config.api_key = string(options, "apiKey")?;
    if let Some(timeout) = number(options, "timeoutMs")? {
        config.timeout_ms = timeout;
    }
    if let Some(retries) = count(options, "maxRetries")? {
        config.max_retries = retries;
    }
    config.headers = headers(options, "headers")?;
    config.fetch = get(options, "fetch")
        .map(|value| value.dyn_into::<Function>().map_err(|_| type_error("fetch", "a function")))
        .transpose()?;
    Ok(config)
}

/// Per-call options.
pub(crate) fn request_options(options: &JsValue) -> Result<RequestOptions, JsValue> {
    Ok(RequestOptions {
        signal: get(options, "signal")
            .map(|value| value.dyn_into::<AbortSignal>().map_err(|_| type_error("signal", "an AbortSignal")))
            .transpose()?,
        timeout_ms: number(options, "timeoutMs")?,
        max_retries: count(options, "maxRetries")?,
        headers: headers(options, "headers")?,
        validate: boolean(options, "validate")?,
    })
}

/// The request parameters as JSON (through `JSON.stringify`, so they arrive exactly as JSON sees them).
pub(crate) fn params_json(params: &JsValue) -> Result<Value, JsValue> {
    if params.is_undefined() {
        return Ok(Value::Object(Map::new()));
    }
    let text = js_sys::JSON::stringify(params)?;
    let text: String = text.into();
    Value::parse(&text).map_err(|error| js_sys::TypeError::new(&format!("params are not JSON: {error}")).into())
}
