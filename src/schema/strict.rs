//! The strict mode: JSON text the server sends, read against the tables without building anything,
//! accepting exactly what the serde types accept (first error).

use std::borrow::Cow;

use super::wire::{ITEMS, LETTA_ERROR_MESSAGE, LETTA_RESPONSE, MESSAGES};
use super::{Field, JsonType, Kind, Object, Presence, Union};
use crate::json::{Error, Reader};

/// How values are read. serde decodes some unions through a `serde_json::Value` first; there every
/// string is decoded (so lone surrogates fail even in ignored fields), every number must fit a float,
/// and a repeated key is not an error.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Direct,
    ViaValue,
}

/// Checks one stream item (the JSON text of one SSE event) and returns its `message_type`, if it has
/// one. An item with a `message_type` this crate does not know passes if it is a JSON object.
pub fn check_item(text: &str) -> Result<Option<Cow<'_, str>>, Error> {
    let tag = match top_level_tag(text) {
        Some(tag) => Some(Cow::Borrowed(tag)),
        None => item_tag(text)?,
    };
    check_tagged(text, tag.as_deref())?;
    Ok(tag)
}

/// Checks a `LettaErrorMessage` (the data of an `event: error`).
pub fn check_error_message(text: &str) -> Result<(), Error> {
    let mut reader = Reader::new(text);
    check_object(&mut reader, &LETTA_ERROR_MESSAGE, Mode::Direct)?;
    reader.end()
}

/// Checks a JSON reply to Send Message (`LettaResponse`).
pub fn check_response(text: &str) -> Result<(), Error> {
    let mut reader = Reader::new(text);
    check_value(&mut reader, &Kind::Object(&LETTA_RESPONSE), Mode::Direct)?;
    reader.end()
}

/// Checks a list of messages, as the history routes return it (`GET /v1/agents/{id}/messages`): a JSON
/// array that decodes as `Vec<LettaMessage>`, unknown message types included.
pub fn check_messages(text: &str) -> Result<(), Error> {
    let mut reader = Reader::new(text);
    check_value(&mut reader, &Kind::List(&Kind::Message), Mode::Direct)?;
    reader.end()
}

/// Finds the top-level `message_type` quickly when it is a plain string (no escapes), the first one
/// wins; `None` leaves it to [`item_tag`]. Only the tag's place is looked for: the text is checked after.
pub(crate) fn top_level_tag(json: &str) -> Option<&str> {
    let bytes = json.as_bytes();
    let string_end = |start: usize| -> Option<usize> {
        let mut i = start;
        loop {
            i = crate::json::special_byte(bytes, i);
            match bytes.get(i)? {
                b'\\' => i += 2,
                b'"' => return Some(i),
                _ => i += 1,
            }
        }
    };
    let skip_space = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(i + 1)?;
                let after = skip_space(end + 1);
                if depth == 1 && bytes.get(i + 1..end) == Some(b"message_type") && bytes.get(after) == Some(&b':') {
                    let open = skip_space(after + 1);
                    if bytes.get(open) != Some(&b'"') {
                        return None;
                    }
                    let close = string_end(open + 1)?;
                    let value = json.get(open + 1..close)?;
                    return (!value.contains('\\')).then_some(value);
                }
                i = end + 1;
            }
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return None;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// Reads the top-level `message_type` of an item, as serde does for `StreamItem::from_json`.
fn item_tag(text: &str) -> Result<Option<Cow<'_, str>>, Error> {
    let mut reader = Reader::new(text);
    if reader.peek() != Some(b'{') {
        return Err(invalid_type(&mut reader, "an object"));
    }
    let mut tag = None;
    let mut seen = false;
    let mut more = reader.begin_object()?;
    while more {
        if reader.key()? == "message_type" {
            if std::mem::replace(&mut seen, true) {
                return Err(reader.error("duplicate field `message_type`"));
            }
            tag = match reader.peek() {
                Some(b'n') => {
                    reader.word()?;
                    None
                }
                Some(b'"') => Some(reader.string()?),
                _ => return Err(invalid_type(&mut reader, "a string")),
            };
        } else {
            reader.skip_value()?;
        }
        more = reader.next_member()?;
    }
    reader.end()?;
    Ok(tag)
}

/// Checks a whole item or message text as the type its tag names, or as any object.
fn check_tagged(text: &str, tag: Option<&str>) -> Result<(), Error> {
    let member = tag.and_then(|tag| {
        ITEMS.members.iter().chain(MESSAGES.members).find(|(wire, _)| *wire == tag).map(|(_, member)| *member)
    });
    let mut reader = Reader::new(text);
    match member {
        Some(member) => check_object(&mut reader, member, Mode::Direct)?,
        None => check_value(&mut reader, &Kind::JsonObject, Mode::ViaValue)?,
    }
    reader.end()
}

fn check_value(reader: &mut Reader<'_>, kind: &Kind, mode: Mode) -> Result<(), Error> {
    match kind {
        // Enums are open: a value this crate does not know is kept as a string.
        Kind::Str | Kind::Enum(_) | Kind::TagOf(_) => match reader.peek() {
            Some(b'"') => reader.check_string(),
            _ => Err(invalid_type(reader, "a string")),
        },
        Kind::Literal(wire) => match expect_string(reader, wire)? {
            value if value == **wire => Ok(()),
            value => Err(reader.error(format!("invalid value: {}, expected \"{wire}\"", shown(&value)))),
        },
        Kind::Bool => match reader.peek() {
            Some(b't' | b'f') => reader.word().map(drop),
            _ => Err(invalid_type(reader, "a boolean")),
        },
        Kind::Int | Kind::Uint | Kind::Byte | Kind::Float => check_number(reader, kind),
        Kind::Json | Kind::MessageInput => check_json(reader),
        Kind::JsonObject => match reader.peek() {
            Some(b'{') => check_json(reader),
            _ => Err(invalid_type(reader, "an object")),
        },
        Kind::List(item) => check_list(reader, item, mode),
        Kind::Object(object) => check_object(reader, object, mode),
        Kind::Union(union) => check_union(reader, union),
        // serde reads an untagged enum through a `Value`.
        Kind::Either(either) => {
            let json_type = match reader.peek() {
                Some(b'"') => Some(JsonType::String),
                Some(b'[') => Some(JsonType::Array),
                Some(b'{') => Some(JsonType::Object),
                _ => None,
            };
            match json_type.and_then(|json_type| either.kind_for(json_type)) {
                Some(kind) => check_value(reader, kind, Mode::ViaValue),
                None => Err(invalid_type(reader, either.what)),
            }
        }
        Kind::Message => check_message(reader),
        Kind::Refined((inner, _)) => check_value(reader, inner, mode),
    }
}

#[inline(always)]
fn expect_string<'a>(reader: &mut Reader<'a>, expected: &str) -> Result<Cow<'a, str>, Error> {
    match reader.peek() {
        Some(b'"') => reader.string(),
        _ => Err(invalid_type(reader, expected)),
    }
}

fn check_number(reader: &mut Reader<'_>, kind: &Kind) -> Result<(), Error> {
    if !matches!(reader.peek(), Some(b'-' | b'0'..=b'9')) {
        return Err(invalid_type(reader, "a number"));
    }
    let text = reader.number()?;
    // serde_json reads `-0` as a float, like any number with a fraction or an exponent.
    let integer = !text.contains(['.', 'e', 'E']) && text != "-0";
    let fits = match kind {
        Kind::Int => integer && text.parse::<i64>().is_ok(),
        Kind::Uint => integer && text.parse::<u64>().is_ok(),
        Kind::Byte => integer && text.parse::<u8>().is_ok(),
        _ => fits_float(text),
    };
    if fits {
        Ok(())
    } else {
        let expected = match kind {
            Kind::Int => "an integer (i64)",
            Kind::Uint => "an integer (u64)",
            Kind::Byte => "an integer from 0 to 255",
            _ => "a number within the float range",
        };
        Err(reader.error(format!("invalid value: {text}, expected {expected}")))
    }
}

fn fits_float(text: &str) -> bool {
    crate::json::Decimal::new(text).fits_f64()
}

/// Any JSON value, read as serde reads one into a `serde_json::Value`.
fn check_json(reader: &mut Reader<'_>) -> Result<(), Error> {
    match reader.peek() {
        Some(b'"') => reader.check_string(),
        Some(b'{') => {
            let mut more = reader.begin_object()?;
            while more {
                reader.key()?;
                check_json(reader)?;
                more = reader.next_member()?;
            }
            Ok(())
        }
        Some(b'[') => {
            let mut more = reader.begin_array()?;
            while more {
                check_json(reader)?;
                more = reader.next_element()?;
            }
            Ok(())
        }
        Some(b'-' | b'0'..=b'9') => check_number(reader, &Kind::Float),
        _ => reader.word().map(drop),
    }
}

fn check_list(reader: &mut Reader<'_>, item: &Kind, mode: Mode) -> Result<(), Error> {
    if reader.peek() != Some(b'[') {
        return Err(invalid_type(reader, "an array"));
    }
    let mut more = reader.begin_array()?;
    while more {
        check_value(reader, item, mode)?;
        more = reader.next_element()?;
    }
    Ok(())
}

fn check_object(reader: &mut Reader<'_>, object: &Object, mode: Mode) -> Result<(), Error> {
    if reader.peek() == Some(b'[') {
        return check_object_as_array(reader, object, mode);
    }
    if reader.peek() != Some(b'{') {
        return Err(invalid_type(reader, &format!("{} (an object)", object.name)));
    }
    let mut seen = 0u64;
    // Read through a `Value`, a repeated key keeps its last value: each field's value is checked
    // where it last occurs, after the whole object (every value is checked as JSON on the way).
    let mut last: Vec<Option<Reader<'_>>> = Vec::new();
    if mode == Mode::ViaValue {
        last.resize(object.fields.len(), None);
    }
    // The server writes fields in their declared order, so the next key is most likely the next field.
    let mut next = 0;
    let mut more = reader.begin_object()?;
    while more {
        let key = reader.key()?;
        match find_field(object.fields, &key, next) {
            Some(index) if mode == Mode::ViaValue => {
                next = index + 1;
                seen |= 1 << index;
                let _ = reader.peek();
                last[index] = Some(reader.clone());
                check_json(reader)?;
            }
            Some(index) => {
                next = index + 1;
                let field = &object.fields[index];
                if seen & (1 << index) != 0 {
                    return Err(reader.error(format!("duplicate field `{}`", field.name)));
                }
                seen |= 1 << index;
                check_field(reader, field, mode)?;
            }
            None if mode == Mode::ViaValue => check_json(reader)?,
            None => reader.skip_value()?,
        }
        more = reader.next_member()?;
    }
    for (field, at) in object.fields.iter().zip(last) {
        if let Some(mut at) = at {
            check_field(&mut at, field, mode).map_err(|error| reader.error(error.message()))?;
        }
    }
    for (index, field) in object.fields.iter().enumerate() {
        if field.presence == Presence::Required && seen & (1 << index) == 0 {
            return Err(reader.error(format!("missing field `{}` ({})", field.name, object.name)));
        }
    }
    Ok(())
}

/// A field's value: `null` where the field is nullable, else a value of its kind.
#[inline(always)]
fn check_field(reader: &mut Reader<'_>, field: &Field, mode: Mode) -> Result<(), Error> {
    if reader.peek() == Some(b'n') && matches!(field.presence, Presence::Nullable | Presence::DefaultNull) {
        reader.word().map(drop)
    } else {
        check_value(reader, &field.kind, mode)
    }
}

/// The index of the field named `key`, looking from `next` onwards first.
#[inline(always)]
fn find_field(fields: &[Field], key: &str, next: usize) -> Option<usize> {
    let matches = |index: &usize| fields[*index].name == key;
    (next..fields.len()).find(matches).or_else(|| (0..next.min(fields.len())).find(matches))
}

/// An object written as an array of its fields in order, which serde also accepts for a struct: fields left out at
/// the end must have defaults, and there may be no more elements than fields.
fn check_object_as_array(reader: &mut Reader<'_>, object: &Object, mode: Mode) -> Result<(), Error> {
    let mut count = 0;
    let mut more = reader.begin_array()?;
    while more {
        let Some(field) = object.fields.get(count) else {
            return Err(reader.error(format!("invalid length: {} has {} fields", object.name, object.fields.len())));
        };
        check_field(reader, field, mode)?;
        count += 1;
        more = reader.next_element()?;
    }
    match object.fields[count.min(object.fields.len())..].iter().find(|field| field.presence == Presence::Required) {
        Some(field) => Err(reader.error(format!("invalid length: {} needs `{}`", object.name, field.name))),
        None => Ok(()),
    }
}

/// A nested tagged union, which serde reads as a map first: a tag that is missing, not a string or
/// unknown keeps the object as it is.
fn check_union(reader: &mut Reader<'_>, union: &Union) -> Result<(), Error> {
    if reader.peek() != Some(b'{') {
        return Err(invalid_type(reader, "an object"));
    }
    let start = reader.clone();
    let mut tag = None;
    let mut more = reader.begin_object()?;
    while more {
        let key = reader.key()?;
        if key == union.tag && reader.peek() == Some(b'"') {
            tag = Some(reader.string()?);
        } else {
            if key == union.tag {
                tag = None;
            }
            check_json(reader)?;
        }
        more = reader.next_member()?;
    }
    if let Some(member) = tag.as_deref().and_then(|tag| union.member(tag)) {
        let mut again = start;
        check_object(&mut again, member, Mode::ViaValue)?;
    }
    Ok(())
}

/// An element of a reply's `messages`: checked as its tag's message type, or kept as any object.
/// A `message_type` that cannot be read makes an unknown message, as deserializing a `LettaResponse`
/// does.
fn check_message(reader: &mut Reader<'_>) -> Result<(), Error> {
    let _ = reader.peek();
    let start = reader.position();
    reader.skip_value()?;
    let text = reader.text().get(start..reader.position()).unwrap_or_default();
    let tag = match top_level_tag(text) {
        Some(tag) => Some(Cow::Borrowed(tag)),
        None => item_tag(text).ok().flatten(),
    };
    let tag = tag.as_deref().filter(|tag| MESSAGES.member(tag).is_some());
    check_tagged(text, tag).map_err(|error| reader.error(format!("{} (in `messages`)", error.message())))
}

/// serde's "invalid type" error, naming what was found.
fn invalid_type(reader: &mut Reader<'_>, expected: &str) -> Error {
    let found = match reader.peek() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'-' | b'0'..=b'9') => "a number",
        _ => return reader.error("expected value"),
    };
    reader.error(format!("invalid type: {found}, expected {expected}"))
}

/// A string value as shown in messages: quoted, cut after 40 characters.
fn shown(value: &str) -> String {
    match value.char_indices().nth(40) {
        Some((cut, _)) => format!("\"{}…\"", value.get(..cut).unwrap_or_default()),
        None => format!("\"{value}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::top_level_tag;

    #[test]
    fn the_top_level_tag_is_found_and_nested_or_quoted_ones_are_not() {
        assert_eq!(
            top_level_tag(r#"{"id":"m","message_type":"assistant_message","content":"x"}"#),
            Some("assistant_message")
        );
        assert_eq!(top_level_tag(r#"{ "message_type" : "ping" }"#), Some("ping"));
        assert_eq!(top_level_tag(r#"{"a":{"message_type":"inner"},"message_type":"outer"}"#), Some("outer"));
        assert_eq!(top_level_tag(r#"{"name":"message_type","x":1}"#), None);
        assert_eq!(top_level_tag(r#"{"s":"\"message_type\":\"fake\"","message_type":"real"}"#), Some("real"));
        assert_eq!(top_level_tag(r#"{"message_type":"esc\u0061ped"}"#), None, "escapes go to serde");
        assert_eq!(top_level_tag(r#"{"message_type":5}"#), None);
        assert_eq!(top_level_tag(r#"["message_type"]"#), None);
        assert_eq!(top_level_tag(r#"{"message_type":"unterminated"#), None);
        assert_eq!(top_level_tag(""), None);
    }
}
