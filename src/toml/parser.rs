//! The recursive-descent parser behind [`parse`]. It works on bytes (every
//! token boundary is ASCII, so slices stay on character boundaries), records
//! an error and skips to the next line instead of giving up, and bounds
//! nesting so that no input can exhaust the stack.

use std::borrow::Cow;

use super::{DatetimeKind, Key, Kind, Made, Table, Value};
use crate::diagnostic::{Diagnostic, ErrorKind, Span};
use crate::limits::MAX_TOML_NESTING;

/// Parses a TOML document: its root table (as much as could be read) and
/// every syntax error, in source order. An empty error list means the
/// document is valid TOML.
pub fn parse(text: &str) -> (Table<'_>, Vec<Diagnostic>) {
    // A byte-order mark may start the document.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: start,
        nesting: 0,
        errors: Vec::new(),
    };
    let mut root = Table::default();
    parser.document(&mut root);
    (root, parser.errors)
}

/// An error was recorded; the caller gives up on the line.
struct Stop;

type Parsed<T> = Result<T, Stop>;

struct Parser<'i> {
    text: &'i str,
    bytes: &'i [u8],
    pos: usize,
    /// Open arrays and inline tables; also where error recovery starts.
    nesting: usize,
    errors: Vec<Diagnostic>,
}

impl<'i> Parser<'i> {
    // ---------------------------------------------------------------- lines

    fn document(&mut self, root: &mut Table<'i>) {
        // Where key/value lines go: a path of keys from the root, or `None`
        // after a header that could not be defined (its lines are still
        // checked, then dropped, to avoid follow-on errors).
        let mut current: Option<Vec<Cow<'i, str>>> = Some(Vec::new());
        loop {
            self.blank_lines();
            let Some(byte) = self.peek() else { break };
            let line = if byte == b'[' {
                self.header(root).map(|path| current = path)
            } else {
                match current.as_deref().and_then(|path| navigate(root, path)) {
                    Some(table) => self.keyval(table),
                    None => self.keyval(&mut Table::default()),
                }
            };
            let ended = line.and_then(|()| self.end_of_line());
            if ended.is_err() {
                self.recover();
            }
        }
    }

    /// After a key/value or a header: only a comment may follow on the line.
    fn end_of_line(&mut self) -> Parsed<()> {
        self.spaces();
        if self.peek() == Some(b'#') {
            self.comment();
        }
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.pos += 1;
                Ok(())
            }
            Some(b'\r') if self.at(1) == Some(b'\n') => {
                self.pos += 2;
                Ok(())
            }
            _ => Err(self.error(
                self.here(),
                format!(
                    "expected the end of the line, found {}; put each key on a line of its own",
                    self.found()
                ),
            )),
        }
    }

    /// Skips the rest of a broken line, and the rest of any array or inline
    /// table it opened, so one mistake gives one error.
    fn recover(&mut self) {
        let mut depth = self.nesting;
        self.nesting = 0;
        while let Some(byte) = self.peek() {
            match byte {
                b'\n' if depth == 0 => {
                    self.pos += 1;
                    return;
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' => depth = depth.saturating_sub(1),
                b'#' => {
                    while !matches!(self.peek(), None | Some(b'\n')) {
                        self.pos += 1;
                    }
                    continue;
                }
                b'"' | b'\'' => {
                    self.pos += 1;
                    while !matches!(self.peek(), None | Some(b'\n')) && self.peek() != Some(byte) {
                        self.pos += 1;
                    }
                    if self.peek() != Some(byte) {
                        continue;
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// Whitespace, comments and line breaks.
    fn blank_lines(&mut self) {
        loop {
            self.spaces();
            match self.peek() {
                Some(b'#') => self.comment(),
                Some(b'\n') => self.pos += 1,
                Some(b'\r') => {
                    if self.at(1) != Some(b'\n') {
                        let here = self.here();
                        self.error(here, "a carriage return must be followed by a line feed");
                    }
                    self.pos += 1;
                }
                _ => return,
            }
        }
    }

    #[inline(always)]
    fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// A comment up to (not including) the line break.
    fn comment(&mut self) {
        while let Some(byte) = self.peek() {
            if byte == b'\n' || (byte == b'\r' && self.at(1) == Some(b'\n')) {
                return;
            }
            if is_control(byte) {
                let here = self.here();
                let message = format!("{} is not allowed in a comment", self.found());
                self.error(here, message);
            }
            self.pos += 1;
        }
    }

    // --------------------------------------------------------- definitions

    /// `[a.b]` or `[[a.b]]`: the path key/value lines now go to, or `None`
    /// when the header cannot be defined.
    fn header(&mut self, root: &mut Table<'i>) -> Parsed<Option<Vec<Cow<'i, str>>>> {
        let start = self.pos;
        let array = self.at(1) == Some(b'[');
        self.pos += if array { 2 } else { 1 };
        let keys = self.key()?;
        self.spaces();
        let close: &[u8] = if array { b"]]" } else { b"]" };
        if !self.rest().starts_with(close) {
            let what = if array {
                "expected `]]` to close the array-of-tables header"
            } else {
                "expected `]` to close the table header"
            };
            return Err(self.error(self.here(), format!("{what}, found {}", self.found())));
        }
        self.pos += close.len();
        let span = Span::new(start, self.pos);
        Ok(self.define(root, &keys, span, array))
    }

    fn define(
        &mut self,
        root: &mut Table<'i>,
        keys: &[Key<'i>],
        span: Span,
        array: bool,
    ) -> Option<Vec<Cow<'i, str>>> {
        let (last, parents) = keys.split_last()?;
        let mut table = root;
        for (i, key) in parents.iter().enumerate() {
            if table.position(&key.name).is_none() {
                table.insert(key.clone(), Value::table(Made::Implicit, span));
            }
            let (_, value) = table.entry_mut(&key.name)?;
            table = match (&mut value.kind, value.made) {
                (Kind::Table(inner), Made::Header | Made::Implicit | Made::Dotted) => inner,
                (Kind::Array(items), Made::Header) => match items.last_mut() {
                    Some(Value {
                        kind: Kind::Table(inner),
                        ..
                    }) => inner,
                    _ => return None,
                },
                _ => {
                    let path = dotted(keys.get(..=i).unwrap_or(keys));
                    self.error(
                        key.span,
                        format!("`{path}` is already a value; a table header cannot add to it"),
                    );
                    return None;
                }
            };
        }
        let path = || dotted(keys);
        match table.entry_mut(&last.name) {
            None => {
                let value = if array {
                    Value {
                        kind: Kind::Array(vec![Value::table(Made::Header, span)]),
                        span,
                        made: Made::Header,
                    }
                } else {
                    Value::table(Made::Header, span)
                };
                table.insert(last.clone(), value);
            }
            Some((_, existing)) => match (&mut existing.kind, existing.made, array) {
                (Kind::Table(_), Made::Implicit, false) => {
                    existing.made = Made::Header;
                    existing.span = span;
                }
                (Kind::Array(items), Made::Header, true) => {
                    items.push(Value::table(Made::Header, span));
                }
                (Kind::Array(_), Made::Header, false) => {
                    let path = path();
                    self.error(
                        span,
                        format!("`{path}` is an array of tables; write `[[{path}]]` to add one"),
                    );
                    return None;
                }
                (Kind::Table(_), Made::Header | Made::Implicit | Made::Dotted, true) => {
                    self.error(
                        span,
                        format!("`{}` is a table, not an array of tables", path()),
                    );
                    return None;
                }
                (Kind::Table(_), Made::Header | Made::Dotted, false) => {
                    self.error(span, format!("table `[{}]` is defined twice", path()));
                    return None;
                }
                _ => {
                    self.error(
                        span,
                        format!("`{}` is already a value; it cannot also be a table", path()),
                    );
                    return None;
                }
            },
        }
        Some(keys.iter().map(|key| key.name.clone()).collect())
    }

    /// `key = value`, with a dotted key making tables on the way.
    fn keyval(&mut self, table: &mut Table<'i>) -> Parsed<()> {
        let keys = self.key()?;
        self.spaces();
        if self.peek() != Some(b'=') {
            return Err(self.error(
                self.here(),
                format!("expected `=` after the key, found {}", self.found()),
            ));
        }
        self.pos += 1;
        self.spaces();
        let value = self.value()?;
        self.assign(table, &keys, value);
        Ok(())
    }

    /// Puts a value under a (dotted) key; a clash is an error, not a stop.
    fn assign(&mut self, mut table: &mut Table<'i>, keys: &[Key<'i>], value: Value<'i>) {
        let Some((last, parents)) = keys.split_last() else {
            return;
        };
        for (i, key) in parents.iter().enumerate() {
            if table.position(&key.name).is_none() {
                table.insert(key.clone(), Value::table(Made::Dotted, key.span));
            }
            let Some((_, existing)) = table.entry_mut(&key.name) else {
                return;
            };
            table = match (&mut existing.kind, existing.made) {
                (Kind::Table(inner), Made::Dotted) => inner,
                _ => {
                    let path = dotted(keys.get(..=i).unwrap_or(keys));
                    self.error(
                        key.span,
                        format!("`{path}` is already defined; a dotted key cannot add to it"),
                    );
                    return;
                }
            };
        }
        if table.position(&last.name).is_some() {
            self.error(last.span, format!("`{}` is defined twice", dotted(keys)));
            return;
        }
        table.insert(last.clone(), value);
    }

    // ----------------------------------------------------------------- keys

    fn key(&mut self) -> Parsed<Vec<Key<'i>>> {
        let mut keys = Vec::new();
        loop {
            self.spaces();
            keys.push(self.simple_key()?);
            if keys.len() > MAX_TOML_NESTING {
                let span = keys.last().map_or(self.here(), |key| key.span);
                return Err(self.error(
                    span,
                    format!("a key may have at most {MAX_TOML_NESTING} parts"),
                ));
            }
            self.spaces();
            if self.peek() != Some(b'.') {
                return Ok(keys);
            }
            self.pos += 1;
        }
    }

    fn simple_key(&mut self) -> Parsed<Key<'i>> {
        let start = self.pos;
        let name = match self.peek() {
            Some(b'"') if self.rest().starts_with(b"\"\"\"") => {
                return Err(self.error(self.here(), "a key cannot be a multi-line string"));
            }
            Some(b'\'') if self.rest().starts_with(b"'''") => {
                return Err(self.error(self.here(), "a key cannot be a multi-line string"));
            }
            Some(b'"') => self.basic_string()?,
            Some(b'\'') => self.literal_string()?,
            Some(byte) if is_bare(byte) => {
                while self.peek().is_some_and(is_bare) {
                    self.pos += 1;
                }
                Cow::Borrowed(self.slice(start, self.pos))
            }
            _ => {
                return Err(self.error(
                    self.here(),
                    format!("expected a key, found {}", self.found()),
                ));
            }
        };
        Ok(Key {
            name,
            span: Span::new(start, self.pos),
        })
    }

    // --------------------------------------------------------------- values

    fn value(&mut self) -> Parsed<Value<'i>> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(b'"') => Kind::String(self.basic_string()?),
            Some(b'\'') => Kind::String(self.literal_string()?),
            Some(b'[') => Kind::Array(self.array()?),
            Some(b'{') => Kind::Table(self.inline_table()?),
            Some(b't') if self.rest().starts_with(b"true") => {
                self.pos += 4;
                Kind::Boolean(true)
            }
            Some(b'f') if self.rest().starts_with(b"false") => {
                self.pos += 5;
                Kind::Boolean(false)
            }
            Some(byte) if byte.is_ascii_digit() || matches!(byte, b'+' | b'-' | b'i' | b'n') => {
                self.number_or_date()?
            }
            _ => {
                let hint = match self.peek() {
                    Some(byte) if byte.is_ascii_alphabetic() => "; text needs quotes",
                    _ => "",
                };
                return Err(self.error(
                    self.here(),
                    format!("expected a value, found {}{hint}", self.found()),
                ));
            }
        };
        Ok(Value {
            kind,
            span: Span::new(start, self.pos),
            made: Made::Value,
        })
    }

    fn enter(&mut self) -> Parsed<()> {
        self.nesting += 1;
        if self.nesting > MAX_TOML_NESTING {
            return Err(self.error(
                self.here(),
                format!("arrays and inline tables may be nested at most {MAX_TOML_NESTING} deep"),
            ));
        }
        Ok(())
    }

    fn array(&mut self) -> Parsed<Vec<Value<'i>>> {
        let open = self.here();
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.blank_lines();
            match self.peek() {
                Some(b']') => break,
                None => return Err(self.error(open, "this array is not closed; expected `]`")),
                _ => {}
            }
            items.push(self.value()?);
            self.blank_lines();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => break,
                None => return Err(self.error(open, "this array is not closed; expected `]`")),
                _ => {
                    return Err(self.error(
                        self.here(),
                        format!("expected `,` or `]` in the array, found {}", self.found()),
                    ));
                }
            }
        }
        self.pos += 1;
        self.nesting = self.nesting.saturating_sub(1);
        Ok(items)
    }

    fn inline_table(&mut self) -> Parsed<Table<'i>> {
        let open = self.here();
        self.enter()?;
        self.pos += 1;
        let mut table = Table::default();
        loop {
            self.blank_lines();
            match self.peek() {
                Some(b'}') => break,
                None => {
                    return Err(self.error(open, "this inline table is not closed; expected `}`"));
                }
                _ => {}
            }
            self.keyval(&mut table)?;
            self.blank_lines();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => break,
                None => {
                    return Err(self.error(open, "this inline table is not closed; expected `}`"));
                }
                _ => {
                    return Err(self.error(
                        self.here(),
                        format!(
                            "expected `,` or `}}` in the inline table, found {}",
                            self.found()
                        ),
                    ));
                }
            }
        }
        self.pos += 1;
        self.nesting = self.nesting.saturating_sub(1);
        Ok(table)
    }

    /// Numbers, `inf`, `nan` and dates share a first character set; the
    /// whole token is read first, then classified.
    fn number_or_date(&mut self) -> Parsed<Kind<'i>> {
        let start = self.pos;
        self.token();
        // `1979-05-27 07:32:00`: a date, one space, a time.
        let date = self.slice(start, self.pos);
        if date.len() == 10
            && looks_like_date(date.as_bytes())
            && self.peek() == Some(b' ')
            && self.at(1).is_some_and(|b| b.is_ascii_digit())
            && self.at(2).is_some_and(|b| b.is_ascii_digit())
            && self.at(3) == Some(b':')
        {
            self.pos += 1;
            self.token();
        }
        let token = self.slice(start, self.pos);
        number(token).map_err(|message| self.error(Span::new(start, self.pos), message))
    }

    fn token(&mut self) {
        while self.peek().is_some_and(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-' | b'.' | b':')
        }) {
            self.pos += 1;
        }
    }

    // -------------------------------------------------------------- strings

    /// `"..."` or `"""..."""`, escapes decoded; borrowed when there are none.
    fn basic_string(&mut self) -> Parsed<Cow<'i, str>> {
        let (open, multiline) = self.open_string(b"\"\"\"");
        let mut start = self.pos;
        let mut decoded: Option<String> = None;
        loop {
            let Some(byte) = self.peek() else {
                return Err(self.unclosed(open, multiline));
            };
            match byte {
                b'"' => {
                    let end = self.pos;
                    if !multiline {
                        self.pos += 1;
                        return Ok(finish(decoded, self.slice(start, end)));
                    }
                    if let Some(extra) = self.closing_quotes(b'"')? {
                        let text = self.slice(start, end + extra);
                        return Ok(finish(decoded, text));
                    }
                }
                b'\\' => {
                    let out = decoded.get_or_insert_with(String::new);
                    out.push_str(self.slice(start, self.pos));
                    if multiline && self.line_ending_backslash() {
                        start = self.pos;
                        continue;
                    }
                    let c = self.escape()?;
                    if let Some(out) = &mut decoded {
                        out.push(c);
                    }
                    start = self.pos;
                    continue;
                }
                _ => self.plain_byte(byte, open, multiline)?,
            }
            self.pos += 1;
        }
    }

    /// `'...'` or `'''...'''`: no escapes.
    fn literal_string(&mut self) -> Parsed<Cow<'i, str>> {
        let (open, multiline) = self.open_string(b"'''");
        let start = self.pos;
        loop {
            let Some(byte) = self.peek() else {
                return Err(self.unclosed(open, multiline));
            };
            match byte {
                b'\'' => {
                    let end = self.pos;
                    if !multiline {
                        self.pos += 1;
                        return Ok(Cow::Borrowed(self.slice(start, end)));
                    }
                    if let Some(extra) = self.closing_quotes(b'\'')? {
                        return Ok(Cow::Borrowed(self.slice(start, end + extra)));
                    }
                }
                _ => self.plain_byte(byte, open, multiline)?,
            }
            self.pos += 1;
        }
    }

    /// At a quote inside a multi-line string: `Some(n)` when it closes the
    /// string (after `n` quotes that belong to the text), `None` when the
    /// quote is text.
    fn closing_quotes(&mut self, quote: u8) -> Parsed<Option<usize>> {
        let run = self.rest().iter().take_while(|&&b| b == quote).count();
        match run {
            0..=2 => Ok(None),
            3..=5 => {
                self.pos += run;
                Ok(Some(run - 3))
            }
            _ => Err(self.error(
                Span::new(self.pos, self.pos + run),
                "too many quotes: at most two may stand right before the closing three",
            )),
        }
    }

    /// Past a string's opening quote (or three): where it opened, and
    /// whether it is multi-line (a line break right after the quotes is
    /// skipped).
    fn open_string(&mut self, triple: &[u8]) -> (usize, bool) {
        let open = self.pos;
        let multiline = self.rest().starts_with(triple);
        self.pos += if multiline { 3 } else { 1 };
        if multiline {
            self.skip_first_newline();
        }
        (open, multiline)
    }

    /// A byte of string text other than a quote or an escape: a line break
    /// ends a one-line string, control characters are refused.
    #[inline(always)]
    fn plain_byte(&mut self, byte: u8, open: usize, multiline: bool) -> Parsed<()> {
        match byte {
            b'\n' if multiline => Ok(()),
            b'\r' if multiline && self.at(1) == Some(b'\n') => {
                self.pos += 1;
                Ok(())
            }
            b'\n' | b'\r' => Err(self.unclosed(open, false)),
            _ if is_control(byte) => Err(self.control_in_string()),
            _ => Ok(()),
        }
    }

    fn skip_first_newline(&mut self) {
        if self.peek() == Some(b'\n') {
            self.pos += 1;
        } else if self.rest().starts_with(b"\r\n") {
            self.pos += 2;
        }
    }

    /// A `\` at the end of a line in `"""` strings joins it with the next
    /// non-blank text. Answers whether one was skipped.
    fn line_ending_backslash(&mut self) -> bool {
        let after = self
            .rest()
            .iter()
            .skip(1)
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let rest = self.bytes.get(self.pos + 1 + after..).unwrap_or_default();
        if !(rest.starts_with(b"\n") || rest.starts_with(b"\r\n")) {
            return false;
        }
        self.pos += 1;
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n')) || self.rest().starts_with(b"\r\n")
        {
            self.pos += 1;
        }
        true
    }

    /// One escape sequence, starting at its `\`.
    fn escape(&mut self) -> Parsed<char> {
        let start = self.pos;
        self.pos += 1;
        let simple = match self.peek() {
            Some(b'b') => Some('\u{8}'),
            Some(b't') => Some('\t'),
            Some(b'n') => Some('\n'),
            Some(b'f') => Some('\u{c}'),
            Some(b'r') => Some('\r'),
            Some(b'e') => Some('\u{1b}'),
            Some(b'"') => Some('"'),
            Some(b'\\') => Some('\\'),
            _ => None,
        };
        if let Some(c) = simple {
            self.pos += 1;
            return Ok(c);
        }
        let digits = match self.peek() {
            Some(b'x') => 2,
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => {
                let end = self.pos + self.here().end.saturating_sub(self.here().start);
                let shown = self.slice(start, end).to_string();
                return Err(self.error(
                    Span::new(start, end),
                    format!(
                        "unknown escape `{shown}`; the escapes are \\b \\t \\n \\f \\r \\e \\\" \\\\ \\xHH \\uHHHH \\UHHHHHHHH"
                    ),
                ));
            }
        };
        self.pos += 1;
        let hex = self.rest().get(..digits).unwrap_or_default();
        let code = if hex.len() == digits && hex.iter().all(u8::is_ascii_hexdigit) {
            std::str::from_utf8(hex)
                .ok()
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
        } else {
            None
        };
        let Some(code) = code else {
            return Err(self.error(
                Span::new(start, self.pos),
                format!(
                    "`\\{}` must be followed by {digits} hexadecimal digits",
                    self.slice(start + 1, start + 2)
                ),
            ));
        };
        self.pos += digits;
        char::from_u32(code).ok_or_else(|| {
            self.error(
                Span::new(start, self.pos),
                format!(
                    "`{}` is not a Unicode scalar value",
                    self.slice(start, self.pos)
                ),
            )
        })
    }

    fn unclosed(&mut self, open: usize, multiline: bool) -> Stop {
        let (span, message) = if multiline {
            (
                Span::new(open, open + 3),
                "this multi-line string is not closed",
            )
        } else {
            (
                Span::new(open, self.pos),
                "this string is not closed before the end of the line",
            )
        };
        self.error(span, message)
    }

    fn control_in_string(&mut self) -> Stop {
        let message = format!(
            "{} is not allowed in a string; write it as an escape",
            self.found()
        );
        self.error(self.here(), message)
    }

    // -------------------------------------------------------------- helpers

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    #[inline(always)]
    fn rest(&self) -> &'i [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    #[inline(always)]
    fn slice(&self, start: usize, end: usize) -> &'i str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// The character at the current position (empty at the end).
    fn here(&self) -> Span {
        let len = self
            .text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        Span::new(self.pos, self.pos + len)
    }

    /// The character at the current position, for messages.
    fn found(&self) -> String {
        match self
            .text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
        {
            None => "the end of the file".to_string(),
            Some('\n' | '\r') => "the end of the line".to_string(),
            Some(c) if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
            Some(c) => format!("`{c}`"),
        }
    }

    fn error(&mut self, span: Span, message: impl Into<String>) -> Stop {
        self.errors
            .push(Diagnostic::new(ErrorKind::TomlSyntax, span, message.into()));
        Stop
    }
}

impl Value<'_> {
    fn table(made: Made, span: Span) -> Self {
        Value {
            kind: Kind::Table(Table::default()),
            span,
            made,
        }
    }
}

/// The table a path of keys leads to (the last table of an array of tables).
fn navigate<'t, 'i>(
    mut table: &'t mut Table<'i>,
    path: &[Cow<'i, str>],
) -> Option<&'t mut Table<'i>> {
    for name in path {
        let (_, value) = table.entry_mut(name)?;
        table = match &mut value.kind {
            Kind::Table(inner) => inner,
            Kind::Array(items) => match items.last_mut() {
                Some(Value {
                    kind: Kind::Table(inner),
                    ..
                }) => inner,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(table)
}

fn finish<'i>(decoded: Option<String>, rest: &'i str) -> Cow<'i, str> {
    match decoded {
        None => Cow::Borrowed(rest),
        Some(mut out) => {
            out.push_str(rest);
            Cow::Owned(out)
        }
    }
}

fn dotted(keys: &[Key<'_>]) -> String {
    let mut out = String::new();
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        if !key.name.is_empty() && key.name.bytes().all(is_bare) {
            out.push_str(&key.name);
        } else {
            out.push('"');
            out.push_str(&key.name);
            out.push('"');
        }
    }
    out
}

#[inline(always)]
fn is_bare(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-'
}

/// Control characters TOML does not allow in comments and strings (tab is fine).
fn is_control(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\t') || byte == 0x7f
}

fn looks_like_date(b: &[u8]) -> bool {
    b.len() >= 5 && b.iter().take(4).all(u8::is_ascii_digit) && b.get(4) == Some(&b'-')
}

fn looks_like_time(b: &[u8]) -> bool {
    b.len() >= 3 && b.iter().take(2).all(u8::is_ascii_digit) && b.get(2) == Some(&b':')
}

// ---------------------------------------------------------------- numbers

/// Classifies and checks a number or date token.
fn number(token: &str) -> Result<Kind<'static>, String> {
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
fn time(b: &[u8]) -> Option<&[u8]> {
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

fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
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
