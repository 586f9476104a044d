//! Folding every SSE fixture with `MessageAccumulator`: token deltas become whole messages whose tool
//! arguments are complete JSON, and step-streamed messages come out exactly as they went in.

use letta_wasm::stream::{ItemDecoder, MessageAccumulator};
use letta_wasm::types::{LettaMessage, StreamItem, ToolCalls};

fn fixture_items(name: &str) -> Vec<StreamItem> {
    let body = std::fs::read(format!("tests/fixtures/sse/{name}.sse")).unwrap();
    ItemDecoder::new().push(&body).into_iter().filter_map(Result::ok).collect()
}

fn fold(items: &[StreamItem]) -> Vec<LettaMessage> {
    let mut accumulator = MessageAccumulator::new();
    for item in items {
        accumulator.push(item);
    }
    accumulator.into_messages()
}

fn tool_calls(message: &LettaMessage) -> Option<&ToolCalls> {
    match message {
        LettaMessage::ToolCall(call) => call.tool_calls.as_ref(),
        LettaMessage::ApprovalRequest(request) => request.tool_calls.as_ref(),
        _ => None,
    }
}

#[test]
fn token_streams_fold_into_messages_with_complete_tool_arguments() {
    for name in
        ["token_streaming", "token_tool_call_deltas", "token_tool_call_deltas_anthropic", "approval_request_tokens"]
    {
        let items = fixture_items(name);
        let messages = fold(&items);
        let message_items = items.iter().filter(|item| matches!(item, StreamItem::Message(_))).count();
        assert!(messages.len() < message_items, "{name}: deltas were folded ({} of {message_items})", messages.len());
        for calls in messages.iter().filter_map(tool_calls) {
            let ToolCalls::List(calls) = calls else { panic!("{name}: a folded call is still a delta") };
            for call in calls {
                assert!(!call.name.is_empty(), "{name}: {call:?}");
                serde_json::from_str::<serde_json::Value>(&call.arguments)
                    .unwrap_or_else(|error| panic!("{name}: arguments {:?} are not JSON: {error}", call.arguments));
            }
        }
    }
}

#[test]
fn step_streams_pass_through_unchanged() {
    for name in ["step_streaming", "tool_call_and_return", "approval_request_step", "approval_continuation"] {
        let items = fixture_items(name);
        let expected: Vec<LettaMessage> = items
            .iter()
            .filter_map(|item| match item {
                StreamItem::Message(message) => Some(message.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(fold(&items), expected, "{name}");
    }
}

/// Every fixture's folded messages, as JSON, are what `tests/fixtures/accumulated/<name>.json` holds.
/// The JavaScript `MessageAccumulator` of the package is checked against the same files
/// (tests/package/accumulator.test.mjs), so the two implementations fold alike. `UPDATE_FIXTURES=1`
/// rewrites them.
#[test]
fn folds_match_the_recorded_folds() {
    let dir = std::path::Path::new("tests/fixtures/accumulated");
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    if update {
        std::fs::create_dir_all(dir).unwrap();
    }
    let mut names: Vec<String> = std::fs::read_dir("tests/fixtures/sse")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sse"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let folded = serde_json::to_value(fold(&fixture_items(&name))).unwrap();
        let path = dir.join(format!("{name}.json"));
        if update {
            std::fs::write(&path, serde_json::to_string_pretty(&folded).unwrap() + "\n").unwrap();
            continue;
        }
        let recorded: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("{} is missing: UPDATE_FIXTURES=1", path.display())),
        )
        .unwrap();
        assert_eq!(folded, recorded, "{name}: the fold differs from {}", path.display());
    }
}
