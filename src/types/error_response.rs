//! The JSON bodies of HTTP errors. The server uses two envelopes: `{"detail": …}` (a string, or an
//! object for conflicts) and `{"error": {type, message, detail}}` for model-provider failures.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The body of a 4xx/5xx response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorResponse {
    /// What went wrong: a sentence, or an object for a conflict. In a 422 from request validation it
    /// is a Python `repr()` of pydantic's error list, kept as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ErrorDetail>,
    /// A model-provider failure (`llm_error`, `llm_rate_limit`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ProviderError>,
    /// A trace id (empty on a local server), sent with validation errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    /// Examples of a valid value, sent when a path parameter is malformed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<Vec<Value>>,
    /// The run that holds a busy conversation (409).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// Fields this crate does not know, kept.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl ErrorResponse {
    /// The most useful sentence in the body: the detail text, the conflict's message, or the provider
    /// error's message.
    pub fn message(&self) -> Option<&str> {
        match (&self.detail, &self.error) {
            (Some(ErrorDetail::Text(text)), _) => Some(text),
            (Some(ErrorDetail::Conflict(conflict)), _) => Some(&conflict.message),
            (_, Some(error)) => Some(&error.message),
            _ => None,
        }
    }
}

/// The `detail` field of an error body.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ErrorDetail {
    /// A sentence (most errors).
    Text(String),
    /// A conflict: a pending approval, or a busy conversation.
    Conflict(ConflictDetail),
    /// Any other shape, kept as sent.
    Other(Value),
}

impl<'de> Deserialize<'de> for ErrorDetail {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::String(text) => Self::Text(text),
            value @ Value::Object(_) => match ConflictDetail::deserialize(&value) {
                Ok(conflict) => Self::Conflict(conflict),
                Err(_) => Self::Other(value),
            },
            other => Self::Other(other),
        })
    }
}

/// A 409 detail: `{code, message, pending_request_id?, run_id?}`, e.g. `code: "PENDING_APPROVAL"`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictDetail {
    /// A machine-readable code such as `PENDING_APPROVAL`.
    pub code: String,
    /// A sentence.
    pub message: String,
    /// The approval request that blocks new messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_request_id: Option<String>,
    /// The run that holds a busy conversation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// Fields this crate does not know, kept.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A model-provider failure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderError {
    /// `llm_error`, `llm_timeout`, `llm_rate_limit`, `llm_authentication`, `llm_insufficient_credits`,
    /// `bedrock_permission_denied`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// A sentence.
    pub message: String,
    /// More detail, often the provider's own message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}
