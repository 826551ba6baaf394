//! Substring search over bytes, for the engine's few fixed needles.
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

#[cfg(test)]
mod tests {
    use super::find;

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
