//! Serde types for the whole Send Message API: the request ([`MessageSendParams`] and its message
//! inputs), content parts, the response ([`LettaResponse`]) and its messages ([`LettaMessage`]), and
//! stream items ([`StreamItem`]), and HTTP error bodies ([`ErrorResponse`]).
//!
//! Conventions, the same in every module:
//! - Unions are tagged by the API's own field (`message_type` or `type`). Every union the server sends has
//!   an `Unknown` variant that keeps the whole object and writes it back unchanged; a known tag with a
//!   broken payload is a decode error, not `Unknown`. String enums keep unknown values the same way.
//! - Response types write every field as the server does, `null` included, so wire JSON round-trips.
//! - Request types skip absent fields, and fields that are optional *and* nullable in the API are
//!   [`Nullable`], so a request serializes exactly what the caller set.
//! - Decoding is tolerant of fields this crate does not know; they are not kept on known types.

pub(crate) mod macros;

mod approval;
mod content;
mod error_response;
mod message;
mod request;
mod response;
mod stop_reason;
mod stream_item;
mod tool_call;
mod usage;

pub use approval::{ApprovalItem, ApprovalReturn, ApprovalType, ToolReturn, ToolReturnStatus, ToolType};
pub use content::{
    Base64Image, ContentPart, ImageContent, ImageSource, LettaImage, MessageContent, OmittedReasoningContent,
    ReasoningContent, ReasoningSummary, RedactedReasoningContent, SummarizedReasoningContent, TextContent,
    ToolCallContent, ToolReturnContent, UrlImage,
};
pub use error_response::{ConflictDetail, ErrorDetail, ErrorResponse, ProviderError};
pub use message::{
    ApprovalRequestMessage, ApprovalResponseMessage, AssistantMessage, CompactionStats, EventMessage, EventType,
    HiddenReasoningMessage, HiddenReasoningState, LettaMessage, ReasoningMessage, ReasoningSource, SummaryMessage,
    SystemMessage, ToolCallMessage, ToolReturnMessage, UserMessage,
};
pub use request::{
    ApprovalCreate, ClientSkill, ClientTool, MessageCreate, MessageCreateType, MessageInput, MessageRole,
    MessageSendParams, MessageType, ToolReturnCreate, ToolReturnCreateType,
};
pub use response::{ChoiceLogprobs, LettaResponse, TokenLogprob, TopLogprob, TurnRole, TurnTokenData};
pub use stop_reason::{StopReason, StopReasonTag, StopReasonType};
pub use stream_item::{ErrorMessageTag, LettaErrorMessage, LettaPing, PingTag, StreamItem};
pub use tool_call::{ToolCall, ToolCallDelta, ToolCallOrDelta, ToolCalls};
pub use usage::{UsageStatistics, UsageStatisticsTag};

/// An optional field that may also be `null`: `None` when absent, `Some(None)` when `null`,
/// `Some(Some(value))` when set. Keeps the difference so JSON round-trips exactly.
pub type Nullable<T> = Option<Option<T>>;
