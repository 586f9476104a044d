//! Content parts (`LettaMessageContentUnion`, tagged by `type`) and image sources: the building blocks of
//! message content in requests (`MessageCreate.content`, `input`) and responses (`user_message.content`).
//!
//! ```
//! use letta_wasm::types::{ContentPart, MessageContent};
//!
//! let content: MessageContent = serde_json::from_str(r#"[{"type":"text","text":"hi"}]"#).unwrap();
//! let MessageContent::Parts(parts) = content else { unreachable!() };
//! assert!(matches!(&parts[0], ContentPart::Text(text) if text.text == "hi"));
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Nullable;
use super::macros::{nullable, tagged_union_deserialize};

/// One part of a message's content, tagged by `type`.
///
/// Which parts a message may carry depends on where it goes: user and system messages and tool returns
/// take `text` and `image`; assistant content takes `text`. The validator enforces this for requests.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum ContentPart {
    /// `text`: plain text.
    #[serde(rename = "text")]
    Text(TextContent),
    /// `image`: an image given by URL, base64 data or a stored Letta file.
    #[serde(rename = "image")]
    Image(ImageContent),
    /// `tool_call`: a tool call made by the model.
    #[serde(rename = "tool_call")]
    ToolCall(ToolCallContent),
    /// `tool_return`: the result of a tool call.
    #[serde(rename = "tool_return")]
    ToolReturn(ToolReturnContent),
    /// `reasoning`: reasoning text (Anthropic Messages API style).
    #[serde(rename = "reasoning")]
    Reasoning(ReasoningContent),
    /// `redacted_reasoning`: reasoning the provider redacted.
    #[serde(rename = "redacted_reasoning")]
    RedactedReasoning(RedactedReasoningContent),
    /// `omitted_reasoning`: reasoning known to exist but not returned by the provider.
    #[serde(rename = "omitted_reasoning")]
    OmittedReasoning(OmittedReasoningContent),
    /// `summarized_reasoning`: reasoning summaries (OpenAI Responses API style).
    #[serde(rename = "summarized_reasoning")]
    SummarizedReasoning(SummarizedReasoningContent),
    /// A part of a type this crate does not know, kept whole and written back unchanged.
    #[serde(untagged)]
    Unknown(Map<String, Value>),
}

tagged_union_deserialize!(ContentPart, "type", {
    "text" => Text,
    "image" => Image,
    "tool_call" => ToolCall,
    "tool_return" => ToolReturn,
    "reasoning" => Reasoning,
    "redacted_reasoning" => RedactedReasoning,
    "omitted_reasoning" => OmittedReasoning,
    "summarized_reasoning" => SummarizedReasoning,
});

impl ContentPart {
    /// The part's `type` tag as it appears on the wire.
    pub fn type_tag(&self) -> Option<&str> {
        Some(match self {
            Self::Text(_) => "text",
            Self::Image(_) => "image",
            Self::ToolCall(_) => "tool_call",
            Self::ToolReturn(_) => "tool_return",
            Self::Reasoning(_) => "reasoning",
            Self::RedactedReasoning(_) => "redacted_reasoning",
            Self::OmittedReasoning(_) => "omitted_reasoning",
            Self::SummarizedReasoning(_) => "summarized_reasoning",
            Self::Unknown(map) => return map.get("type").and_then(Value::as_str),
        })
    }
}

/// Message content: a plain string or a list of parts. The wire accepts both everywhere content appears.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum MessageContent {
    /// A plain string.
    Text(String),
    /// A list of content parts.
    Parts(Vec<ContentPart>),
}

impl<'de> Deserialize<'de> for MessageContent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match Value::deserialize(deserializer)? {
            Value::String(text) => Ok(Self::Text(text)),
            parts @ Value::Array(_) => Vec::deserialize(parts).map(Self::Parts).map_err(D::Error::custom),
            _ => Err(D::Error::custom("expected a string or an array of content parts")),
        }
    }
}

impl From<&str> for MessageContent {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for MessageContent {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

/// `type: "text"`: plain text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TextContent {
    /// The text.
    pub text: String,
    /// An identifier of reasoning associated with this text, if any.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub signature: Nullable<String>,
}

/// `type: "image"`: an image.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImageContent {
    /// Where the image comes from.
    pub source: ImageSource,
}

/// The source of an image, tagged by `type`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum ImageSource {
    /// `url`: an image on the web.
    #[serde(rename = "url")]
    Url(UrlImage),
    /// `base64`: inline base64 data.
    #[serde(rename = "base64")]
    Base64(Base64Image),
    /// `letta`: an image file stored by the server.
    #[serde(rename = "letta")]
    Letta(LettaImage),
    /// A source of a type this crate does not know, kept whole.
    #[serde(untagged)]
    Unknown(Map<String, Value>),
}

tagged_union_deserialize!(ImageSource, "type", {
    "url" => Url,
    "base64" => Base64,
    "letta" => Letta,
});

/// `type: "url"`: an image URL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UrlImage {
    /// The image URL.
    pub url: String,
}

/// `type: "base64"`: inline image data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Base64Image {
    /// The media type, e.g. `image/png`.
    pub media_type: String,
    /// The base64-encoded bytes.
    pub data: String,
    /// Detail level for the model: `low`, `high` or `auto`.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub detail: Nullable<String>,
}

/// `type: "letta"`: an image file persisted by the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LettaImage {
    /// The stored file's id.
    pub file_id: String,
    /// The media type, if known.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub media_type: Nullable<String>,
    /// The base64-encoded bytes, if included.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub data: Nullable<String>,
    /// Detail level for the model: `low`, `high` or `auto`.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub detail: Nullable<String>,
}

/// `type: "tool_call"`: a tool call as content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolCallContent {
    /// The id of this tool call.
    pub id: String,
    /// The tool's name.
    pub name: String,
    /// The arguments, as a JSON object.
    pub input: Map<String, Value>,
    /// An identifier of reasoning associated with this call, if any.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub signature: Nullable<String>,
}

/// `type: "tool_return"`: a tool's result as content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolReturnContent {
    /// The id of the tool call this answers.
    pub tool_call_id: String,
    /// What the tool returned.
    pub content: String,
    /// Whether the tool failed.
    pub is_error: bool,
}

/// `type: "reasoning"`: reasoning text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReasoningContent {
    /// Whether a reasoning model produced it natively.
    pub is_native: bool,
    /// The reasoning text.
    pub reasoning: String,
    /// The provider's signature of this reasoning, if any.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub signature: Nullable<String>,
}

/// `type: "redacted_reasoning"`: reasoning the provider redacted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RedactedReasoningContent {
    /// The opaque redacted data.
    pub data: String,
}

/// `type: "omitted_reasoning"`: reasoning the provider did not return.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OmittedReasoningContent {
    /// The provider's signature of this reasoning, if any.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub signature: Nullable<String>,
}

/// `type: "summarized_reasoning"`: summaries of reasoning.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummarizedReasoningContent {
    /// The id of this reasoning step.
    pub id: String,
    /// The summary parts.
    pub summary: Vec<ReasoningSummary>,
    /// The encrypted reasoning, if the provider returned it.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub encrypted_content: Nullable<String>,
}

/// One part of a [`SummarizedReasoningContent`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReasoningSummary {
    /// The index of this summary part.
    pub index: i64,
    /// The summary text.
    pub text: String,
}
