//! Checks for message content: a string or content parts (discriminated by `type`), and image sources.

use crate::json::Value;

use super::IssueCode;
use super::checker::{Checker, describe, one_of, quote};
use super::schema::{Field, Kind, ObjectSchema, check_object};

/// A discriminated union: the tag field, and a schema per tag value.
pub(crate) struct Union {
    pub(crate) what: &'static str,
    pub(crate) tag: &'static str,
    pub(crate) variants: &'static [(&'static str, &'static ObjectSchema)],
}

/// Checks a value of a union discriminated by a tag field that must be present (pydantic's
/// `Field(discriminator=…)`): a missing tag is `missing_field`, an unknown one `unknown_variant`.
pub(crate) fn check_union(checker: &mut Checker, value: &mut Value, union: &Union) {
    let Value::Object(map) = value else {
        return checker
            .report(IssueCode::WrongType, format!("expected {} (an object), got {}", union.what, describe(value)));
    };
    let tags: Vec<&str> = union.variants.iter().map(|(tag, _)| *tag).collect();
    let schema = match map.get(union.tag) {
        None | Some(Value::Null) => {
            return checker.at(union.tag, |checker| {
                checker.report(
                    IssueCode::MissingField,
                    format!("{} needs `{}`: {}", union.what, union.tag, one_of(&tags)),
                );
            });
        }
        Some(Value::String(tag)) => match union.variants.iter().find(|(name, _)| name == tag) {
            Some((_, schema)) => *schema,
            None => {
                let message =
                    format!("unknown {} `{}` {}; expected {}", union.what, union.tag, quote(tag), one_of(&tags));
                return checker.at(union.tag, |checker| checker.report(IssueCode::UnknownVariant, message));
            }
        },
        Some(other) => {
            let message = format!("expected `{}` to be {}, got {}", union.tag, one_of(&tags), describe(other));
            return checker.at(union.tag, |checker| checker.report(IssueCode::WrongType, message));
        }
    };
    check_object(checker, value, schema);
}

/// `str | list[part]` where the parts come from `union`.
pub(crate) fn check_text_or_parts(checker: &mut Checker, value: &mut Value, union: &Union) {
    match value {
        Value::String(_) => {}
        Value::Array(parts) => {
            for (index, part) in parts.iter_mut().enumerate() {
                checker.at(index, |checker| check_union(checker, part, union));
            }
        }
        other => checker.report(
            IssueCode::WrongType,
            format!("expected a string or an array of {}s, got {}", union.what, describe(other)),
        ),
    }
}

/// `content` of a message, and `input`: a string, or any of the 8 content parts. Not empty: the
/// route accepts `""` and `[]`, but turning them into a message fails with 400 "Message content is
/// empty or invalid" (letta/helpers/message_helper.py), so the request is refused all the same.
pub(crate) fn check_message_content(checker: &mut Checker, value: &mut Value) {
    check_text_or_parts(checker, value, &CONTENT_PART);
    let empty = match value {
        Value::String(text) => text.is_empty(),
        Value::Array(parts) => parts.is_empty(),
        _ => false,
    };
    if empty {
        checker.report(IssueCode::Empty, "a message needs content: the server refuses an empty string or list (400)");
    }
}

/// `url` of an image source: the server fetches only `http`, `https` and `data` URLs and answers
/// any other scheme (`file:`, `ftp:`, none) with 400 (letta/helpers/message_helper.py).
fn check_image_url(checker: &mut Checker, value: &mut Value) {
    let Value::String(url) = value else {
        return checker.report(IssueCode::WrongType, format!("expected a string, got {}", describe(value)));
    };
    let scheme = url.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https" | "data")) {
        checker.report(IssueCode::InvalidValue, format!("expected an http, https or data URL, got {}", quote(url)));
    }
}

/// `tool_return` of a tool return: a string, or `text` and `image` parts.
pub(crate) fn check_tool_return_value(checker: &mut Checker, value: &mut Value) {
    check_text_or_parts(checker, value, &TOOL_RETURN_PART);
}

static TEXT: ObjectSchema = ObjectSchema {
    what: "a text part",
    fields: &[
        Field::required("type", Kind::OneOf(&["text"])),
        Field::required("text", Kind::Str),
        Field::nullable("signature", Kind::Str),
    ],
};

static IMAGE: ObjectSchema = ObjectSchema {
    what: "an image part",
    fields: &[
        Field::required("type", Kind::OneOf(&["image"])),
        Field::required("source", Kind::Custom(|checker, value| check_union(checker, value, &IMAGE_SOURCE))),
    ],
};

static TOOL_CALL: ObjectSchema = ObjectSchema {
    what: "a tool_call part",
    fields: &[
        Field::required("type", Kind::OneOf(&["tool_call"])),
        Field::required("id", Kind::Str),
        Field::required("name", Kind::Str),
        Field::required("input", Kind::Object),
        Field::nullable("signature", Kind::Str),
    ],
};

static TOOL_RETURN: ObjectSchema = ObjectSchema {
    what: "a tool_return part",
    fields: &[
        Field::required("type", Kind::OneOf(&["tool_return"])),
        Field::required("tool_call_id", Kind::Str),
        Field::required("content", Kind::Str),
        Field::required("is_error", Kind::Bool),
    ],
};

static REASONING: ObjectSchema = ObjectSchema {
    what: "a reasoning part",
    fields: &[
        Field::required("type", Kind::OneOf(&["reasoning"])),
        Field::required("is_native", Kind::Bool),
        Field::required("reasoning", Kind::Str),
        Field::nullable("signature", Kind::Str),
    ],
};

static REDACTED_REASONING: ObjectSchema = ObjectSchema {
    what: "a redacted_reasoning part",
    fields: &[Field::required("type", Kind::OneOf(&["redacted_reasoning"])), Field::required("data", Kind::Str)],
};

static OMITTED_REASONING: ObjectSchema = ObjectSchema {
    what: "an omitted_reasoning part",
    fields: &[Field::required("type", Kind::OneOf(&["omitted_reasoning"])), Field::nullable("signature", Kind::Str)],
};

static SUMMARY: ObjectSchema = ObjectSchema {
    what: "a reasoning summary",
    fields: &[Field::required("index", Kind::Int), Field::required("text", Kind::Str)],
};

static SUMMARIZED_REASONING: ObjectSchema = ObjectSchema {
    what: "a summarized_reasoning part",
    fields: &[
        Field::required("type", Kind::OneOf(&["summarized_reasoning"])),
        Field::required("id", Kind::Str),
        Field::required(
            "summary",
            Kind::ListOf(&Kind::Custom(|checker, value| {
                check_object(checker, value, &SUMMARY);
            })),
        ),
        Field::nullable("encrypted_content", Kind::Str),
    ],
};

/// The 8 content parts (`LettaMessageContentUnion`).
pub(crate) static CONTENT_PART: Union = Union {
    what: "content part",
    tag: "type",
    variants: &[
        ("text", &TEXT),
        ("image", &IMAGE),
        ("tool_call", &TOOL_CALL),
        ("tool_return", &TOOL_RETURN),
        ("reasoning", &REASONING),
        ("redacted_reasoning", &REDACTED_REASONING),
        ("omitted_reasoning", &OMITTED_REASONING),
        ("summarized_reasoning", &SUMMARIZED_REASONING),
    ],
};

/// The parts a tool return may hold (`LettaToolReturnContentUnion`).
static TOOL_RETURN_PART: Union =
    Union { what: "tool return part", tag: "type", variants: &[("text", &TEXT), ("image", &IMAGE)] };

static URL_IMAGE: ObjectSchema = ObjectSchema {
    what: "a url image source",
    fields: &[Field::required("type", Kind::OneOf(&["url"])), Field::required("url", Kind::Custom(check_image_url))],
};

static BASE64_IMAGE: ObjectSchema = ObjectSchema {
    what: "a base64 image source",
    fields: &[
        Field::required("type", Kind::OneOf(&["base64"])),
        Field::required("media_type", Kind::Str),
        Field::required("data", Kind::Str),
        Field::nullable("detail", Kind::Str),
    ],
};

static LETTA_IMAGE: ObjectSchema = ObjectSchema {
    what: "a letta image source",
    fields: &[
        Field::required("type", Kind::OneOf(&["letta"])),
        Field::required("file_id", Kind::Str),
        Field::nullable("media_type", Kind::Str),
        Field::nullable("data", Kind::Str),
        Field::nullable("detail", Kind::Str),
    ],
};

static IMAGE_SOURCE: Union = Union {
    what: "image source",
    tag: "type",
    variants: &[("url", &URL_IMAGE), ("base64", &BASE64_IMAGE), ("letta", &LETTA_IMAGE)],
};
