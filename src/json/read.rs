//! JSON text to a [`Json`] tree: one non-generic reader. Strings without
//! escapes are borrowed; nesting is bounded. Natively it is tested against
//! serde_json (`tests` below, and the draft fuzzer).

use std::borrow::Cow;

use super::{Error, Json};

/// Deepest nesting of arrays and objects accepted.
const MAX_DEPTH: usize = 128;

/// Reads one JSON value (nothing but whitespace may follow).
pub fn parse(text: &str) -> Result<Json<'_>, Error> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
    };
    let value = reader.value()?;
    reader.spaces();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error("unexpected text after the JSON value"));
    }
    Ok(value)
}

struct Reader<'de> {
    bytes: &'de [u8],
    text: &'de str,
    pos: usize,
    depth: usize,
}

/// A string as read: borrowed from the text when it had no escapes.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Text<'de> {
    fn into_cow(self) -> Cow<'de, str> {
        match self {
            Text::Borrowed(s) => Cow::Borrowed(s),
            Text::Owned(s) => Cow::Owned(s),
        }
    }
}

/// The next value, read up to its end, or the opening of an array or object.
enum Token<'de> {
    Null,
    Bool(bool),
    Str(Text<'de>),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Array,
    Object,
}

impl<'de> Reader<'de> {
    /// `message` at the reader's place, as a line and a column (of chars,
    /// 1-based), as people and editors count them.
    fn error(&self, message: &str) -> Error {
        let before = self.bytes.get(..self.pos).unwrap_or(self.bytes);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        // One char per byte that does not continue a UTF-8 sequence.
        let column = before
            .iter()
            .skip(start)
            .filter(|&&b| b & 0xc0 != 0x80)
            .count()
            + 1;
        Error::new(format!("{message} at line {line}, column {column}"))
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The next non-space byte, not consumed.
    #[inline(never)]
    fn next(&mut self) -> Result<u8, Error> {
        self.spaces();
        self.peek()
            .ok_or_else(|| self.error("unexpected end of the JSON text"))
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Error> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error("invalid JSON value"))
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("JSON nested too deeply"));
        }
        self.pos += 1;
        Ok(())
    }

    #[inline(never)]
    fn string(&mut self) -> Result<Text<'de>, Error> {
        self.pos += 1; // the opening quote
        let mut start = self.pos;
        let mut owned: Option<String> = None;
        loop {
            let Some(byte) = self.peek() else {
                return Err(self.error("unclosed string"));
            };
            match byte {
                b'"' => {
                    let rest = self.text.get(start..self.pos).unwrap_or_default();
                    self.pos += 1;
                    return Ok(match owned {
                        None => Text::Borrowed(rest),
                        Some(mut out) => {
                            out.push_str(rest);
                            Text::Owned(out)
                        }
                    });
                }
                b'\\' => {
                    let out = owned.get_or_insert_with(String::new);
                    out.push_str(self.text.get(start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    let escaped = self.peek();
                    self.pos += 1;
                    match escaped {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let c = self.unicode_escape()?;
                            if let Some(out) = &mut owned {
                                out.push(c);
                            }
                        }
                        _ => return Err(self.error("invalid escape in a string")),
                    }
                    start = self.pos;
                }
                0..=0x1f => return Err(self.error("control character in a string")),
                _ => self.pos += 1,
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(digits)
    }

    /// After `\u`: one character, from a surrogate pair when need be.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        let code = if (0xd800..0xdc00).contains(&first) {
            if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                return Err(self.error("unpaired surrogate in a string"));
            }
            self.pos += 2;
            let second = self.hex4()?;
            if !(0xdc00..0xe000).contains(&second) {
                return Err(self.error("unpaired surrogate in a string"));
            }
            0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("unpaired surrogate in a string"))
    }

    #[inline(never)]
    fn token(&mut self) -> Result<Token<'de>, Error> {
        Ok(match self.next()? {
            b'n' => {
                self.literal(b"null")?;
                Token::Null
            }
            b't' => {
                self.literal(b"true")?;
                Token::Bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                Token::Bool(false)
            }
            b'"' => Token::Str(self.string()?),
            b'[' => {
                self.enter()?;
                Token::Array
            }
            b'{' => {
                self.enter()?;
                Token::Object
            }
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return Err(self.error("invalid JSON value")),
        })
    }

    /// A number, checked against JSON's grammar, then converted.
    fn number(&mut self) -> Result<Token<'de>, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.pos;
            while r.peek().is_some_and(|b| b.is_ascii_digit()) {
                r.pos += 1;
            }
            r.pos - from
        };
        let whole_start = self.pos;
        let whole = digits(self);
        if whole == 0 || (whole > 1 && self.bytes.get(whole_start) == Some(&b'0')) {
            return Err(self.error("invalid number"));
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integer = false;
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            integer = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        // `-0` is the float -0.0, as serde_json reads it.
        if integer && text != "-0" {
            if let Ok(i) = i64::from_str_radix(text, 10) {
                return Ok(Token::Signed(i));
            }
            if let Ok(u) = u64::from_str_radix(text, 10) {
                return Ok(Token::Unsigned(u));
            }
        }
        match crate::support::float::parse(text) {
            Some(f) if f.is_finite() => Ok(Token::Float(f)),
            _ => Err(self.error("number out of range")),
        }
    }
}

impl<'de> Reader<'de> {
    /// One value, arrays and objects included.
    fn value(&mut self) -> Result<Json<'de>, Error> {
        Ok(match self.token()? {
            Token::Null => Json::Null,
            Token::Bool(b) => Json::Bool(b),
            Token::Str(text) => Json::Str(text.into_cow()),
            Token::Signed(i) => Json::Int(i),
            Token::Unsigned(u) => Json::UInt(u),
            Token::Float(f) => Json::Float(f),
            Token::Array => {
                let mut items = Vec::new();
                let mut first = true;
                while self.more(&mut first, b']')? {
                    items.push(self.value()?);
                }
                self.close(b']')?;
                Json::Array(items)
            }
            Token::Object => {
                let mut entries = Vec::new();
                let mut first = true;
                while self.more(&mut first, b'}')? {
                    if self.next()? != b'"' {
                        return Err(self.error("expected a string key"));
                    }
                    let key = self.string()?.into_cow();
                    if self.next()? != b':' {
                        return Err(self.error("expected `:` after a key"));
                    }
                    self.pos += 1;
                    entries.push((key, self.value()?));
                }
                self.close(b'}')?;
                Json::Object(entries)
            }
        })
    }

    /// After the last item: the closing bracket (the items have checked it).
    #[inline(never)]
    fn close(&mut self, bracket: u8) -> Result<(), Error> {
        if self.next()? != bracket {
            return Err(self.error("expected the end of the array or object"));
        }
        self.pos += 1;
        self.depth = self.depth.saturating_sub(1);
        Ok(())
    }

    /// Before an item: `]`/`}` ends the list (answers false), a comma
    /// separates items after the first.
    #[inline(never)]
    fn more(&mut self, first: &mut bool, close: u8) -> Result<bool, Error> {
        let byte = self.next()?;
        if byte == close {
            return Ok(false);
        }
        if !*first {
            if byte != b',' {
                return Err(self.error("expected `,` between items"));
            }
            self.pos += 1;
            if self.next()? == close {
                return Err(self.error("trailing comma"));
            }
        }
        *first = false;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn to_value(json: &Json<'_>) -> Value {
        match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Int(i) => Value::from(*i),
            Json::UInt(u) => Value::from(*u),
            Json::Float(f) => Value::from(*f),
            Json::Str(s) => Value::from(s.as_ref()),
            Json::Array(items) => Value::Array(items.iter().map(to_value).collect()),
            Json::Object(entries) => {
                // serde_json keeps the last of repeated keys.
                let mut map = serde_json::Map::new();
                for (key, value) in entries {
                    map.insert(key.to_string(), to_value(value));
                }
                Value::Object(map)
            }
        }
    }

    /// Reads `text` with both readers: the same value, or both refuse.
    fn same_as_serde_json(text: &str) {
        let ours = parse(text).map(|j| to_value(&j));
        let theirs = serde_json::from_str::<Value>(text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{text}: ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    #[test]
    fn reads_what_serde_json_reads_and_refuses_what_it_refuses() {
        for text in [
            "null",
            "true",
            "false",
            "0",
            "-0",
            "12",
            "-7",
            "1.5",
            "-1e3",
            "2E+2",
            "1e-2",
            "9223372036854775807",
            "-9223372036854775808",
            "18446744073709551615",
            "\"\"",
            "\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"",
            "\"é 😀\"",
            "[]",
            "[1, [2, [3]]]",
            "{}",
            "{\"a\": {\"b\": [true, null]}, \"c\": \"x\"}",
            " \n\t{ \"k\" : 1 } \r\n",
            "{\"k\": 1, \"k\": 2}",
            // Refused by both:
            "",
            " ",
            "nul",
            "tru",
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "+1",
            "[1,]",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{1: 2}",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"tab\there\"",
            "[",
            "{",
            "\"open",
            "[1] 2",
            "NaN",
            "Infinity",
            "1e400",
        ] {
            same_as_serde_json(text);
        }
    }

    #[test]
    fn nesting_is_bounded_and_plain_strings_are_borrowed() {
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        same_as_serde_json(&deep);
        let too_deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&too_deep).is_err());
        assert!(matches!(
            parse("\"plain\""),
            Ok(Json::Str(Cow::Borrowed("plain")))
        ));
        assert!(matches!(parse("\"a\\nb\""), Ok(Json::Str(Cow::Owned(_)))));
    }
}
