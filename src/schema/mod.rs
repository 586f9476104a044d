//! One description of the wire format: every request and response type as a static table, read by
//! one small engine in two modes.
//!
//! - **Strict** ([`check_item`], [`check_response`], [`check_messages`], [`check_error_message`]) reads
//!   what the server sends, as JSON text, without building anything. A text passes exactly when
//!   decoding it into the serde types of [`types`](crate::types) would succeed (`tests/properties.rs`
//!   compares the two on damaged fixtures). Unions and enums are open: a tag or value this crate does
//!   not know is kept, so a newer server does not break a stream.
//! - **Lax** (inside [`validate`](crate::validate)) checks what a caller sends, as a
//!   [`json::Value`](crate::json::Value), with the conversions pydantic applies on the server (`"5"`
//!   for an integer), and reports every issue with its JSON Pointer. Unions and enums are closed: the
//!   server refuses what it does not know.
//!
//! The tables (the statics of `src/schema/wire.rs`) list each type's fields in the serde types' order,
//! with the wire tags written once. `tests/typescript.rs` checks them against the types' sources
//! (fields, presence, literals, enums and union tags), from which `pkg-template/types.d.ts` is
//! generated, and writes the copy the mock server's request models are checked against
//! (`scripts/mock-letta/wire-schema.json`). The WebAssembly package checks with these tables and
//! hands JavaScript the server's own text, so it needs neither serde nor the decoded values.
//!
//! One type through both modes: `Base64Image` (`{ media_type, data, detail? }`, the `base64` member
//! of the `ImageSource` union) refuses a server's image part without `media_type` (strict: "missing
//! field `media_type` (Base64Image)") and a caller's (lax: "a base64 image source needs
//! `media_type`" at `/messages/0/content/0/source/media_type`); `tests/schema.rs` pins both.
//!
//! ```
//! use letta_wasm::schema::check_item;
//!
//! let item = r#"{"id":"m1","date":"2026-01-01T00:00:00Z","message_type":"assistant_message","content":"Hi"}"#;
//! assert_eq!(check_item(item).unwrap().as_deref(), Some("assistant_message"));
//! let error = check_item(r#"{"message_type":"assistant_message","id":"m1","date":"d"}"#).unwrap_err();
//! assert_eq!(error.message(), "missing field `content` (AssistantMessage)");
//! ```

pub(crate) mod lax;
mod listing;
mod strict;
pub(crate) mod wire;

pub use listing::{ListedField, ListedUnion, table_export, table_listing, table_strings, table_unions};
#[cfg(feature = "serde")]
pub(crate) use strict::top_level_tag;
pub use strict::{check_error_message, check_item, check_messages, check_response};
pub(crate) use wire::MESSAGE_SEND_PARAMS;

/// What a value is. Every variant holds at most one thin reference, so that a kind is two words
/// and a [`Field`] five on wasm32: the tables are data, and smaller records compress better (a
/// field's optional deprecation notice alone, as a sixth and seventh word, cost 0.9 KB of gzipped wasm).
#[derive(Debug)]
pub(crate) enum Kind {
    /// A string.
    Str,
    /// `true` or `false`.
    Bool,
    /// An integer in the `i64` range.
    Int,
    /// An integer in the `u64` range.
    Uint,
    /// An integer from 0 to 255.
    Byte,
    /// Any number that fits a float.
    Float,
    /// Any JSON value.
    Json,
    /// Any JSON object.
    JsonObject,
    /// Exactly this string.
    Literal(&'static &'static str),
    /// One of these strings (open when strict: another string is kept).
    Enum(&'static &'static [&'static str]),
    /// One of the tags of a union (open when strict).
    TagOf(&'static Union),
    /// An array of values of one kind.
    List(&'static Kind),
    /// An object with known fields.
    Object(&'static Object),
    /// An object told apart by a string field.
    Union(&'static Union),
    /// One of a few kinds, told apart by their JSON type (serde's untagged enums).
    Either(&'static Either),
    /// An element of a reply's `messages` or of a history page: a message by its `message_type`,
    /// read as `StreamItem` reads one (strict only).
    Message,
    /// An entry of a request's `messages`: a message, an approval or tool returns, told apart as the
    /// server does (`validate::messages::infer_entry_type`).
    MessageInput,
    /// A kind with a rule the server applies on top when it reads a request (strict ignores it).
    Refined(&'static (Kind, Rule)),
}

/// A rule the server applies to a request value beyond its kind.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Rule {
    /// A string or list that must not be empty (message content).
    NotEmpty,
    /// A URL the server can fetch: `http`, `https` or `data`.
    FetchableUrl,
    /// A string field the server refuses booleans for (say how to send one as a string).
    NoBoolean,
    /// Content whose parts may only be of these types.
    PartTypes(&'static [&'static str]),
    /// A deprecated field: a caller who sends it is told this (a warning).
    Deprecated(&'static str),
}

/// Whether a field may be absent or `null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Present and not null.
    Required,
    /// May be absent (it has a default), but not null.
    Optional,
    /// May be absent or null.
    Nullable,
    /// May be absent; the server writes `null` for it when unset but refuses `null` from a caller
    /// (pydantic's `x: str = None`). Nullable when strict, optional when lax.
    DefaultNull,
}

/// A field of an [`Object`].
#[derive(Debug)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    pub(crate) presence: Presence,
}

impl Field {
    pub(crate) const fn required(name: &'static str, kind: Kind) -> Self {
        Self { name, kind, presence: Presence::Required }
    }

    pub(crate) const fn optional(name: &'static str, kind: Kind) -> Self {
        Self { name, kind, presence: Presence::Optional }
    }

    pub(crate) const fn nullable(name: &'static str, kind: Kind) -> Self {
        Self { name, kind, presence: Presence::Nullable }
    }

    pub(crate) const fn default_null(name: &'static str, kind: Kind) -> Self {
        Self { name, kind, presence: Presence::DefaultNull }
    }
}

/// An object type: its Rust (and TypeScript) name, how messages name it, and its fields (at most 64).
#[derive(Debug)]
pub(crate) struct Object {
    pub(crate) name: &'static str,
    pub(crate) what: &'static str,
    pub(crate) fields: &'static [Field],
}

impl Object {
    pub(crate) fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.name == name)
    }
}

/// A union of objects told apart by a string field: its Rust name, how messages name a member, the
/// tag's key and each tag's member. The tag's key is a known key of every member, listed or not.
#[derive(Debug)]
pub(crate) struct Union {
    pub(crate) name: &'static str,
    pub(crate) what: &'static str,
    pub(crate) tag: &'static str,
    pub(crate) members: &'static [(&'static str, &'static Object)],
}

impl Union {
    pub(crate) fn member(&self, tag: &str) -> Option<&'static Object> {
        self.entry(tag).map(|(_, member)| *member)
    }

    /// The member of this tag, with the table's own copy of the tag.
    pub(crate) fn entry(&self, tag: &str) -> Option<&'static (&'static str, &'static Object)> {
        self.members.iter().find(|(wire, _)| *wire == tag)
    }

    pub(crate) fn tags(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.members.iter().map(|(tag, _)| *tag)
    }
}

/// One of a few kinds of different JSON types (a string, an array, an object), as serde's untagged
/// enums read them: the first kind of the value's JSON type.
#[derive(Debug)]
pub(crate) struct Either {
    pub(crate) name: &'static str,
    pub(crate) what: &'static str,
    pub(crate) kinds: &'static [Kind],
}

/// The JSON type a kind's values have, where it has one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonType {
    String,
    Array,
    Object,
}

impl Kind {
    /// The JSON type of this kind's values, for telling an [`Either`]'s kinds apart.
    pub(crate) fn json_type(&self) -> Option<JsonType> {
        match self {
            Kind::Str | Kind::Literal(_) | Kind::Enum(_) | Kind::TagOf(_) => Some(JsonType::String),
            Kind::List(_) => Some(JsonType::Array),
            Kind::Object(_) | Kind::Union(_) | Kind::JsonObject | Kind::Message | Kind::MessageInput => {
                Some(JsonType::Object)
            }
            Kind::Refined((inner, _)) => inner.json_type(),
            _ => None,
        }
    }
}

impl Either {
    /// The kind for a value of this JSON type.
    pub(crate) fn kind_for(&self, json_type: JsonType) -> Option<&'static Kind> {
        self.kinds.iter().find(|kind| kind.json_type() == Some(json_type))
    }
}
