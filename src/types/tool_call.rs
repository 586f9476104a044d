//! Tool calls as the server sends them: a whole [`ToolCall`], a streamed [`ToolCallDelta`], and the two
//! shapes of `tool_calls` (a list in whole messages, a single delta object while tokens stream).

use serde::{Deserialize, Serialize};

use super::Nullable;
use super::macros::nullable;

/// A complete tool call: name, JSON-encoded arguments, and id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolCall {
    /// The tool's name.
    pub name: String,
    /// The arguments as a JSON string (parse it to get the object).
    pub arguments: String,
    /// The id of this call, which the tool return and an approval refer to.
    pub tool_call_id: String,
}

/// A fragment of a tool call while tokens stream. Concatenate `arguments` per `tool_call_id`.
///
/// The server writes absent parts in two ways: tool-call deltas leave the key out, approval-request
/// deltas write `null`. Both are kept apart ([`Nullable`]) so a delta re-serializes exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolCallDelta {
    /// The tool's name, usually only in the first delta.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub name: Nullable<String>,
    /// The next fragment of the JSON arguments.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub arguments: Nullable<String>,
    /// The id of the call this fragment belongs to.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Nullable<String>,
}

impl ToolCallDelta {
    /// The name, if present and not null.
    pub fn name(&self) -> Option<&str> {
        self.name.as_ref()?.as_deref()
    }

    /// The arguments fragment, if present and not null.
    pub fn arguments(&self) -> Option<&str> {
        self.arguments.as_ref()?.as_deref()
    }

    /// The call id, if present and not null.
    pub fn tool_call_id(&self) -> Option<&str> {
        self.tool_call_id.as_ref()?.as_deref()
    }
}

/// The deprecated single `tool_call` field: a whole call, or a delta while tokens stream.
///
/// Decoded as the API's `Union[ToolCall, ToolCallDelta]` is: a `ToolCall` when `name`, `arguments` and
/// `tool_call_id` are all strings, otherwise a `ToolCallDelta`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ToolCallOrDelta {
    /// A whole tool call.
    Call(ToolCall),
    /// A streamed fragment.
    Delta(ToolCallDelta),
}

impl<'de> Deserialize<'de> for ToolCallOrDelta {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let delta = ToolCallDelta::deserialize(deserializer)?;
        Ok(match delta {
            ToolCallDelta {
                name: Some(Some(name)),
                arguments: Some(Some(arguments)),
                tool_call_id: Some(Some(tool_call_id)),
            } => Self::Call(ToolCall { name, arguments, tool_call_id }),
            delta => Self::Delta(delta),
        })
    }
}

/// The `tool_calls` field: a list of whole calls, or one delta object while tokens stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ToolCalls {
    /// Whole calls (step streaming and JSON responses).
    List(Vec<ToolCall>),
    /// One streamed fragment (token streaming).
    Delta(ToolCallDelta),
}

impl<'de> Deserialize<'de> for ToolCalls {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match serde_json::Value::deserialize(deserializer)? {
            list @ serde_json::Value::Array(_) => Vec::deserialize(list).map(Self::List).map_err(D::Error::custom),
            delta @ serde_json::Value::Object(_) => {
                ToolCallDelta::deserialize(delta).map(Self::Delta).map_err(D::Error::custom)
            }
            _ => Err(D::Error::custom("expected a list of tool calls or one tool call delta")),
        }
    }
}
