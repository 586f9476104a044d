//! Every fixture decodes into the typed model and serializes back to the same JSON (compared as values):
//! JSON responses, every frame of every SSE fixture, valid requests, and HTTP error bodies. Known types
//! never fall back to `Unknown`.

use std::path::{Path, PathBuf};

use letta_wasm::sse::{Frame, FrameDecoder};
use letta_wasm::types::{LettaMessage, LettaResponse, MessageSendParams, StreamItem};
use letta_wasm::validate::validate_send_params;
use serde_json::Value;

fn files(dir: &str, extension: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|_| panic!("{dir} exists"))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(extension) && !path.to_string_lossy().ends_with(".expect.json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no {extension} fixtures in {dir}");
    paths
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn assert_known_stays_known(item: &StreamItem, context: &str) {
    let tag = item.message_type().unwrap_or_default();
    let known = StreamItem::known_tags().any(|known| known == tag);
    let decoded_as_unknown = matches!(item, StreamItem::Unknown(_) | StreamItem::Message(LettaMessage::Unknown(_)));
    assert_eq!(decoded_as_unknown, !known, "{context}: `{tag}` decoded as {item:?}");
}

#[test]
fn responses_round_trip() {
    for path in files("tests/fixtures/responses", ".json") {
        let original = read_json(&path);
        let response: LettaResponse =
            serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for message in &response.messages {
            assert_known_stays_known(&StreamItem::Message(message.clone()), &path.display().to_string());
        }
        assert_eq!(serde_json::to_value(&response).unwrap(), original, "{}", path.display());
    }
}

#[test]
fn every_sse_frame_round_trips_through_both_decoders() {
    let mut frames_checked = 0;
    for path in files("tests/fixtures/sse", ".sse") {
        let mut decoder = FrameDecoder::new();
        for frame in decoder.push(&std::fs::read(&path).unwrap()) {
            let Ok(Frame::Data(data)) = frame else { continue };
            let context = format!("{}: {data}", path.display());
            let original: Value = serde_json::from_str(&data).unwrap_or_else(|e| panic!("{context}: {e}"));
            let fast = StreamItem::from_json(&data).unwrap_or_else(|e| panic!("{context}: {e}"));
            let generic: StreamItem = serde_json::from_str(&data).unwrap();
            assert_eq!(fast, generic, "{context}: from_json and Deserialize disagree");
            assert_known_stays_known(&fast, &context);
            assert_eq!(serde_json::to_value(&fast).unwrap(), original, "{context}");
            frames_checked += 1;
        }
    }
    assert!(frames_checked > 100, "only {frames_checked} frames");
}

#[test]
fn valid_requests_round_trip_and_validate() {
    let agent = "agent-123e4567-e89b-42d3-a456-426614174000";
    for path in files("tests/fixtures/requests", ".json") {
        let original = read_json(&path);
        let params: MessageSendParams =
            serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(serde_json::to_value(&params).unwrap(), original, "{}", path.display());
        let valid = validate_send_params(agent, &original).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(valid.params, params, "{}: validation changed the request", path.display());
    }
}

#[test]
fn http_error_bodies_round_trip_and_have_a_message() {
    use letta_wasm::types::ErrorResponse;
    for path in files("tests/fixtures/errors", ".json") {
        let original = read_json(&path);
        let body: ErrorResponse =
            serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(body.message().is_some_and(|m| !m.is_empty()), "{}: no message in {body:?}", path.display());
        assert_eq!(serde_json::to_value(&body).unwrap(), original, "{}", path.display());
    }
}
