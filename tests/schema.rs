//! The strict schema check against serde on hand-picked edge cases: for each text, checking it passes
//! exactly when decoding it into the typed `StreamItem` (or `LettaResponse`) succeeds.

use letta_wasm::schema::{check_item, check_messages, check_response};
use letta_wasm::types::{LettaMessage, LettaResponse, StreamItem};

const BASE: &str = r#""id":"m1","date":"2026-01-01T00:00:00Z""#;

fn item(rest: &str) -> String {
    format!("{{{BASE},{rest}}}")
}

#[test]
fn items_pass_exactly_when_serde_decodes_them() {
    let cases = [
        item(r#""message_type":"assistant_message","content":"Hi""#),
        item(r#""message_type":"assistant_message","content":"Hi","content":"again""#),
        item(r#""message_type":"assistant_message","message_type":"x","content":"Hi""#),
        item(r#""message_type":"assistant_message","content":[{"type":"text","text":"a","text":"b"}]"#),
        item(r#""message_type":"assistant_message","content":[{"type":"text","text":1,"text":"b"}]"#),
        item(r#""message_type":"assistant_message","content":[{"type":"text","text":"a","text":1}]"#),
        item(r#""message_type":"assistant_message","content":[{"type":"text","text":"\ud800","text":"b"}]"#),
        item(r#""message_type":"tool_call_message","tool_calls":{"name":5,"name":"n"}"#),
        item(
            r#""message_type":"tool_call_message","tool_calls":[{"name":"n","arguments":"{}","tool_call_id":"c","name":null}]"#,
        ),
        item(r#""message_type":"assistant_message","content":[{"type":"text","text":"\ud800"}]"#),
        item(r#""message_type":"assistant_message","content":"Hi","extra":"\ud800""#),
        item(r#""message_type":"assistant_message","content":[{"type":"text","text":"a","extra":"\ud800"}]"#),
        item(r#""message_type":"assistant_message","content":[{"type":"future","x":1e400}]"#),
        item(r#""message_type":"assistant_message","content":"Hi","extra":1e400"#),
        item(r#""message_type":"assistant_message","content":[{"type":5,"text":1}]"#),
        item(r#""message_type":"assistant_message","content":[{"type":"text"}]"#),
        item(r#""message_type":"assistant_message","content":[[]]"#),
        item(r#""message_type":"assistant_message","content":5"#),
        item(r#""message_type":"assistant_message","content":null"#),
        item(r#""message_type":"assistant_message","content":"Hi","seq_id":-0"#),
        item(r#""message_type":"assistant_message","content":"Hi","seq_id":5.0"#),
        item(r#""message_type":"assistant_message","content":"Hi","seq_id":9223372036854775808"#),
        item(r#""message_type":"assistant_message","content":"Hi","seq_id":-9223372036854775808"#),
        item(r#""message_type":"assistant_message","content":"Hi","is_err":0"#),
        item(r#""message_type":"tool_call_message","tool_call":[]"#),
        item(r#""message_type":"tool_call_message","tool_call":["a","b","c","d"]"#),
        item(r#""message_type":"tool_call_message","tool_calls":{"name":null}"#),
        item(r#""message_type":"tool_call_message","tool_calls":[{"name":"n","arguments":"{}"}]"#),
        item(r#""message_type":"tool_call_message","tool_calls":[["n","{}","c"]]"#),
        item(r#""message_type":"tool_call_message","tool_calls":"x""#),
        item(r#""message_type":"event_message","event_type":"future","event_data":{"a":"\ud800"}"#),
        item(r#""message_type":"event_message","event_type":"compaction","event_data":[]"#),
        item(
            r#""message_type":"approval_response_message","approvals":[{"type":"tool","tool_return":[],"status":"x","tool_call_id":"c"}]"#,
        ),
        item(r#""message_type":"approval_response_message","approvals":[{"type":"approval","tool_call_id":"c"}]"#),
        item(r#""message_type":"approval_response_message","approvals":[{"tool_call_id":"c"}]"#),
        r#"{"message_type":"ping"}"#.to_owned(),
        item(r#""message_type":"ping""#),
        item(r#""message_type":"ping","message_type":"ping""#),
        r#"{"message_type":"stop_reason","stop_reason":"future_reason"}"#.to_owned(),
        r#"{"message_type":"stop_reason"}"#.to_owned(),
        r#"{"message_type":"usage_statistics","total_tokens":-1}"#.to_owned(),
        r#"{"message_type":"usage_statistics","total_tokens":18446744073709551615}"#.to_owned(),
        r#"{"message_type":"usage_statistics","run_ids":[null]}"#.to_owned(),
        r#"{"message_type":"error_message","run_id":"r","error_type":"e","message":"m"}"#.to_owned(),
        r#"{"message_type":"me\u0073sage","x":1}"#.to_owned(),
        r#"{"message_type":"\u0070ing"}"#.to_owned(),
        r#"{"message_type":null,"a":1}"#.to_owned(),
        r#"{"message_type":5}"#.to_owned(),
        r#"{"message_type":"future","a":"\ud800"}"#.to_owned(),
        r#"{"message_type":"future","a":1,"a":2}"#.to_owned(),
        r#"{"a":1}"#.to_owned(),
        r#"[]"#.to_owned(),
        r#"["ping"]"#.to_owned(),
        r#""ping""#.to_owned(),
        r#"{"message_type":"ping"} x"#.to_owned(),
        r#"{"message_type":"ping",}"#.to_owned(),
        String::new(),
    ];
    for text in &cases {
        let checked = check_item(text);
        let decoded = StreamItem::from_json(text);
        assert_eq!(checked.is_ok(), decoded.is_ok(), "{text}\n  check: {checked:?}\n  decode: {:?}", decoded.err());
    }
}

#[test]
fn responses_pass_exactly_when_serde_decodes_them() {
    let stop = r#""stop_reason":{"message_type":"stop_reason","stop_reason":"end_turn"},"usage":{}"#;
    let cases = [
        format!(r#"{{"messages":[],{stop}}}"#),
        format!(r#"{{"messages":[{{"message_type":5}}],{stop}}}"#),
        format!(r#"{{"messages":[{{"message_type":"assistant_message"}}],{stop}}}"#),
        format!(r#"{{"messages":[5],{stop}}}"#),
        format!(r#"{{"messages":[{{"message_type":"future","a":"\ud800"}}],{stop}}}"#),
        format!(
            r#"{{"messages":[],{stop},"logprobs":{{"content":[{{"token":"a","bytes":[256],"logprob":0,"top_logprobs":[]}}]}}}}"#
        ),
        format!(
            r#"{{"messages":[],{stop},"logprobs":{{"content":[{{"token":"a","bytes":[255],"logprob":1e400,"top_logprobs":[]}}]}}}}"#
        ),
        format!(
            r#"{{"messages":[],{stop},"logprobs":{{"content":[{{"token":"a","logprob":1e300,"top_logprobs":[]}}]}}}}"#
        ),
        format!(r#"{{"messages":[],{stop},"turns":[{{"role":"assistant","output_token_logprobs":[[1e400]]}}]}}"#),
        format!(r#"{{"messages":[],{stop},"turns":[{{"role":"assistant","output_ids":[1.5]}}]}}"#),
        format!(r#"{{"messages":[],"messages":[],{stop}}}"#),
        r#"{"messages":[]}"#.to_owned(),
    ];
    for text in &cases {
        let checked = check_response(text);
        let decoded = serde_json::from_str::<LettaResponse>(text);
        assert_eq!(checked.is_ok(), decoded.is_ok(), "{text}\n  check: {checked:?}\n  decode: {:?}", decoded.err());
    }
}

#[test]
fn a_history_page_passes_exactly_when_it_decodes_as_a_list_of_messages() {
    let assistant =
        r#"{"id":"message-1","date":"2026-12-07T10:00:00+00:00","message_type":"assistant_message","content":"Hi"}"#;
    let user = r#"{"id":"message-2","date":"2026-12-07T10:00:00+00:00","message_type":"user_message","content":[{"type":"text","text":"Hello"}]}"#;
    let future =
        r#"{"id":"message-3","date":"2026-12-07T10:00:00+00:00","message_type":"future_message","anything":[1]}"#;
    let cases = [
        "[]".to_owned(),
        format!("[{assistant},{user},{future}]"),
        format!("[{assistant}"),
        r#"[{"id":"message-1","date":"d","message_type":"assistant_message"}]"#.to_owned(),
        r#"[{"id":"message-1","message_type":"user_message","content":"no date"}]"#.to_owned(),
        r#"[{"message_type":"tool_return_message"}]"#.to_owned(),
        "[1]".to_owned(),
        "{}".to_owned(),
        format!(r#"{{"messages":[{assistant}]}}"#),
    ];
    for text in &cases {
        let checked = check_messages(text);
        let decoded = serde_json::from_str::<Vec<LettaMessage>>(text);
        assert_eq!(checked.is_ok(), decoded.is_ok(), "{text}\n  check: {checked:?}\n  decode: {:?}", decoded.err());
    }
    assert!(check_messages(&format!("[{assistant},{user},{future}]")).is_ok());
}

/// One type traced through both modes: `Base64Image`, a member of `ImageSource` in a content part.
#[test]
fn base64_image_without_media_type_is_refused_in_both_directions() {
    let item = r#"{"id":"m1","date":"d","message_type":"user_message","content":[{"type":"image","source":{"type":"base64","data":"iVBO"}}]}"#;
    let error = check_item(item).unwrap_err();
    assert_eq!(error.message(), "missing field `media_type` (Base64Image)");
    let body = serde_json::json!({ "messages": [{ "role": "user", "content": [{ "type": "image", "source": {
        "type": "base64", "data": "iVBO" } }] }] });
    let invalid =
        letta_wasm::validate::validate_send_params("agent-123e4567-e89b-42d3-a456-426614174000", &body).unwrap_err();
    assert_eq!(invalid.errors[0].path, "/messages/0/content/0/source/media_type");
    assert_eq!(invalid.errors[0].message, "a base64 image source needs `media_type`");
}
