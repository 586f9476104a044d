//! Stream items from a Send Message event stream: [`ItemDecoder`] turns the bytes of an SSE body into
//! typed [`StreamItem`](crate::types::StreamItem)s and [`StreamError`]s, in order, and
//! [`MessageAccumulator`] folds token deltas into whole messages.

mod accumulate;
mod error;
mod items;

pub use accumulate::{Folded, MessageAccumulator};
pub use error::StreamError;
pub use items::{ItemDecoder, RawItem};
