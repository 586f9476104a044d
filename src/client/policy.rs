//! Retry policy, free of I/O so it is tested on the host: which responses are retried, how long to
//! wait before the next attempt, and how `retry-after` / `retry-after-ms` are read.

/// The most a server-requested delay is honoured; longer requests fall back to the backoff.
const MAX_SERVER_DELAY_MS: f64 = 60_000.0;
/// The first backoff delay and the cap.
const INITIAL_DELAY_MS: f64 = 500.0;
const MAX_DELAY_MS: f64 = 8_000.0;

/// Whether a response with this status (and body) is worth another attempt: 408, 409, 429 and 5xx.
/// Two 409s are not: a pending approval stays until it is answered, and a cancel with no active runs
/// has nothing to wait for. A busy agent or conversation is (its run may end).
pub fn is_retryable_status(status: u16, body: &str) -> bool {
    match status {
        409 => !(contains(body, "PENDING_APPROVAL") || contains(body, "No active runs")),
        408 | 429 | 500..=599 => true,
        _ => false,
    }
}

/// The delay before retry number `retry` (0 for the first retry): what the server asked for in
/// `retry-after-ms` or `retry-after` (seconds or an HTTP date, given `now_ms`), when that is between
/// 0 and 60 s; otherwise exponential backoff from 0.5 s to at most 8 s, reduced by up to 25% by
/// `jitter` (a number in `0..1`).
pub fn retry_delay_ms(
    retry: u32,
    retry_after_ms: Option<&str>,
    retry_after: Option<&str>,
    now_ms: f64,
    jitter: f64,
) -> f64 {
    let requested = retry_after_ms
        .and_then(|value| parse_decimal(value.trim()))
        .or_else(|| retry_after.and_then(|value| parse_retry_after(value, now_ms)));
    if let Some(delay) = requested.filter(|delay| (0.0..=MAX_SERVER_DELAY_MS).contains(delay)) {
        return delay;
    }
    let backoff = (INITIAL_DELAY_MS * 2f64.powi(retry.min(16) as i32)).min(MAX_DELAY_MS);
    backoff * (1.0 - 0.25 * jitter.clamp(0.0, 1.0))
}

/// A non-negative decimal number (`30`, `1.5`, `.25`), as headers write delays. (Not `str::parse::<f64>`,
/// whose tables would add about 14 KB to the wasm.)
fn parse_decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) || whole.len() > 15 {
        return None;
    }
    let whole = if whole.is_empty() { 0 } else { whole.parse::<u64>().ok()? };
    let fraction = fraction.get(..fraction.len().min(9))?;
    let scale = 10u64.pow(fraction.len() as u32);
    let fraction = if fraction.is_empty() { 0 } else { fraction.parse::<u64>().ok()? };
    Some(whole as f64 + fraction as f64 / scale as f64)
}

/// `retry-after`: delta seconds, or an IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`).
fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if let Some(seconds) = parse_decimal(value) {
        return Some(seconds * 1000.0);
    }
    http_date_ms(value).map(|at| at - now_ms)
}

/// Milliseconds since the Unix epoch of an IMF-fixdate, the only HTTP date form servers send today.
fn http_date_ms(value: &str) -> Option<f64> {
    let mut parts = value.split_whitespace();
    let _weekday = parts.next()?;
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|part| part.parse::<i64>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT" {
        return None;
    }
    // Days from 1970-01-01 to the date (proleptic Gregorian; Howard Hinnant's days_from_civil).
    let (y, m) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * m + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some(((days * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000) as f64)
}

/// Whether `text` contains `needle` (a byte search: `str::contains` with a `&str` brings the
/// two-way searcher and its slicing panics into the wasm).
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    find(text, needle).is_some()
}

/// Where `needle` first occurs in `text`, as a byte position.
pub(crate) fn find(text: &str, needle: &str) -> Option<usize> {
    text.as_bytes().windows(needle.len().max(1)).position(|window| window == needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_statuses_are_retried_and_others_are_not() {
        for status in [408, 409, 429, 500, 502, 503, 504] {
            assert!(is_retryable_status(status, "{}"), "{status}");
        }
        for status in [400, 401, 403, 404, 422] {
            assert!(!is_retryable_status(status, "{}"), "{status}");
        }
        assert!(!is_retryable_status(409, r#"{"detail":{"code":"PENDING_APPROVAL","message":"…"}}"#));
        assert!(!is_retryable_status(
            409,
            r#"{"detail":"CONFLICT: No active runs to cancel for conversation conv-1"}"#
        ));
        assert!(is_retryable_status(
            409,
            r#"{"detail":"CONFLICT: Cannot send a new message: Another request (run_id=run-1) is currently being processed for this conversation. Please wait for it to complete.","run_id":"run-1"}"#
        ));
    }

    #[test]
    fn backoff_doubles_up_to_a_cap_and_jitter_only_shortens_it() {
        let delays: Vec<f64> = (0..6).map(|retry| retry_delay_ms(retry, None, None, 0.0, 0.0)).collect();
        assert_eq!(delays, vec![500.0, 1000.0, 2000.0, 4000.0, 8000.0, 8000.0]);
        assert_eq!(retry_delay_ms(0, None, None, 0.0, 1.0), 375.0);
    }

    #[test]
    fn the_servers_retry_after_is_honoured_within_a_minute() {
        assert_eq!(retry_delay_ms(3, Some("250"), Some("9"), 0.0, 0.5), 250.0);
        assert_eq!(retry_delay_ms(0, None, Some("2"), 0.0, 0.5), 2000.0);
        assert_eq!(retry_delay_ms(0, None, Some("3600"), 0.0, 0.0), 500.0, "too long: back off instead");
        assert_eq!(retry_delay_ms(0, Some("-5"), None, 0.0, 0.0), 500.0);
    }

    #[test]
    fn retry_after_may_be_an_http_date() {
        let now = http_date_ms("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(now, 1_445_412_480_000.0);
        assert_eq!(retry_delay_ms(0, None, Some("Wed, 21 Oct 2015 07:28:05 GMT"), now, 0.0), 5000.0);
        assert_eq!(http_date_ms("yesterday"), None);
    }
}
