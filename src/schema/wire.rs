//! The tables: one [`Object`] per type of the wire format, field by field in the serde types' order
//! (`tests/typescript.rs` checks them against the types' sources), and each union's tags, written once.
//! Types the server sends and callers send alike (content parts, image sources, approval answers, tool
//! returns) have one table for both directions.

use super::Kind::{
    Bool, Byte, Either as EitherOf, Enum, Float, Int, Json, JsonObject, List, Literal, Message, MessageInput,
    Object as ObjectOf, Refined, Str, TagOf, Uint, Union as UnionOf,
};
use super::{Either, Field, Object, Rule, Union};

const fn req(name: &'static str, kind: super::Kind) -> Field {
    Field::required(name, kind)
}
const fn opt(name: &'static str, kind: super::Kind) -> Field {
    Field::optional(name, kind)
}
const fn null(name: &'static str, kind: super::Kind) -> Field {
    Field::nullable(name, kind)
}

// The string enums written inline in the tables below (`StopReasonType` and `ToolReturnStatus` are
// further down, beside their types).
const REASONING_SOURCES: &[&str] = &["reasoner_model", "non_reasoner_model"];
const HIDDEN_REASONING_STATES: &[&str] = &["redacted", "omitted"];
const EVENT_TYPES: &[&str] = &["compaction"];
const TURN_ROLES: &[&str] = &["assistant", "tool"];
const MESSAGE_ROLES: &[&str] = &["user", "system", "assistant"];

// ---- Messages and stream items (what the server sends) ----

/// A message type: the base fields every message has, then its own.
macro_rules! message {
    ($name:ident = $rust:literal { $($own:expr,)* }) => {
        pub(crate) static $name: Object = Object {
            name: $rust,
            what: $rust,
            fields: &[
                req("id", Str),
                req("date", Str),
                null("name", Str),
                null("otid", Str),
                null("sender_id", Str),
                null("step_id", Str),
                null("is_err", Bool),
                null("seq_id", Int),
                null("run_id", Str),
                $($own,)*
            ],
        };
    };
}

message!(SYSTEM_MESSAGE = "SystemMessage" { req("content", Str), });
message!(USER_MESSAGE = "UserMessage" { req("content", EitherOf(&MESSAGE_CONTENT)), });
message!(REASONING_MESSAGE = "ReasoningMessage" {
    null("source", Enum(&REASONING_SOURCES)),
    req("reasoning", Str),
    null("signature", Str),
});
message!(HIDDEN_REASONING_MESSAGE = "HiddenReasoningMessage" {
    req("state", Enum(&HIDDEN_REASONING_STATES)),
    null("hidden_reasoning", Str),
});
message!(TOOL_CALL_MESSAGE = "ToolCallMessage" {
    null("tool_call", ObjectOf(&TOOL_CALL_DELTA)),
    null("tool_calls", EitherOf(&TOOL_CALLS)),
});
message!(TOOL_RETURN_MESSAGE = "ToolReturnMessage" {
    null("tool_return", Str),
    null("status", Enum(&TOOL_RETURN_STATUSES)),
    null("tool_call_id", Str),
    null("stdout", List(&Str)),
    null("stderr", List(&Str)),
    null("tool_returns", List(&ObjectOf(&TOOL_RETURN))),
});
message!(ASSISTANT_MESSAGE = "AssistantMessage" { req("content", EitherOf(&MESSAGE_CONTENT)), });
message!(APPROVAL_REQUEST_MESSAGE = "ApprovalRequestMessage" {
    null("tool_call", ObjectOf(&TOOL_CALL_DELTA)),
    null("tool_calls", EitherOf(&TOOL_CALLS)),
});
message!(APPROVAL_RESPONSE_MESSAGE = "ApprovalResponseMessage" {
    null("approvals", List(&UnionOf(&APPROVAL_ITEM))),
    null("approve", Bool),
    null("approval_request_id", Str),
    null("reason", Str),
});
message!(SUMMARY_MESSAGE = "SummaryMessage" {
    req("summary", Str),
    null("compaction_stats", ObjectOf(&COMPACTION_STATS)),
});
message!(EVENT_MESSAGE = "EventMessage" {
    req("event_type", Enum(&EVENT_TYPES)),
    req("event_data", JsonObject),
});

pub(crate) static COMPACTION_STATS: Object = Object {
    name: "CompactionStats",
    what: "CompactionStats",
    fields: &[
        req("trigger", Str),
        null("context_tokens_before", Int),
        null("context_tokens_after", Int),
        req("context_window", Int),
        req("messages_count_before", Int),
        req("messages_count_after", Int),
    ],
};

/// `LettaMessageUnion`, by `message_type`, in the order of `types::MessageType` (which
/// `include_return_message_types` takes).
pub(crate) static MESSAGES: Union = Union {
    name: "LettaMessage",
    what: "message",
    tag: "message_type",
    members: &[
        ("system_message", &SYSTEM_MESSAGE),
        ("user_message", &USER_MESSAGE),
        ("assistant_message", &ASSISTANT_MESSAGE),
        ("reasoning_message", &REASONING_MESSAGE),
        ("hidden_reasoning_message", &HIDDEN_REASONING_MESSAGE),
        ("tool_call_message", &TOOL_CALL_MESSAGE),
        ("tool_return_message", &TOOL_RETURN_MESSAGE),
        ("approval_request_message", &APPROVAL_REQUEST_MESSAGE),
        ("approval_response_message", &APPROVAL_RESPONSE_MESSAGE),
        ("summary_message", &SUMMARY_MESSAGE),
        ("event_message", &EVENT_MESSAGE),
    ],
};

/// The stream items that are not messages, by `message_type`. Their structs list the tag as a field
/// with a default, as the serde types do.
pub(crate) static ITEMS: Union = Union {
    name: "StreamItem",
    what: "stream item",
    tag: "message_type",
    members: &[
        ("ping", &LETTA_PING),
        ("error_message", &LETTA_ERROR_MESSAGE),
        ("stop_reason", &STOP_REASON),
        ("usage_statistics", &USAGE_STATISTICS),
    ],
};

message!(LETTA_PING = "LettaPing" { opt("message_type", Literal(&"ping")), });

pub(crate) static LETTA_ERROR_MESSAGE: Object = Object {
    name: "LettaErrorMessage",
    what: "LettaErrorMessage",
    fields: &[
        opt("message_type", Literal(&"error_message")),
        req("run_id", Str),
        req("error_type", Str),
        req("message", Str),
        null("detail", Str),
        null("seq_id", Int),
    ],
};

pub(crate) static STOP_REASON: Object = Object {
    name: "StopReason",
    what: "StopReason",
    fields: &[opt("message_type", Literal(&"stop_reason")), req("stop_reason", Enum(&STOP_REASONS))],
};

/// `StopReasonType`.
const STOP_REASONS: &[&str] = &[
    "end_turn",
    "error",
    "llm_api_error",
    "invalid_llm_response",
    "invalid_tool_call",
    "max_steps",
    "max_tokens_exceeded",
    "no_tool_call",
    "tool_rule",
    "cancelled",
    "insufficient_credits",
    "requires_approval",
    "context_window_overflow_in_system_prompt",
];

pub(crate) static USAGE_STATISTICS: Object = Object {
    name: "UsageStatistics",
    what: "UsageStatistics",
    fields: &[
        opt("message_type", Literal(&"usage_statistics")),
        null("completion_tokens", Uint),
        null("prompt_tokens", Uint),
        null("total_tokens", Uint),
        null("step_count", Uint),
        null("run_ids", List(&Str)),
        null("cached_input_tokens", Uint),
        null("cache_write_tokens", Uint),
        null("reasoning_tokens", Uint),
        null("context_tokens", Uint),
    ],
};

// ---- The JSON reply ----

/// `LettaResponse`, the JSON reply.
pub(crate) static LETTA_RESPONSE: Object = Object {
    name: "LettaResponse",
    what: "LettaResponse",
    fields: &[
        req("messages", List(&Message)),
        req("stop_reason", ObjectOf(&STOP_REASON)),
        req("usage", ObjectOf(&USAGE_STATISTICS)),
        null("logprobs", ObjectOf(&CHOICE_LOGPROBS)),
        null("turns", List(&ObjectOf(&TURN_TOKEN_DATA))),
    ],
};

pub(crate) static CHOICE_LOGPROBS: Object = Object {
    name: "ChoiceLogprobs",
    what: "ChoiceLogprobs",
    fields: &[null("content", List(&ObjectOf(&TOKEN_LOGPROB))), null("refusal", List(&ObjectOf(&TOKEN_LOGPROB)))],
};

pub(crate) static TOKEN_LOGPROB: Object = Object {
    name: "TokenLogprob",
    what: "TokenLogprob",
    fields: &[
        req("token", Str),
        null("bytes", List(&Byte)),
        req("logprob", Float),
        req("top_logprobs", List(&ObjectOf(&TOP_LOGPROB))),
    ],
};

pub(crate) static TOP_LOGPROB: Object = Object {
    name: "TopLogprob",
    what: "TopLogprob",
    fields: &[req("token", Str), null("bytes", List(&Byte)), req("logprob", Float)],
};

pub(crate) static TURN_TOKEN_DATA: Object = Object {
    name: "TurnTokenData",
    what: "TurnTokenData",
    fields: &[
        req("role", Enum(&TURN_ROLES)),
        null("output_ids", List(&Int)),
        null("output_token_logprobs", List(&List(&Json))),
        null("content", Str),
        null("tool_name", Str),
    ],
};

// ---- Tool calls ----

/// `tool_calls`: whole tool calls, or one delta.
pub(crate) static TOOL_CALLS: Either = Either {
    name: "ToolCalls",
    what: "a list of tool calls or one tool call delta",
    kinds: &[List(&ObjectOf(&TOOL_CALL)), ObjectOf(&TOOL_CALL_DELTA)],
};

pub(crate) static TOOL_CALL: Object = Object {
    name: "ToolCall",
    what: "a tool call",
    fields: &[req("name", Str), req("arguments", Str), req("tool_call_id", Str)],
};

pub(crate) static TOOL_CALL_DELTA: Object = Object {
    name: "ToolCallDelta",
    what: "a tool call delta",
    fields: &[null("name", Str), null("arguments", Str), null("tool_call_id", Str)],
};

// ---- Content (both directions) ----

/// Message content: a string, or content parts.
pub(crate) static MESSAGE_CONTENT: Either = Either {
    name: "MessageContent",
    what: "a string or an array of content parts",
    kinds: &[Str, List(&UnionOf(&CONTENT_PART))],
};

/// `LettaMessageContentUnion`, by `type`.
pub(crate) static CONTENT_PART: Union = Union {
    name: "ContentPart",
    what: "content part",
    tag: "type",
    members: &[
        ("text", &TEXT_CONTENT),
        ("image", &IMAGE_CONTENT),
        ("tool_call", &TOOL_CALL_CONTENT),
        ("tool_return", &TOOL_RETURN_CONTENT),
        ("reasoning", &REASONING_CONTENT),
        ("redacted_reasoning", &REDACTED_REASONING_CONTENT),
        ("omitted_reasoning", &OMITTED_REASONING_CONTENT),
        ("summarized_reasoning", &SUMMARIZED_REASONING_CONTENT),
    ],
};

pub(crate) static TEXT_CONTENT: Object =
    Object { name: "TextContent", what: "a text part", fields: &[req("text", Str), null("signature", Str)] };

pub(crate) static IMAGE_CONTENT: Object =
    Object { name: "ImageContent", what: "an image part", fields: &[req("source", UnionOf(&IMAGE_SOURCE))] };

/// `ImageSource`, by `type`.
pub(crate) static IMAGE_SOURCE: Union = Union {
    name: "ImageSource",
    what: "image source",
    tag: "type",
    members: &[("url", &URL_IMAGE), ("base64", &BASE64_IMAGE), ("letta", &LETTA_IMAGE)],
};

pub(crate) static URL_IMAGE: Object =
    Object { name: "UrlImage", what: "a url image source", fields: &[req("url", Refined(&(Str, Rule::FetchableUrl)))] };

pub(crate) static BASE64_IMAGE: Object = Object {
    name: "Base64Image",
    what: "a base64 image source",
    fields: &[req("media_type", Str), req("data", Str), null("detail", Str)],
};

pub(crate) static LETTA_IMAGE: Object = Object {
    name: "LettaImage",
    what: "a letta image source",
    fields: &[req("file_id", Str), null("media_type", Str), null("data", Str), null("detail", Str)],
};

pub(crate) static TOOL_CALL_CONTENT: Object = Object {
    name: "ToolCallContent",
    what: "a tool_call part",
    fields: &[req("id", Str), req("name", Str), req("input", JsonObject), null("signature", Str)],
};

pub(crate) static TOOL_RETURN_CONTENT: Object = Object {
    name: "ToolReturnContent",
    what: "a tool_return part",
    fields: &[req("tool_call_id", Str), req("content", Str), req("is_error", Bool)],
};

pub(crate) static REASONING_CONTENT: Object = Object {
    name: "ReasoningContent",
    what: "a reasoning part",
    fields: &[req("is_native", Bool), req("reasoning", Str), null("signature", Str)],
};

pub(crate) static REDACTED_REASONING_CONTENT: Object =
    Object { name: "RedactedReasoningContent", what: "a redacted_reasoning part", fields: &[req("data", Str)] };

pub(crate) static OMITTED_REASONING_CONTENT: Object =
    Object { name: "OmittedReasoningContent", what: "an omitted_reasoning part", fields: &[null("signature", Str)] };

pub(crate) static SUMMARIZED_REASONING_CONTENT: Object = Object {
    name: "SummarizedReasoningContent",
    what: "a summarized_reasoning part",
    fields: &[
        req("id", Str),
        req("summary", List(&ObjectOf(&REASONING_SUMMARY))),
        Field::default_null("encrypted_content", Str),
    ],
};

pub(crate) static REASONING_SUMMARY: Object =
    Object { name: "ReasoningSummary", what: "a reasoning summary", fields: &[req("index", Int), req("text", Str)] };

// ---- Approvals and tool returns (both directions) ----

/// `ApprovalItem` (the entries of `approvals`), by `type`.
pub(crate) static APPROVAL_ITEM: Union = Union {
    name: "ApprovalItem",
    what: "approval item",
    tag: "type",
    members: &[("approval", &APPROVAL_RETURN), ("tool", &TOOL_RETURN)],
};

pub(crate) static APPROVAL_RETURN: Object = Object {
    name: "ApprovalReturn",
    what: "an approval answer",
    fields: &[opt("type", Literal(&"approval")), req("tool_call_id", Str), req("approve", Bool), null("reason", Str)],
};

const TOOL_RETURN_STATUSES: &[&str] = &["success", "error"];

pub(crate) static TOOL_RETURN: Object = Object {
    name: "ToolReturn",
    what: "a tool return",
    fields: &[
        opt("type", Literal(&"tool")),
        // The server takes only text and image parts in a tool return.
        req("tool_return", Refined(&(EitherOf(&MESSAGE_CONTENT), Rule::PartTypes(&["text", "image"])))),
        req("status", Enum(&TOOL_RETURN_STATUSES)),
        req("tool_call_id", Str),
        null("stdout", List(&Str)),
        null("stderr", List(&Str)),
    ],
};

// ---- The request (what callers send) ----

const DEPRECATED_FOR_V1: &str = "only legacy agent types use it (letta_v1_agent and later ignore it)";

/// `LettaRequest` / `LettaStreamingRequest`: the body of Send Message. Rules across fields are in
/// `validate::params`.
pub(crate) static MESSAGE_SEND_PARAMS: Object = Object {
    name: "MessageSendParams",
    what: "the request body",
    fields: &[
        null("messages", List(&MessageInput)),
        null("input", Refined(&(EitherOf(&MESSAGE_CONTENT), Rule::NotEmpty))),
        opt("max_steps", Int),
        opt("use_assistant_message", Refined(&(Bool, Rule::Deprecated(DEPRECATED_FOR_V1)))),
        opt("assistant_message_tool_name", Refined(&(Str, Rule::Deprecated(DEPRECATED_FOR_V1)))),
        opt("assistant_message_tool_kwarg", Refined(&(Str, Rule::Deprecated(DEPRECATED_FOR_V1)))),
        null("include_return_message_types", List(&TagOf(&MESSAGES))),
        opt(
            "enable_thinking",
            Refined(&(Refined(&(Str, Rule::NoBoolean)), Rule::Deprecated("reasoning is configured on the agent"))),
        ),
        null("client_tools", List(&ObjectOf(&CLIENT_TOOL))),
        null("client_skills", List(&ObjectOf(&CLIENT_SKILL))),
        null("override_model", Str),
        opt("include_compaction_messages", Bool),
        opt("return_logprobs", Bool),
        null("top_logprobs", Int),
        opt("return_token_ids", Bool),
        null("override_system", Str),
        null("system", Str),
        opt("streaming", Bool),
        opt("stream_tokens", Bool),
        opt("include_pings", Bool),
        opt("background", Bool),
    ],
};

pub(crate) static CLIENT_TOOL: Object = Object {
    name: "ClientTool",
    what: "a client tool",
    fields: &[req("name", Str), null("description", Str), null("parameters", JsonObject)],
};

pub(crate) static CLIENT_SKILL: Object = Object {
    name: "ClientSkill",
    what: "a client skill",
    fields: &[req("name", Str), req("description", Str), req("location", Str)],
};

/// The entries of a request's `messages`, by `type` (inferred when absent: see [`MessageInput`]).
///
/// [`MessageInput`]: super::Kind::MessageInput
pub(crate) static MESSAGE_INPUT: Union = Union {
    name: "MessageInput",
    what: "message",
    tag: "type",
    members: &[("message", &MESSAGE_CREATE), ("approval", &APPROVAL_CREATE), ("tool_return", &TOOL_RETURN_CREATE)],
};

pub(crate) static MESSAGE_CREATE: Object = Object {
    name: "MessageCreate",
    what: "a message",
    fields: &[
        null("type", Literal(&"message")),
        req("role", Enum(&MESSAGE_ROLES)),
        req("content", Refined(&(EitherOf(&MESSAGE_CONTENT), Rule::NotEmpty))),
        null("name", Str),
        null("otid", Str),
        null("sender_id", Str),
        null("batch_item_id", Str),
        null("group_id", Str),
    ],
};

pub(crate) static APPROVAL_CREATE: Object = Object {
    name: "ApprovalCreate",
    what: "an approval",
    fields: &[
        opt("type", Literal(&"approval")),
        null("approvals", List(&UnionOf(&APPROVAL_ITEM))),
        null(
            "approve",
            Refined(&(Bool, Rule::Deprecated("use `approvals: [{type: \"approval\", tool_call_id, approve}]`"))),
        ),
        null("approval_request_id", Refined(&(Str, Rule::Deprecated("use `approvals` with a `tool_call_id`")))),
        null("reason", Refined(&(Str, Rule::Deprecated("use `approvals` with a `reason`")))),
        null("otid", Str),
        null("group_id", Str),
    ],
};

pub(crate) static TOOL_RETURN_CREATE: Object = Object {
    name: "ToolReturnCreate",
    what: "a tool return message",
    fields: &[
        opt("type", Literal(&"tool_return")),
        req("tool_returns", List(&ObjectOf(&TOOL_RETURN))),
        null("otid", Str),
        null("group_id", Str),
    ],
};
