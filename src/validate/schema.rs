//! A small schema language for request objects, and the walker that checks a JSON value against it.
//!
//! Scalars follow pydantic's lax mode, which is what the server applies to request bodies: a value the
//! server converts (the string `"5"` for an integer, `"yes"` or `1` for a boolean, `5.0` for an
//! integer) is accepted, rewritten to the converted value, and reported as a [`Coerced`] warning.
//!
//! [`Coerced`]: super::IssueCode::Coerced

use crate::json::{Map, Value};

use super::IssueCode;
use super::checker::{Checker, describe, one_of, quote};

/// What a field holds.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    /// A string (pydantic `str`: no conversion from numbers or booleans).
    Str,
    /// A boolean, with pydantic's lax conversions.
    Bool,
    /// An integer, with pydantic's lax conversions.
    Int,
    /// Any JSON object (`dict`).
    Object,
    /// One of a fixed set of strings (`Literal[...]` or a string enum).
    OneOf(&'static [&'static str]),
    /// A list of values of one kind.
    ListOf(&'static Kind),
    /// Anything else: checked by a function that may also rewrite the value.
    Custom(fn(&mut Checker, &mut Value)),
}

/// Whether a field may be absent or `null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Must be present and not null.
    Required,
    /// May be absent, but not null.
    Optional,
    /// May be absent or null.
    Nullable,
}

/// A field of an object.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    pub(crate) presence: Presence,
    /// A deprecation notice, reported as a warning whenever the field is present.
    pub(crate) deprecated: Option<&'static str>,
}

impl Field {
    pub(crate) const fn required(name: &'static str, kind: Kind) -> Self {
        Self { name, kind, presence: Presence::Required, deprecated: None }
    }

    pub(crate) const fn optional(name: &'static str, kind: Kind) -> Self {
        Self { name, kind, presence: Presence::Optional, deprecated: None }
    }

    pub(crate) const fn nullable(name: &'static str, kind: Kind) -> Self {
        Self { name, kind, presence: Presence::Nullable, deprecated: None }
    }

    pub(crate) const fn deprecated(self, notice: &'static str) -> Self {
        Self { deprecated: Some(notice), ..self }
    }
}

/// An object type: what it is called in messages, and its fields. Keys not listed are reported as
/// [`UnknownField`](IssueCode::UnknownField) warnings: the server ignores them.
#[derive(Debug)]
pub(crate) struct ObjectSchema {
    pub(crate) what: &'static str,
    pub(crate) fields: &'static [Field],
}

impl ObjectSchema {
    pub(crate) fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.name == name)
    }
}

/// Checks `value` against `schema`. Returns the object's map for further checks, or `None` when the
/// value is not an object (already reported).
pub(crate) fn check_object<'v>(
    checker: &mut Checker,
    value: &'v mut Value,
    schema: &ObjectSchema,
) -> Option<&'v mut Map> {
    let Value::Object(map) = value else {
        checker.report(IssueCode::WrongType, format!("expected {} (an object), got {}", schema.what, describe(value)));
        return None;
    };
    for field in schema.fields {
        match map.get_mut(field.name) {
            None if field.presence == Presence::Required => checker.at(field.name, |checker| {
                checker.report(IssueCode::MissingField, format!("{} needs `{}`", schema.what, field.name));
            }),
            None => {}
            Some(value) => checker.at(field.name, |checker| check_field(checker, value, field)),
        }
    }
    for key in map.keys().filter(|key| schema.field(key).is_none()) {
        checker.at(key.as_str(), |checker| {
            checker.report(
                IssueCode::UnknownField,
                format!("{} has no field `{key}`; the server ignores it", schema.what),
            );
        });
    }
    Some(map)
}

fn check_field(checker: &mut Checker, value: &mut Value, field: &Field) {
    if let Some(notice) = field.deprecated {
        checker.report(IssueCode::Deprecated, format!("`{}` is deprecated: {notice}", field.name));
    }
    if value.is_null() {
        if field.presence != Presence::Nullable {
            checker.report(IssueCode::WrongType, format!("expected {}, got null", expected(&field.kind)));
        }
        return;
    }
    check_kind(checker, value, &field.kind);
}

/// Checks (and, for lax conversions, rewrites) one value of the given kind.
pub(crate) fn check_kind(checker: &mut Checker, value: &mut Value, kind: &Kind) {
    match kind {
        Kind::Str => {
            if !value.is_string() {
                checker.report(IssueCode::WrongType, format!("expected a string, got {}", describe(value)));
            }
        }
        Kind::Bool => check_bool(checker, value),
        Kind::Int => check_int(checker, value),
        Kind::Object => {
            if !value.is_object() {
                checker.report(IssueCode::WrongType, format!("expected an object, got {}", describe(value)));
            }
        }
        Kind::OneOf(allowed) => match value {
            Value::String(text) if allowed.contains(&text.as_str()) => {}
            Value::String(text) => {
                checker.report(IssueCode::InvalidValue, format!("expected {}, got {}", one_of(allowed), quote(text)));
            }
            other => checker.report(
                IssueCode::WrongType,
                format!("expected {} (a string), got {}", one_of(allowed), describe(other)),
            ),
        },
        Kind::ListOf(item) => match value {
            Value::Array(items) => {
                for (index, item_value) in items.iter_mut().enumerate() {
                    checker.at(index, |checker| {
                        if item_value.is_null() {
                            checker.report(IssueCode::WrongType, format!("expected {}, got null", expected(item)));
                        } else {
                            check_kind(checker, item_value, item);
                        }
                    });
                }
            }
            other => checker.report(IssueCode::WrongType, format!("expected an array, got {}", describe(other))),
        },
        Kind::Custom(check) => check(checker, value),
    }
}

/// How a kind is named in "expected …" messages.
fn expected(kind: &Kind) -> String {
    match kind {
        Kind::Str => "a string".to_owned(),
        Kind::Bool => "a boolean".to_owned(),
        Kind::Int => "an integer".to_owned(),
        Kind::Object => "an object".to_owned(),
        Kind::OneOf(allowed) => one_of(allowed),
        Kind::ListOf(_) => "an array".to_owned(),
        Kind::Custom(_) => "a value".to_owned(),
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
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
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
        && !whole.contains("__");
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
