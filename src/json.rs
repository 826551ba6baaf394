//! A small JSON reader for serde: how drafts are read, natively and in the
//! browser alike.
//!
//! Why not serde_json or serde-wasm-bindgen in the browser: serde_json adds its
//! whole parser and number formatting to the WebAssembly bundle, and
//! serde-wasm-bindgen crosses into JavaScript for every key and value
//! (listing 500 drafts paid for it), and both format floats in their error
//! messages, which alone pulls ~15 KB of float-printing code into the
//! bundle. This reader works on the text directly, borrows strings without
//! escapes, and describes type errors without printing numbers. Natively
//! it is tested against serde_json (`tests` below and the fuzzer).

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};

/// Deepest nesting of arrays and objects accepted.
const MAX_DEPTH: usize = 128;

/// Reads one value of type `T` from JSON text (nothing but whitespace may follow).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut reader)?;
    reader.spaces();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error("unexpected text after the JSON value"));
    }
    Ok(value)
}

/// What went wrong, with the byte offset when the text itself is at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }

    // Overridden so that no number is ever formatted (see the module doc).
    fn invalid_type(found: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error(format!("found {}, expected {expected}", describe(&found)))
    }

    fn invalid_value(found: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error(format!("invalid {}, expected {expected}", describe(&found)))
    }
}

fn describe(found: &Unexpected<'_>) -> &'static str {
    match found {
        Unexpected::Bool(_) => "a boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "an integer",
        Unexpected::Float(_) => "a number with a fraction",
        Unexpected::Char(_) | Unexpected::Str(_) => "a string",
        Unexpected::Bytes(_) => "bytes",
        Unexpected::Unit | Unexpected::Option => "null",
        Unexpected::Seq => "an array",
        Unexpected::Map => "an object",
        _ => "another kind of value",
    }
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

/// The next value, read up to its end, or the opening of an array or
/// object. Reading this without the visitor keeps the code that is
/// generated once per visitor type small.
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
    fn error(&self, message: &str) -> Error {
        Error(format!("{message} at byte {}", self.pos))
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
            if let Ok(i) = text.parse::<i64>() {
                return Ok(Token::Signed(i));
            }
            if let Ok(u) = text.parse::<u64>() {
                return Ok(Token::Unsigned(u));
            }
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Token::Float(f)),
            _ => Err(self.error("number out of range")),
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Null => visitor.visit_unit(),
            Token::Bool(b) => visitor.visit_bool(b),
            Token::Str(Text::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Token::Str(Text::Owned(s)) => visitor.visit_string(s),
            Token::Signed(i) => visitor.visit_i64(i),
            Token::Unsigned(u) => visitor.visit_u64(u),
            Token::Float(f) => visitor.visit_f64(f),
            Token::Array => self.array(visitor),
            Token::Object => self.object(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.next()? == b'n' {
            self.literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// Enums are unit variants written as strings (`"passed"`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.next()? != b'"' {
            return Err(self.error("expected a string naming a variant"));
        }
        match self.string()? {
            Text::Borrowed(s) => visitor.visit_enum(s.into_deserializer()),
            Text::Owned(s) => visitor.visit_enum(s.into_deserializer()),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    // The typed entry points below accept only their own kind of token:
    // a struct's visitor is then never asked to visit a number or a
    // string, which saves generating those paths for every struct.

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Object => self.object(visitor),
            other => Err(mismatch(&other, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Array => self.array(visitor),
            other => Err(mismatch(&other, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Str(Text::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Token::Str(Text::Owned(s)) => visitor.visit_string(s),
            other => Err(mismatch(&other, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Signed(i) => visitor.visit_i64(i),
            Token::Unsigned(u) => visitor.visit_u64(u),
            other => Err(mismatch(&other, &visitor)),
        }
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Bool(b) => visitor.visit_bool(b),
            other => Err(mismatch(&other, &visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple tuple_struct ignored_any
    }
}

/// The error for a token of the wrong kind (the value is not described:
/// see the module doc).
fn mismatch(found: &Token<'_>, expected: &dyn de::Expected) -> Error {
    let found = match found {
        Token::Null => Unexpected::Unit,
        Token::Bool(b) => Unexpected::Bool(*b),
        Token::Str(_) => Unexpected::Str(""),
        Token::Signed(i) => Unexpected::Signed(*i),
        Token::Unsigned(u) => Unexpected::Unsigned(*u),
        Token::Float(f) => Unexpected::Float(*f),
        Token::Array => Unexpected::Seq,
        Token::Object => Unexpected::Map,
    };
    <Error as de::Error>::invalid_type(found, expected)
}

impl<'de> Reader<'de> {
    /// The items of an array whose `[` was just read.
    fn array<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let value = visitor.visit_seq(Items {
            reader: &mut *self,
            first: true,
        })?;
        self.close(b']')?;
        Ok(value)
    }

    /// The entries of an object whose `{` was just read.
    fn object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let value = visitor.visit_map(Items {
            reader: &mut *self,
            first: true,
        })?;
        self.close(b'}')?;
        Ok(value)
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

struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if !self.reader.more(&mut self.first, b']')? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de> MapAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.reader.more(&mut self.first, b'}')? {
            return Ok(None);
        }
        if self.reader.next()? != b'"' {
            return Err(self.reader.error("expected a string key"));
        }
        let key = match self.reader.string()? {
            Text::Borrowed(s) => seed.deserialize(s.into_deserializer()),
            Text::Owned(s) => seed.deserialize(s.into_deserializer()),
        }?;
        if self.reader.next()? != b':' {
            return Err(self.reader.error("expected `:` after a key"));
        }
        self.reader.pos += 1;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::Value;

    use super::*;

    /// Reads `text` with both readers: the same value, or both refuse.
    fn same_as_serde_json(text: &str) {
        let ours = from_str::<Value>(text);
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
    fn nesting_is_bounded() {
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        same_as_serde_json(&deep);
        let too_deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(from_str::<Value>(&too_deep).is_err());
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Status {
        Passed,
        Waived,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Row {
        id: String,
        status: Status,
        at: Option<i64>,
        #[serde(default)]
        tags: Vec<String>,
        map: BTreeMap<String, u32>,
    }

    #[test]
    fn structs_enums_options_and_defaults_read_like_serde_json() {
        let text = r#"{"id": "a\"b", "status": "waived", "at": null, "unknown": [1, {"x": 2}], "map": {"k": 3}}"#;
        let ours: Row = from_str(text).unwrap();
        assert_eq!(ours, serde_json::from_str::<Row>(text).unwrap());
        for bad in [
            r#"{"id": "a", "status": "lost", "map": {}}"#,
            r#"{"id": 1, "status": "passed", "map": {}}"#,
            r#"{"status": "passed", "map": {}}"#,
            r#"{"id": "a", "status": "passed", "map": {"k": -1}}"#,
            r#"{"id": "a", "status": "passed", "map": {"k": 1.5}}"#,
        ] {
            assert!(from_str::<Row>(bad).is_err(), "{bad}");
            assert!(serde_json::from_str::<Row>(bad).is_err(), "{bad}");
        }
        let message = from_str::<Row>(r#"{"id": 2.5, "status": "passed", "map": {}}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(message, "found a number with a fraction, expected a string");
    }
}
