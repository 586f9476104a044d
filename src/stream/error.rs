//! Errors of the stream-item layer.

use std::fmt;

use crate::sse::{ErrorBody, SseError};

/// Why a stream did not yield an item, or did not end properly.
#[derive(Debug)]
#[non_exhaustive]
pub enum StreamError {
    /// The server reported an error inside the stream (`event: error`).
    Server(ErrorBody),
    /// A frame's JSON could not be decoded as a stream item; `data` is the frame's text.
    Decode {
        /// The JSON or type error.
        source: crate::json::Error,
        /// The frame's data, unchanged.
        data: String,
    },
    /// The event stream itself was malformed (bad UTF-8, an event over the size limit).
    Sse(SseError),
    /// The body ended before `data: [DONE]` without an error event: the connection was cut.
    Incomplete {
        /// Bytes of an unfinished event that were discarded.
        pending_bytes: usize,
    },
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Server(body) => write!(f, "the server reported an error in the stream: {body}"),
            Self::Decode { source, data } => {
                const SHOWN: usize = 200;
                let cut = data.char_indices().nth(SHOWN).map_or(data.len(), |(at, _)| at);
                let more = if cut < data.len() { "…" } else { "" };
                write!(
                    f,
                    "could not decode a stream item: {source}; data: {}{more}",
                    data.get(..cut).unwrap_or_default()
                )
            }
            Self::Sse(error) => error.fmt(f),
            Self::Incomplete { pending_bytes: 0 } => f.write_str("the stream ended before [DONE]"),
            Self::Incomplete { pending_bytes } => {
                write!(f, "the stream ended before [DONE], in the middle of an event ({pending_bytes} bytes)")
            }
        }
    }
}

impl std::error::Error for StreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Decode { source, .. } => Some(source),
            Self::Sse(error) => Some(error),
            _ => None,
        }
    }
}

impl From<SseError> for StreamError {
    fn from(error: SseError) -> Self {
        match error {
            SseError::Incomplete { pending_bytes } => Self::Incomplete { pending_bytes },
            other => Self::Sse(other),
        }
    }
}
