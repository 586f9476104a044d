//! Errors of the SSE layer.

use std::fmt;

/// A problem with the bytes of an event stream. Each one replaces the event it concerns; decoding
/// continues with the next event.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SseError {
    /// A field of an event was not valid UTF-8.
    InvalidUtf8,
    /// An event was larger than the decoder's limit; it was skipped.
    EventTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The stream ended in the middle of an event (no blank line after it).
    Incomplete {
        /// Bytes of the unfinished event that were discarded.
        pending_bytes: usize,
    },
}

impl fmt::Display for SseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidUtf8 => f.write_str("event stream: an event is not valid UTF-8"),
            Self::EventTooLarge { limit } => write!(f, "event stream: an event is larger than the {limit}-byte limit"),
            Self::Incomplete { pending_bytes } => {
                write!(f, "event stream: the stream ended in the middle of an event ({pending_bytes} bytes unfinished)")
            }
        }
    }
}

impl std::error::Error for SseError {}
