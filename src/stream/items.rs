//! [`ItemDecoder`]: bytes of a Send Message stream → checked stream items (and, with the `serde`
//! feature, typed [`StreamItem`](crate::types::StreamItem)s), with Letta's end-of-stream rules.

use crate::schema;
use crate::sse::{Frame, FrameDecoder};
#[cfg(feature = "serde")]
use crate::types::StreamItem;

use super::StreamError;

/// Decodes a Send Message stream's bytes into stream items.
///
/// - Each `data:` frame becomes one item, checked against its [table](crate::schema), or
///   [`StreamError::Decode`] keeping the raw text.
/// - `event: error` becomes [`StreamError::Server`] with the parsed body, after every item before it.
/// - `data: [DONE]` ends the stream: later bytes are ignored.
/// - Other named events (`event: cancelled`) are skipped: the stop reason frame that accompanies a
///   cancellation carries the same information as a stream item.
/// - [`finish`](Self::finish) at the end of the body is an error unless `[DONE]` or an error event came.
///
/// Decoding goes on after an error item, so a caller may collect everything; the client stops at the
/// first error.
///
/// ```
/// use letta_wasm::stream::ItemDecoder;
///
/// let mut items = ItemDecoder::new();
/// let got = items.push(b"data: {\"message_type\":\"stop_reason\",\"stop_reason\":\"end_turn\"}\n\ndata: [DONE]\n\n");
/// assert_eq!(got[0].as_ref().unwrap().message_type(), Some("stop_reason"));
/// assert!(items.is_done());
/// assert!(items.finish().is_ok());
/// ```
#[derive(Debug, Default)]
pub struct ItemDecoder {
    frames: FrameDecoder,
    done: bool,
    saw_error_event: bool,
}

impl ItemDecoder {
    /// A decoder with the default SSE settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// A decoder over the given frame decoder (e.g. with another event size limit).
    pub fn with_frames(frames: FrameDecoder) -> Self {
        Self { frames, ..Self::default() }
    }

    /// Bytes held for the event being read; see [`crate::sse::Decoder::buffered_bytes`].
    pub fn buffered_bytes(&self) -> usize {
        self.frames.buffered_bytes()
    }

    /// Whether `data: [DONE]` has been seen.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Decodes a chunk and returns the typed items (and errors) it completed, in order.
    #[cfg(feature = "serde")]
    pub fn push(&mut self, chunk: &[u8]) -> Vec<Result<StreamItem, StreamError>> {
        self.push_raw(chunk).into_iter().map(|result| result.map(|raw| raw.item)).collect()
    }

    /// Like [`push`](Self::push), keeping each item's JSON text as the server sent it.
    #[cfg(feature = "serde")]
    pub fn push_raw(&mut self, chunk: &[u8]) -> Vec<Result<RawItem, StreamError>> {
        self.push_checked(chunk).into_iter().map(|result| result.and_then(RawItem::decode)).collect()
    }

    /// Decodes a chunk and returns the JSON text of each item it completed (checked against the item's
    /// shape, so it decodes into a [`StreamItem`](crate::types::StreamItem)), and errors, in order.
    /// This is what the JavaScript package hands to `JSON.parse`.
    pub fn push_checked(&mut self, chunk: &[u8]) -> Vec<Result<String, StreamError>> {
        if self.done {
            return Vec::new();
        }
        let mut out = Vec::new();
        for frame in self.frames.push(chunk) {
            match frame {
                Ok(Frame::Data(data)) => out.push(check_item(data)),
                Ok(Frame::Done) => {
                    self.done = true;
                    break;
                }
                Ok(Frame::Error(body)) => {
                    self.saw_error_event = true;
                    out.push(Err(StreamError::Server(body)));
                }
                Ok(Frame::Other(_)) => {}
                Err(error) => out.push(Err(error.into())),
            }
        }
        out
    }

    /// Ends the body. `Ok` after `[DONE]`, or after an error event (the server may close without
    /// `[DONE]` then; the error was already delivered). Otherwise [`StreamError::Incomplete`].
    pub fn finish(self) -> Result<(), StreamError> {
        if self.done {
            return Ok(());
        }
        match self.frames.finish() {
            _ if self.saw_error_event => Ok(()),
            Ok(()) => Err(StreamError::Incomplete { pending_bytes: 0 }),
            Err(error) => Err(error.into()),
        }
    }
}

/// A decoded stream item with the JSON text it came from.
#[cfg(feature = "serde")]
#[derive(Clone, Debug, PartialEq)]
pub struct RawItem {
    /// The frame's data: the item's JSON, unchanged.
    pub json: String,
    /// The typed item.
    pub item: StreamItem,
}

#[cfg(feature = "serde")]
impl RawItem {
    /// Decodes checked item text. The shape check accepts exactly what decoding accepts, so an error
    /// here would be a bug in the tables; it is reported as a decode error, not a panic.
    fn decode(json: String) -> Result<Self, StreamError> {
        match StreamItem::from_json(&json) {
            Ok(item) => Ok(Self { json, item }),
            Err(error) => {
                let source = crate::json::Error::at(&json, 0, format!("{error} (passed its shape check: a bug)"));
                Err(StreamError::Decode { source, data: json })
            }
        }
    }
}

/// Checks one item's JSON text against its table.
fn check_item(data: String) -> Result<String, StreamError> {
    match schema::check_item(&data) {
        Ok(_) => Ok(data),
        Err(source) => Err(StreamError::Decode { source, data }),
    }
}
