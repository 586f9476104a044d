//! Token and step counts for a turn: the `usage_statistics` object.

use serde::{Deserialize, Serialize};

use super::macros::wire_literal;

wire_literal! {
    /// The `message_type` of [`UsageStatistics`]: `"usage_statistics"`.
    pub struct UsageStatisticsTag = "usage_statistics";
}

/// Usage of a turn. `None` (`null`) means the provider did not report the figure; the server sends
/// token counts as `0` in JSON and step-streamed replies and `null` while tokens stream.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageStatistics {
    /// Always `"usage_statistics"`.
    #[serde(default)]
    pub message_type: UsageStatisticsTag,
    /// Tokens the model generated.
    #[serde(default)]
    pub completion_tokens: Option<u64>,
    /// Tokens in the prompts.
    #[serde(default)]
    pub prompt_tokens: Option<u64>,
    /// All tokens processed.
    #[serde(default)]
    pub total_tokens: Option<u64>,
    /// Agent steps taken.
    #[serde(default)]
    pub step_count: Option<u64>,
    /// Background run ids of the interaction.
    #[serde(default)]
    pub run_ids: Option<Vec<String>>,
    /// Input tokens served from the provider's cache.
    #[serde(default)]
    pub cached_input_tokens: Option<u64>,
    /// Input tokens written to the provider's cache.
    #[serde(default)]
    pub cache_write_tokens: Option<u64>,
    /// Reasoning tokens generated.
    #[serde(default)]
    pub reasoning_tokens: Option<u64>,
    /// The context size: the last step's total tokens.
    #[serde(default)]
    pub context_tokens: Option<u64>,
}
