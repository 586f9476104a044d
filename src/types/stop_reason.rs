//! Why the agent loop stopped: the `stop_reason` object that ends every turn.

use serde::{Deserialize, Serialize};

use super::macros::{wire_enum, wire_literal};

wire_literal! {
    /// The `message_type` of a [`StopReason`]: `"stop_reason"`.
    pub struct StopReasonTag = "stop_reason";
}

/// `{"message_type":"stop_reason","stop_reason":…}`: sent after the last message of a turn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StopReason {
    /// Always `"stop_reason"`.
    #[serde(default)]
    pub message_type: StopReasonTag,
    /// Why execution stopped.
    pub stop_reason: StopReasonType,
}

impl StopReason {
    /// A stop reason object for `reason`.
    pub fn new(reason: StopReasonType) -> Self {
        Self { message_type: StopReasonTag, stop_reason: reason }
    }
}

wire_enum! {
    /// The reason the agent loop stopped (all 13 values of Letta 0.16.8, plus `Unknown`).
    pub enum StopReasonType {
        /// `end_turn`: the agent finished its turn.
        EndTurn = "end_turn",
        /// `error`: the run failed.
        Error = "error",
        /// `llm_api_error`: the model provider failed.
        LlmApiError = "llm_api_error",
        /// `invalid_llm_response`: the model's output could not be used.
        InvalidLlmResponse = "invalid_llm_response",
        /// `invalid_tool_call`: the model called a tool wrongly.
        InvalidToolCall = "invalid_tool_call",
        /// `max_steps`: the step limit was reached.
        MaxSteps = "max_steps",
        /// `max_tokens_exceeded`: the token limit was reached.
        MaxTokensExceeded = "max_tokens_exceeded",
        /// `no_tool_call`: the model made no tool call where one was required.
        NoToolCall = "no_tool_call",
        /// `tool_rule`: a tool rule ended the turn.
        ToolRule = "tool_rule",
        /// `cancelled`: the run was cancelled.
        Cancelled = "cancelled",
        /// `insufficient_credits`: the account is out of credits.
        InsufficientCredits = "insufficient_credits",
        /// `requires_approval`: a tool call awaits approval.
        RequiresApproval = "requires_approval",
        /// `context_window_overflow_in_system_prompt`: the system prompt alone overflows the context.
        ContextWindowOverflowInSystemPrompt = "context_window_overflow_in_system_prompt",
    }
}
