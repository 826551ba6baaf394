//! Small text helpers that keep large generic code out of the bundle:
//! substring search, char counting, joining and integer parsing.
//!
//! `str::find` with a `&str` needle brings core's two-way searcher, whose
//! panic path prints chars with `{:?}` and so brings core's tables of
//! printable chars: about 10 KB of the wasm bundle after gzip. The needles
//! here are short, so the plain search is linear in the haystack; a match
//! of valid UTF-8 in valid UTF-8 always starts at a char boundary.

/// The byte offset of the first `needle` in `haystack`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}

/// The number of chars in `text`. (`chars().count()` brings core's
/// word-at-a-time counter: 0.8 KB of wasm for what a loop does here.)
pub fn char_count(text: &str) -> usize {
    // Every char has exactly one byte that is not a continuation byte.
    text.bytes().filter(|&b| b & 0xC0 != 0x80).count()
}

/// `parts` with `separator` between them (`[S]::join` is a 1 KB function
/// per element type).
pub fn join<S: AsRef<str>>(parts: &[S], separator: &str) -> String {
    let mut out = String::new();
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            out.push_str(separator);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// The value of `digits` in `radix` (2 to 36): digits only, at least one,
/// no sign; `None` when it does not fit. (`u64::from_str_radix` and
/// `str::parse` are one large function per integer type in the bundle.)
pub fn parse_u64(digits: &[u8], radix: u32) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    let mut value: u64 = 0;
    for &b in digits {
        let digit = char::from(b).to_digit(radix)?;
        value = value
            .checked_mul(u64::from(radix))?
            .checked_add(u64::from(digit))?;
    }
    Some(value)
}

/// `text` as an `i64` in `radix`, with an optional `+` or `-`: what
/// `i64::from_str_radix` accepts.
pub fn parse_i64(text: &str, radix: u32) -> Option<i64> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    let magnitude = parse_u64(digits, radix)?;
    if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::{char_count, find, join, parse_i64, parse_u64};

    #[test]
    fn counts_and_joins_like_std() {
        for text in ["", "a", "héllo", "日本語", "a\u{1F600}b", "\u{10FFFF}"] {
            assert_eq!(char_count(text), text.chars().count(), "{text}");
        }
        for parts in [&[][..], &["a"], &["a", "", "b"], &["é", "日本"]] {
            assert_eq!(join(parts, ", "), parts.join(", "));
            let owned: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            assert_eq!(join(&owned, " → "), owned.join(" → "));
        }
    }

    #[test]
    fn finds_like_str_find() {
        for (haystack, needle) in [
            ("a {{b}} c", "{{"),
            ("a {{b}} c", "}}"),
            ("", "{{"),
            ("{", "{{"),
            ("x", ""),
            ("élan #2", " #"),
            ("ab", "abc"),
            ("aaab", "aab"),
        ] {
            assert_eq!(
                find(haystack, needle),
                haystack.find(needle),
                "{haystack:?} {needle:?}"
            );
        }
    }

    #[test]
    fn parses_integers_like_std() {
        let texts = [
            "",
            "+",
            "-",
            "0",
            "-0",
            "+7",
            "42",
            "007",
            "-42",
            "1_0",
            " 1",
            "1 ",
            "1.5",
            "x",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "18446744073709551616",
            "ff",
            "FF",
            "-ff",
            "7fffffffffffffff",
            "8000000000000000",
            "ffffffffffffffff",
            "10000000000000000",
            "777",
            "8",
            "101",
            "2",
            "z",
            "é",
        ];
        for radix in [2, 8, 10, 16, 36] {
            for text in texts {
                assert_eq!(
                    parse_i64(text, radix),
                    i64::from_str_radix(text, radix).ok(),
                    "{text:?} in radix {radix}"
                );
                // Unsigned: digits only, where std also takes a `+`.
                let std = u64::from_str_radix(text, radix)
                    .ok()
                    .filter(|_| !text.starts_with('+'));
                assert_eq!(
                    parse_u64(text.as_bytes(), radix),
                    std,
                    "{text:?} in radix {radix}"
                );
            }
        }
    }
}
