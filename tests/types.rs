//! Behaviour of the type model that fixtures alone do not pin down: unknown variants and values are
//! kept, broken known variants are errors, absent and null stay apart, message inputs are told apart
//! as the server does.

use letta_wasm::types::{
    ContentPart, LettaMessage, MessageInput, MessageSendParams, StopReasonType, StreamItem, ToolCallOrDelta,
};
use serde_json::{Value, json};

#[test]
fn an_unknown_message_type_is_kept_whole_and_written_back() {
    let raw = json!({"message_type": "citation_message", "id": "message-9", "zeta": 1, "alpha": [1, 2]});
    let item: StreamItem = serde_json::from_value(raw.clone()).unwrap();
    assert!(matches!(item, StreamItem::Unknown(_)));
    assert_eq!(serde_json::to_string(&item).unwrap(), raw.to_string(), "key order is kept too");
    let message: LettaMessage = serde_json::from_value(raw.clone()).unwrap();
    assert!(matches!(message, LettaMessage::Unknown(_)));
}

#[test]
fn a_known_type_with_a_broken_payload_is_an_error_not_unknown() {
    let broken =
        r#"{"message_type":"assistant_message","id":"message-1","date":"2026-01-01T00:00:00+00:00","content":7}"#;
    assert!(StreamItem::from_json(broken).is_err());
    assert!(serde_json::from_str::<StreamItem>(broken).is_err());
    assert!(serde_json::from_str::<ContentPart>(r#"{"type":"text","text":null}"#).is_err());
}

#[test]
fn an_unknown_content_part_is_kept() {
    let part: ContentPart = serde_json::from_value(json!({"type": "audio", "data": "…"})).unwrap();
    assert_eq!(part.type_tag(), Some("audio"));
    assert!(matches!(part, ContentPart::Unknown(_)));
}

#[test]
fn an_unknown_stop_reason_is_kept() {
    let item = StreamItem::from_json(r#"{"message_type":"stop_reason","stop_reason":"budget_exceeded"}"#).unwrap();
    let StreamItem::StopReason(stop) = &item else { panic!("{item:?}") };
    assert_eq!(stop.stop_reason, StopReasonType::Unknown("budget_exceeded".into()));
    assert!(!stop.stop_reason.is_known());
    assert_eq!(serde_json::to_value(&item).unwrap()["stop_reason"], "budget_exceeded");
    assert_eq!(StopReasonType::KNOWN.len(), 13);
}

#[test]
fn absent_and_null_request_fields_stay_apart() {
    let absent: MessageSendParams = serde_json::from_value(json!({"input": "hi"})).unwrap();
    let null: MessageSendParams = serde_json::from_value(json!({"input": "hi", "override_model": null})).unwrap();
    assert_eq!(absent.override_model, None);
    assert_eq!(null.override_model, Some(None));
    assert_eq!(serde_json::to_value(&null).unwrap(), json!({"input": "hi", "override_model": null}));
    assert_eq!(serde_json::to_value(MessageSendParams::default()).unwrap(), json!({}));
}

#[test]
fn message_inputs_are_told_apart_as_the_server_does() {
    let kind = |value: Value| match serde_json::from_value::<MessageInput>(value) {
        Ok(MessageInput::Message(_)) => "message",
        Ok(MessageInput::Approval(_)) => "approval",
        Ok(MessageInput::ToolReturn(_)) => "tool_return",
        Err(_) => "error",
    };
    assert_eq!(kind(json!({"role": "user", "content": "hi"})), "message");
    assert_eq!(kind(json!({"type": null, "role": "user", "content": "hi"})), "message");
    assert_eq!(kind(json!({"approve": true, "approval_request_id": "message-1"})), "approval");
    assert_eq!(kind(json!({"type": "approval", "approvals": []})), "approval");
    assert_eq!(kind(json!({"approvals": []})), "error", "without a type it is a message, which needs a role");
    assert_eq!(kind(json!({"type": "tool_return", "tool_returns": []})), "tool_return");
    assert_eq!(kind(json!({"type": "bogus", "role": "user", "content": "hi"})), "error");
}

#[test]
fn a_tool_call_with_every_key_is_a_call_otherwise_a_delta() {
    let call: ToolCallOrDelta =
        serde_json::from_value(json!({"name": "f", "arguments": "{}", "tool_call_id": "c"})).unwrap();
    assert!(matches!(call, ToolCallOrDelta::Call(_)));
    let delta: ToolCallOrDelta =
        serde_json::from_value(json!({"name": null, "arguments": "{", "tool_call_id": "c"})).unwrap();
    let ToolCallOrDelta::Delta(delta) = &delta else { panic!("{delta:?}") };
    assert_eq!((delta.name(), delta.arguments()), (None, Some("{")));
    assert_eq!(serde_json::to_value(delta).unwrap(), json!({"name": null, "arguments": "{", "tool_call_id": "c"}));
}
