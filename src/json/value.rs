//! [`Value`]: a JSON document as a tree, with objects that keep their keys in order and numbers that
//! keep their text.

use std::fmt;

use super::{Error, Reader};

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// `null`
    #[default]
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

/// A JSON number, kept as its text so that it is written back exactly as it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(String);

/// A JSON object: its members in order. A key read twice keeps its first place and its last value, as
/// `JSON.parse` does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map(Vec<(String, Value)>);

impl Value {
    /// Parses a whole JSON text.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let mut reader = Reader::new(text);
        let value = Self::read(&mut reader)?;
        reader.end()?;
        Ok(value)
    }

    /// Reads one value from `reader`.
    pub fn read(reader: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(match reader.peek() {
            Some(b'"') => Self::String(reader.string()?.into_owned()),
            Some(b'{') => {
                let mut map = Map::new();
                let mut more = reader.begin_object()?;
                while more {
                    let key = reader.key()?.into_owned();
                    let value = Self::read(reader)?;
                    map.insert(key, value);
                    more = reader.next_member()?;
                }
                Self::Object(map)
            }
            Some(b'[') => {
                let mut items = Vec::new();
                let mut more = reader.begin_array()?;
                while more {
                    items.push(Self::read(reader)?);
                    more = reader.next_element()?;
                }
                Self::Array(items)
            }
            Some(b'-' | b'0'..=b'9') => Self::Number(Number(reader.number()?.to_owned())),
            _ => match reader.word()? {
                "true" => Self::Bool(true),
                "false" => Self::Bool(false),
                _ => Self::Null,
            },
        })
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// The member `key` of an object, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.as_object_mut()?.get_mut(key)
    }

    /// The value at a JSON Pointer (`/messages/0/content`), as RFC 6901 reads one.
    pub fn pointer(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut value = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            value = match value {
                Self::Object(map) => map.get(&token)?,
                Self::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(value)
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(text) => Some(text),
            _ => None,
        }
    }

    /// A boolean's value.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    /// A number that is an integer in the `i64` range.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Self::Number(number) => number.as_i64(),
            _ => None,
        }
    }

    /// An object's members.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Self::Object(map) => Some(map),
            _ => None,
        }
    }

    /// An object's members, to change.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Self::Object(map) => Some(map),
            _ => None,
        }
    }

    /// An array's elements.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Self::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// Whether this is a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Self::String(_))
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Self::Object(_))
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Self::Array(_))
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Self::String(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Self::String(text)
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Self {
        Self::Bool(flag)
    }
}

impl From<i64> for Value {
    fn from(number: i64) -> Self {
        Self::Number(Number::from(number))
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Self {
        Self::Object(map)
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Self {
        Self::Array(items)
    }
}

impl fmt::Display for Value {
    /// Compact JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        super::write::write_value(&mut out, self);
        f.write_str(&out)
    }
}

impl Number {
    /// Whether the number is written as an integer (no fraction, no exponent).
    fn is_integer(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }

    /// Whether the number is an integer in the `i64` range.
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    /// Whether the number is an integer in the `u64` range.
    pub fn is_u64(&self) -> bool {
        self.as_u64().is_some()
    }

    /// The number, if it is an integer in the `i64` range.
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_integer() { self.0.parse().ok() } else { None }
    }

    /// The number, if it is an integer in the `u64` range.
    pub fn as_u64(&self) -> Option<u64> {
        if self.is_integer() { self.0.parse().ok() } else { None }
    }

    /// The number's exact value, to ask about it without a float parser.
    pub fn decimal(&self) -> super::Decimal<'_> {
        super::Decimal::new(&self.0)
    }

    /// The number's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<i64> for Number {
    fn from(number: i64) -> Self {
        Self(number.to_string())
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Map {
    /// An empty object.
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, value)| value)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, value)| value)
    }

    /// Whether the object has `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`: in its place if the key is there (returning the old value), else last.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        let key = key.into();
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Takes `key` out, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(key, _)| key)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(key, value)| (key, value))
    }

    /// The members, in order, with values to change.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut Value)> {
        self.0.iter_mut().map(|(key, value)| (&*key, value))
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Into<String>> FromIterator<(K, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(members: I) -> Self {
        let mut map = Self::new();
        for (key, value) in members {
            map.insert(key, value);
        }
        map
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, Value)>, fn(&'a (String, Value)) -> (&'a String, &'a Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(key, value)| (key, value))
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::Value;

    #[test]
    fn a_document_reads_and_writes_back_the_same() {
        let text = r#"{"b":[1,-2.50,1e3,true,false,null],"a":{"é":"x\ny\u0001\"\\"},"n":{}}"#;
        let value = Value::parse(text).unwrap();
        assert_eq!(value.to_string(), r#"{"b":[1,-2.50,1e3,true,false,null],"a":{"é":"x\ny\u0001\"\\"},"n":{}}"#);
        assert_eq!(value.pointer("/b/0").and_then(Value::as_i64), Some(1));
        assert_eq!(value.pointer("/a/é").and_then(Value::as_str), Some("x\ny\u{1}\"\\"));
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_value() {
        let value = Value::parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(value.to_string(), r#"{"a":3,"b":2}"#);
    }

    #[test]
    fn numbers_say_what_they_fit() {
        let number = |text: &str| match Value::parse(text).unwrap() {
            Value::Number(number) => number,
            _ => unreachable!(),
        };
        assert_eq!(number("-7").as_i64(), Some(-7));
        assert_eq!(number("18446744073709551615").as_u64(), Some(u64::MAX));
        assert!(!number("18446744073709551615").is_i64());
        assert!(!number("5.0").is_i64());
        assert!(!number("1e400").decimal().fits_f64());
    }
}
