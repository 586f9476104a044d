//! Property tests on generated input: the SSE decoder, the stream-item layer and the validator never
//! panic, keep their memory bounded, and the decoders give the same result for every chunking.
//!
//! `cargo test --test properties -- --nocapture` runs a bounded number of cases per property
//! (`npm test` does this and prints the counts); `LETTA_PROPERTY_CASES=200000` runs more
//! (`npm run fuzz`). `LETTA_PROPERTY_SEED` replays a run; a failure prints the seed and case.

use letta_wasm::schema;
use letta_wasm::sse::{Decoder, FrameDecoder};
use letta_wasm::stream::ItemDecoder;
use letta_wasm::types::StreamItem;
use letta_wasm::validate::validate_send_params;
use serde_json::{Map, Value, json};

const AGENT: &str = "agent-123e4567-e89b-42d3-a456-426614174000";

fn cases() -> u64 {
    std::env::var("LETTA_PROPERTY_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1500)
}

fn seed() -> u64 {
    std::env::var("LETTA_PROPERTY_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(0x5eed_1e77a)
}

/// Runs `property` on `cases()` generators, each seeded from the run's seed and the case number.
fn check(name: &str, property: impl Fn(&mut Rng)) {
    let (cases, seed) = (cases(), seed());
    for case in 0..cases {
        let mut rng = Rng::new(seed ^ case.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| property(&mut rng)));
        if let Err(panic) = outcome {
            eprintln!("property {name}: case {case} failed (LETTA_PROPERTY_SEED={seed})");
            std::panic::resume_unwind(panic);
        }
    }
    eprintln!("property {name}: {cases} cases passed (seed {seed})");
}

/// splitmix64: small, fast and good enough to drive generators.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ───────────────────────── generators ─────────────────────────

/// Pieces an event stream is made of, valid and not: field names, line ends of all three kinds,
/// `[DONE]`, Letta items, broken JSON, multi-byte and invalid UTF-8, a BOM.
const SSE_PIECES: &[&[u8]] = &[
    b"data: ",
    b"data:",
    b"data",
    b"event: error",
    b"event: cancelled",
    b"event:",
    b"id: 7",
    b"id: a\0b",
    b"retry: 250",
    b"retry: x",
    b": keepalive",
    b"\n",
    b"\n\n",
    b"\r\n",
    b"\r",
    b"\r\n\r\n",
    b"[DONE]",
    br#"{"message_type":"ping","id":"ping-1","date":"2026-11-22T23:42:38+00:00","run_id":"run-1"}"#,
    br#"{"id":"m-1","date":"2026-11-22T23:42:38+00:00","message_type":"assistant_message","otid":"o","content":"h\u00e9 "}"#,
    br#"{"message_type":"stop_reason","stop_reason":"end_turn"}"#,
    br#"{"message_type":"usage_statistics","completion_tokens":3,"prompt_tokens":5,"total_tokens":8,"step_count":1}"#,
    br#"{"error":{"type":"llm_error","message":"boom","detail":"x"},"run_id":"run-1"}"#,
    br#"{"message_type":"future_message","id":"m-9","extra":[1,2,{"a":null}]}"#,
    br#"{"message_type":"assistant_message","content":5}"#,
    br#"{"message_type":"tool_call_message","tool_call":{"name":null,"arguments":"{\"a\"","tool_call_id":null}}"#,
    br#"{"truncated":"#,
    b"not json",
    "é😀東".as_bytes(),
    &[0xF0, 0x9F],
    &[0x98, 0x80],
    &[0xFF, 0xFE, 0x80],
    &[0xEF, 0xBB, 0xBF],
    b" ",
    b":",
];

fn sse_bytes(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = Vec::new();
    if rng.chance(10) {
        bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    for _ in 0..rng.below(60) {
        if rng.chance(8) {
            bytes.extend((0..rng.below(12)).map(|_| rng.next() as u8));
        } else {
            let piece = SSE_PIECES[rng.below(SSE_PIECES.len())];
            bytes.extend_from_slice(piece);
        }
    }
    bytes
}

fn chunks<'a>(bytes: &'a [u8], rng: &mut Rng) -> Vec<&'a [u8]> {
    let max = *rng.pick(&[1usize, 2, 3, 7, 16, 64, 1000]);
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + 1 + rng.below(max)).min(bytes.len());
        out.push(&bytes[at..end]);
        at = end;
    }
    out
}

const KEYS: &[&str] = &[
    "messages",
    "input",
    "role",
    "content",
    "type",
    "text",
    "source",
    "media_type",
    "data",
    "url",
    "file_id",
    "detail",
    "approvals",
    "approve",
    "tool_call_id",
    "reason",
    "tool_returns",
    "tool_return",
    "status",
    "stdout",
    "stderr",
    "streaming",
    "stream_tokens",
    "include_pings",
    "background",
    "max_steps",
    "enable_thinking",
    "include_return_message_types",
    "use_assistant_message",
    "top_logprobs",
    "return_logprobs",
    "otid",
    "name",
    "message_type",
    "id",
    "date",
    "reasoning",
    "tool_call",
    "tool_calls",
    "arguments",
    "approval_request_id",
    "sender_id",
    "group_id",
    "client_tools",
    "override_model",
    "batch_size",
    "x-unknown",
];

const STRINGS: &[&str] = &[
    "",
    "user",
    "assistant",
    "system",
    "tool",
    "text",
    "image",
    "base64",
    "url",
    "letta",
    "approval",
    "message",
    "tool_return",
    "success",
    "error",
    "image/png",
    "true",
    "false",
    "5",
    " 7 ",
    "-1",
    "1e3",
    "0x10",
    "assistant_message",
    "reasoning_message",
    "tool_call_message",
    "ping",
    "stop_reason",
    "end_turn",
    "sk-let-SECRET-0123456789abcdefghijklmnop",
    "é😀",
    "<img src=x onerror=alert(1)>",
    "\u{0}",
    "\\",
    "\"",
];

fn json(rng: &mut Rng, depth: usize) -> Value {
    let kind = if depth == 0 { rng.below(5) } else { rng.below(8) };
    match kind {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => match rng.below(5) {
            0 => json!(rng.below(30)),
            1 => json!(-(rng.below(1000) as i64)),
            2 => json!(rng.next() as f64 / 7.0),
            3 => json!(u64::MAX),
            _ => serde_json::from_str("123456789012345678901234567890").unwrap(),
        },
        3 | 4 => Value::String(rng.pick(STRINGS).to_string()),
        5 => Value::Array((0..rng.below(4)).map(|_| json(rng, depth - 1)).collect()),
        _ => Value::Object(object(rng, depth - 1)),
    }
}

fn object(rng: &mut Rng, depth: usize) -> Map<String, Value> {
    (0..rng.below(6)).map(|_| (rng.pick(KEYS).to_string(), json(rng, depth))).collect()
}

/// A plausible request: valid shapes with random damage, so the validator's deep paths are reached.
fn request(rng: &mut Rng) -> Value {
    let mut body = match rng.below(4) {
        0 => json!({ "input": "hi" }),
        1 => json!({ "messages": [{ "role": "user", "content": [
            { "type": "text", "text": "look" },
            { "type": "image", "source": { "type": "base64", "media_type": "image/png", "data": "AAAA" } } ] }] }),
        2 => json!({ "messages": [{ "type": "approval", "approvals": [
            { "type": "approval", "tool_call_id": "call_1", "approve": false, "reason": "no" },
            { "type": "tool", "tool_call_id": "call_2", "tool_return": "ok", "status": "success" } ] }] }),
        _ => {
            json!({ "messages": [{ "role": "system", "content": "be brief" }], "streaming": true, "stream_tokens": true,
                     "include_return_message_types": ["assistant_message"], "max_steps": 3 })
        }
    };
    for _ in 0..rng.below(5) {
        damage(&mut body, rng, 0);
    }
    body
}

/// Replaces, removes or adds one value somewhere in `value`.
fn damage(value: &mut Value, rng: &mut Rng, depth: usize) {
    match value {
        Value::Object(map) if !map.is_empty() && rng.chance(70) => {
            let key = map.keys().nth(rng.below(map.len())).unwrap().clone();
            match rng.below(4) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(key, json(rng, 2));
                }
                2 => {
                    map.insert(rng.pick(KEYS).to_string(), json(rng, 2));
                }
                _ => damage(map.get_mut(&key).unwrap(), rng, depth + 1),
            }
        }
        Value::Array(items) if !items.is_empty() && rng.chance(70) => {
            let at = rng.below(items.len());
            if rng.chance(30) {
                items[at] = json(rng, 2);
            } else {
                damage(&mut items[at], rng, depth + 1);
            }
        }
        _ if depth > 0 => *value = json(rng, 2),
        _ => {}
    }
}

// ───────────────────────── properties ─────────────────────────

#[test]
fn sse_events_are_the_same_for_every_chunking() {
    check("sse chunking", |rng| {
        let bytes = sse_bytes(rng);
        let decode = |chunks: &[&[u8]]| {
            let mut decoder = Decoder::with_max_event_bytes(256);
            let events: Vec<_> = chunks.iter().flat_map(|chunk| decoder.push(chunk)).collect();
            (events, decoder.finish())
        };
        let whole = decode(&[&bytes]);
        assert_eq!(decode(&chunks(&bytes, rng)), whole, "bytes: {bytes:?}");
        let frames = |chunks: &[&[u8]]| {
            let mut decoder = FrameDecoder::new();
            let frames: Vec<_> = chunks.iter().flat_map(|chunk| decoder.push(chunk)).collect();
            (frames, decoder.finish())
        };
        assert_eq!(frames(&chunks(&bytes, rng)), frames(&[&bytes]), "bytes: {bytes:?}");
    });
}

#[test]
fn stream_items_are_the_same_for_every_chunking() {
    check("item chunking", |rng| {
        let bytes = sse_bytes(rng);
        let decode = |chunks: &[&[u8]]| {
            let mut decoder = ItemDecoder::new();
            let items: Vec<String> = chunks
                .iter()
                .flat_map(|chunk| decoder.push_raw(chunk))
                .map(|result| match result {
                    Ok(raw) => format!("ok {}", raw.json),
                    Err(error) => format!("error {error}"),
                })
                .collect();
            (items, decoder.finish().map_err(|error| error.to_string()))
        };
        assert_eq!(decode(&chunks(&bytes, rng)), decode(&[&bytes]), "bytes: {bytes:?}");
    });
}

#[test]
fn the_decoder_holds_no_more_than_its_limit_whatever_comes() {
    const LIMIT: usize = 512;
    check("sse memory bound", |rng| {
        let mut decoder = Decoder::with_max_event_bytes(LIMIT);
        for _ in 0..rng.below(40) {
            let mut bytes = sse_bytes(rng);
            if rng.chance(20) {
                // A line far over the limit, with or without its end.
                bytes.extend(std::iter::repeat_n(b'x', LIMIT * (1 + rng.below(8))));
                if rng.chance(50) {
                    bytes.extend_from_slice(b"\n\n");
                }
            }
            for chunk in chunks(&bytes, rng) {
                decoder.push(chunk);
                assert!(decoder.buffered_bytes() <= 2 * LIMIT + 16, "holding {} bytes", decoder.buffered_bytes());
            }
        }
    });
}

#[test]
fn any_json_item_decodes_or_fails_cleanly_and_unknown_types_round_trip() {
    check("item json", |rng| {
        let mut value = Value::Object(object(rng, 3));
        if rng.chance(60) {
            let tags = [
                "assistant_message",
                "reasoning_message",
                "tool_call_message",
                "tool_return_message",
                "ping",
                "stop_reason",
                "usage_statistics",
                "error_message",
                "approval_request_message",
                "future_thing",
            ];
            value["message_type"] = json!(rng.pick(&tags));
        }
        let text = value.to_string();
        if let Ok(item) = StreamItem::from_json(&text)
            && let StreamItem::Unknown(_) = item
        {
            assert_eq!(serde_json::to_value(&item).unwrap(), value, "an unknown item is kept whole");
        }
    });
}

#[test]
fn the_validator_reports_real_paths_and_never_repeats_a_secret() {
    check("validator", |rng| {
        let body = if rng.chance(30) { json(rng, 4) } else { request(rng) };
        let agent = if rng.chance(90) { AGENT.to_owned() } else { rng.pick(STRINGS).to_string() };
        let first = validate_send_params(&agent, &body);
        let again = validate_send_params(&agent, &body);
        assert_eq!(format!("{first:?}"), format!("{again:?}"), "the same answer twice");
        let issues = match &first {
            Ok(valid) => valid.warnings.clone(),
            Err(invalid) => invalid.errors.iter().chain(&invalid.warnings).cloned().collect(),
        };
        for issue in &issues {
            assert!(!issue.message.contains("SECRET-0123456789"), "{issue} repeats a long value in full");
            if issue.path.is_empty() {
                continue;
            }
            assert!(issue.path.starts_with('/'), "{issue}: not a JSON Pointer");
            // The value itself may be missing (a required field), but its parent is in the body.
            let parent = &issue.path[..issue.path.rfind('/').unwrap()];
            assert!(body.pointer(parent).is_some(), "{issue}: {parent} is not in {body}");
        }
        if let Ok(valid) = first {
            let sent = serde_json::to_value(&valid.params).unwrap();
            assert!(validate_send_params(&agent, &sent).is_ok(), "what passed once passes again: {sent}");
        }
    });
}

/// Every item of the SSE fixtures, as JSON values.
fn fixture_items() -> Vec<Value> {
    let mut items = Vec::new();
    let mut paths: Vec<_> =
        std::fs::read_dir("tests/fixtures/sse").unwrap().map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    for path in paths.iter().filter(|path| path.extension().is_some_and(|ext| ext == "sse")) {
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines() {
            if let Some(data) = line.strip_prefix("data:")
                && let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(data.trim_start())
            {
                items.push(value);
            }
        }
    }
    items
}

#[test]
fn checking_an_item_against_its_shape_accepts_exactly_what_decoding_it_accepts() {
    let fixtures = fixture_items();
    assert!(fixtures.len() >= 50, "{} fixture items", fixtures.len());
    for fixture in &fixtures {
        let text = fixture.to_string();
        assert!(schema::check_item(&text).is_ok(), "{text}: {:?}", schema::check_item(&text));
        assert!(StreamItem::from_json(&text).is_ok(), "{text}");
    }
    check("item shape", |rng| {
        let mut item = fixtures[rng.below(fixtures.len())].clone();
        for _ in 0..1 + rng.below(3) {
            damage(&mut item, rng, 0);
        }
        let text = if rng.chance(5) { item.to_string().replace('}', "} ") + "x" } else { item.to_string() };
        let checked = schema::check_item(&text);
        let decoded = StreamItem::from_json(&text);
        assert_eq!(checked.is_ok(), decoded.is_ok(), "{text}\n  check: {checked:?}\n  decode: {:?}", decoded.err());
        if let (Ok(tag), Ok(item)) = (&checked, &decoded) {
            assert_eq!(tag.as_deref(), item.message_type(), "{text}");
        }
    });
}

#[test]
fn checking_a_response_against_its_shape_accepts_exactly_what_decoding_it_accepts() {
    use letta_wasm::types::LettaResponse;
    let fixtures: Vec<Value> = std::fs::read_dir("tests/fixtures/responses")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
        .collect();
    assert!(fixtures.len() >= 5);
    for fixture in &fixtures {
        let text = fixture.to_string();
        assert!(schema::check_response(&text).is_ok(), "{text}: {:?}", schema::check_response(&text));
        assert!(serde_json::from_str::<LettaResponse>(&text).is_ok(), "{text}");
    }
    check("response shape", |rng| {
        let mut response = fixtures[rng.below(fixtures.len())].clone();
        for _ in 0..1 + rng.below(3) {
            damage(&mut response, rng, 0);
        }
        let text = response.to_string();
        let checked = schema::check_response(&text);
        let decoded = serde_json::from_str::<LettaResponse>(&text);
        assert_eq!(checked.is_ok(), decoded.is_ok(), "{text}\n  check: {checked:?}\n  decode: {:?}", decoded.err());
    });
}
