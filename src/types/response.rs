//! The JSON answer to Send Message without streaming: [`LettaResponse`], with the optional log
//! probabilities and per-turn token data (`return_logprobs`, `return_token_ids`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::macros::wire_enum;
use super::{LettaMessage, StopReason, UsageStatistics};

/// `{messages, stop_reason, usage, logprobs, turns}`: a whole turn at once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LettaResponse {
    /// The messages the agent produced (the user's input is not echoed).
    pub messages: Vec<LettaMessage>,
    /// Why the turn ended.
    pub stop_reason: StopReason,
    /// Token and step counts.
    pub usage: UsageStatistics,
    /// Log probabilities of the last model call's output (with `return_logprobs`).
    #[serde(default)]
    pub logprobs: Option<ChoiceLogprobs>,
    /// Token ids and log probabilities of every turn (with `return_token_ids`).
    #[serde(default)]
    pub turns: Option<Vec<TurnTokenData>>,
}

/// Log probabilities of a model's output, OpenAI style.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChoiceLogprobs {
    /// One entry per output token.
    #[serde(default)]
    pub content: Option<Vec<TokenLogprob>>,
    /// One entry per refusal token.
    #[serde(default)]
    pub refusal: Option<Vec<TokenLogprob>>,
}

/// The log probability of one output token and its top alternatives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenLogprob {
    /// The token text.
    pub token: String,
    /// Its UTF-8 bytes.
    #[serde(default)]
    pub bytes: Option<Vec<u8>>,
    /// Its log probability.
    pub logprob: f64,
    /// The most likely alternatives at this position.
    pub top_logprobs: Vec<TopLogprob>,
}

/// One alternative token at a position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopLogprob {
    /// The token text.
    pub token: String,
    /// Its UTF-8 bytes.
    #[serde(default)]
    pub bytes: Option<Vec<u8>>,
    /// Its log probability.
    pub logprob: f64,
}

/// Token data for one turn, for training: model output ids and log probabilities, or a tool's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TurnTokenData {
    /// `assistant` for model output, `tool` for tool results.
    pub role: TurnRole,
    /// Output token ids (assistant turns).
    #[serde(default)]
    pub output_ids: Option<Vec<i64>>,
    /// `[logprob, token_id, top_logprob_or_null]` triples (assistant turns).
    #[serde(default)]
    pub output_token_logprobs: Option<Vec<Vec<Value>>>,
    /// The text (tool turns).
    #[serde(default)]
    pub content: Option<String>,
    /// The tool's name (tool turns).
    #[serde(default)]
    pub tool_name: Option<String>,
}

wire_enum! {
    /// Who produced a turn.
    pub enum TurnRole {
        /// `assistant`: model output (trainable).
        Assistant = "assistant",
        /// `tool`: a tool result (not trainable).
        Tool = "tool",
    }
}
