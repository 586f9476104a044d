//! The tables: one [`Struct`] per serde type of [`types`](crate::types) that the server sends, field by
//! field in declaration order. `tests/typescript.rs` checks them against the types' sources.

use super::Need::{Default, Nullable, Required};
use super::{Field, Need, Shape, Struct, Union};

const fn field(name: &'static str, shape: Shape, need: Need) -> Field {
    Field { name, shape, need }
}

/// A message type: the base fields every message has, then its own.
macro_rules! message {
    ($name:ident = $rust:literal { $($own:expr,)* }) => {
        pub(crate) static $name: Struct = Struct {
            name: $rust,
            fields: &[
                field("id", Shape::Str, Required),
                field("date", Shape::Str, Required),
                field("name", Shape::Str, Nullable),
                field("otid", Shape::Str, Nullable),
                field("sender_id", Shape::Str, Nullable),
                field("step_id", Shape::Str, Nullable),
                field("is_err", Shape::Bool, Nullable),
                field("seq_id", Shape::Int, Nullable),
                field("run_id", Shape::Str, Nullable),
                $($own,)*
            ],
        };
    };
}

message!(SYSTEM_MESSAGE = "SystemMessage" { field("content", Shape::Str, Required), });
message!(USER_MESSAGE = "UserMessage" { field("content", Shape::Content, Required), });
message!(REASONING_MESSAGE = "ReasoningMessage" {
    field("source", Shape::Str, Nullable),
    field("reasoning", Shape::Str, Required),
    field("signature", Shape::Str, Nullable),
});
message!(HIDDEN_REASONING_MESSAGE = "HiddenReasoningMessage" {
    field("state", Shape::Str, Required),
    field("hidden_reasoning", Shape::Str, Nullable),
});
message!(TOOL_CALL_MESSAGE = "ToolCallMessage" {
    field("tool_call", Shape::Struct(&TOOL_CALL_DELTA), Nullable),
    field("tool_calls", Shape::ToolCalls, Nullable),
});
message!(TOOL_RETURN_MESSAGE = "ToolReturnMessage" {
    field("tool_return", Shape::Str, Nullable),
    field("status", Shape::Str, Nullable),
    field("tool_call_id", Shape::Str, Nullable),
    field("stdout", Shape::List(&Shape::Str), Nullable),
    field("stderr", Shape::List(&Shape::Str), Nullable),
    field("tool_returns", Shape::List(&Shape::Struct(&TOOL_RETURN)), Nullable),
});
message!(ASSISTANT_MESSAGE = "AssistantMessage" { field("content", Shape::Content, Required), });
message!(APPROVAL_REQUEST_MESSAGE = "ApprovalRequestMessage" {
    field("tool_call", Shape::Struct(&TOOL_CALL_DELTA), Nullable),
    field("tool_calls", Shape::ToolCalls, Nullable),
});
message!(APPROVAL_RESPONSE_MESSAGE = "ApprovalResponseMessage" {
    field("approvals", Shape::List(&Shape::Union(&APPROVAL_ITEM)), Nullable),
    field("approve", Shape::Bool, Nullable),
    field("approval_request_id", Shape::Str, Nullable),
    field("reason", Shape::Str, Nullable),
});
message!(SUMMARY_MESSAGE = "SummaryMessage" {
    field("summary", Shape::Str, Required),
    field("compaction_stats", Shape::Struct(&COMPACTION_STATS), Nullable),
});
message!(EVENT_MESSAGE = "EventMessage" {
    field("event_type", Shape::Str, Required),
    field("event_data", Shape::JsonObject, Required),
});
message!(LETTA_PING = "LettaPing" { field("message_type", Shape::Literal("ping"), Default), });

pub(crate) static COMPACTION_STATS: Struct = Struct {
    name: "CompactionStats",
    fields: &[
        field("trigger", Shape::Str, Required),
        field("context_tokens_before", Shape::Int, Nullable),
        field("context_tokens_after", Shape::Int, Nullable),
        field("context_window", Shape::Int, Required),
        field("messages_count_before", Shape::Int, Required),
        field("messages_count_after", Shape::Int, Required),
    ],
};

/// The `message_type` of every message type, in the order of `types::MessageType` (which
/// `include_return_message_types` takes).
pub(crate) const MESSAGE_TYPES: &[&str] = &[
    "system_message",
    "user_message",
    "assistant_message",
    "reasoning_message",
    "hidden_reasoning_message",
    "tool_call_message",
    "tool_return_message",
    "approval_request_message",
    "approval_response_message",
    "summary_message",
    "event_message",
];

/// `LettaMessageUnion`, by `message_type`.
pub(crate) static MESSAGES: Union = Union {
    name: "LettaMessage",
    tag: "message_type",
    members: &[
        ("system_message", &SYSTEM_MESSAGE),
        ("user_message", &USER_MESSAGE),
        ("reasoning_message", &REASONING_MESSAGE),
        ("hidden_reasoning_message", &HIDDEN_REASONING_MESSAGE),
        ("tool_call_message", &TOOL_CALL_MESSAGE),
        ("tool_return_message", &TOOL_RETURN_MESSAGE),
        ("assistant_message", &ASSISTANT_MESSAGE),
        ("approval_request_message", &APPROVAL_REQUEST_MESSAGE),
        ("approval_response_message", &APPROVAL_RESPONSE_MESSAGE),
        ("summary_message", &SUMMARY_MESSAGE),
        ("event_message", &EVENT_MESSAGE),
    ],
};

/// The stream items that are not messages, by `message_type`.
pub(crate) static ITEMS: &[(&str, &Struct)] = &[
    ("ping", &LETTA_PING),
    ("error_message", &LETTA_ERROR_MESSAGE),
    ("stop_reason", &STOP_REASON),
    ("usage_statistics", &USAGE_STATISTICS),
];

pub(crate) static LETTA_ERROR_MESSAGE: Struct = Struct {
    name: "LettaErrorMessage",
    fields: &[
        field("message_type", Shape::Literal("error_message"), Default),
        field("run_id", Shape::Str, Required),
        field("error_type", Shape::Str, Required),
        field("message", Shape::Str, Required),
        field("detail", Shape::Str, Nullable),
        field("seq_id", Shape::Int, Nullable),
    ],
};

pub(crate) static STOP_REASON: Struct = Struct {
    name: "StopReason",
    fields: &[
        field("message_type", Shape::Literal("stop_reason"), Default),
        field("stop_reason", Shape::Str, Required),
    ],
};

pub(crate) static USAGE_STATISTICS: Struct = Struct {
    name: "UsageStatistics",
    fields: &[
        field("message_type", Shape::Literal("usage_statistics"), Default),
        field("completion_tokens", Shape::Uint, Nullable),
        field("prompt_tokens", Shape::Uint, Nullable),
        field("total_tokens", Shape::Uint, Nullable),
        field("step_count", Shape::Uint, Nullable),
        field("run_ids", Shape::List(&Shape::Str), Nullable),
        field("cached_input_tokens", Shape::Uint, Nullable),
        field("cache_write_tokens", Shape::Uint, Nullable),
        field("reasoning_tokens", Shape::Uint, Nullable),
        field("context_tokens", Shape::Uint, Nullable),
    ],
};

/// `MessageContentUnion`, by `type`.
pub(crate) static CONTENT_PART: Union = Union {
    name: "ContentPart",
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

pub(crate) static TEXT_CONTENT: Struct = Struct {
    name: "TextContent",
    fields: &[field("text", Shape::Str, Required), field("signature", Shape::Str, Nullable)],
};

pub(crate) static IMAGE_CONTENT: Struct =
    Struct { name: "ImageContent", fields: &[field("source", Shape::Union(&IMAGE_SOURCE), Required)] };

/// `ImageSource`, by `type`.
pub(crate) static IMAGE_SOURCE: Union = Union {
    name: "ImageSource",
    tag: "type",
    members: &[("url", &URL_IMAGE), ("base64", &BASE64_IMAGE), ("letta", &LETTA_IMAGE)],
};

pub(crate) static URL_IMAGE: Struct = Struct { name: "UrlImage", fields: &[field("url", Shape::Str, Required)] };

pub(crate) static BASE64_IMAGE: Struct = Struct {
    name: "Base64Image",
    fields: &[
        field("media_type", Shape::Str, Required),
        field("data", Shape::Str, Required),
        field("detail", Shape::Str, Nullable),
    ],
};

pub(crate) static LETTA_IMAGE: Struct = Struct {
    name: "LettaImage",
    fields: &[
        field("file_id", Shape::Str, Required),
        field("media_type", Shape::Str, Nullable),
        field("data", Shape::Str, Nullable),
        field("detail", Shape::Str, Nullable),
    ],
};

pub(crate) static TOOL_CALL_CONTENT: Struct = Struct {
    name: "ToolCallContent",
    fields: &[
        field("id", Shape::Str, Required),
        field("name", Shape::Str, Required),
        field("input", Shape::JsonObject, Required),
        field("signature", Shape::Str, Nullable),
    ],
};

pub(crate) static TOOL_RETURN_CONTENT: Struct = Struct {
    name: "ToolReturnContent",
    fields: &[
        field("tool_call_id", Shape::Str, Required),
        field("content", Shape::Str, Required),
        field("is_error", Shape::Bool, Required),
    ],
};

pub(crate) static REASONING_CONTENT: Struct = Struct {
    name: "ReasoningContent",
    fields: &[
        field("is_native", Shape::Bool, Required),
        field("reasoning", Shape::Str, Required),
        field("signature", Shape::Str, Nullable),
    ],
};

pub(crate) static REDACTED_REASONING_CONTENT: Struct =
    Struct { name: "RedactedReasoningContent", fields: &[field("data", Shape::Str, Required)] };

pub(crate) static OMITTED_REASONING_CONTENT: Struct =
    Struct { name: "OmittedReasoningContent", fields: &[field("signature", Shape::Str, Nullable)] };

pub(crate) static SUMMARIZED_REASONING_CONTENT: Struct = Struct {
    name: "SummarizedReasoningContent",
    fields: &[
        field("id", Shape::Str, Required),
        field("summary", Shape::List(&Shape::Struct(&REASONING_SUMMARY)), Required),
        field("encrypted_content", Shape::Str, Nullable),
    ],
};

pub(crate) static REASONING_SUMMARY: Struct = Struct {
    name: "ReasoningSummary",
    fields: &[field("index", Shape::Int, Required), field("text", Shape::Str, Required)],
};

pub(crate) static TOOL_CALL: Struct = Struct {
    name: "ToolCall",
    fields: &[
        field("name", Shape::Str, Required),
        field("arguments", Shape::Str, Required),
        field("tool_call_id", Shape::Str, Required),
    ],
};

pub(crate) static TOOL_CALL_DELTA: Struct = Struct {
    name: "ToolCallDelta",
    fields: &[
        field("name", Shape::Str, Nullable),
        field("arguments", Shape::Str, Nullable),
        field("tool_call_id", Shape::Str, Nullable),
    ],
};

/// `ApprovalItem` (the members of `approvals`), by `type`.
pub(crate) static APPROVAL_ITEM: Union =
    Union { name: "ApprovalItem", tag: "type", members: &[("approval", &APPROVAL_RETURN), ("tool", &TOOL_RETURN)] };

pub(crate) static APPROVAL_RETURN: Struct = Struct {
    name: "ApprovalReturn",
    fields: &[
        field("type", Shape::Literal("approval"), Nullable),
        field("tool_call_id", Shape::Str, Required),
        field("approve", Shape::Bool, Required),
        field("reason", Shape::Str, Nullable),
    ],
};

pub(crate) static TOOL_RETURN: Struct = Struct {
    name: "ToolReturn",
    fields: &[
        field("type", Shape::Literal("tool"), Nullable),
        field("tool_return", Shape::Content, Required),
        field("status", Shape::Str, Required),
        field("tool_call_id", Shape::Str, Required),
        field("stdout", Shape::List(&Shape::Str), Nullable),
        field("stderr", Shape::List(&Shape::Str), Nullable),
    ],
};

/// `LettaResponse`, the JSON reply.
pub(crate) static LETTA_RESPONSE: Struct = Struct {
    name: "LettaResponse",
    fields: &[
        field("messages", Shape::List(&Shape::Message), Required),
        field("stop_reason", Shape::Struct(&STOP_REASON), Required),
        field("usage", Shape::Struct(&USAGE_STATISTICS), Required),
        field("logprobs", Shape::Struct(&CHOICE_LOGPROBS), Nullable),
        field("turns", Shape::List(&Shape::Struct(&TURN_TOKEN_DATA)), Nullable),
    ],
};

pub(crate) static CHOICE_LOGPROBS: Struct = Struct {
    name: "ChoiceLogprobs",
    fields: &[
        field("content", Shape::List(&Shape::Struct(&TOKEN_LOGPROB)), Nullable),
        field("refusal", Shape::List(&Shape::Struct(&TOKEN_LOGPROB)), Nullable),
    ],
};

pub(crate) static TOKEN_LOGPROB: Struct = Struct {
    name: "TokenLogprob",
    fields: &[
        field("token", Shape::Str, Required),
        field("bytes", Shape::List(&Shape::Byte), Nullable),
        field("logprob", Shape::Float, Required),
        field("top_logprobs", Shape::List(&Shape::Struct(&TOP_LOGPROB)), Required),
    ],
};

pub(crate) static TOP_LOGPROB: Struct = Struct {
    name: "TopLogprob",
    fields: &[
        field("token", Shape::Str, Required),
        field("bytes", Shape::List(&Shape::Byte), Nullable),
        field("logprob", Shape::Float, Required),
    ],
};

pub(crate) static TURN_TOKEN_DATA: Struct = Struct {
    name: "TurnTokenData",
    fields: &[
        field("role", Shape::Str, Required),
        field("output_ids", Shape::List(&Shape::Int), Nullable),
        field("output_token_logprobs", Shape::List(&Shape::List(&Shape::Json)), Nullable),
        field("content", Shape::Str, Nullable),
        field("tool_name", Shape::Str, Nullable),
    ],
};
