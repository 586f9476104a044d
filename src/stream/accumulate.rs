//! Token-delta assembly: [`MessageAccumulator`] folds the deltas of `stream_tokens: true` into whole
//! messages, and passes whole messages (step streaming) through unchanged.
//!
//! The server gives every delta of one message part the same `id` and `otid` (and `message_type`), so
//! that triple is the key. Reasoning and hidden reasoning text, assistant `content` and tool-call
//! `arguments` (per `tool_call_id`; parallel calls interleave) are concatenated; other fields take the
//! latest non-null value.

use std::collections::HashMap;

use crate::types::{
    ApprovalRequestMessage, ContentPart, LettaMessage, MessageContent, StreamItem, TextContent, ToolCall,
    ToolCallDelta, ToolCallMessage, ToolCallOrDelta, ToolCalls,
};

/// Folds stream items into whole messages, in the order their first delta arrived.
///
/// ```
/// use letta_wasm::stream::MessageAccumulator;
/// use letta_wasm::types::{LettaMessage, MessageContent, StreamItem};
///
/// let delta = |text: &str| StreamItem::from_json(&format!(
///     r#"{{"id":"message-1","date":"2026-08-13T17:42:07+00:00","message_type":"assistant_message","otid":"o","content":"{text}"}}"#
/// )).unwrap();
/// let mut messages = MessageAccumulator::new();
/// messages.push(&delta("Hel"));
/// let Some(LettaMessage::Assistant(whole)) = messages.push(&delta("lo")) else { unreachable!() };
/// assert_eq!(whole.content, MessageContent::Text("Hello".into()));
/// ```
#[derive(Clone, Debug, Default)]
pub struct MessageAccumulator {
    messages: Vec<LettaMessage>,
    by_key: HashMap<Key, usize>,
}

/// Where [`MessageAccumulator::fold`] put an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Folded {
    /// The message's position in [`MessageAccumulator::messages`].
    pub index: usize,
    /// Whether the message differs from the item as sent (merged with earlier deltas, or reshaped).
    pub changed: bool,
}

/// `(id, message_type, otid)` of a message part.
type Key = (String, String, Option<String>);

impl MessageAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Folds one item in. Returns the message it updated (whole so far), or `None` for items that are
    /// not messages (pings, stop reasons, usage, errors) and for messages without an id.
    pub fn push(&mut self, item: &StreamItem) -> Option<&LettaMessage> {
        let folded = self.fold(item)?;
        self.messages.get(folded.index)
    }

    /// Like [`push`](Self::push), saying where the message is and whether it still equals the item as
    /// sent (`changed` is false for a whole message seen for the first time).
    /// An item of a message type this crate does not know is kept as a message when it has an `id`.
    pub fn fold(&mut self, item: &StreamItem) -> Option<Folded> {
        let message = match item {
            StreamItem::Message(message) => message.clone(),
            StreamItem::Unknown(map) if map.get("id").is_some_and(serde_json::Value::is_string) => {
                LettaMessage::Unknown(map.clone())
            }
            _ => return None,
        };
        let key = key_of(&message)?;
        Some(match self.by_key.get(&key) {
            Some(&index) => {
                merge(&mut self.messages[index], message);
                Folded { index, changed: true }
            }
            None => {
                let whole = normalize(message.clone());
                let changed = whole != message;
                self.messages.push(whole);
                self.by_key.insert(key, self.messages.len() - 1);
                Folded { index: self.messages.len() - 1, changed }
            }
        })
    }

    /// The messages so far, in the order their first delta arrived.
    pub fn messages(&self) -> &[LettaMessage] {
        &self.messages
    }

    /// The messages, consuming the accumulator.
    pub fn into_messages(self) -> Vec<LettaMessage> {
        self.messages
    }
}

fn key_of(message: &LettaMessage) -> Option<Key> {
    let otid = |otid: &Option<String>| otid.clone();
    let (id, otid) = match message {
        LettaMessage::System(m) => (&m.id, otid(&m.otid)),
        LettaMessage::User(m) => (&m.id, otid(&m.otid)),
        LettaMessage::Reasoning(m) => (&m.id, otid(&m.otid)),
        LettaMessage::HiddenReasoning(m) => (&m.id, otid(&m.otid)),
        LettaMessage::ToolCall(m) => (&m.id, otid(&m.otid)),
        LettaMessage::ToolReturn(m) => (&m.id, otid(&m.otid)),
        LettaMessage::Assistant(m) => (&m.id, otid(&m.otid)),
        LettaMessage::ApprovalRequest(m) => (&m.id, otid(&m.otid)),
        LettaMessage::ApprovalResponse(m) => (&m.id, otid(&m.otid)),
        LettaMessage::Summary(m) => (&m.id, otid(&m.otid)),
        LettaMessage::Event(m) => (&m.id, otid(&m.otid)),
        LettaMessage::Unknown(map) => {
            let text = |key: &str| map.get(key).and_then(|value| value.as_str()).map(str::to_owned);
            return Some((text("id")?, text("message_type").unwrap_or_default(), text("otid")));
        }
    };
    Some((id.clone(), message.message_type().unwrap_or_default().to_owned(), otid))
}

/// Turns a first delta into the shape of a whole message: tool-call deltas become a list of calls.
fn normalize(mut message: LettaMessage) -> LettaMessage {
    if let LettaMessage::ToolCall(ToolCallMessage { tool_call, tool_calls, .. })
    | LettaMessage::ApprovalRequest(ApprovalRequestMessage { tool_call, tool_calls, .. }) = &mut message
    {
        let (call, calls) = (tool_call.take(), tool_calls.take());
        merge_tool_calls(tool_call, tool_calls, call, calls);
    }
    message
}

/// Folds a later delta of the same part into the message so far.
fn merge(into: &mut LettaMessage, delta: LettaMessage) {
    match (into, delta) {
        (LettaMessage::Reasoning(whole), LettaMessage::Reasoning(part)) => {
            whole.reasoning.push_str(&part.reasoning);
            whole.signature = part.signature.or(whole.signature.take());
            whole.date = part.date;
        }
        (LettaMessage::HiddenReasoning(whole), LettaMessage::HiddenReasoning(part)) => {
            if let Some(text) = part.hidden_reasoning {
                whole.hidden_reasoning.get_or_insert_with(String::new).push_str(&text);
            }
            whole.state = part.state;
        }
        (LettaMessage::Assistant(whole), LettaMessage::Assistant(part)) => {
            append_content(&mut whole.content, part.content);
        }
        (LettaMessage::ToolCall(whole), LettaMessage::ToolCall(part)) => {
            merge_tool_calls(&mut whole.tool_call, &mut whole.tool_calls, part.tool_call, part.tool_calls);
        }
        (LettaMessage::ApprovalRequest(whole), LettaMessage::ApprovalRequest(part)) => {
            merge_tool_calls(&mut whole.tool_call, &mut whole.tool_calls, part.tool_call, part.tool_calls);
        }
        // Whole messages (and anything else) replace what was there.
        (whole, part) => *whole = normalize(part),
    }
}

fn append_content(whole: &mut MessageContent, part: MessageContent) {
    match (whole, part) {
        (MessageContent::Text(text), MessageContent::Text(more)) => text.push_str(&more),
        (MessageContent::Parts(parts), MessageContent::Parts(more)) => parts.extend(more),
        (whole, MessageContent::Parts(more)) => {
            let MessageContent::Text(text) = std::mem::replace(whole, MessageContent::Parts(Vec::new())) else {
                return;
            };
            let mut parts = vec![ContentPart::Text(TextContent { text, signature: None })];
            parts.extend(more);
            *whole = MessageContent::Parts(parts);
        }
        (MessageContent::Parts(parts), MessageContent::Text(more)) => {
            parts.push(ContentPart::Text(TextContent { text: more, signature: None }));
        }
    }
}

fn merge_tool_calls(
    whole_call: &mut Option<ToolCallOrDelta>,
    whole_calls: &mut Option<ToolCalls>,
    part_call: Option<ToolCallOrDelta>,
    part_calls: Option<ToolCalls>,
) {
    let delta = match (part_calls, part_call) {
        (Some(ToolCalls::Delta(delta)), _) | (None, Some(ToolCallOrDelta::Delta(delta))) => delta,
        (Some(ToolCalls::List(calls)), call) => {
            *whole_calls = Some(ToolCalls::List(calls));
            *whole_call = call;
            return;
        }
        (None, call @ Some(ToolCallOrDelta::Call(_))) => {
            *whole_call = call;
            return;
        }
        (None, None) => return,
    };
    if !matches!(whole_calls, Some(ToolCalls::List(_))) {
        *whole_calls = Some(ToolCalls::List(Vec::new()));
    }
    let Some(ToolCalls::List(calls)) = whole_calls else { return };
    add_delta(calls, &delta);
    *whole_call = calls.first().cloned().map(ToolCallOrDelta::Call);
}

/// Adds a delta to the calls so far: to the call with its `tool_call_id`, else to the last call, else
/// as a new call.
fn add_delta(calls: &mut Vec<ToolCall>, delta: &ToolCallDelta) {
    let target = match delta.tool_call_id() {
        Some(id) => calls.iter().position(|call| call.tool_call_id == id),
        None => calls.len().checked_sub(1),
    };
    let index = target.unwrap_or_else(|| {
        calls.push(ToolCall {
            tool_call_id: delta.tool_call_id().unwrap_or_default().to_owned(),
            ..ToolCall::default()
        });
        calls.len() - 1
    });
    let call = &mut calls[index];
    if let Some(name) = delta.name().filter(|name| !name.is_empty()) {
        call.name = name.to_owned();
    }
    if let Some(arguments) = delta.arguments() {
        call.arguments.push_str(arguments);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn item(fields: Value) -> StreamItem {
        let mut message = json!({
            "id": "message-1", "date": "2026-08-13T17:42:07+00:00", "name": null, "otid": "otid-0",
            "sender_id": null, "step_id": "step-1", "is_err": null, "seq_id": null, "run_id": "run-1"
        });
        message.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
        serde_json::from_value(message).unwrap()
    }

    fn fold(items: &[StreamItem]) -> Vec<Value> {
        let mut accumulator = MessageAccumulator::new();
        for item in items {
            accumulator.push(item);
        }
        accumulator.into_messages().iter().map(|message| serde_json::to_value(message).unwrap()).collect()
    }

    #[test]
    fn assistant_and_reasoning_fragments_are_concatenated_per_part() {
        let messages = fold(&[
            item(
                json!({"message_type": "reasoning_message", "source": "reasoner_model", "reasoning": "Let ", "signature": null}),
            ),
            item(
                json!({"message_type": "reasoning_message", "source": "reasoner_model", "reasoning": "me think", "signature": null}),
            ),
            item(json!({"message_type": "assistant_message", "otid": "otid-1", "content": "Hé"})),
            item(json!({"message_type": "assistant_message", "otid": "otid-1", "content": "llo 😀"})),
        ]);
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0]["reasoning"], "Let me think");
        assert_eq!(messages[1]["content"], "Héllo 😀");
    }

    #[test]
    fn parts_with_the_same_id_but_another_otid_stay_apart() {
        let messages = fold(&[
            item(json!({"message_type": "assistant_message", "otid": "a", "content": "one"})),
            item(json!({"message_type": "assistant_message", "otid": "b", "content": "two"})),
        ]);
        assert_eq!(messages.len(), 2);
    }

    #[test]
    fn interleaved_tool_call_arguments_are_joined_per_call() {
        let delta = |calls: Value| {
            item(
                json!({"message_type": "tool_call_message", "otid": "otid-1", "tool_call": calls.clone(), "tool_calls": calls}),
            )
        };
        let messages = fold(&[
            delta(json!({"name": "get_weather", "tool_call_id": "call_a"})),
            delta(json!({"name": "get_time", "tool_call_id": "call_b"})),
            delta(json!({"arguments": "{\"city\":", "tool_call_id": "call_a"})),
            delta(json!({"arguments": "{\"tz\":\"UTC\"}", "tool_call_id": "call_b"})),
            delta(json!({"arguments": "\"Oslo\"}", "tool_call_id": "call_a"})),
        ]);
        assert_eq!(
            messages[0]["tool_calls"],
            json!([
                {"name": "get_weather", "arguments": "{\"city\":\"Oslo\"}", "tool_call_id": "call_a"},
                {"name": "get_time", "arguments": "{\"tz\":\"UTC\"}", "tool_call_id": "call_b"}
            ])
        );
        assert_eq!(messages[0]["tool_call"], messages[0]["tool_calls"][0]);
    }

    #[test]
    fn approval_request_deltas_with_null_keys_are_joined() {
        let delta = |calls: Value| {
            item(json!({"message_type": "approval_request_message", "id": "message-0", "otid": "message-0",
                        "tool_call": calls.clone(), "tool_calls": calls}))
        };
        let messages = fold(&[
            delta(json!({"name": "memory_insert", "arguments": null, "tool_call_id": "call_1"})),
            delta(json!({"name": null, "arguments": "{\"label\":", "tool_call_id": "call_1"})),
            delta(json!({"name": null, "arguments": "\"human\"}", "tool_call_id": "call_1"})),
        ]);
        assert_eq!(
            messages[0]["tool_calls"],
            json!([{"name": "memory_insert", "arguments": "{\"label\":\"human\"}", "tool_call_id": "call_1"}])
        );
    }

    #[test]
    fn whole_step_messages_pass_through_unchanged() {
        let whole = [
            item(json!({"message_type": "assistant_message", "content": "Hi!"})),
            item(json!({"message_type": "tool_call_message", "otid": "otid-1",
                "tool_call": {"name": "f", "arguments": "{}", "tool_call_id": "c"},
                "tool_calls": [{"name": "f", "arguments": "{}", "tool_call_id": "c"}]})),
            item(
                json!({"message_type": "tool_return_message", "id": "message-2", "tool_return": "ok", "status": "success",
                "tool_call_id": "c", "stdout": null, "stderr": null, "tool_returns": null}),
            ),
        ];
        let expected: Vec<Value> = whole.iter().map(|item| serde_json::to_value(item).unwrap()).collect();
        assert_eq!(fold(&whole), expected);
    }

    #[test]
    fn items_that_are_not_messages_return_nothing() {
        let mut accumulator = MessageAccumulator::new();
        let stop = StreamItem::from_json(r#"{"message_type":"stop_reason","stop_reason":"end_turn"}"#).unwrap();
        assert!(accumulator.push(&stop).is_none());
        assert!(accumulator.messages().is_empty());
    }
}
