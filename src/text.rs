//! Small text helpers that keep large generic code out of the bundle:
//! substring search, char counting and joining.
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

#[cfg(test)]
mod tests {
    use super::{char_count, find, join};

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
}
