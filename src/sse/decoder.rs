//! The incremental decoder: bytes in any chunking → [`Event`]s, following the WHATWG HTML standard,
//! § 9.2.6 "Interpreting an event stream".
//!
//! Cost is linear in the input: every byte is looked at once to find line ends, and a line is decoded
//! once when it is complete, however the stream is chunked (a 1 MiB line in 1 KiB chunks is not
//! re-scanned per chunk).

use super::SseError;

/// The largest event the decoder buffers by default: 16 MiB of field data.
pub const DEFAULT_MAX_EVENT_BYTES: usize = 16 * 1024 * 1024;

const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// One dispatched event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Event {
    /// The `event:` field; `None` means the default type, `message`.
    pub event: Option<String>,
    /// The `data:` lines joined with `\n`.
    pub data: String,
    /// The last event id in force (`id:` persists across events, as the standard says).
    pub id: Option<String>,
}

impl Event {
    /// The event type: the `event:` field, or `"message"`.
    pub fn event_type(&self) -> &str {
        self.event.as_deref().unwrap_or("message")
    }
}

/// An incremental SSE decoder. Feed it chunks with [`push`](Self::push) and end with
/// [`finish`](Self::finish).
///
/// Deviations from the standard, both so that bad input is never silently changed or dropped:
/// - Invalid UTF-8 in a field of an event makes that event an [`SseError::InvalidUtf8`] instead of
///   being replaced with U+FFFD.
/// - An event over the size limit becomes [`SseError::EventTooLarge`]; its bytes are skipped, not
///   buffered, until the blank line that ends it.
///
/// ```
/// use letta_wasm::sse::Decoder;
///
/// let mut decoder = Decoder::new();
/// let mut events = decoder.push(b"data: {\"a\":");
/// assert!(events.is_empty());
/// events = decoder.push(b"1}\r\n\r\n");
/// assert_eq!(events[0].as_ref().unwrap().data, "{\"a\":1}");
/// assert!(decoder.finish().is_ok());
/// ```
#[derive(Debug)]
pub struct Decoder {
    /// Bytes of the current, incomplete line.
    line: Vec<u8>,
    /// The data buffer of the event being read.
    data: String,
    /// The event type buffer.
    event: Option<String>,
    /// The last event id (persists across events).
    last_id: Option<String>,
    /// The reconnection time from the last valid `retry:` field.
    retry: Option<u64>,
    /// The previous chunk ended with CR: an LF at the start of the next chunk belongs to it.
    after_cr: bool,
    /// How many bytes of a leading BOM have been matched, or `None` once the start is decided.
    bom_matched: Option<usize>,
    /// The current event had a field that was not valid UTF-8.
    invalid_utf8: bool,
    /// The current event went over the limit: skip to its end.
    skipping: bool,
    /// Bytes of field values in the current event, to enforce the limit.
    event_bytes: usize,
    max_event_bytes: usize,
    /// Bytes examined while looking for line ends (tests check it equals the bytes pushed).
    #[cfg(test)]
    scanned: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

impl Decoder {
    /// A decoder with the default event size limit ([`DEFAULT_MAX_EVENT_BYTES`]).
    pub fn new() -> Self {
        Self::with_max_event_bytes(DEFAULT_MAX_EVENT_BYTES)
    }

    /// A decoder that refuses events whose lines add up to more than `limit` bytes.
    pub fn with_max_event_bytes(limit: usize) -> Self {
        Self {
            line: Vec::new(),
            data: String::new(),
            event: None,
            last_id: None,
            retry: None,
            after_cr: false,
            bom_matched: Some(0),
            invalid_utf8: false,
            skipping: false,
            event_bytes: 0,
            max_event_bytes: limit,
            #[cfg(test)]
            scanned: 0,
        }
    }

    /// The reconnection time in milliseconds from the last valid `retry:` field.
    pub fn retry(&self) -> Option<u64> {
        self.retry
    }

    /// Bytes held for the event being read (its current line, data and type). Never much more
    /// than twice the event size limit, whatever the input.
    pub fn buffered_bytes(&self) -> usize {
        self.line.len() + self.data.len() + self.event.as_ref().map_or(0, String::len)
    }

    /// The last event id seen.
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    /// Decodes a chunk and returns the events it completed, in order.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<Result<Event, SseError>> {
        let mut out = Vec::new();
        self.push_into(chunk, &mut out);
        out
    }

    /// Like [`push`](Self::push), appending to `out` instead of allocating.
    pub fn push_into(&mut self, chunk: &[u8], out: &mut Vec<Result<Event, SseError>>) {
        let chunk = self.strip_bom(chunk, out);
        let mut start = 0;
        if self.after_cr && !chunk.is_empty() {
            self.after_cr = false;
            if chunk[0] == b'\n' {
                start = 1;
            }
        }
        while let Some(found) = line_break(&chunk[start..]) {
            let end = start + found;
            #[cfg(test)]
            {
                self.scanned += found + 1;
            }
            self.append_to_line(&chunk[start..end], out);
            self.end_line(out);
            start = end + 1;
            if chunk[end] == b'\r' {
                match chunk.get(start) {
                    Some(b'\n') => start += 1,
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
        }
        #[cfg(test)]
        {
            self.scanned += chunk.len() - start;
        }
        self.append_to_line(&chunk[start..], out);
    }

    /// Ends the stream. A trailing event without its blank line is discarded, as the standard says;
    /// this reports it as [`SseError::Incomplete`] so the caller can tell a cut-off stream.
    pub fn finish(self) -> Result<(), SseError> {
        let pending = self.line.len() + self.data.len();
        if pending > 0 || self.event.is_some() || self.skipping {
            Err(SseError::Incomplete { pending_bytes: pending })
        } else {
            Ok(())
        }
    }

    /// Removes a UTF-8 BOM at the very start of the stream, even when split across chunks.
    fn strip_bom<'c>(&mut self, chunk: &'c [u8], out: &mut Vec<Result<Event, SseError>>) -> &'c [u8] {
        let Some(matched) = self.bom_matched else { return chunk };
        let mut taken = 0;
        let mut now = matched;
        while now < BOM.len() && taken < chunk.len() && chunk[taken] == BOM[now] {
            now += 1;
            taken += 1;
        }
        if now == BOM.len() {
            self.bom_matched = None;
            return &chunk[taken..];
        }
        if taken == chunk.len() {
            self.bom_matched = Some(now);
            return &[];
        }
        // Not a BOM: the bytes held back from earlier chunks are ordinary content.
        self.bom_matched = None;
        if matched > 0 {
            self.append_to_line(&BOM[..matched], out);
        }
        chunk
    }

    fn append_to_line(&mut self, bytes: &[u8], out: &mut Vec<Result<Event, SseError>>) {
        if bytes.is_empty() {
            return;
        }
        if self.skipping {
            self.line.clear();
            self.line.push(b'x'); // remember only that this line is not blank
            return;
        }
        self.event_bytes += bytes.len();
        if self.event_bytes > self.max_event_bytes {
            out.push(Err(SseError::EventTooLarge { limit: self.max_event_bytes }));
            self.skipping = true;
            self.line.clear();
            self.line.push(b'x');
            self.data = String::new();
            self.event = None;
            self.invalid_utf8 = false;
            return;
        }
        self.line.extend_from_slice(bytes);
    }

    /// Handles a complete line: § 9.2.6, "If the line is empty … dispatch the event", a comment, or a field.
    fn end_line(&mut self, out: &mut Vec<Result<Event, SseError>>) {
        if self.line.is_empty() {
            self.dispatch(out);
            return;
        }
        if self.skipping {
            self.line.clear();
            return;
        }
        let line = std::mem::take(&mut self.line);
        if !self.process_field(&line) {
            // Comments and ignored fields do not count toward the event's size.
            self.event_bytes -= line.len();
        }
        self.line = line;
        self.line.clear();
    }

    /// "If the line starts with a U+003A COLON character: ignore the line. If the line contains a colon:
    /// collect the characters before it as field, after it as value; if value starts with a U+0020
    /// SPACE, remove it. Otherwise the whole line is the field and the value is empty."
    ///
    /// Returns whether the line's bytes were kept in the event (`data`, `event`, `id`).
    fn process_field(&mut self, line: &[u8]) -> bool {
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(0) => return false,
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &[][..]),
        };
        match field {
            // "Append the field value to the data buffer, then append a single U+000A LINE FEED."
            b"data" => match std::str::from_utf8(value) {
                Ok(text) => {
                    self.data.push_str(text);
                    self.data.push('\n');
                }
                Err(_) => self.invalid_utf8 = true,
            },
            // "Set the event type buffer to the field value."
            b"event" => match std::str::from_utf8(value) {
                Ok(text) => self.event = Some(text.to_owned()),
                Err(_) => self.invalid_utf8 = true,
            },
            // "If the field value does not contain U+0000 NULL, set the last event ID buffer to it."
            b"id" if !value.contains(&0) => match std::str::from_utf8(value) {
                Ok(text) => self.last_id = Some(text.to_owned()),
                Err(_) => self.invalid_utf8 = true,
            },
            // "If the field value consists of only ASCII digits, set the reconnection time."
            b"retry" if !value.is_empty() && value.iter().all(u8::is_ascii_digit) => {
                self.retry = std::str::from_utf8(value).ok().and_then(|digits| digits.parse().ok());
                return false;
            }
            // "Otherwise: the field is ignored."
            _ => return false,
        }
        true
    }

    /// § 9.2.6 "dispatch the event": an event with an empty data buffer is not dispatched; the trailing
    /// LF of the data is removed; the buffers are reset.
    fn dispatch(&mut self, out: &mut Vec<Result<Event, SseError>>) {
        let invalid_utf8 = std::mem::take(&mut self.invalid_utf8);
        let event = self.event.take();
        self.skipping = false;
        self.event_bytes = 0;
        if invalid_utf8 {
            self.data.clear();
            out.push(Err(SseError::InvalidUtf8));
            return;
        }
        if self.data.is_empty() {
            return;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop();
        out.push(Ok(Event { event, data, id: self.last_id.clone() }));
    }
}

/// The index of the first `\n` or `\r` in `bytes`, looked for eight bytes at a time (an event's data is
/// most of a stream, and a line break comes once per event).
#[inline(always)]
fn line_break(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGH;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        if has_zero(word ^ (ONES * u64::from(b'\n'))) | has_zero(word ^ (ONES * u64::from(b'\r'))) != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|&byte| byte == b'\n' || byte == b'\r').map(|found| at + found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_are_found_wherever_they_are() {
        for length in 0..30 {
            for at in 0..=length {
                for byte in [b'\n', b'\r'] {
                    let mut bytes = vec![b'x'; length];
                    if at < length {
                        bytes[at] = byte;
                    }
                    assert_eq!(line_break(&bytes), (at < length).then_some(at), "{length} {at}");
                }
            }
        }
    }

    fn decode_all(chunks: &[&[u8]]) -> (Vec<Result<Event, SseError>>, Result<(), SseError>) {
        let mut decoder = Decoder::new();
        let events = chunks.iter().flat_map(|chunk| decoder.push(chunk)).collect();
        (events, decoder.finish())
    }

    fn data_of(chunks: &[&[u8]]) -> Vec<String> {
        decode_all(chunks).0.into_iter().map(|event| event.unwrap().data).collect()
    }

    fn event(data: &str) -> Event {
        Event { event: None, data: data.to_owned(), id: None }
    }

    #[test]
    fn lf_crlf_and_cr_line_ends_decode_alike() {
        let expected = vec!["a", "b"];
        assert_eq!(data_of(&[b"data: a\n\ndata: b\n\n"]), expected);
        assert_eq!(data_of(&[b"data: a\r\n\r\ndata: b\r\n\r\n"]), expected);
        assert_eq!(data_of(&[b"data: a\r\rdata: b\r\r"]), expected);
        assert_eq!(data_of(&[b"data: a\r\n\ndata: b\n\r\n"]), expected);
    }

    #[test]
    fn crlf_split_between_chunks_is_one_line_end() {
        assert_eq!(data_of(&[b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n"]), vec!["a\nb"]);
    }

    #[test]
    fn cr_at_chunk_end_followed_by_other_text_ends_the_line() {
        assert_eq!(data_of(&[b"data: a\r", b"data: b\r", b"\r"]), vec!["a\nb"]);
    }

    #[test]
    fn only_one_space_after_the_colon_is_removed() {
        assert_eq!(data_of(&[b"data:x\n\ndata: x\n\ndata:  x\n\n"]), vec!["x", "x", " x"]);
    }

    #[test]
    fn multi_line_data_is_joined_with_line_feeds() {
        assert_eq!(data_of(&[b"data: one\ndata:\ndata: three\n\n"]), vec!["one\n\nthree"]);
    }

    #[test]
    fn comments_and_unknown_fields_are_ignored() {
        assert_eq!(data_of(&[b": keepalive\nfoo: bar\ndata: x\n:\n\n"]), vec!["x"]);
    }

    #[test]
    fn a_field_name_without_colon_has_an_empty_value() {
        assert_eq!(data_of(&[b"data\n\ndata\ndata\n\n"]), vec!["", "\n"]);
    }

    #[test]
    fn an_event_without_data_is_not_dispatched() {
        let (events, end) = decode_all(&[b"event: cancelled\n\n: comment\n\nid: 7\n\n"]);
        assert!(events.is_empty());
        assert_eq!(end, Ok(()));
    }

    #[test]
    fn event_type_applies_to_one_event_only() {
        let (events, _) = decode_all(&[b"event: error\ndata: {}\n\ndata: next\n\n"]);
        let events: Vec<Event> = events.into_iter().map(Result::unwrap).collect();
        assert_eq!(events[0].event.as_deref(), Some("error"));
        assert_eq!(events[1].event_type(), "message");
    }

    #[test]
    fn last_event_id_persists_and_ignores_values_with_nul() {
        let (events, _) = decode_all(&[b"id: 1\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\nid\ndata: d\n\n"]);
        let ids: Vec<Option<String>> = events.into_iter().map(|event| event.unwrap().id).collect();
        assert_eq!(ids, vec![Some("1".into()), Some("1".into()), Some("1".into()), Some(String::new())]);
    }

    #[test]
    fn retry_takes_only_ascii_digits() {
        let mut decoder = Decoder::new();
        decoder.push(b"retry: 3000\n\nretry: 12a\n\nretry: -5\n\n");
        assert_eq!(decoder.retry(), Some(3000));
    }

    #[test]
    fn a_leading_bom_is_removed_even_when_split() {
        assert_eq!(data_of(&[b"\xEF", b"\xBB", b"\xBFdata: a\n\n"]), vec!["a"]);
        assert_eq!(data_of(&[b"\xEF\xBB\xBFdata: a\n\n"]), vec!["a"]);
    }

    #[test]
    fn a_second_bom_is_content() {
        // The field name becomes "\u{FEFF}data", an unknown field, so nothing is dispatched.
        let (events, _) = decode_all(&[b"\xEF\xBB\xBF\xEF\xBB\xBFdata: a\n\n"]);
        assert!(events.is_empty());
    }

    #[test]
    fn a_partial_bom_prefix_is_kept_as_content() {
        let (events, _) = decode_all(&[b"\xEF", b"\xBBdata: a\n\ndata: b\n\n"]);
        let data: Vec<String> = events.into_iter().filter_map(Result::ok).map(|event| event.data).collect();
        assert_eq!(data, vec!["b"]);
    }

    #[test]
    fn utf8_split_across_chunks_is_reassembled() {
        let text = "data: h\u{e9}llo \u{1F600} \u{4E16}\n\n".as_bytes();
        for split in 0..text.len() {
            assert_eq!(data_of(&[&text[..split], &text[split..]]), vec!["h\u{e9}llo \u{1F600} \u{4E16}"]);
        }
    }

    #[test]
    fn invalid_utf8_fails_that_event_only() {
        let (events, end) = decode_all(&[b"data: \xFF\xFE\n\ndata: ok\n\n"]);
        assert_eq!(events, vec![Err(SseError::InvalidUtf8), Ok(event("ok"))]);
        assert_eq!(end, Ok(()));
    }

    #[test]
    fn an_event_over_the_limit_is_reported_and_skipped_without_buffering() {
        let mut decoder = Decoder::with_max_event_bytes(64);
        let mut events = decoder.push(b"data: ");
        for _ in 0..100 {
            events.extend(decoder.push(&[b'x'; 10]));
            assert!(decoder.line.len() <= 64, "the decoder buffered {} bytes", decoder.line.len());
        }
        events.extend(decoder.push(b"\ndata: more\n\ndata: ok\n\n"));
        assert_eq!(events, vec![Err(SseError::EventTooLarge { limit: 64 }), Ok(event("ok"))]);
    }

    #[test]
    fn many_small_data_lines_count_toward_the_limit() {
        let mut decoder = Decoder::with_max_event_bytes(32);
        let events = decoder.push(b"data: 12345678\ndata: 12345678\ndata: 12345678\n\ndata: ok\n\n");
        assert_eq!(events, vec![Err(SseError::EventTooLarge { limit: 32 }), Ok(event("ok"))]);
    }

    #[test]
    fn comments_do_not_count_toward_the_limit() {
        let mut decoder = Decoder::with_max_event_bytes(32);
        let mut events = Vec::new();
        for _ in 0..10 {
            events.extend(decoder.push(b": a comment of some length\n"));
        }
        events.extend(decoder.push(b"data: ok\n\n"));
        assert_eq!(events, vec![Ok(event("ok"))]);
    }

    #[test]
    fn finish_reports_an_unterminated_event() {
        let (events, end) = decode_all(&[b"data: a\n\ndata: {\"cut"]);
        assert_eq!(events, vec![Ok(event("a"))]);
        assert_eq!(end, Err(SseError::Incomplete { pending_bytes: 11 }));
        let (_, end) = decode_all(&[b"data: a\n"]);
        assert_eq!(end, Err(SseError::Incomplete { pending_bytes: 2 }));
    }

    #[test]
    fn a_large_event_in_small_chunks_is_scanned_once() {
        let mut decoder = Decoder::new();
        let mut body = b"data: ".to_vec();
        body.extend(std::iter::repeat_n(b'x', 1 << 20));
        body.extend(b"\n\n");
        let mut events = Vec::new();
        for chunk in body.chunks(1024) {
            events.extend(decoder.push(chunk));
        }
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].as_ref().unwrap().data.len(), 1 << 20);
        assert_eq!(decoder.scanned, body.len());
    }
}
