//! [`Reader`]: a cursor over JSON text that reads one token at a time and checks the syntax as it goes.

use std::borrow::Cow;

use super::{Error, MAX_DEPTH};

/// How much of a string is read: its syntax only, also its escapes' surrogate pairs, or its value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strings {
    Skip,
    Check,
    Decode,
}

/// A cursor over a JSON text. Each method reads one piece (a string, a number, the start of an
/// object…) after any whitespace and fails with a positioned [`Error`] on anything that is not JSON.
/// Nothing is built: strings are borrowed unless they hold escapes.
///
/// ```
/// use letta_wasm::json::Reader;
///
/// let mut reader = Reader::new(r#"{"a": [1, "x"]}"#);
/// assert!(reader.begin_object().unwrap());
/// assert_eq!(reader.key().unwrap(), "a");
/// reader.skip_value().unwrap();
/// assert!(!reader.next_member().unwrap());
/// reader.end().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Self { text, pos: 0, depth: 0 }
    }

    /// The whole text being read.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The byte offset the reader is at.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// An error at the reader's position.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::at(self.text, self.pos, message)
    }

    fn error_at(&self, at: usize, message: &str) -> Error {
        Error::at(self.text, at, message)
    }

    /// The next byte after whitespace, without reading it; `None` at the end.
    #[inline(always)]
    pub fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.pos) {
            self.pos += 1;
        }
        bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn expect(&mut self, byte: u8, message: &str) -> Result<(), Error> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.eof_or(message))
        }
    }

    fn eof_or(&self, message: &str) -> Error {
        if self.pos >= self.text.len() { self.error("EOF while parsing a value") } else { self.error(message) }
    }

    /// Reads a string and returns its value (borrowed when it has no escapes).
    #[inline(always)]
    pub fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.read_string(Strings::Decode).map(|value| value.unwrap_or(Cow::Borrowed("")))
    }

    /// Reads a string and checks it as [`string`](Self::string) does (escapes included), without
    /// keeping its value.
    #[inline(always)]
    pub fn check_string(&mut self) -> Result<(), Error> {
        self.read_string(Strings::Check).map(drop)
    }

    /// Reads a string without keeping its value. Like serde_json when it ignores a value, this does
    /// not check that `\u` escapes pair their surrogates.
    #[inline(always)]
    pub fn skip_string(&mut self) -> Result<(), Error> {
        self.read_string(Strings::Skip).map(drop)
    }

    fn read_string(&mut self, mode: Strings) -> Result<Option<Cow<'a, str>>, Error> {
        self.expect(b'"', "expected a string")?;
        let bytes = self.text.as_bytes();
        let mut owned: Option<String> = None;
        let mut run = self.pos;
        loop {
            self.pos = special_byte(bytes, self.pos);
            let Some(&byte) = bytes.get(self.pos) else {
                return Err(self.error("EOF while parsing a string"));
            };
            match byte {
                b'"' => {
                    let tail = self.text.get(run..self.pos).unwrap_or_default();
                    self.pos += 1;
                    return Ok((mode == Strings::Decode).then(|| match owned {
                        Some(mut text) => {
                            text.push_str(tail);
                            Cow::Owned(text)
                        }
                        None => Cow::Borrowed(tail),
                    }));
                }
                b'\\' => {
                    if mode == Strings::Decode {
                        owned
                            .get_or_insert_with(String::new)
                            .push_str(self.text.get(run..self.pos).unwrap_or_default());
                    }
                    self.pos += 1;
                    self.escape(mode, owned.as_mut())?;
                    run = self.pos;
                }
                _ => return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
            }
        }
    }

    /// Reads the escape after a backslash, appending what it stands for to `out` when decoding.
    fn escape(&mut self, mode: Strings, out: Option<&mut String>) -> Result<(), Error> {
        let at = self.pos;
        let Some(&byte) = self.text.as_bytes().get(self.pos) else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.pos += 1;
        let decoded = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                if mode == Strings::Skip {
                    return Ok(());
                }
                let code = match first {
                    0xD800..=0xDBFF => {
                        if !self.text.as_bytes()[self.pos..].starts_with(b"\\u") {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.error("unexpected end of hex escape")),
                    code => code,
                };
                if let Some(out) = out {
                    out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                return Ok(());
            }
            _ => return Err(self.error_at(at, "invalid escape")),
        };
        if let Some(out) = out {
            out.push(decoded);
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits =
            self.text.as_bytes().get(self.pos..self.pos + 4).ok_or_else(|| self.error("EOF while parsing a string"))?;
        let mut code = 0;
        for &digit in digits {
            let value = (digit as char).to_digit(16).ok_or_else(|| self.error("invalid escape"))?;
            code = code * 16 + value;
        }
        self.pos += 4;
        Ok(code)
    }

    /// Reads a number and returns its text (`-12.5e3`), checked against JSON's number grammar.
    pub fn number(&mut self) -> Result<&'a str, Error> {
        let _ = self.peek();
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let digits = |pos: &mut usize| {
            let from = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > from
        };
        let mut pos = start;
        if bytes.get(pos) == Some(&b'-') {
            pos += 1;
        }
        match bytes.get(pos) {
            Some(b'0') => pos += 1,
            Some(b'1'..=b'9') => {
                digits(&mut pos);
            }
            _ => return Err(self.eof_or(if pos > start { "invalid number" } else { "expected value" })),
        }
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            if !digits(&mut pos) {
                self.pos = pos;
                return Err(self.eof_or("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(pos) {
            pos += 1;
            if let Some(b'+' | b'-') = bytes.get(pos) {
                pos += 1;
            }
            if !digits(&mut pos) {
                self.pos = pos;
                return Err(self.eof_or("invalid number"));
            }
        }
        self.pos = pos;
        Ok(self.text.get(start..pos).unwrap_or_default())
    }

    /// Reads `true`, `false` or `null`; returns the word read.
    pub fn word(&mut self) -> Result<&'static str, Error> {
        let _ = self.peek();
        for word in ["true", "false", "null"] {
            if self.text.as_bytes()[self.pos..].starts_with(word.as_bytes()) {
                self.pos += word.len();
                return Ok(word);
            }
        }
        Err(self.eof_or("expected value"))
    }

    #[inline(always)]
    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH { Err(self.error("recursion limit exceeded")) } else { Ok(()) }
    }

    /// Reads `{`; returns whether a member follows (`false` for `{}`, which is then read whole).
    #[inline(always)]
    pub fn begin_object(&mut self) -> Result<bool, Error> {
        self.expect(b'{', "expected an object")?;
        self.enter()?;
        self.after_open(b'}')
    }

    /// Reads `[`; returns whether an element follows (`false` for `[]`, which is then read whole).
    #[inline(always)]
    pub fn begin_array(&mut self) -> Result<bool, Error> {
        self.expect(b'[', "expected an array")?;
        self.enter()?;
        self.after_open(b']')
    }

    #[inline(always)]
    fn after_open(&mut self, close: u8) -> Result<bool, Error> {
        if self.peek() == Some(close) {
            self.pos += 1;
            self.depth -= 1;
            Ok(false)
        } else {
            Ok(true)
        }
    }

    /// Reads a member's key and the `:` after it.
    #[inline(always)]
    pub fn key(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.peek() != Some(b'"') {
            return Err(self.eof_or("key must be a string"));
        }
        let key = self.string()?;
        self.expect(b':', "expected `:`")?;
        Ok(key)
    }

    /// After a member's value: reads `,` (another member follows: `true`) or `}` (`false`).
    #[inline(always)]
    pub fn next_member(&mut self) -> Result<bool, Error> {
        self.next(b'}', "expected `,` or `}`")
    }

    /// After an element: reads `,` (another element follows: `true`) or `]` (`false`).
    #[inline(always)]
    pub fn next_element(&mut self) -> Result<bool, Error> {
        self.next(b']', "expected `,` or `]`")
    }

    #[inline(always)]
    fn next(&mut self, close: u8, message: &str) -> Result<bool, Error> {
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                match self.peek() {
                    Some(b) if b == close => Err(self.error("trailing comma")),
                    _ => Ok(true),
                }
            }
            Some(b) if b == close => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            _ => Err(self.eof_or(message)),
        }
    }

    /// Reads any value, checking its syntax. Like serde_json when it ignores a value, this has no depth
    /// limit (it keeps its own stack, not the call stack) and does not check `\u` surrogate pairs.
    pub fn skip_value(&mut self) -> Result<(), Error> {
        let mut open: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                Some(b'"') => self.skip_string()?,
                Some(b'-' | b'0'..=b'9') => drop(self.number()?),
                Some(open_byte @ (b'{' | b'[')) => {
                    self.pos += 1;
                    let close = if open_byte == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                    } else {
                        open.push(close);
                        if close == b'}' {
                            self.skip_key()?;
                        }
                        continue;
                    }
                }
                _ => drop(self.word()?),
            }
            loop {
                let Some(&close) = open.last() else { return Ok(()) };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if close == b'}' {
                            self.skip_key()?;
                        }
                        break;
                    }
                    Some(byte) if byte == close => {
                        self.pos += 1;
                        open.pop();
                    }
                    _ => {
                        return Err(self.eof_or(if close == b'}' {
                            "expected `,` or `}`"
                        } else {
                            "expected `,` or `]`"
                        }));
                    }
                }
            }
        }
    }

    /// Reads a key and its `:` without keeping the key (see [`skip_value`](Self::skip_value)).
    fn skip_key(&mut self) -> Result<(), Error> {
        if self.peek() != Some(b'"') {
            return Err(self.eof_or("key must be a string"));
        }
        self.skip_string()?;
        self.expect(b':', "expected `:`")
    }

    /// Checks that nothing but whitespace is left.
    pub fn end(&mut self) -> Result<(), Error> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters")),
        }
    }
}

/// The index of the first byte at or after `from` that ends a run of plain string characters: `"`,
/// `\\` or a control character (`bytes.len()` if there is none). Eight bytes at a time, since most
/// of a stream is string content.
#[inline(always)]
pub(crate) fn special_byte(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGH;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        let quote = has_zero(word ^ (ONES * u64::from(b'"')));
        let backslash = has_zero(word ^ (ONES * u64::from(b'\\')));
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
        if quote | backslash | control != 0 {
            break;
        }
        at += 8;
    }
    while at < bytes.len() && !matches!(bytes[at], b'"' | b'\\' | 0..=0x1f) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::{Reader, special_byte};

    #[test]
    fn the_first_special_byte_is_found_wherever_it_is() {
        for length in 0..40 {
            for special in [b'"', b'\\', 0x00, 0x1f] {
                for at in 0..=length {
                    let mut bytes = vec![b'a'; length];
                    if at < length {
                        bytes[at] = special;
                    }
                    assert_eq!(special_byte(&bytes, 0), at, "{length} {special} {at}");
                }
            }
        }
        let text = "é 😀 ~\u{7f} plain ASCII and more\"".as_bytes();
        assert_eq!(special_byte(text, 0), text.len() - 1);
    }

    fn skip(text: &str) -> Result<(), String> {
        let mut reader = Reader::new(text);
        reader.skip_value().and_then(|()| reader.end()).map_err(|error| error.to_string())
    }

    #[test]
    fn what_json_allows_is_read_and_nothing_else() {
        for good in [
            "0",
            "-0",
            "1.5e-3",
            "-12E+2",
            "true",
            "null",
            " {} ",
            "[]",
            r#"{"a":[1,{"b":null}],"c":"\u00e9\n"}"#,
            r#""\ud83d\ude00""#,
            "\"é\"",
        ] {
            assert_eq!(skip(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "[1,]",
            r#"{"a":1,}"#,
            "{a:1}",
            r#"{"a" 1}"#,
            "[1 2]",
            "\"a\tb\"",
            r#""\x""#,
            r#""\u12""#,
            "\"open",
            "[",
            "1 2",
            "NaN",
        ] {
            assert!(skip(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn strings_are_borrowed_unless_escaped_and_escapes_are_decoded() {
        let mut reader = Reader::new(r#""plain""#);
        assert!(matches!(reader.string().unwrap(), std::borrow::Cow::Borrowed("plain")));
        let mut reader = Reader::new(r#""a\"b\\c\/\b\f\n\r\t\u00e9\ud83d\ude00z""#);
        assert_eq!(reader.string().unwrap(), "a\"b\\c/\u{8}\u{c}\n\r\té😀z");
    }

    #[test]
    fn lone_surrogates_fail_when_decoded_but_not_when_skipped() {
        assert!(Reader::new(r#""\ud800""#).string().is_err());
        assert!(Reader::new(r#""\udc00x""#).string().is_err());
        assert!(Reader::new(r#""\ud800""#).check_string().is_err());
        assert!(Reader::new(r#""\ud800""#).skip_string().is_ok());
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(skip("{\"a\":\n  tru}").unwrap_err(), "expected value at line 2 column 3");
        assert_eq!(skip("[1,2").unwrap_err(), "EOF while parsing a value at line 1 column 5");
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(skip(&deep), Ok(()), "skipping has no depth limit");
        let mut reader = Reader::new(&deep);
        let mut depth = 0;
        let error = loop {
            match reader.begin_array() {
                Ok(_) => depth += 1,
                Err(error) => break error,
            }
        };
        assert_eq!(depth, 128);
        assert!(error.to_string().starts_with("recursion limit exceeded"), "{error}");
    }
}
