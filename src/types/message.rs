//! The messages an agent returns (`LettaMessageUnion`, tagged by `message_type`), in JSON responses and
//! in streams. Every message carries the same base fields (id, date, name, otid, sender, step, error
//! flag, sequence number, run) followed by its own.
//!
//! Response types write every field the way the server does, `null` included, so a message decoded from
//! the wire serializes back to the same JSON.
//!
//! ```
//! use letta_wasm::types::LettaMessage;
//!
//! let json = r#"{"id":"message-1","date":"2026-08-13T17:42:07+00:00","name":null,
//!     "message_type":"assistant_message","otid":null,"sender_id":null,"step_id":null,
//!     "is_err":null,"seq_id":null,"run_id":null,"content":"Hi!"}"#;
//! let message: LettaMessage = serde_json::from_str(json).unwrap();
//! assert_eq!(message.message_type(), Some("assistant_message"));
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::macros::{tagged_union_deserialize, wire_enum};
use super::{ApprovalItem, MessageContent, ToolCallOrDelta, ToolCalls, ToolReturn, ToolReturnStatus};

/// Declares a message struct with the base fields every message shares, followed by its own fields.
macro_rules! letta_message {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub struct $name {
            /// The message id (`message-<uuid4>`).
            pub id: String,
            /// When the message was created: ISO 8601, whole seconds, with an offset.
            pub date: String,
            /// The name of the sender.
            #[serde(default)]
            pub name: Option<String>,
            /// The offline threading id: groups the deltas of one message part; set by clients to deduplicate.
            #[serde(default)]
            pub otid: Option<String>,
            /// The id of the sender (an identity or agent id).
            #[serde(default)]
            pub sender_id: Option<String>,
            /// The id of the agent step that produced the message.
            #[serde(default)]
            pub step_id: Option<String>,
            /// `true` for an errored message, otherwise `null`.
            #[serde(default)]
            pub is_err: Option<bool>,
            /// The position in a background run's stream, used to resume it; `null` in the foreground.
            #[serde(default)]
            pub seq_id: Option<i64>,
            /// The id of the run that produced the message.
            #[serde(default)]
            pub run_id: Option<String>,
            $( $(#[$fmeta])* pub $field: $ty, )*
        }
    };
}
pub(crate) use letta_message;

/// A message returned by an agent, tagged by `message_type`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "message_type")]
#[non_exhaustive]
pub enum LettaMessage {
    /// `system_message`
    #[serde(rename = "system_message")]
    System(SystemMessage),
    /// `user_message`
    #[serde(rename = "user_message")]
    User(UserMessage),
    /// `assistant_message`
    #[serde(rename = "assistant_message")]
    Assistant(AssistantMessage),
    /// `reasoning_message`
    #[serde(rename = "reasoning_message")]
    Reasoning(ReasoningMessage),
    /// `hidden_reasoning_message`
    #[serde(rename = "hidden_reasoning_message")]
    HiddenReasoning(HiddenReasoningMessage),
    /// `tool_call_message`
    #[serde(rename = "tool_call_message")]
    ToolCall(ToolCallMessage),
    /// `tool_return_message`
    #[serde(rename = "tool_return_message")]
    ToolReturn(ToolReturnMessage),
    /// `approval_request_message`
    #[serde(rename = "approval_request_message")]
    ApprovalRequest(ApprovalRequestMessage),
    /// `approval_response_message`
    #[serde(rename = "approval_response_message")]
    ApprovalResponse(ApprovalResponseMessage),
    /// `summary_message`
    #[serde(rename = "summary_message")]
    Summary(SummaryMessage),
    /// `event_message`
    #[serde(rename = "event_message")]
    Event(EventMessage),
    /// A message of a type this crate does not know, kept whole and written back unchanged.
    #[serde(untagged)]
    Unknown(Map<String, Value>),
}

tagged_union_deserialize!(LettaMessage, "message_type", {
    "system_message" => System,
    "user_message" => User,
    "assistant_message" => Assistant,
    "reasoning_message" => Reasoning,
    "hidden_reasoning_message" => HiddenReasoning,
    "tool_call_message" => ToolCall,
    "tool_return_message" => ToolReturn,
    "approval_request_message" => ApprovalRequest,
    "approval_response_message" => ApprovalResponse,
    "summary_message" => Summary,
    "event_message" => Event,
});

impl LettaMessage {
    /// The `message_type` tag, if the message has one.
    pub fn message_type(&self) -> Option<&str> {
        Some(match self {
            Self::System(_) => "system_message",
            Self::User(_) => "user_message",
            Self::Reasoning(_) => "reasoning_message",
            Self::HiddenReasoning(_) => "hidden_reasoning_message",
            Self::ToolCall(_) => "tool_call_message",
            Self::ToolReturn(_) => "tool_return_message",
            Self::Assistant(_) => "assistant_message",
            Self::ApprovalRequest(_) => "approval_request_message",
            Self::ApprovalResponse(_) => "approval_response_message",
            Self::Summary(_) => "summary_message",
            Self::Event(_) => "event_message",
            Self::Unknown(map) => return map.get("message_type").and_then(Value::as_str),
        })
    }

    /// The message id, for every known type and for unknown ones that carry a string `id`.
    pub fn id(&self) -> Option<&str> {
        Some(match self {
            Self::System(m) => &m.id,
            Self::User(m) => &m.id,
            Self::Reasoning(m) => &m.id,
            Self::HiddenReasoning(m) => &m.id,
            Self::ToolCall(m) => &m.id,
            Self::ToolReturn(m) => &m.id,
            Self::Assistant(m) => &m.id,
            Self::ApprovalRequest(m) => &m.id,
            Self::ApprovalResponse(m) => &m.id,
            Self::Summary(m) => &m.id,
            Self::Event(m) => &m.id,
            Self::Unknown(map) => return map.get("id").and_then(Value::as_str),
        })
    }
}

letta_message! {
    /// A system message (seen when listing messages, never streamed).
    pub struct SystemMessage {
        /// The system text.
        pub content: String,
    }
}

letta_message! {
    /// A user message (seen when listing messages; the server does not echo the user's input).
    pub struct UserMessage {
        /// The text, or `text` and `image` parts.
        pub content: MessageContent,
    }
}

wire_enum! {
    /// Whether reasoning came natively from a reasoning model or was prompted.
    pub enum ReasoningSource {
        /// `reasoner_model`
        ReasonerModel = "reasoner_model",
        /// `non_reasoner_model` (the default)
        NonReasonerModel = "non_reasoner_model",
    }
}

letta_message! {
    /// The agent's reasoning; while tokens stream, each delta holds the next fragment.
    pub struct ReasoningMessage {
        /// Where the reasoning came from (`non_reasoner_model` when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub source: Option<ReasoningSource>,
        /// The reasoning text, or its next fragment.
        pub reasoning: String,
        /// The provider's signature of the reasoning.
        #[serde(default)]
        pub signature: Option<String>,
    }
}

wire_enum! {
    /// Why reasoning is hidden.
    pub enum HiddenReasoningState {
        /// `redacted`: the provider redacted it.
        Redacted = "redacted",
        /// `omitted`: the API does not return it.
        Omitted = "omitted",
    }
}

letta_message! {
    /// Reasoning that exists but is hidden from the response.
    pub struct HiddenReasoningMessage {
        /// Whether it was redacted or omitted.
        pub state: HiddenReasoningState,
        /// The opaque redacted data, when there is some.
        #[serde(default)]
        pub hidden_reasoning: Option<String>,
    }
}

letta_message! {
    /// A tool call the model made; while tokens stream, each delta holds a fragment.
    pub struct ToolCallMessage {
        /// Deprecated: the (first) call, or a delta. Use `tool_calls`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tool_call: Option<ToolCallOrDelta>,
        /// The calls: a list in whole messages, one delta while tokens stream.
        #[serde(default)]
        pub tool_calls: Option<ToolCalls>,
    }
}

letta_message! {
    /// The result of a tool call Letta ran.
    pub struct ToolReturnMessage {
        /// Deprecated: the first return's value. Use `tool_returns`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tool_return: Option<String>,
        /// Deprecated: the first return's status. Use `tool_returns`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<ToolReturnStatus>,
        /// Deprecated: the first return's call id. Use `tool_returns`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tool_call_id: Option<String>,
        /// Deprecated: the first return's stdout. Use `tool_returns`.
        #[serde(default)]
        pub stdout: Option<Vec<String>>,
        /// Deprecated: the first return's stderr. Use `tool_returns`.
        #[serde(default)]
        pub stderr: Option<Vec<String>>,
        /// Every tool return of this step.
        #[serde(default)]
        pub tool_returns: Option<Vec<ToolReturn>>,
    }
}

letta_message! {
    /// What the agent says; while tokens stream, each delta holds the next fragment of `content`.
    pub struct AssistantMessage {
        /// The text (the server sends a string), or `text` parts.
        pub content: MessageContent,
    }
}

letta_message! {
    /// A request to approve tool calls before they run; the turn stops with `requires_approval`.
    pub struct ApprovalRequestMessage {
        /// Deprecated: the (first) call, or a delta. Use `tool_calls`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tool_call: Option<ToolCallOrDelta>,
        /// The calls awaiting approval: a list, or one delta while tokens stream.
        #[serde(default)]
        pub tool_calls: Option<ToolCalls>,
    }
}

letta_message! {
    /// The user's answer to an approval request (seen when listing messages).
    pub struct ApprovalResponseMessage {
        /// The answers: approvals and client tool returns.
        #[serde(default)]
        pub approvals: Option<Vec<ApprovalItem>>,
        /// Deprecated: whether the call was approved.
        #[serde(default)]
        pub approve: Option<bool>,
        /// Deprecated: the id of the approval request.
        #[serde(default)]
        pub approval_request_id: Option<String>,
        /// Deprecated: why.
        #[serde(default)]
        pub reason: Option<String>,
    }
}

letta_message! {
    /// A summary of the conversation made by compaction (with `include_compaction_messages`).
    pub struct SummaryMessage {
        /// The summary text.
        pub summary: String,
        /// Figures about the compaction.
        #[serde(default)]
        pub compaction_stats: Option<CompactionStats>,
    }
}

/// Figures about a memory compaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactionStats {
    /// What triggered it, e.g. `context_window_exceeded`.
    pub trigger: String,
    /// Context tokens before, as the model reported them.
    #[serde(default)]
    pub context_tokens_before: Option<i64>,
    /// Message tokens after.
    #[serde(default)]
    pub context_tokens_after: Option<i64>,
    /// The model's context window.
    pub context_window: i64,
    /// Messages in context before.
    pub messages_count_before: i64,
    /// Messages in context after.
    pub messages_count_after: i64,
}

wire_enum! {
    /// The kind of an [`EventMessage`].
    pub enum EventType {
        /// `compaction`
        Compaction = "compaction",
    }
}

letta_message! {
    /// A notice about something that happened (not part of the context window), e.g. a compaction.
    pub struct EventMessage {
        /// What happened.
        pub event_type: EventType,
        /// Details, as a JSON object.
        pub event_data: Map<String, Value>,
    }
}
