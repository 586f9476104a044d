//! Checks for the entries of `messages`: [`MessageCreate`], [`ApprovalCreate`] and [`ToolReturnCreate`],
//! told apart as the server does (see [`infer_entry_type`]), and the approval items inside them.
//!
//! [`MessageCreate`]: crate::types::MessageCreate
//! [`ApprovalCreate`]: crate::types::ApprovalCreate
//! [`ToolReturnCreate`]: crate::types::ToolReturnCreate

use crate::json::Value;

use super::IssueCode;
use super::checker::{Checker, describe, one_of, quote};
use super::content::{Union, check_message_content, check_tool_return_value, check_union};
use super::schema::{Field, Kind, ObjectSchema, check_object};

/// What an entry's `type` key holds, as far as telling the entry's type goes.
pub(crate) enum TypeKey<'a> {
    Absent,
    Null,
    Text(&'a str),
    Other,
}

impl<'a> TypeKey<'a> {
    fn of(entry: &'a crate::json::Map) -> Self {
        match entry.get("type") {
            None => Self::Absent,
            Some(Value::Null) => Self::Null,
            Some(Value::String(kind)) => Self::Text(kind),
            Some(_) => Self::Other,
        }
    }
}

/// The `type` the server infers for an entry of `messages`: the explicit one; `"approval"` when there
/// is none and the entry has `approve` or `approval_request_id`; otherwise `"message"`. `None` for a
/// `type` that is neither absent, null nor a string. (`MessageInput`'s `Deserialize` uses this too.)
pub(crate) fn infer_entry_type<'a>(key: TypeKey<'a>, has_approval_keys: impl FnOnce() -> bool) -> Option<&'a str> {
    match key {
        TypeKey::Absent if has_approval_keys() => Some("approval"),
        TypeKey::Absent | TypeKey::Null => Some("message"),
        TypeKey::Text(kind) => Some(kind),
        TypeKey::Other => None,
    }
}

const ENTRY_TYPES: &[&str] = &["message", "approval", "tool_return"];

/// Checks one entry of `messages`.
pub(crate) fn check_message_input(checker: &mut Checker, value: &mut Value) {
    let Value::Object(entry) = value else {
        return checker
            .report(IssueCode::WrongType, format!("expected a message (an object), got {}", describe(value)));
    };
    let explicit_type = entry.contains_key("type");
    let approval_keys = || entry.contains_key("approve") || entry.contains_key("approval_request_id");
    let (kind, schema) = match infer_entry_type(TypeKey::of(entry), approval_keys) {
        Some("message") => ("message", &MESSAGE_CREATE),
        Some("approval") => ("approval", &APPROVAL_CREATE),
        Some("tool_return") => ("tool_return", &TOOL_RETURN_CREATE),
        Some(other) => {
            let message = format!("unknown message `type` {}; expected {}", quote(other), one_of(ENTRY_TYPES));
            return checker.at("type", |checker| checker.report(IssueCode::UnknownVariant, message));
        }
        None => {
            let message = format!(
                "expected `type` to be {}, got {}",
                one_of(ENTRY_TYPES),
                describe(entry.get("type").unwrap_or(&Value::Null))
            );
            return checker.at("type", |checker| checker.report(IssueCode::WrongType, message));
        }
    };
    let Some(entry) = check_object(checker, value, schema) else { return };
    match kind {
        "message" if !explicit_type => {
            for (key, needed) in [("approvals", "approval"), ("tool_returns", "tool_return")] {
                if entry.contains_key(key) {
                    let message = format!(
                        "an entry with `{key}` needs \"type\": \"{needed}\"; without it the server reads it as a message"
                    );
                    checker.at("type", |checker| checker.report(IssueCode::MissingField, message));
                }
            }
        }
        "approval" => check_deprecated_approval(checker, entry),
        _ => {}
    }
}

/// The deprecated `approve` / `approval_request_id` pair only takes effect when both are set and
/// `approvals` is empty; otherwise the server ignores it.
fn check_deprecated_approval(checker: &mut Checker, entry: &crate::json::Map) {
    let set = |key: &str| entry.get(key).is_some_and(|value| !value.is_null());
    let has_approvals = entry.get("approvals").and_then(Value::as_array).is_some_and(|items| !items.is_empty());
    if has_approvals {
        for key in ["approve", "approval_request_id", "reason"].into_iter().filter(|key| set(key)) {
            checker.at(key, |checker| {
                checker.report(IssueCode::Ignored, format!("`{key}` is ignored because `approvals` is given"));
            });
        }
    } else if set("approve") != set("approval_request_id") {
        let missing = if set("approve") { "approval_request_id" } else { "approve" };
        checker.at(missing, |checker| {
            checker.report(
                IssueCode::Ignored,
                format!("without `{missing}` the server ignores the deprecated approval fields; use `approvals`"),
            );
        });
    } else if !set("approve") {
        checker.report(IssueCode::Ignored, "this approval carries no answer: give `approvals`");
    }
}

static MESSAGE_CREATE: ObjectSchema = ObjectSchema {
    what: "a message",
    fields: &[
        Field::nullable("type", Kind::OneOf(&["message"])),
        Field::required("role", Kind::OneOf(&["user", "system", "assistant"])),
        Field::required("content", Kind::Custom(check_message_content)),
        Field::nullable("name", Kind::Str),
        Field::nullable("otid", Kind::Str),
        Field::nullable("sender_id", Kind::Str),
        Field::nullable("batch_item_id", Kind::Str),
        Field::nullable("group_id", Kind::Str),
    ],
};

static APPROVAL_CREATE: ObjectSchema = ObjectSchema {
    what: "an approval",
    fields: &[
        Field::optional("type", Kind::OneOf(&["approval"])),
        Field::nullable(
            "approvals",
            Kind::ListOf(&Kind::Custom(|checker, value| check_union(checker, value, &APPROVAL_ITEM))),
        ),
        Field::nullable("approve", Kind::Bool)
            .deprecated("use `approvals: [{type: \"approval\", tool_call_id, approve}]`"),
        Field::nullable("approval_request_id", Kind::Str).deprecated("use `approvals` with a `tool_call_id`"),
        Field::nullable("reason", Kind::Str).deprecated("use `approvals` with a `reason`"),
        Field::nullable("otid", Kind::Str),
        Field::nullable("group_id", Kind::Str),
    ],
};

static TOOL_RETURN_CREATE: ObjectSchema = ObjectSchema {
    what: "a tool return message",
    fields: &[
        Field::optional("type", Kind::OneOf(&["tool_return"])),
        Field::required(
            "tool_returns",
            Kind::ListOf(&Kind::Custom(|checker, value| {
                check_object(checker, value, &TOOL_RETURN_STANDALONE);
            })),
        ),
        Field::nullable("otid", Kind::Str),
        Field::nullable("group_id", Kind::Str),
    ],
};

static APPROVAL_RETURN: ObjectSchema = ObjectSchema {
    what: "an approval answer",
    fields: &[
        Field::required("type", Kind::OneOf(&["approval"])),
        Field::required("tool_call_id", Kind::Str),
        Field::required("approve", Kind::Bool),
        Field::nullable("reason", Kind::Str),
    ],
};

/// The fields of a tool return; `type` is required inside `approvals` (the discriminator) and
/// optional in `tool_returns`.
macro_rules! tool_return_schema {
    ($type_field:expr) => {
        ObjectSchema {
            what: "a tool return",
            fields: &[
                $type_field,
                Field::required("tool_return", Kind::Custom(check_tool_return_value)),
                Field::required("status", Kind::OneOf(&["success", "error"])),
                Field::required("tool_call_id", Kind::Str),
                Field::nullable("stdout", Kind::ListOf(&Kind::Str)),
                Field::nullable("stderr", Kind::ListOf(&Kind::Str)),
            ],
        }
    };
}

static TOOL_RETURN_IN_APPROVALS: ObjectSchema = tool_return_schema!(Field::required("type", Kind::OneOf(&["tool"])));
static TOOL_RETURN_STANDALONE: ObjectSchema = tool_return_schema!(Field::optional("type", Kind::OneOf(&["tool"])));

static APPROVAL_ITEM: Union = Union {
    what: "approval item",
    tag: "type",
    variants: &[("approval", &APPROVAL_RETURN), ("tool", &TOOL_RETURN_IN_APPROVALS)],
};
