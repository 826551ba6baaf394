//! The recursive-descent parser behind [`parse`]. It works on bytes (every
//! token boundary is ASCII, so slices stay on character boundaries), records
//! an error and skips to the next line instead of giving up, and bounds
//! nesting so that no input can exhaust the stack.

mod define;
mod scalar;
mod string;
mod value;

use std::borrow::Cow;

use super::{Kind, Made, Table, Value};
use crate::diagnostic::{Diagnostic, ErrorKind, Span};

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

/// Control characters TOML does not allow in comments and strings (tab is fine).
fn is_control(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\t') || byte == 0x7f
}
