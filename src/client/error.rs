//! Errors of the client layer, one variant per way a call can fail; the wasm layer turns each into
//! its JavaScript class (`APIError`, `APIConnectionError`, …).

use std::fmt;

use crate::json::Value;
use crate::stream::StreamError;
#[cfg(feature = "serde")]
use crate::types::ErrorResponse;
use crate::validate::ValidationError;

/// Why a client call failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The request failed validation; nothing was sent.
    Validation(ValidationError),
    /// The server answered with an error status.
    Api {
        /// The HTTP status.
        status: u16,
        /// The response headers, lower-case names.
        headers: Vec<(String, String)>,
        /// The response body as text.
        body: String,
    },
    /// The request could not be sent or the connection broke before the response started.
    Connection {
        /// What the platform reported.
        message: String,
    },
    /// No response, or no stream chunk, arrived within the timeout.
    Timeout {
        /// The timeout in milliseconds.
        timeout_ms: f64,
    },
    /// The caller aborted the request.
    UserAbort,
    /// The response started but is not what the API sends (wrong content type, undecodable body).
    InvalidResponse {
        /// What is wrong.
        message: String,
    },
    /// The stream failed after it started: an in-band error, an undecodable item, or a cut-off body.
    Stream(StreamError),
}

#[cfg(feature = "serde")]
impl ClientError {
    /// The parsed error body of an [`Api`](Self::Api) error, when it is JSON.
    pub fn error_body(&self) -> Option<ErrorResponse> {
        match self {
            Self::Api { body, .. } => serde_json::from_str(body).ok(),
            _ => None,
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Validation(error) => error.fmt(f),
            Self::Api { status, body, .. } => match error_message(body).as_deref() {
                Some(detail) => write!(f, "{status} {detail}"),
                None if body.trim().is_empty() => write!(f, "{status} status code (no body)"),
                None if body.trim_start().starts_with('<') => match html_title(body) {
                    Some(title) => write!(f, "{status} {title} (an HTML page, not a Letta error body)"),
                    None => write!(f, "{status} status code (an HTML page, not a Letta error body)"),
                },
                None => write!(f, "{status} {}", shorten(body)),
            },
            Self::Connection { message } => write!(f, "connection error: {message}"),
            Self::Timeout { timeout_ms } => write!(f, "request timed out after {} ms", milliseconds(*timeout_ms)),
            Self::UserAbort => f.write_str("request was aborted"),
            Self::InvalidResponse { message } => write!(f, "invalid response: {message}"),
            Self::Stream(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Validation(error) => Some(error),
            Self::Stream(error) => Some(error),
            _ => None,
        }
    }
}

/// What [`ErrorResponse::message`] says of `body`, read from a JSON tree rather than the typed body
/// (whose decoders would otherwise be in the wasm only for this). Tests check that the two agree.
fn error_message(body: &str) -> Option<String> {
    let value = Value::parse(body).ok()?;
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
    match value.get("detail") {
        Some(Value::String(detail)) => return Some(detail.clone()),
        Some(detail @ Value::Object(_)) if detail.get("code").is_some_and(Value::is_string) => {
            if let Some(message) = text(detail.get("message")) {
                return Some(message);
            }
        }
        _ => {}
    }
    let error = value.get("error")?;
    error.get("type").filter(|kind| kind.is_string())?;
    text(error.get("message"))
}

/// A duration in milliseconds as written in messages: whole numbers as such, others to the microsecond.
/// (Written by hand: formatting an `f64` would bring float printing into the wasm.)
fn milliseconds(ms: f64) -> String {
    let micros = (ms.max(0.0) * 1000.0).round() as u64;
    let (whole, fraction) = (micros / 1000, micros % 1000);
    if fraction == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{}", format!("{fraction:03}").trim_end_matches('0'))
    }
}

fn html_title(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    // The lowercased text has the body's byte positions (ASCII letters change, nothing else).
    let open = super::policy::find(&lower, "<title")?;
    let start = open + lower.get(open..)?.find('>')? + 1;
    let end = start + super::policy::find(lower.get(start..)?, "</title")?;
    let title = body.get(start..end)?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then(|| shorten(&title))
}

/// The first 300 characters of a body, for messages.
fn shorten(body: &str) -> String {
    const SHOWN: usize = 300;
    match body.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", body.get(..cut).unwrap_or_default()),
        None => body.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "serde")]
    fn the_message_of_every_recorded_error_body_is_what_the_typed_body_says() {
        let mut bodies = 0;
        for entry in std::fs::read_dir("tests/fixtures/errors").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|ext| ext != "json") {
                continue;
            }
            let body = std::fs::read_to_string(&path).unwrap();
            let typed = serde_json::from_str::<ErrorResponse>(&body).ok();
            assert_eq!(
                error_message(&body).as_deref(),
                typed.as_ref().and_then(ErrorResponse::message),
                "{}",
                path.display()
            );
            bodies += 1;
        }
        assert!(bodies >= 10, "{bodies} error bodies");
    }

    #[test]
    fn timeouts_are_written_without_float_noise() {
        let timeout = |timeout_ms| ClientError::Timeout { timeout_ms }.to_string();
        assert_eq!(timeout(10_000.0), "request timed out after 10000 ms");
        assert_eq!(timeout(0.25), "request timed out after 0.25 ms");
        assert_eq!(timeout(1.5), "request timed out after 1.5 ms");
    }

    #[test]
    fn an_html_error_page_is_named_by_its_title() {
        let error = |body: &str| ClientError::Api { status: 502, headers: Vec::new(), body: body.to_owned() };
        assert_eq!(
            error("<html>\n<head><TITLE>502 Bad\n Gateway</TITLE></head><body><h1>502</h1></body></html>").to_string(),
            "502 502 Bad Gateway (an HTML page, not a Letta error body)"
        );
        assert_eq!(
            error("<!doctype html><p>oops").to_string(),
            "502 status code (an HTML page, not a Letta error body)"
        );
    }

    #[test]
    fn api_errors_say_status_and_detail() {
        let error = |status, body: &str| ClientError::Api { status, headers: Vec::new(), body: body.to_owned() };
        assert_eq!(
            error(404, r#"{"detail":"Agent with ID agent-1 not found"}"#).to_string(),
            "404 Agent with ID agent-1 not found"
        );
        assert_eq!(
            error(
                409,
                r#"{"detail":{"code":"PENDING_APPROVAL","message":"CONFLICT: Cannot send","pending_request_id":"m"}}"#
            )
            .to_string(),
            "409 CONFLICT: Cannot send"
        );
        assert_eq!(
            error(500, r#"{"error":{"type":"llm_error","message":"An error occurred with the LLM request."}}"#)
                .to_string(),
            "500 An error occurred with the LLM request."
        );
        assert_eq!(error(502, "Bad gateway").to_string(), "502 Bad gateway");
        assert_eq!(error(503, "").to_string(), "503 status code (no body)");
    }
}
