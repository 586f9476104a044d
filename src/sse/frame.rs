//! Letta's framing on top of SSE events: `data: [DONE]` ends the stream, `event: error` carries an
//! in-band error, default (`message`) events carry one JSON stream item each, and any other named event
//! (the server sends `event: cancelled`) is passed on as [`Frame::Other`] for the caller to skip.

use std::fmt;

use super::{Decoder, Event, SseError};
use crate::json::Value;

/// The data of the frame that ends a stream normally.
pub const DONE: &str = "[DONE]";

/// A Letta stream frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Frame {
    /// A default event: the JSON text of one stream item.
    Data(String),
    /// `data: [DONE]`: the normal end of the stream.
    Done,
    /// `event: error`: the server reports an error after the stream started.
    Error(ErrorBody),
    /// Another named event, e.g. `event: cancelled`. Not a stream item.
    Other(Event),
}

impl Frame {
    /// Classifies a decoded event.
    pub fn from_event(event: Event) -> Self {
        match event.event.as_deref() {
            None | Some("message") if event.data == DONE => Self::Done,
            None | Some("message") => Self::Data(event.data),
            Some("error") => Self::Error(ErrorBody::parse(event.data)),
            Some(_) => Self::Other(event),
        }
    }
}

/// The data of an `event: error`.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorBody {
    /// JSON data: normally a `LettaErrorMessage` (`message_type: "error_message"`, `run_id`,
    /// `error_type`, `message`, `detail`), or the server's last-resort `{"error", "code"}` object.
    Json(Value),
    /// Data that is not JSON, kept as sent.
    Text(String),
}

impl ErrorBody {
    /// Reads the data of an error event.
    pub fn parse(data: String) -> Self {
        match Value::parse(&data) {
            Ok(value) => Self::Json(value),
            Err(_) => Self::Text(data),
        }
    }

    /// Whether the body is a `LettaErrorMessage`: it says so in `message_type` and has the shape of one.
    pub fn is_letta_error(&self) -> bool {
        match self {
            Self::Json(value) => {
                value.get("message_type").and_then(Value::as_str) == Some("error_message")
                    && crate::schema::check_error_message(&value.to_string()).is_ok()
            }
            Self::Text(_) => false,
        }
    }

    /// The kind of error: `error_type`, or the last-resort body's `code`.
    pub fn error_type(&self) -> Option<&str> {
        match self {
            Self::Json(value) => value.get("error_type").or_else(|| value.get("code")).and_then(Value::as_str),
            Self::Text(_) => None,
        }
    }

    /// What went wrong, in words: a Letta error's `message` (with its `detail`, if any), the last-resort
    /// body's `error`, or the data itself.
    pub fn message(&self) -> String {
        match self {
            Self::Json(value) => {
                let text = |key| value.get(key).and_then(Value::as_str);
                match (text("message").or_else(|| text("error")), text("detail")) {
                    (Some(message), Some(detail)) if self.is_letta_error() && !detail.is_empty() => {
                        format!("{message} ({detail})")
                    }
                    (Some(message), _) => message.to_owned(),
                    (None, _) => value.to_string(),
                }
            }
            Self::Text(text) => text.clone(),
        }
    }
}

impl fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.error_type() {
            Some(kind) => write!(f, "{kind}: {}", self.message()),
            None => f.write_str(&self.message()),
        }
    }
}

/// An SSE [`Decoder`] that yields Letta [`Frame`]s.
#[derive(Debug, Default)]
pub struct FrameDecoder {
    decoder: Decoder,
}

impl FrameDecoder {
    /// A frame decoder over a default [`Decoder`].
    pub fn new() -> Self {
        Self::default()
    }

    /// A frame decoder over the given SSE decoder (e.g. one with another size limit).
    pub fn with_decoder(decoder: Decoder) -> Self {
        Self { decoder }
    }

    /// Decodes a chunk and returns the frames it completed.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<Result<Frame, SseError>> {
        self.decoder.push(chunk).into_iter().map(|event| event.map(Frame::from_event)).collect()
    }

    /// Bytes held for the event being read; see [`Decoder::buffered_bytes`].
    pub fn buffered_bytes(&self) -> usize {
        self.decoder.buffered_bytes()
    }

    /// Ends the stream; see [`Decoder::finish`].
    pub fn finish(self) -> Result<(), SseError> {
        self.decoder.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(body: &str) -> Vec<Frame> {
        FrameDecoder::new().push(body.as_bytes()).into_iter().map(Result::unwrap).collect()
    }

    #[test]
    fn done_ends_and_data_carries_json_text() {
        let got = frames("data: {\"message_type\":\"ping\"}\n\ndata: [DONE]\n\n");
        assert_eq!(got, vec![Frame::Data("{\"message_type\":\"ping\"}".into()), Frame::Done]);
    }

    #[test]
    fn an_error_event_with_a_letta_error_message_is_recognised() {
        let got = frames(concat!(
            "event: error\n",
            "data: {\"message_type\":\"error_message\",\"run_id\":\"run-1\",\"error_type\":\"llm_error\",",
            "\"message\":\"An error occurred with the LLM request.\",\"detail\":\"boom\",\"seq_id\":null}\n\n"
        ));
        let [Frame::Error(body)] = &got[..] else { panic!("{got:?}") };
        assert!(body.is_letta_error());
        assert_eq!(body.error_type(), Some("llm_error"));
        assert_eq!(body.to_string(), "llm_error: An error occurred with the LLM request. (boom)");
    }

    #[test]
    fn the_last_resort_error_body_is_kept_as_json() {
        let got = frames("event: error\ndata: {\"error\": \"Oops\", \"code\": \"INTERNAL_SERVER_ERROR\"}\n\n");
        let [Frame::Error(body @ ErrorBody::Json(_))] = &got[..] else { panic!("{got:?}") };
        assert!(!body.is_letta_error());
        assert_eq!(body.to_string(), "INTERNAL_SERVER_ERROR: Oops");
    }

    #[test]
    fn error_data_that_is_not_json_is_kept_as_text() {
        let got = frames("event: error\ndata: upstream timed out\n\n");
        assert_eq!(got, vec![Frame::Error(ErrorBody::Text("upstream timed out".into()))]);
    }

    #[test]
    fn other_named_events_are_passed_on() {
        let got = frames("event: cancelled\ndata: {\"message\": \"Run was cancelled\"}\n\n");
        let [Frame::Other(event)] = &got[..] else { panic!("{got:?}") };
        assert_eq!(event.event_type(), "cancelled");
    }

    #[test]
    fn done_is_only_the_exact_literal() {
        assert_eq!(frames("data: [DONE] \n\n"), vec![Frame::Data("[DONE] ".into())]);
        assert_eq!(frames("event: message\ndata: [DONE]\n\n"), vec![Frame::Done]);
    }
}
