//! Declarative helpers shared by the type modules: string enums that keep unknown values, tagged unions
//! that keep unknown variants, and single-value literals. They exist so that every union in the crate
//! behaves the same way on the wire.

/// A string enum as the server sends it. Known values become variants; any other string is kept in
/// `Unknown` and written back unchanged, so a value added by a newer server never breaks decoding.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know, kept exactly as sent.
            Unknown(String),
        }

        impl $name {
            /// The wire strings of every known value, in the API's order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            /// Maps a wire string to its variant; unknown strings become `Unknown`.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }

            /// The wire string of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Unknown(other) => other,
                }
            }

            /// Whether this is a value the crate knows (not `Unknown`).
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::types::macros::deserialize_str_with(deserializer, Self::from_wire)
            }
        }
    };
}

/// A field that holds exactly one string, such as `"type": "approval"`. Any other value is a decode error.
macro_rules! wire_literal {
    ($(#[$meta:meta])* pub struct $name:ident = $wire:literal;) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name;

        impl $name {
            /// The one wire string this literal stands for.
            pub const WIRE: &'static str = $wire;
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($wire)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::types::macros::deserialize_str_with(deserializer, |value| {
                    (value == $wire).then_some($name).ok_or_else(|| value.to_owned())
                })?
                .map_err(|value| {
                    <D::Error as ::serde::de::Error>::invalid_value(
                        ::serde::de::Unexpected::Str(&value),
                        &concat!("\"", $wire, "\""),
                    )
                })
            }
        }
    };
}

/// Implements `Deserialize` for a union tagged by a string field (`message_type` or `type`). A known tag
/// decodes into its variant (a broken payload is an error); an object with any other tag, or none, is
/// kept whole in the `Unknown(Map)` variant.
macro_rules! tagged_union_deserialize {
    ($name:ident, $tag:literal, { $( $wire:literal => $variant:ident, )* }) => {
        impl $name {
            /// The tag values this union knows, in declaration order.
            pub const KNOWN_TAGS: &'static [&'static str] = &[$($wire),*];

            /// Deserializes `json` straight into the variant that `tag` names, without building a
            /// JSON tree first (the fast path for callers that read the tag already); `None` for a
            /// tag this union does not know.
            pub fn from_json_tagged(tag: &str, json: &str) -> Option<Result<Self, ::serde_json::Error>> {
                Some(match tag {
                    $( $wire => ::serde_json::from_str(json).map($name::$variant), )*
                    _ => return None,
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                type Map = ::serde_json::Map<String, ::serde_json::Value>;
                type Parse = fn(::serde_json::Value) -> Result<$name, ::serde_json::Error>;
                let map = <Map as ::serde::Deserialize>::deserialize(deserializer)?;
                let parse: Parse = match map.get($tag).and_then(::serde_json::Value::as_str) {
                    $( Some($wire) => |value| ::serde::Deserialize::deserialize(value).map($name::$variant), )*
                    _ => return Ok($name::Unknown(map)),
                };
                parse(::serde_json::Value::Object(map)).map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}

pub(crate) use {tagged_union_deserialize, wire_enum, wire_literal};

/// Deserializes a string (borrowed or owned) and maps it through `f` without an extra allocation.
pub(crate) fn deserialize_str_with<'de, D, T>(deserializer: D, f: impl FnOnce(&str) -> T) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct StrVisitor<F>(F);

    impl<T, F: FnOnce(&str) -> T> serde::de::Visitor<'_> for StrVisitor<F> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok((self.0)(value))
        }
    }

    deserializer.deserialize_str(StrVisitor(f))
}

/// `Deserialize` for [`Nullable`](crate::types::Nullable) fields: present-and-null becomes `Some(None)`.
/// Use with `#[serde(default, deserialize_with = "…", skip_serializing_if = "Option::is_none")]`.
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// Reads an `Option` field that may be absent (with `#[serde(default)]`) but not `null`, as pydantic
/// reads a field with a default that is not `Optional`.
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}
