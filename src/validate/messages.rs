//! The entries of `messages` beyond their tables: [`MessageCreate`], [`ApprovalCreate`] and
//! [`ToolReturnCreate`] told apart as the server does (see [`infer_entry_type`]), and the rules across
//! an entry's fields.
//!
//! [`MessageCreate`]: crate::types::MessageCreate
//! [`ApprovalCreate`]: crate::types::ApprovalCreate
//! [`ToolReturnCreate`]: crate::types::ToolReturnCreate

use crate::json::{Map, Value};
use crate::schema::Object;
use crate::schema::wire::MESSAGE_INPUT;

use super::IssueCode;
use super::checker::{Checker, describe, one_of, quote};

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

/// The member of `messages`' union an entry is read as, by its inferred `type`; `None` when the
/// entry is not an object or its `type` is unknown (reported).
pub(crate) fn entry_member(checker: &mut Checker, value: &Value) -> Option<(&'static str, &'static Object)> {
    let Value::Object(entry) = value else {
        checker.report(IssueCode::WrongType, format!("expected a message (an object), got {}", describe(value)));
        return None;
    };
    let tags = || MESSAGE_INPUT.tags().collect::<Vec<_>>();
    let approval_keys = || entry.contains_key("approve") || entry.contains_key("approval_request_id");
    match infer_entry_type(TypeKey::of(entry), approval_keys) {
        Some(tag) => match MESSAGE_INPUT.entry(tag) {
            Some((tag, member)) => Some((tag, member)),
            None => {
                let message = format!("unknown message `type` {}; expected {}", quote(tag), one_of(&tags()));
                checker.at("type", |checker| checker.report(IssueCode::UnknownVariant, message));
                None
            }
        },
        None => {
            let message = format!(
                "expected `type` to be {}, got {}",
                one_of(&tags()),
                describe(entry.get("type").unwrap_or(&Value::Null))
            );
            checker.at("type", |checker| checker.report(IssueCode::WrongType, message));
            None
        }
    }
}

/// The rules across an entry's fields, after its fields are checked: keys that only count with an
/// explicit `type`, and the deprecated approval fields.
pub(crate) fn check_entry(checker: &mut Checker, tag: &str, explicit_type: bool, entry: &Map) {
    match tag {
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
fn check_deprecated_approval(checker: &mut Checker, entry: &Map) {
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
