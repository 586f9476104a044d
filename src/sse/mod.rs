//! Server-Sent Events, independent of the transport: an incremental [`Decoder`] that turns bytes in any
//! chunking into [`Event`]s (WHATWG rules: LF, CR and CRLF line ends, one optional space after the
//! colon, multi-line data joined with `\n`, comments ignored, `id`, `retry` and `event` fields, a leading
//! BOM), and Letta's [`Frame`]s on top of it (`[DONE]`, `event: error`, other named events).
//!
//! ```
//! use letta_wasm::sse::{Frame, FrameDecoder};
//!
//! let mut frames = FrameDecoder::new();
//! let got = frames.push(b"data: {\"message_type\":\"ping\"}\n\ndata: [DONE]\n\n");
//! assert!(matches!(&got[0], Ok(Frame::Data(json)) if json.contains("ping")));
//! assert!(matches!(got[1], Ok(Frame::Done)));
//! ```

mod decoder;
mod error;
mod frame;

pub use decoder::{DEFAULT_MAX_EVENT_BYTES, Decoder, Event};
pub use error::SseError;
pub use frame::{DONE, ErrorBody, Frame, FrameDecoder};
