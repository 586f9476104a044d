//! Checks for the whole request: the agent id path parameter, the body's top-level fields, and the
//! rules that span fields (exactly one of `messages` / `input`, non-empty `messages`, streaming-only
//! options), in the order the server applies them.

use crate::json::{Map, Value};

use super::IssueCode;
use super::checker::{Checker, describe, quote};
use crate::schema::MESSAGE_SEND_PARAMS;
use crate::schema::lax::check_object;

/// The length of an agent id: `agent-` and a 36-character UUID.
pub const AGENT_ID_LEN: usize = 42;

/// Checks the agent id: `agent-` followed by a lowercase UUID version 4 (variant 8, 9, a or b).
pub(crate) fn check_agent_id(checker: &mut Checker, agent_id: &str) {
    checker.in_path_param("agent_id", |checker| {
        if agent_id.len() != AGENT_ID_LEN {
            let got = agent_id.chars().count();
            checker.report(
                IssueCode::InvalidValue,
                format!("an agent id is {AGENT_ID_LEN} characters (`agent-<uuid4>`), got {got}: {}", quote(agent_id)),
            );
        } else if !is_agent_id(agent_id) {
            checker.report(
                IssueCode::InvalidValue,
                format!("expected `agent-` and a lowercase version-4 UUID, got {}", quote(agent_id)),
            );
        }
    });
}

/// `^agent-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`
fn is_agent_id(id: &str) -> bool {
    let Some(uuid) = id.strip_prefix("agent-") else { return false };
    let bytes = uuid.as_bytes();
    let hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(at, b)| if matches!(at, 8 | 13 | 18 | 23) { *b == b'-' } else { hex(b) })
        && bytes[14] == b'4'
        && matches!(bytes[19], b'8' | b'9' | b'a' | b'b')
}

/// Checks the body; returns the (possibly rewritten) top-level map when the body is an object.
pub(crate) fn check_body<'v>(checker: &mut Checker, body: &'v mut Value) -> Option<&'v mut Map> {
    let Value::Object(map) = body else {
        checker
            .report(IssueCode::WrongType, format!("expected the request body to be an object, got {}", describe(body)));
        return None;
    };
    // `system` is the alias of `override_system`; when both are given the server uses `override_system`.
    if map.contains_key("override_system") && map.contains_key("system") {
        map.remove("system");
        checker.at("system", |checker| {
            checker.report(IssueCode::Ignored, "`system` is ignored because `override_system` is given");
        });
    }
    let map = check_object(checker, body, &MESSAGE_SEND_PARAMS, None)?;
    check_messages_or_input(checker, map);
    check_streaming_options(checker, map);
    check_advisories(checker, map);
    Some(map)
}

fn check_messages_or_input(checker: &mut Checker, map: &Map) {
    let messages = map.get("messages").filter(|value| !value.is_null());
    let input = map.get("input").filter(|value| !value.is_null());
    match (messages, input) {
        (Some(_), Some(_)) => checker.at("input", |checker| {
            checker.report(IssueCode::Conflict, "give either `messages` or `input`, not both");
        }),
        (None, None) => checker.report(IssueCode::MissingField, "the request needs `messages` or `input`"),
        (Some(Value::Array(items)), None) if items.is_empty() => checker.at("messages", |checker| {
            checker.report(IssueCode::Empty, "`messages` must not be empty");
        }),
        _ => {}
    }
}

/// The server refuses `stream_tokens: true`, `include_pings: false` and `background: true` unless
/// `streaming` is true (after its own conversions, which `check_object` has applied).
fn check_streaming_options(checker: &mut Checker, map: &Map) {
    if map.get("streaming") == Some(&Value::Bool(true)) {
        return;
    }
    for (key, refused) in [("stream_tokens", true), ("include_pings", false), ("background", true)] {
        if map.get(key) == Some(&Value::Bool(refused)) {
            checker.at(key, |checker| {
                checker.report(IssueCode::RequiresStreaming, format!("`{key}: {refused}` needs `streaming: true`"));
            });
        }
    }
}

/// Warnings about values the server accepts but does not act on as documented.
fn check_advisories(checker: &mut Checker, map: &Map) {
    if let Some(steps) = map.get("max_steps").and_then(Value::as_i64).filter(|steps| *steps < 1) {
        checker.at("max_steps", |checker| {
            checker.report(IssueCode::OutOfRange, format!("`max_steps` is {steps}; the agent takes no step below 1"));
        });
    }
    if let Some(top) = map.get("top_logprobs").and_then(Value::as_i64) {
        if !(0..=20).contains(&top) {
            checker.at("top_logprobs", |checker| {
                checker.report(IssueCode::OutOfRange, format!("`top_logprobs` is documented as 0 to 20, got {top}"));
            });
        }
        if map.get("return_logprobs") != Some(&Value::Bool(true)) {
            checker.at("top_logprobs", |checker| {
                checker.report(IssueCode::Ignored, "`top_logprobs` has no effect without `return_logprobs: true`");
            });
        }
    }
}
