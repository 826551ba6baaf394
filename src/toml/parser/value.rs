//! Values: arrays and inline tables (with bounded nesting), and the tokens that are numbers or dates.

use super::super::{Kind, Made, Table, Value};
use super::scalar::{looks_like_date, number};
use super::{Parsed, Parser};
use crate::diagnostic::Span;
use crate::limits::MAX_TOML_NESTING;

impl<'i> Parser<'i> {
    // --------------------------------------------------------------- values

    pub(super) fn value(&mut self) -> Parsed<Value<'i>> {
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

    pub(super) fn array(&mut self) -> Parsed<Vec<Value<'i>>> {
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

    pub(super) fn token(&mut self) {
        while self.peek().is_some_and(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-' | b'.' | b':')
        }) {
            self.pos += 1;
        }
    }
}
