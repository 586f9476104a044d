//! Stream items from a Send Message event stream: [`ItemDecoder`] turns the bytes of an SSE body into
//! typed [`StreamItem`](crate::types::StreamItem)s and [`StreamError`]s, in order.

mod error;
mod items;

pub use error::StreamError;
pub use items::ItemDecoder;
