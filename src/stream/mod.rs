//! Stream items from a Send Message event stream: [`ItemDecoder`] turns the bytes of an SSE body into
//! checked items (typed [`StreamItem`](crate::types::StreamItem)s with the `serde` feature) and
//! [`StreamError`]s, in order, and [`MessageAccumulator`] folds token deltas into whole messages.

#[cfg(feature = "serde")]
mod accumulate;
mod batches;
mod error;
mod items;

#[cfg(feature = "serde")]
pub use accumulate::{Folded, MessageAccumulator};
pub use batches::ItemBatches;
pub use error::StreamError;
pub use items::ItemDecoder;
#[cfg(feature = "serde")]
pub use items::RawItem;
