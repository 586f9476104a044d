//! The Send Message request body, [`MessageSendParams`], and the message inputs it carries
//! ([`MessageInput`]: a message, an approval answer, or client tool returns).
//!
//! Request types never add a field the caller did not set: every optional field is skipped when absent,
//! and a field the caller set to `null` stays `null` ([`Nullable`]).
//!
//! ```
//! use letta_wasm::types::{MessageCreate, MessageInput, MessageRole, MessageSendParams};
//!
//! let params = MessageSendParams {
//!     messages: Some(Some(vec![MessageInput::Message(MessageCreate::new(MessageRole::User, "Hello"))])),
//!     streaming: Some(true),
//!     ..Default::default()
//! };
//! assert_eq!(
//!     serde_json::to_string(&params).unwrap(),
//!     r#"{"messages":[{"role":"user","content":"Hello"}],"streaming":true}"#
//! );
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::macros::{nullable, present, wire_enum, wire_literal};
use super::{ApprovalItem, ApprovalType, MessageContent, Nullable, ToolReturn};

/// The body of `POST /v1/agents/{agent_id}/messages`. Give exactly one of `messages` or `input`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageSendParams {
    /// The messages to send.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub messages: Nullable<Vec<MessageInput>>,
    /// Shorthand for one user message: `messages: [{role: "user", content: input}]`.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub input: Nullable<MessageContent>,
    /// The most agent steps to take (server default 50).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub max_steps: Option<i64>,
    /// Deprecated: parse the message tool's arguments into assistant messages (legacy agents).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub use_assistant_message: Option<bool>,
    /// Deprecated: the name of the message tool (legacy agents).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub assistant_message_tool_name: Option<String>,
    /// Deprecated: the message argument of the message tool (legacy agents).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub assistant_message_tool_kwarg: Option<String>,
    /// Return only these message types (pings, stop reasons and usage are always sent).
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub include_return_message_types: Nullable<Vec<MessageType>>,
    /// Deprecated: enable reasoning. A **string** on the wire (`"true"`); a JSON boolean is rejected.
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub enable_thinking: Option<String>,
    /// Tools the client runs itself; a call to one ends the turn with `requires_approval`.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub client_tools: Nullable<Vec<ClientTool>>,
    /// Skills the client's environment provides, listed in the system prompt.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub client_skills: Nullable<Vec<ClientSkill>>,
    /// A model handle to use for this request instead of the agent's.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub override_model: Nullable<String>,
    /// Emit `summary_message` and `event_message` when the context is compacted.
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub include_compaction_messages: Option<bool>,
    /// Return log probabilities of the output tokens.
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub return_logprobs: Option<bool>,
    /// How many alternatives per position to return with `return_logprobs` (0–20).
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub top_logprobs: Nullable<i64>,
    /// Return token ids and log probabilities of every model call (`turns`).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub return_token_ids: Option<bool>,
    /// A system prompt for this request only. The server also accepts the key `system`.
    #[serde(default, alias = "system", deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub override_system: Nullable<String>,
    /// Answer with a Server-Sent Events stream instead of one JSON body.
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub streaming: Option<bool>,
    /// Stream token deltas instead of whole steps (needs `streaming`).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub stream_tokens: Option<bool>,
    /// Send keepalive pings (server default `true`; `false` needs `streaming`).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub include_pings: Option<bool>,
    /// Run in the background so the stream can be resumed (needs `streaming`).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub background: Option<bool>,
}

/// A tool the client runs itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientTool {
    /// The function name.
    pub name: String,
    /// What the tool does.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub description: Nullable<String>,
    /// The JSON Schema of its parameters.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub parameters: Nullable<Map<String, Value>>,
}

/// A skill the client's environment provides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSkill {
    /// The skill's name.
    pub name: String,
    /// What it does.
    pub description: String,
    /// Where it lives, e.g. `skills/my-skill/SKILL.md`.
    pub location: String,
}

wire_enum! {
    /// A message type name, as used by `include_return_message_types`.
    pub enum MessageType {
        /// `system_message`
        SystemMessage = "system_message",
        /// `user_message`
        UserMessage = "user_message",
        /// `assistant_message`
        AssistantMessage = "assistant_message",
        /// `reasoning_message`
        ReasoningMessage = "reasoning_message",
        /// `hidden_reasoning_message`
        HiddenReasoningMessage = "hidden_reasoning_message",
        /// `tool_call_message`
        ToolCallMessage = "tool_call_message",
        /// `tool_return_message`
        ToolReturnMessage = "tool_return_message",
        /// `approval_request_message`
        ApprovalRequestMessage = "approval_request_message",
        /// `approval_response_message`
        ApprovalResponseMessage = "approval_response_message",
        /// `summary_message`
        SummaryMessage = "summary_message",
        /// `event_message`
        EventMessage = "event_message",
    }
}

/// One entry of `messages`. The wire has no required discriminator: `type` is optional and the server
/// infers it, as this type's `Deserialize` does: `"approval"` when the entry has `approve` or
/// `approval_request_id`, otherwise `"message"`. An entry with only `approvals` needs
/// `"type": "approval"`, and a [`ToolReturnCreate`] needs `"type": "tool_return"`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum MessageInput {
    /// `type: "message"` (or absent / null): a message from a user, system or assistant.
    Message(MessageCreate),
    /// `type: "approval"`: answers to approval requests.
    Approval(ApprovalCreate),
    /// `type: "tool_return"`: results of client-side tools.
    ToolReturn(ToolReturnCreate),
}

impl MessageInput {
    /// The `type` the server infers for a JSON entry: the explicit one, or the rule described above.
    /// `None` for a `type` that is neither absent, null nor a string.
    pub fn infer_type(entry: &Map<String, Value>) -> Option<&str> {
        use crate::validate::messages::{TypeKey, infer_entry_type};
        let key = match entry.get("type") {
            None => TypeKey::Absent,
            Some(Value::Null) => TypeKey::Null,
            Some(Value::String(kind)) => TypeKey::Text(kind),
            Some(_) => TypeKey::Other,
        };
        infer_entry_type(key, || entry.contains_key("approve") || entry.contains_key("approval_request_id"))
    }
}

impl<'de> Deserialize<'de> for MessageInput {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        type Parse = fn(Value) -> Result<MessageInput, serde_json::Error>;
        let entry = Map::<String, Value>::deserialize(deserializer)?;
        let parse: Parse = match Self::infer_type(&entry) {
            Some("message") => |value| MessageCreate::deserialize(value).map(Self::Message),
            Some("approval") => |value| ApprovalCreate::deserialize(value).map(Self::Approval),
            Some("tool_return") => |value| ToolReturnCreate::deserialize(value).map(Self::ToolReturn),
            _ => return Err(D::Error::custom("expected `type` to be \"message\", \"approval\" or \"tool_return\"")),
        };
        parse(Value::Object(entry)).map_err(D::Error::custom)
    }
}

wire_literal! {
    /// The `type` of a [`MessageCreate`]: `"message"`.
    pub struct MessageCreateType = "message";
}

wire_literal! {
    /// The `type` of a [`ToolReturnCreate`]: `"tool_return"`.
    pub struct ToolReturnCreateType = "tool_return";
}

/// Who a [`MessageCreate`] is from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageRole {
    /// `user`
    User,
    /// `system`
    System,
    /// `assistant`
    Assistant,
}

/// A message to add to the conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageCreate {
    /// `"message"`, `null` or absent.
    #[serde(rename = "type", default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub kind: Nullable<MessageCreateType>,
    /// Who the message is from.
    pub role: MessageRole,
    /// A string, or content parts.
    pub content: MessageContent,
    /// The participant's name.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub name: Nullable<String>,
    /// An offline threading id; reuse it when retrying so the server can deduplicate.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub otid: Nullable<String>,
    /// The id of the sender (an identity or agent id).
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub sender_id: Nullable<String>,
    /// The batch item this message belongs to.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub batch_item_id: Nullable<String>,
    /// The multi-agent group the message was sent in.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub group_id: Nullable<String>,
}

impl MessageCreate {
    /// A message with just a role and content.
    pub fn new(role: MessageRole, content: impl Into<MessageContent>) -> Self {
        Self {
            kind: None,
            role,
            content: content.into(),
            name: None,
            otid: None,
            sender_id: None,
            batch_item_id: None,
            group_id: None,
        }
    }
}

/// Answers to pending approval requests (and client tool returns, as `type: "tool"` entries).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApprovalCreate {
    /// `"approval"`; required unless `approve` or `approval_request_id` is present.
    #[serde(rename = "type", default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ApprovalType>,
    /// The answers.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub approvals: Nullable<Vec<ApprovalItem>>,
    /// Deprecated: approve the call named by `approval_request_id`. Use `approvals`.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub approve: Nullable<bool>,
    /// Deprecated: the call being answered. Use `approvals`.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub approval_request_id: Nullable<String>,
    /// Deprecated: why. Use `approvals`.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub reason: Nullable<String>,
    /// An offline threading id.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub otid: Nullable<String>,
    /// The multi-agent group.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub group_id: Nullable<String>,
}

/// Results of tools the client ran itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolReturnCreate {
    /// `"tool_return"`; required on the wire (without it the entry is read as a message).
    #[serde(rename = "type", default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ToolReturnCreateType>,
    /// The results.
    pub tool_returns: Vec<ToolReturn>,
    /// An offline threading id.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub otid: Nullable<String>,
    /// The multi-agent group.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub group_id: Nullable<String>,
}
