//! Errors as JSON for the package's JavaScript, which raises them as its error classes.

use crate::json::{quoted, write_string};
use crate::sse::{ErrorBody, SseError};
use crate::stream::StreamError;
use crate::validate::{ValidationError, ValidationIssue};

/// Validation issues as a JSON array.
pub(crate) fn issues_json(issues: &[ValidationIssue]) -> String {
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

/// A `ValidationError`: `{message, errors, warnings}`.
pub(crate) fn validation_json(invalid: &ValidationError) -> String {
    let mut out = String::from("{\"message\":");
    write_string(&mut out, &invalid.to_string());
    out.push_str(&format!(
        ",\"errors\":{},\"warnings\":{}}}",
        issues_json(&invalid.errors),
        issues_json(&invalid.warnings)
    ));
    out
}

/// A `StreamError`: `{message, errorType, error?, data?}`. `error` is the parsed body of an
/// `event: error` (its text when it is not JSON); `data` the text of an item that failed its check.
pub(crate) fn stream_error_json(error: &StreamError) -> String {
    let (kind, body, data) = match error {
        StreamError::Server(body) => {
            let parsed = match body {
                ErrorBody::Json(value) => value.to_string(),
                ErrorBody::Text(text) => quoted(text),
            };
            (body.error_type().unwrap_or("server_error"), Some(parsed), None)
        }
        StreamError::Decode { data, .. } => ("decode_error", None, Some(data.as_str())),
        StreamError::Sse(SseError::Incomplete { .. }) | StreamError::Incomplete { .. } => {
            ("incomplete_stream", None, None)
        }
        StreamError::Sse(_) => ("invalid_event_stream", None, None),
    };
    // As `ClientError::Stream` says it (which is the stream error's own message).
    let message = error.to_string();
    let mut out = String::from("{\"message\":");
    write_string(&mut out, &message);
    out.push_str(",\"errorType\":");
    write_string(&mut out, kind);
    if let Some(body) = body {
        out.push_str(",\"error\":");
        out.push_str(&body);
    }
    if let Some(data) = data {
        out.push_str(",\"data\":");
        write_string(&mut out, data);
    }
    out.push('}');
    out
}
