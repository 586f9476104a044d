//! [`Decimal`]: a JSON number's exact value, read from its text without floating point, so that
//! asking "is it an integer?", "is it 0 or 1?" or "does it fit a float?" needs no float parser (whose
//! tables would cost the wasm about 14 KB).

/// The exact value of a JSON number: `±0.d₁d₂…dₙ × 10^point`, with the significant digits `d` (no
/// leading or trailing zeros) kept as slices of the number's text.
#[derive(Clone, Copy, Debug)]
pub struct Decimal<'a> {
    negative: bool,
    int: &'a [u8],
    frac: &'a [u8],
    /// Where the significant digits start and end in `int ++ frac`.
    first: usize,
    end: usize,
    point: i64,
}

/// The value a float overflows at: `2^1024 − 2^970` (halfway between `f64::MAX` and `2^1024`, which
/// rounds up), as its significant decimal digits; it has 309 digits before the point.
const FLOAT_LIMIT: &[u8] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

impl<'a> Decimal<'a> {
    /// Reads a number's text (JSON's number grammar, which the [`Reader`](super::Reader) has checked).
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let negative = bytes.first() == Some(&b'-');
        let body = if negative { &bytes[1..] } else { bytes };
        let (mantissa, exponent) = match body.iter().position(|b| matches!(b, b'e' | b'E')) {
            Some(at) => (&body[..at], &body[at + 1..]),
            None => (body, &b""[..]),
        };
        let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
            Some(at) => (&mantissa[..at], &mantissa[at + 1..]),
            None => (mantissa, &b""[..]),
        };
        let exponent_negative = exponent.first() == Some(&b'-');
        let exponent = exponent
            .iter()
            .filter(|b| b.is_ascii_digit())
            .fold(0i64, |value, digit| value.saturating_mul(10).saturating_add(i64::from(digit - b'0')));
        let exponent = if exponent_negative { -exponent } else { exponent };
        let digit = |index: usize| if index < int.len() { int[index] } else { frac[index - int.len()] };
        let count = int.len() + frac.len();
        let first = (0..count).find(|&index| digit(index) != b'0').unwrap_or(count);
        let end = (first..count).rev().find(|&index| digit(index) != b'0').map_or(first, |index| index + 1);
        let point = (int.len() as i64 - first as i64).saturating_add(exponent);
        Self { negative, int, frac, first, end, point }
    }

    fn digit(&self, index: usize) -> u8 {
        if index < self.int.len() { self.int[index] } else { self.frac[index - self.int.len()] }
    }

    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        (self.first..self.end).map(|index| self.digit(index))
    }

    /// Whether the value is zero (`0`, `-0.0`, `0e9`).
    pub fn is_zero(&self) -> bool {
        self.first == self.end
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.negative && !self.is_zero()
    }

    /// Whether the value has no fractional part (`5`, `5.0`, `5e2`, `1.5e1`).
    pub fn is_integer(&self) -> bool {
        self.is_zero() || (self.end - self.first) as i64 <= self.point
    }

    /// The value, if it is an integer in the `i64` range.
    pub fn to_i64(&self) -> Option<i64> {
        if self.is_zero() {
            return Some(0);
        }
        if !self.is_integer() || self.point > 19 {
            return None;
        }
        let mut magnitude: u64 = 0;
        for place in 0..self.point as usize {
            let digit = if place < self.end - self.first { self.digit(self.first + place) - b'0' } else { 0 };
            magnitude = magnitude.checked_mul(10)?.checked_add(u64::from(digit))?;
        }
        signed(self.negative, magnitude)
    }

    /// Whether the value is exactly 1 (ignoring the sign: see [`is_negative`](Self::is_negative)).
    pub fn is_one(&self) -> bool {
        self.end - self.first == 1 && self.digit(self.first) == b'1' && self.point == 1
    }

    /// Whether the value is within the range of `f64` (reading it as a float would not overflow to
    /// infinity). Values too small for a float round to zero, which fits.
    pub fn fits_f64(&self) -> bool {
        if self.is_zero() || self.point < 309 {
            return true;
        }
        if self.point > 309 {
            return false;
        }
        let limit = FLOAT_LIMIT.iter().copied().chain(std::iter::repeat(b'0'));
        for (digit, limit) in self.digits().zip(limit) {
            if digit != limit {
                return digit < limit;
            }
        }
        self.end - self.first < FLOAT_LIMIT.len()
    }
}

/// `±magnitude` as an `i64`, if it fits.
pub(crate) fn signed(negative: bool, magnitude: u64) -> Option<i64> {
    if negative { 0i64.checked_sub_unsigned(magnitude) } else { i64::try_from(magnitude).ok() }
}

#[cfg(test)]
mod tests {
    use super::Decimal;

    #[test]
    fn integers_are_told_from_fractions_exactly() {
        for (text, value) in
            [("5", Some(5)), ("5.0", Some(5)), ("5e2", Some(500)), ("1.5e1", Some(15)), ("-0.0", Some(0))]
        {
            assert_eq!(Decimal::new(text).to_i64(), value, "{text}");
        }
        for text in ["5.5", "1e-1", "0.5e1000000000000000000000", "9223372036854775808", "1e19"] {
            assert_eq!(Decimal::new(text).to_i64(), None, "{text}");
        }
        assert_eq!(Decimal::new("-9223372036854775808").to_i64(), Some(i64::MIN));
        assert_eq!(Decimal::new("9.223372036854775807e18").to_i64(), Some(i64::MAX));
        assert!(Decimal::new("1e400").is_integer());
        assert!(!Decimal::new("1.25").is_integer());
    }

    #[test]
    fn zero_and_one_are_recognised_however_written() {
        assert!(["0", "-0", "0.000", "0e5", "-0.0e-3"].iter().all(|text| Decimal::new(text).is_zero()));
        assert!(["1", "1.0", "10e-1", "0.1e1", "-1.00"].iter().all(|text| Decimal::new(text).is_one()));
        assert!(!["11", "0.1", "1.01", "2"].iter().any(|text| Decimal::new(text).is_one()));
        assert!(Decimal::new("-1").is_negative() && !Decimal::new("-0").is_negative());
    }

    #[test]
    fn the_float_range_ends_where_parsing_overflows() {
        let fits = |text: &str| Decimal::new(text).fits_f64();
        for text in [
            "1e308",
            "1.7976931348623157e308",
            "1.79769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791e308",
            "-1e308",
            "1e-400",
            "123456789012345678901234567890",
        ] {
            assert!(fits(text), "{text}");
            assert!(text.parse::<f64>().unwrap().is_finite(), "{text}");
        }
        for text in [
            "1e309",
            "1.8e308",
            "1.79769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792e308",
            "-1e400",
        ] {
            assert!(!fits(text), "{text}");
            assert!(text.parse::<f64>().unwrap().is_infinite(), "{text}");
        }
    }
}
