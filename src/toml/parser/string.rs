//! Strings: basic and literal, one-line and multi-line, with escapes.

use std::borrow::Cow;

use super::{Parsed, Parser, Stop, is_control};
use crate::diagnostic::Span;

impl<'i> Parser<'i> {
    // -------------------------------------------------------------- strings

    /// `"..."` or `"""..."""`, escapes decoded; borrowed when there are none.
    pub(super) fn basic_string(&mut self) -> Parsed<Cow<'i, str>> {
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
    pub(super) fn literal_string(&mut self) -> Parsed<Cow<'i, str>> {
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
            b'\r' if multiline => Err(self.error(
                self.here(),
                "a carriage return in a multi-line string must be followed by a line feed; write a lone one as `\\r`",
            )),
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
