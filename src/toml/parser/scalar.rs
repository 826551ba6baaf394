//! Numbers, dates and times: what a bare token means (pure functions of its text).

use super::super::{DatetimeKind, Kind};

// ---------------------------------------------------------------- numbers

/// Classifies and checks a number or date token.
pub(super) fn number(token: &str) -> Result<Kind<'static>, String> {
    let bytes = token.as_bytes();
    if looks_like_date(bytes) || looks_like_time(bytes) {
        return datetime(bytes)
            .map(Kind::Datetime)
            .ok_or_else(|| format!("`{token}` is not a valid date or time"));
    }
    let (negative, body) = match bytes.first() {
        Some(b'+') => (false, token.get(1..).unwrap_or_default()),
        Some(b'-') => (true, token.get(1..).unwrap_or_default()),
        _ => (false, token),
    };
    let signed = body.len() != token.len();
    match body {
        "inf" => {
            return Ok(Kind::Float(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }));
        }
        "nan" => return Ok(Kind::Float(f64::NAN)),
        _ => {}
    }
    for (prefix, radix, name) in [
        ("0x", 16, "hexadecimal"),
        ("0o", 8, "octal"),
        ("0b", 2, "binary"),
    ] {
        if let Some(digits) = body.strip_prefix(prefix) {
            if signed {
                return Err(format!("a {name} number cannot have a sign"));
            }
            let digits = without_underscores(digits, radix)
                .ok_or_else(|| format!("`{token}` is not a valid {name} number"))?;
            return i64::from_str_radix(&digits, radix)
                .ok()
                .map(Kind::Integer)
                .ok_or_else(|| format!("`{token}` does not fit in a 64-bit integer"));
        }
    }
    let invalid = || format!("`{token}` is not a valid number");
    let (mantissa, exponent) = match body.bytes().position(|b| matches!(b, b'e' | b'E')) {
        Some(at) => (
            body.get(..at).unwrap_or_default(),
            Some(body.get(at + 1..).unwrap_or_default()),
        ),
        None => (body, None),
    };
    let (whole, fraction) = match crate::support::text::split_once(mantissa, ".") {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let whole = without_underscores(whole, 10).ok_or_else(invalid)?;
    if whole.len() > 1 && whole.starts_with('0') {
        return Err(format!("`{token}`: leading zeros are not allowed"));
    }
    if fraction.is_none() && exponent.is_none() {
        let text = if negative { format!("-{whole}") } else { whole };
        return i64::from_str_radix(&text, 10)
            .ok()
            .map(Kind::Integer)
            .ok_or_else(|| format!("`{token}` does not fit in a 64-bit integer"));
    }
    let mut text = String::with_capacity(token.len());
    if negative {
        text.push('-');
    }
    text.push_str(&whole);
    if let Some(fraction) = fraction {
        text.push('.');
        text.push_str(&without_underscores(fraction, 10).ok_or_else(invalid)?);
    }
    if let Some(exponent) = exponent {
        let (sign, digits) = match exponent.as_bytes().first() {
            Some(b'+') => ("", exponent.get(1..).unwrap_or_default()),
            Some(b'-') => ("-", exponent.get(1..).unwrap_or_default()),
            _ => ("", exponent),
        };
        text.push('e');
        text.push_str(sign);
        text.push_str(&without_underscores(digits, 10).ok_or_else(invalid)?);
    }
    crate::support::float::parse(&text)
        .map(Kind::Float)
        .ok_or_else(invalid)
}

/// The digits without their separators, when every `_` stands between two
/// digits of the radix and there is at least one digit.
fn without_underscores(digits: &str, radix: u32) -> Option<String> {
    let mut out = String::with_capacity(digits.len());
    let mut previous_digit = false;
    let mut chars = digits.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '_' {
            let next_digit = chars.peek().is_some_and(|n| n.is_digit(radix));
            if !previous_digit || !next_digit {
                return None;
            }
            previous_digit = false;
        } else if c.is_digit(radix) {
            out.push(c);
            previous_digit = true;
        } else {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

// ------------------------------------------------------------------ dates

fn datetime(b: &[u8]) -> Option<DatetimeKind> {
    if looks_like_time(b) {
        return time(b)
            .filter(|&rest| rest.is_empty())
            .map(|_| DatetimeKind::LocalTime);
    }
    let year = digits(b, 0, 4)?;
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    if b.get(7) != Some(&b'-')
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in(year, month)
    {
        return None;
    }
    match b.get(10) {
        None => return Some(DatetimeKind::LocalDate),
        Some(b'T' | b't' | b' ') => {}
        Some(_) => return None,
    }
    let rest = time(b.get(11..)?)?;
    match rest {
        [] => Some(DatetimeKind::LocalDatetime),
        [b'Z' | b'z'] => Some(DatetimeKind::OffsetDatetime),
        [b'+' | b'-', offset @ ..] => {
            let hours = digits(offset, 0, 2)?;
            let minutes = digits(offset, 3, 2)?;
            (offset.len() == 5 && offset.get(2) == Some(&b':') && hours < 24 && minutes < 60)
                .then_some(DatetimeKind::OffsetDatetime)
        }
        _ => None,
    }
}

/// `HH:MM[:SS[.fraction]]`; answers what follows it.
pub(super) fn time(b: &[u8]) -> Option<&[u8]> {
    let hours = digits(b, 0, 2)?;
    let minutes = digits(b, 3, 2)?;
    if b.get(2) != Some(&b':') || hours > 23 || minutes > 59 {
        return None;
    }
    let mut rest = b.get(5..)?;
    if let [b':', after @ ..] = rest {
        let seconds = digits(after, 0, 2)?;
        if seconds > 60 {
            return None;
        }
        rest = after.get(2..)?;
        if let [b'.', fraction @ ..] = rest {
            let n = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            rest = fraction.get(n..)?;
        }
    }
    Some(rest)
}

pub(super) fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = b.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, &d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub(super) fn looks_like_date(b: &[u8]) -> bool {
    b.len() >= 5 && b.iter().take(4).all(u8::is_ascii_digit) && b.get(4) == Some(&b'-')
}

fn looks_like_time(b: &[u8]) -> bool {
    b.len() >= 3 && b.iter().take(2).all(u8::is_ascii_digit) && b.get(2) == Some(&b':')
}
