//! Every SSE fixture under `tests/fixtures/sse/` decodes to what its `.expect.json` says, and to the same
//! frames however the bytes are chunked (every split point, random multi-splits, one byte at a time)
//! and whichever line ends are used (LF, CRLF, CR).

use std::path::PathBuf;

use letta_wasm::sse::{ErrorBody, Frame, FrameDecoder, SseError};
use letta_wasm::stream::{ItemDecoder, StreamError};
use serde_json::Value;

struct Fixture {
    name: String,
    body: Vec<u8>,
    expect: Value,
}

fn fixtures() -> Vec<Fixture> {
    let dir = PathBuf::from("tests/fixtures/sse");
    let mut fixtures: Vec<Fixture> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/sse exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sse"))
        .map(|path| {
            let expect_path = path.with_extension("expect.json");
            let expect = std::fs::read_to_string(&expect_path)
                .unwrap_or_else(|_| panic!("{} has no {}", path.display(), expect_path.display()));
            Fixture {
                name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                body: std::fs::read(&path).unwrap(),
                expect: serde_json::from_str(&expect).unwrap(),
            }
        })
        .collect();
    fixtures.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(fixtures.len() >= 15, "expected the SSE fixtures, found {}", fixtures.len());
    fixtures
}

type Frames = (Vec<Result<Frame, SseError>>, Result<(), SseError>);

fn frames_of(chunks: impl IntoIterator<Item = impl AsRef<[u8]>>) -> Frames {
    let mut decoder = FrameDecoder::new();
    let frames = chunks.into_iter().flat_map(|chunk| decoder.push(chunk.as_ref())).collect();
    (frames, decoder.finish())
}

/// A small deterministic generator (xorshift64*), so random splits are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % bound as u64) as usize
    }
}

fn random_chunks<'a>(body: &'a [u8], rng: &mut Rng, max: usize) -> Vec<&'a [u8]> {
    let mut chunks = Vec::new();
    let mut at = 0;
    while at < body.len() {
        let size = 1 + rng.below(max);
        let end = (at + size).min(body.len());
        chunks.push(&body[at..end]);
        at = end;
    }
    chunks
}

#[test]
fn every_split_point_yields_the_same_frames() {
    for fixture in fixtures() {
        let whole = frames_of([&fixture.body]);
        for split in 0..=fixture.body.len() {
            let (head, tail) = fixture.body.split_at(split);
            assert_eq!(frames_of([head, tail]), whole, "{}: split at byte {split}", fixture.name);
        }
    }
}

#[test]
fn random_multi_splits_and_single_bytes_yield_the_same_frames() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for fixture in fixtures() {
        let whole = frames_of([&fixture.body]);
        assert_eq!(frames_of(fixture.body.chunks(1)), whole, "{}: one byte at a time", fixture.name);
        for round in 0..100 {
            let max = [3, 17, 64, 700][round % 4];
            let chunks = random_chunks(&fixture.body, &mut rng, max);
            assert_eq!(
                frames_of(&chunks),
                whole,
                "{}: random split {round} into {} chunks",
                fixture.name,
                chunks.len()
            );
        }
    }
}

#[test]
fn crlf_and_cr_line_ends_yield_the_same_frames() {
    for fixture in fixtures() {
        let whole = frames_of([&fixture.body]);
        let text = String::from_utf8(fixture.body.clone()).unwrap();
        assert!(!text.contains('\r'), "{}: fixtures use LF line ends", fixture.name);
        for ending in ["\r\n", "\r"] {
            let body = text.replace('\n', ending);
            assert_eq!(frames_of([&body]), whole, "{}: line ends {ending:?}", fixture.name);
            assert_eq!(frames_of(body.as_bytes().chunks(5)), whole, "{}: line ends {ending:?} in chunks", fixture.name);
        }
    }
}

#[test]
fn every_fixture_yields_its_expected_items_and_end() {
    for fixture in fixtures() {
        let name = &fixture.name;
        let expect = &fixture.expect;
        let mut decoder = ItemDecoder::new();
        let mut types = Vec::new();
        let mut server_errors = Vec::new();
        for result in decoder.push(&fixture.body) {
            match result {
                Ok(item) => types.push(item.message_type().unwrap_or("").to_owned()),
                Err(StreamError::Server(body)) => server_errors.push(body),
                Err(other) => panic!("{name}: unexpected error {other}"),
            }
        }
        let expected_types: Vec<String> =
            expect["items"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect();
        assert_eq!(types, expected_types, "{name}: item types");
        assert_eq!(decoder.is_done(), expect["done"].as_bool().unwrap(), "{name}: [DONE]");

        match &expect["error"] {
            Value::Null => assert!(server_errors.is_empty(), "{name}: unexpected error event"),
            expected => {
                assert_eq!(server_errors.len(), 1, "{name}: one error event");
                match (&server_errors[0], expected.get("raw")) {
                    (ErrorBody::Json(raw), Some(expected_raw)) => {
                        let raw: Value = serde_json::from_str(&raw.to_string()).unwrap();
                        assert_eq!(&raw, expected_raw, "{name}: raw error body")
                    }
                    (body @ ErrorBody::Json(value), None) if body.is_letta_error() => {
                        assert_eq!(body.error_type(), expected["error_type"].as_str(), "{name}");
                        assert_eq!(
                            value.get("message").and_then(|m| m.as_str()),
                            expected["message"].as_str(),
                            "{name}"
                        );
                    }
                    (other, _) => panic!("{name}: error body {other:?} does not match {expected}"),
                }
            }
        }

        let truncated = !expect["done"].as_bool().unwrap() && expect["error"].is_null();
        match decoder.finish() {
            Ok(()) => assert!(!truncated, "{name}: a stream cut off before [DONE] must not end cleanly"),
            Err(StreamError::Incomplete { .. }) => assert!(truncated, "{name}: reported as cut off"),
            Err(other) => panic!("{name}: finish: {other}"),
        }

        let skipped: Vec<String> = frames_of([&fixture.body])
            .0
            .into_iter()
            .filter_map(|frame| match frame {
                Ok(Frame::Other(event)) => Some(event.event_type().to_owned()),
                _ => None,
            })
            .collect();
        let expected_skipped: Vec<String> = expect
            .get("skipped_events")
            .and_then(Value::as_array)
            .map(|names| names.iter().map(|n| n.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        assert_eq!(skipped, expected_skipped, "{name}: named events passed on");
    }
}
