//! The lax mode: a [`Value`] a caller sends, checked as the server's pydantic reads it, every issue
//! reported with its JSON Pointer.
//!
//! Scalars follow pydantic's lax mode: a value the server converts (the string `"5"` for an integer,
//! `"yes"` or `1` for a boolean, `5.0` for an integer) is accepted, rewritten to the converted value,
//! and reported as a [`Coerced`](IssueCode::Coerced) warning. Unions and enums are closed, and keys an
//! object does not list are [`UnknownField`](IssueCode::UnknownField) warnings (the server ignores
//! them).

use crate::json::{Map, Value};
use crate::validate::IssueCode;
use crate::validate::checker::{Checker, describe, one_of, quote};
use crate::validate::messages::{check_entry, entry_member};

use super::{Either, Field, JsonType, Kind, Object, Presence, Rule, Union};

/// Checks `value` as an `object`. Returns its map for further checks, or `None` when the value is
/// not an object (already reported). `tag` is a union's tag key, known even where not listed.
pub(crate) fn check_object<'v>(
    checker: &mut Checker,
    value: &'v mut Value,
    object: &Object,
    tag: Option<&str>,
) -> Option<&'v mut Map> {
    let Value::Object(map) = value else {
        checker.report(IssueCode::WrongType, format!("expected {} (an object), got {}", object.what, describe(value)));
        return None;
    };
    for field in object.fields {
        match map.get_mut(field.name) {
            None if field.presence == Presence::Required => checker.at(field.name, |checker| {
                checker.report(IssueCode::MissingField, format!("{} needs `{}`", object.what, field.name));
            }),
            None => {}
            Some(value) => checker.at(field.name, |checker| check_field(checker, value, field)),
        }
    }
    for key in map.keys().filter(|key| object.field(key).is_none() && Some(key.as_str()) != tag) {
        checker.at(key.as_str(), |checker| {
            checker.report(
                IssueCode::UnknownField,
                format!("{} has no field `{key}`; the server ignores it", object.what),
            );
        });
    }
    Some(map)
}

fn check_field(checker: &mut Checker, value: &mut Value, field: &Field) {
    if let Kind::Refined((_, Rule::Deprecated(notice))) = field.kind {
        checker.report(IssueCode::Deprecated, format!("`{}` is deprecated: {notice}", field.name));
    }
    if value.is_null() {
        if field.presence != Presence::Nullable {
            checker.report(IssueCode::WrongType, format!("expected {}, got null", expected(&field.kind)));
        }
        return;
    }
    check_value(checker, value, &field.kind);
}

/// Checks (and, for lax conversions, rewrites) one value of the given kind.
pub(crate) fn check_value(checker: &mut Checker, value: &mut Value, kind: &Kind) {
    match kind {
        Kind::Str => expect(checker, value.is_string(), value, "a string"),
        Kind::Bool => check_bool(checker, value),
        Kind::Int | Kind::Uint | Kind::Byte => check_int(checker, value),
        Kind::Float => expect(checker, matches!(value, Value::Number(_)), value, "a number"),
        Kind::Json => {}
        Kind::JsonObject | Kind::Message => expect(checker, value.is_object(), value, "an object"),
        Kind::Literal(wire) => check_one_of(checker, value, &[wire]),
        Kind::Enum(allowed) => check_one_of(checker, value, allowed),
        Kind::TagOf(union) => check_one_of(checker, value, &union.tags().collect::<Vec<_>>()),
        Kind::List(item) => match value {
            Value::Array(items) => {
                for (index, item_value) in items.iter_mut().enumerate() {
                    checker.at(index, |checker| {
                        if item_value.is_null() {
                            checker.report(IssueCode::WrongType, format!("expected {}, got null", expected(item)));
                        } else {
                            check_value(checker, item_value, item);
                        }
                    });
                }
            }
            other => checker.report(IssueCode::WrongType, format!("expected an array, got {}", describe(other))),
        },
        Kind::Object(object) => {
            check_object(checker, value, object, None);
        }
        Kind::Union(union) => check_union(checker, value, union, None),
        Kind::Either(either) => check_either(checker, value, either),
        Kind::MessageInput => check_message_input(checker, value),
        Kind::Refined((inner, rule)) => check_refined(checker, value, inner, *rule),
    }
}

fn expect(checker: &mut Checker, ok: bool, value: &Value, what: &str) {
    if !ok {
        checker.report(IssueCode::WrongType, format!("expected {what}, got {}", describe(value)));
    }
}

fn check_one_of(checker: &mut Checker, value: &Value, allowed: &[&str]) {
    match value {
        Value::String(text) if allowed.contains(&text.as_str()) => {}
        Value::String(text) => {
            checker.report(IssueCode::InvalidValue, format!("expected {}, got {}", one_of(allowed), quote(text)));
        }
        other => checker
            .report(IssueCode::WrongType, format!("expected {} (a string), got {}", one_of(allowed), describe(other))),
    }
}

/// How a kind is named in "expected …" messages.
fn expected(kind: &Kind) -> String {
    match kind {
        Kind::Str => "a string".to_owned(),
        Kind::Bool => "a boolean".to_owned(),
        Kind::Int | Kind::Uint | Kind::Byte => "an integer".to_owned(),
        Kind::Float => "a number".to_owned(),
        Kind::Json => "a value".to_owned(),
        Kind::JsonObject | Kind::Message => "an object".to_owned(),
        Kind::Literal(wire) => one_of(&[wire]),
        Kind::Enum(allowed) => one_of(allowed),
        Kind::TagOf(union) => one_of(&union.tags().collect::<Vec<_>>()),
        Kind::List(_) => "an array".to_owned(),
        Kind::Object(object) => object.what.to_owned(),
        Kind::Union(union) => union.what.to_owned(),
        Kind::Either(either) => either.what.to_owned(),
        Kind::MessageInput => "a message".to_owned(),
        Kind::Refined((inner, _)) => expected(inner),
    }
}

/// A value of a union whose tag must be present (pydantic's `Field(discriminator=…)`): a missing tag
/// is `missing_field`, an unknown one (or one not in `only`) `unknown_variant`.
fn check_union(checker: &mut Checker, value: &mut Value, union: &Union, only: Option<&[&str]>) {
    let Value::Object(map) = value else {
        return checker
            .report(IssueCode::WrongType, format!("expected {} (an object), got {}", union.what, describe(value)));
    };
    let tags: Vec<&str> = union.tags().filter(|tag| only.is_none_or(|only| only.contains(tag))).collect();
    let member = match map.get(union.tag) {
        None | Some(Value::Null) => {
            return checker.at(union.tag, |checker| {
                checker.report(
                    IssueCode::MissingField,
                    format!("{} needs `{}`: {}", union.what, union.tag, one_of(&tags)),
                );
            });
        }
        Some(Value::String(tag)) => match union.member(tag).filter(|_| tags.contains(&tag.as_str())) {
            Some(member) => member,
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
    check_object(checker, value, member, Some(union.tag));
}

/// One of a few kinds, by the value's JSON type.
fn check_either(checker: &mut Checker, value: &mut Value, either: &Either) {
    let json_type = match value {
        Value::String(_) => Some(JsonType::String),
        Value::Array(_) => Some(JsonType::Array),
        Value::Object(_) => Some(JsonType::Object),
        _ => None,
    };
    match json_type.and_then(|json_type| either.kind_for(json_type)) {
        Some(kind) => check_value(checker, value, kind),
        None => checker.report(IssueCode::WrongType, format!("expected {}, got {}", either.what, describe(value))),
    }
}

/// An entry of `messages`: its member by the inferred `type`, then the rules across its fields.
fn check_message_input(checker: &mut Checker, value: &mut Value) {
    let Some((tag, member)) = entry_member(checker, value) else { return };
    let explicit_type = value.as_object().is_some_and(|entry| entry.contains_key("type"));
    if let Some(entry) = check_object(checker, value, member, None) {
        check_entry(checker, tag, explicit_type, entry);
    }
}

fn check_refined(checker: &mut Checker, value: &mut Value, inner: &Kind, rule: Rule) {
    match rule {
        // Reported by `check_field`, whether the value is null or not.
        Rule::Deprecated(_) => check_value(checker, value, inner),
        // Content the route accepts as `""` or `[]` fails when it becomes a message, with 400
        // "Message content is empty or invalid" (letta/helpers/message_helper.py).
        Rule::NotEmpty => {
            check_value(checker, value, inner);
            let empty = match value {
                Value::String(text) => text.is_empty(),
                Value::Array(parts) => parts.is_empty(),
                _ => false,
            };
            if empty {
                checker.report(
                    IssueCode::Empty,
                    "a message needs content: the server refuses an empty string or list (400)",
                );
            }
        }
        // The server fetches only `http`, `https` and `data` URLs and answers any other scheme with
        // 400 (letta/helpers/message_helper.py).
        Rule::FetchableUrl => {
            check_value(checker, value, inner);
            if let Value::String(url) = value {
                let scheme = url.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
                if !matches!(scheme.as_deref(), Some("http" | "https" | "data")) {
                    let message = format!("expected an http, https or data URL, got {}", quote(url));
                    checker.report(IssueCode::InvalidValue, message);
                }
            }
        }
        // `enable_thinking` is a string whose default is the boolean `true`: say how to send one.
        Rule::NoBoolean => match value {
            Value::Bool(flag) => checker.report(
                IssueCode::WrongType,
                format!(
                    "expected a string such as \"{flag}\", got the boolean {flag}; the server refuses booleans here"
                ),
            ),
            Value::String(_) => check_value(checker, value, inner),
            other => checker
                .report(IssueCode::WrongType, format!("expected a string such as \"true\", got {}", describe(other))),
        },
        // Content whose array form is a list of a union's parts: only these of its tags.
        Rule::PartTypes(only) => {
            let parts_union = match inner {
                Kind::Either(either) => match either.kind_for(JsonType::Array) {
                    Some(Kind::List(Kind::Union(union))) => Some(*union),
                    _ => None,
                },
                _ => None,
            };
            match (value, parts_union) {
                (Value::Array(parts), Some(union)) => {
                    for (index, part) in parts.iter_mut().enumerate() {
                        checker.at(index, |checker| check_union(checker, part, union, Some(only)));
                    }
                }
                (value, _) => check_value(checker, value, inner),
            }
        }
    }
}

/// The strings pydantic's lax mode reads as booleans (compared case-insensitively).
const TRUE_STRINGS: &[&str] = &["1", "on", "t", "true", "y", "yes"];
const FALSE_STRINGS: &[&str] = &["0", "off", "f", "false", "n", "no"];

/// pydantic lax `bool`: `true`/`false`; the numbers 0 and 1 (`1.0` too); the strings above, in any case
/// but without surrounding whitespace.
fn check_bool(checker: &mut Checker, value: &mut Value) {
    let converted = match &*value {
        Value::Bool(_) => return,
        Value::Number(number) => match number.decimal() {
            decimal if decimal.is_zero() => false,
            decimal if decimal.is_one() && !decimal.is_negative() => true,
            _ => return checker.report(IssueCode::WrongType, format!("expected a boolean, got {}", describe(value))),
        },
        Value::String(text) => {
            let lower = text.to_ascii_lowercase();
            if TRUE_STRINGS.contains(&lower.as_str()) {
                true
            } else if FALSE_STRINGS.contains(&lower.as_str()) {
                false
            } else {
                return checker.report(IssueCode::WrongType, format!("expected a boolean, got {}", describe(value)));
            }
        }
        other => return checker.report(IssueCode::WrongType, format!("expected a boolean, got {}", describe(other))),
    };
    checker.report(IssueCode::Coerced, format!("the server reads {} as {converted}; send a boolean", describe(value)));
    *value = Value::Bool(converted);
}

/// pydantic lax `int`: integers of any size; `true`/`false`; floats without a fractional part within
/// the 64-bit range; strings holding an integer as Python writes one (whitespace around, a sign,
/// `_` between digits, a `.000` tail). Integers past 64 bits, which the server takes, are clamped.
fn check_int(checker: &mut Checker, value: &mut Value) {
    let converted = match &*value {
        Value::Number(number) if number.is_i64() => return,
        Value::Number(number) if number.is_u64() => {
            checker
                .report(IssueCode::Coerced, format!("{number} is past the 64-bit range; it is sent as {}", i64::MAX));
            *value = Value::from(i64::MAX);
            return;
        }
        Value::Number(number) => match number.decimal() {
            decimal if decimal.fits_f64() && !decimal.is_integer() => {
                let message = format!("expected an integer, got {} with a fractional part", describe(value));
                return checker.report(IssueCode::WrongType, message);
            }
            decimal => match decimal.to_i64().filter(|_| decimal.fits_f64()) {
                Some(integer) => integer,
                None => {
                    let message =
                        format!("expected an integer, got {}, which is past the 64-bit range", describe(value));
                    return checker.report(IssueCode::InvalidValue, message);
                }
            },
        },
        Value::Bool(flag) => i64::from(*flag),
        Value::String(text) => match parse_python_int(text) {
            Some(number) => number,
            None => {
                return checker.report(IssueCode::WrongType, format!("expected an integer, got {}", describe(value)));
            }
        },
        other => return checker.report(IssueCode::WrongType, format!("expected an integer, got {}", describe(other))),
    };
    checker.report(IssueCode::Coerced, format!("the server reads {} as {converted}; send an integer", describe(value)));
    *value = Value::from(converted);
}

/// Parses an integer string the way pydantic's lax mode does: `" +1_000.00 "` is 1000. Values past
/// 64 bits are clamped (the server takes any size).
fn parse_python_int(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, text.get(1..)?),
        b'+' => (false, text.get(1..)?),
        _ => (false, text),
    };
    let whole = match unsigned.split_once('.') {
        Some((whole, zeros)) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => whole,
        Some(_) => return None,
        None => unsigned,
    };
    let valid_digits = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && !whole.starts_with('_')
        && !whole.ends_with('_')
        && !whole.as_bytes().windows(2).any(|pair| pair == b"__");
    if !valid_digits {
        return None;
    }
    let digits: String = whole.chars().filter(|c| *c != '_').collect();
    let magnitude: u64 = digits.parse().unwrap_or(u64::MAX);
    let clamped = if negative { i64::MIN } else { i64::MAX };
    Some(crate::json::signed(negative, magnitude).unwrap_or(clamped))
}

#[cfg(test)]
mod tests {
    use super::parse_python_int;

    #[test]
    fn integer_strings_parse_as_pydantic_parses_them() {
        // Each pair was checked against the real server's pydantic (tests/fixtures/validation).
        let accepted = [
            ("5.00", 5),
            ("1_000", 1000),
            (" +5 ", 5),
            ("5.0 ", 5),
            ("-0", 0),
            ("+0.0", 0),
            ("\t7\n", 7),
            ("007.000", 7),
            ("1_000.0", 1000),
            ("05", 5),
            ("-5", -5),
        ];
        for (text, number) in accepted {
            assert_eq!(parse_python_int(text), Some(number), "{text:?}");
        }
        for text in ["5.", "5.01", "_5", "5_", "5__0", "+ 5", "0b101", "\u{665}", "5e0", ".0", "5.0.0", "", "1e3"] {
            assert_eq!(parse_python_int(text), None, "{text:?}");
        }
        assert_eq!(parse_python_int("99999999999999999999999"), Some(i64::MAX));
    }
}
