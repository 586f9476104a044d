//! A small JSON reader of the crate's own: a [`Reader`] over borrowed text that checks syntax strictly
//! (RFC 8259) without building anything, and the [`Value`] tree built on it for the small documents
//! that need one (request bodies, error bodies).
//!
//! It exists so that the WebAssembly package need not carry serde_json: stream items are checked
//! against their [tables](crate::schema) straight from the text, and only requests become trees.
//!
//! ```
//! use letta_wasm::json::Value;
//!
//! let value = Value::parse(r#"{"input":"Hi","max_steps":3}"#).unwrap();
//! assert_eq!(value.get("input").and_then(Value::as_str), Some("Hi"));
//! assert_eq!(value.to_string(), r#"{"input":"Hi","max_steps":3}"#);
//! ```

mod decimal;
mod error;
mod reader;
mod value;
mod write;

pub use decimal::Decimal;
pub(crate) use decimal::signed;
pub use error::Error;
pub use reader::Reader;
pub(crate) use reader::special_byte;
pub use value::{Map, Number, Value};
pub use write::{quoted, write_string};

/// How deeply arrays and objects may nest, as in serde_json and most parsers.
pub const MAX_DEPTH: usize = 128;
