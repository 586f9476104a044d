//! Request bodies as they go on the wire, free of I/O so they are tested on the host: validation,
//! the `streaming` flag, offline threading ids for safe retries, and approval answers.

use crate::json::{Map, Value};

use super::ClientError;
use crate::validate::check_send_params;

/// The JSON body to send for Send Message.
///
/// Sets `streaming` as the call requires, validates (unless `validate` is false) and gives every
/// message an `otid` so that a retried request is recognised by the server as the same request.
/// `input` is rewritten as the one user message it stands for, so that it can carry an `otid` too.
pub fn send_message_body(
    agent_id: &str,
    params: &Value,
    streaming: bool,
    validate: bool,
    new_otid: &mut dyn FnMut() -> String,
) -> Result<String, ClientError> {
    let mut body = params.clone();
    if let Value::Object(map) = &mut body {
        map.insert("streaming".to_owned(), Value::Bool(streaming));
    }
    if validate {
        body = check_send_params(agent_id, &body).map_err(ClientError::Validation)?.body;
    }
    add_otids(&mut body, new_otid);
    Ok(body.to_string())
}

/// Gives every entry of `messages` an `otid` if it has none, turning `input` into `messages` first.
pub fn add_otids(body: &mut Value, new_otid: &mut dyn FnMut() -> String) {
    let Value::Object(map) = body else { return };
    let no_messages = map.get("messages").is_none_or(Value::is_null);
    if no_messages && let Some(input) = map.remove("input").filter(|input| !input.is_null()) {
        let message: Map = [("role", Value::from("user")), ("content", input)].into_iter().collect();
        map.insert("messages", Value::Array(vec![message.into()]));
    }
    let Some(Value::Array(messages)) = map.get_mut("messages") else { return };
    for entry in messages.iter_mut().filter_map(Value::as_object_mut) {
        if entry.get("otid").is_none_or(Value::is_null) {
            entry.insert("otid".to_owned(), Value::String(new_otid()));
        }
    }
}

/// The body that answers one approval request: `{"messages": [{"type": "approval", "approvals": [...]}]}`,
/// with the other Send Message fields of `extra` (`stream_tokens`, `include_pings`, …) beside it.
/// `messages` and `input` in `extra` are ignored: the approval is the message.
pub fn approval_params(tool_call_id: &str, approve: bool, reason: Option<&str>, extra: Option<&Map>) -> Value {
    let mut answer = Map::new();
    answer.insert("type", "approval".into());
    answer.insert("tool_call_id", tool_call_id.into());
    answer.insert("approve", approve.into());
    if let Some(reason) = reason {
        answer.insert("reason", reason.into());
    }
    let mut body: Map = extra
        .into_iter()
        .flatten()
        .filter(|(key, _)| !matches!(key.as_str(), "messages" | "input"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let message: Map =
        [("type", Value::from("approval")), ("approvals", Value::Array(vec![answer.into()]))].into_iter().collect();
    body.insert("messages", Value::Array(vec![message.into()]));
    Value::Object(body)
}

/// The body of `POST /v1/runs/{run_id}/stream`. The server needs at least `{}`.
pub fn resume_body(starting_after: Option<i64>, include_pings: Option<bool>) -> String {
    let mut body = Map::new();
    if let Some(seq) = starting_after {
        body.insert("starting_after", seq.into());
    }
    if let Some(pings) = include_pings {
        body.insert("include_pings", pings.into());
    }
    Value::Object(body).to_string()
}

/// A version-4 UUID from 16 random bytes.
pub fn uuid4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const AGENT: &str = "agent-123e4567-e89b-42d3-a456-426614174000";

    fn json(text: &str) -> Value {
        Value::parse(text).unwrap()
    }

    fn counter() -> impl FnMut() -> String {
        let mut next = 0;
        move || {
            next += 1;
            format!("otid-{next}")
        }
    }

    #[test]
    fn input_becomes_one_user_message_with_an_otid() {
        let body = send_message_body(AGENT, &json(r#"{"input": "hi"}"#), true, true, &mut counter()).unwrap();
        assert_eq!(body, r#"{"streaming":true,"messages":[{"role":"user","content":"hi","otid":"otid-1"}]}"#);
    }

    #[test]
    fn existing_otids_are_kept_and_missing_ones_added() {
        let params = json(
            r#"{"messages": [{"role": "user", "content": "a", "otid": "mine"}, {"role": "user", "content": "b"}]}"#,
        );
        let body = json(&send_message_body(AGENT, &params, false, true, &mut counter()).unwrap());
        assert_eq!(body.pointer("/messages/0/otid").and_then(Value::as_str), Some("mine"));
        assert_eq!(body.pointer("/messages/1/otid").and_then(Value::as_str), Some("otid-1"));
        assert_eq!(body.get("streaming").and_then(Value::as_bool), Some(false));
    }

    #[test]
    fn invalid_params_are_refused_before_sending() {
        let params = json(r#"{"input": "hi", "stream_tokens": true}"#);
        let error = send_message_body(AGENT, &params, false, true, &mut counter());
        let Err(ClientError::Validation(invalid)) = error else { panic!("{error:?}") };
        assert_eq!(invalid.errors[0].path, "/stream_tokens");
    }

    #[test]
    fn without_validation_the_body_is_sent_as_given() {
        let params = json(r#"{"input": 5, "extra": true}"#);
        let body = json(&send_message_body("not-an-id", &params, true, false, &mut counter()).unwrap());
        assert_eq!(body.get("extra").and_then(Value::as_bool), Some(true));
        assert_eq!(body.pointer("/messages/0/content").and_then(Value::as_i64), Some(5));
    }

    #[test]
    fn an_approval_answer_has_the_shape_the_server_wants() {
        assert_eq!(
            approval_params("call_1", false, Some("not now"), None).to_string(),
            r#"{"messages":[{"type":"approval","approvals":[{"type":"approval","tool_call_id":"call_1","approve":false,"reason":"not now"}]}]}"#
        );
        let valid = crate::validate::check_send_params(AGENT, &approval_params("call_1", true, None, None));
        assert!(valid.is_ok());
    }

    #[test]
    fn an_approval_answer_carries_the_other_fields_but_not_other_messages() {
        let extra = json(r#"{"stream_tokens": true, "include_pings": true, "input": "dropped", "messages": []}"#);
        let body = approval_params("call_1", true, None, extra.as_object());
        assert_eq!(body.get("stream_tokens").and_then(Value::as_bool), Some(true));
        assert_eq!(body.get("include_pings").and_then(Value::as_bool), Some(true));
        assert!(body.get("input").is_none());
        assert_eq!(body.pointer("/messages/0/approvals/0/tool_call_id").and_then(Value::as_str), Some("call_1"));
    }

    #[test]
    fn resume_bodies_are_never_empty() {
        assert_eq!(resume_body(None, None), "{}");
        assert_eq!(resume_body(Some(3), Some(false)), r#"{"starting_after":3,"include_pings":false}"#);
    }

    #[test]
    fn uuids_have_version_4_and_the_rfc_variant() {
        let id = uuid4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }
}
