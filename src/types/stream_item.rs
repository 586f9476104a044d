//! What a Send Message stream carries: [`StreamItem`], tagged by `message_type`. Besides every message
//! type it has keepalive pings, in-band error messages, the stop reason and usage statistics.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::macros::wire_literal;
use super::message::letta_message;
use super::{LettaMessage, StopReason, UsageStatistics};

/// One item of a stream.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum StreamItem {
    /// A message (any `LettaMessage` type).
    Message(LettaMessage),
    /// `ping`: a keepalive. The first item of every stream is one, carrying the run id.
    Ping(LettaPing),
    /// `error_message`: an error inside the stream. Normally it arrives in an `event: error` frame.
    Error(LettaErrorMessage),
    /// `stop_reason`: why the turn ended.
    StopReason(StopReason),
    /// `usage_statistics`: token and step counts, after the stop reason.
    Usage(UsageStatistics),
    /// An item of a type this crate does not know, kept whole and written back unchanged.
    Unknown(Map<String, Value>),
}

impl StreamItem {
    /// Every `message_type` this union knows: the message types, then the stream-only ones.
    pub fn known_tags() -> impl Iterator<Item = &'static str> {
        LettaMessage::KNOWN_TAGS.iter().copied().chain(["ping", "error_message", "stop_reason", "usage_statistics"])
    }

    /// The `message_type` tag, if the item has one.
    pub fn message_type(&self) -> Option<&str> {
        match self {
            Self::Message(message) => message.message_type(),
            Self::Ping(_) => Some("ping"),
            Self::Error(_) => Some("error_message"),
            Self::StopReason(_) => Some("stop_reason"),
            Self::Usage(_) => Some("usage_statistics"),
            Self::Unknown(map) => map.get("message_type").and_then(Value::as_str),
        }
    }

    /// Decodes one item from JSON text, looking at `message_type` first and then parsing the text
    /// straight into that type (no intermediate tree for known types).
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        let tag = message_type_of(json)?;
        Ok(match tag.as_deref() {
            Some("ping") => Self::Ping(serde_json::from_str(json)?),
            Some("error_message") => Self::Error(serde_json::from_str(json)?),
            Some("stop_reason") => Self::StopReason(serde_json::from_str(json)?),
            Some("usage_statistics") => Self::Usage(serde_json::from_str(json)?),
            Some(tag) => match LettaMessage::from_json_tagged(tag, json) {
                Some(message) => Self::Message(message?),
                None => Self::Unknown(serde_json::from_str(json)?),
            },
            None => Self::Unknown(serde_json::from_str(json)?),
        })
    }
}

/// The `message_type` of an item's JSON text: by a short scan when it can, else by serde.
fn message_type_of(json: &str) -> Result<Option<std::borrow::Cow<'_, str>>, serde_json::Error> {
    #[derive(Deserialize)]
    struct Tag<'a> {
        #[serde(borrow, default)]
        message_type: Option<std::borrow::Cow<'a, str>>,
    }
    match crate::schema::top_level_tag(json) {
        Some(tag) => Ok(Some(std::borrow::Cow::Borrowed(tag))),
        None => Ok(serde_json::from_str::<Tag<'_>>(json)?.message_type),
    }
}

impl<'de> Deserialize<'de> for StreamItem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let map = Map::<String, Value>::deserialize(deserializer)?;
        let item = match map.get("message_type").and_then(Value::as_str) {
            Some("ping") => LettaPing::deserialize(Value::Object(map)).map(Self::Ping),
            Some("error_message") => LettaErrorMessage::deserialize(Value::Object(map)).map(Self::Error),
            Some("stop_reason") => StopReason::deserialize(Value::Object(map)).map(Self::StopReason),
            Some("usage_statistics") => UsageStatistics::deserialize(Value::Object(map)).map(Self::Usage),
            Some(tag) if LettaMessage::KNOWN_TAGS.contains(&tag) => {
                LettaMessage::deserialize(Value::Object(map)).map(Self::Message)
            }
            _ => return Ok(Self::Unknown(map)),
        };
        item.map_err(D::Error::custom)
    }
}

impl From<LettaMessage> for StreamItem {
    fn from(message: LettaMessage) -> Self {
        Self::Message(message)
    }
}

wire_literal! {
    /// The `message_type` of a [`LettaPing`]: `"ping"`.
    pub struct PingTag = "ping";
}

wire_literal! {
    /// The `message_type` of a [`LettaErrorMessage`]: `"error_message"`.
    pub struct ErrorMessageTag = "error_message";
}

letta_message! {
    /// A keepalive ping (`id` is `ping-<uuid4>`). The first one's `run_id` names the new run.
    pub struct LettaPing {
        /// Always `"ping"`.
        #[serde(default)]
        pub message_type: PingTag,
    }
}

/// An error that happened during the run, after the stream started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LettaErrorMessage {
    /// Always `"error_message"`.
    #[serde(default)]
    pub message_type: ErrorMessageTag,
    /// The run that failed.
    pub run_id: String,
    /// The kind of error: `internal_error`, `llm_error`, `llm_timeout`, `llm_rate_limit`,
    /// `llm_authentication`, `llm_empty_response`, `context_window_overflow_in_system_prompt`,
    /// `stream_incomplete`, `cleanup_error`, `stream_task_cancelled`, or another the server adds.
    pub error_type: String,
    /// A human-readable message.
    pub message: String,
    /// More detail, if any.
    #[serde(default)]
    pub detail: Option<String>,
    /// The position in a background stream.
    #[serde(default)]
    pub seq_id: Option<i64>,
}
