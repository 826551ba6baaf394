//! Substring search without core's searcher.
//!
//! `str::find`, `contains` and `split_once` with a `&str` needle bring
//! core's two-way searcher, whose panic path prints chars with `{:?}` and
//! so brings core's tables of printable chars: 5.0 KB of the wasm bundle
//! after gzip (BENCHMARKS.md). The needles here are short, so the plain
//! search is linear in the haystack; a match of valid UTF-8 in valid UTF-8
//! always starts at a char boundary. `clippy.toml` points bundle code here.

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

/// `haystack` around the first `needle`, without it.
pub fn split_once<'a>(haystack: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find(haystack, needle)?;
    Some((haystack.get(..at)?, haystack.get(at + needle.len()..)?))
}

#[cfg(test)]
mod tests {
    use super::{find, split_once};

    #[test]
    fn searches_like_str() {
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
            assert_eq!(split_once(haystack, needle), haystack.split_once(needle));
        }
    }
}
