//! Approval answers and tool returns: [`ApprovalReturn`] and [`ToolReturn`], and their union
//! [`ApprovalItem`] (tagged by `type`), used in approval requests and `approval_response_message`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::macros::{nullable, present, tagged_union_deserialize, wire_enum, wire_literal};
use super::{MessageContent, Nullable};

wire_literal! {
    /// The `type` of an [`ApprovalReturn`]: `"approval"`.
    pub struct ApprovalType = "approval";
}

wire_literal! {
    /// The `type` of a [`ToolReturn`]: `"tool"`.
    pub struct ToolType = "tool";
}

wire_enum! {
    /// Whether a tool call succeeded.
    pub enum ToolReturnStatus {
        /// `success`
        Success = "success",
        /// `error`
        Error = "error",
    }
}

/// An answer to one approval request: approve or deny a pending tool call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApprovalReturn {
    /// `"approval"`. Needed on the wire inside `approvals`, which is discriminated by it.
    #[serde(rename = "type", default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ApprovalType>,
    /// The id of the tool call being answered.
    pub tool_call_id: String,
    /// Whether the call may run.
    pub approve: bool,
    /// Why, typically given when denying.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub reason: Nullable<String>,
}

/// The result of a tool call, from Letta or from a client-side tool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolReturn {
    /// `"tool"`. Needed on the wire inside `approvals`, which is discriminated by it.
    #[serde(rename = "type", default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ToolType>,
    /// What the tool returned: a string, or `text` and `image` parts.
    pub tool_return: MessageContent,
    /// Whether the call succeeded.
    pub status: ToolReturnStatus,
    /// The id of the tool call this answers.
    pub tool_call_id: String,
    /// Captured standard output lines.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub stdout: Nullable<Vec<String>>,
    /// Captured standard error lines.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    pub stderr: Nullable<Vec<String>>,
}

/// One entry of `approvals`: an approval answer or a tool return, tagged by `type`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ApprovalItem {
    /// `type: "approval"`.
    Approval(ApprovalReturn),
    /// `type: "tool"`.
    Tool(ToolReturn),
    /// An entry of a type this crate does not know, kept whole.
    Unknown(Map<String, Value>),
}

tagged_union_deserialize!(ApprovalItem, "type", {
    "approval" => Approval,
    "tool" => Tool,
});
