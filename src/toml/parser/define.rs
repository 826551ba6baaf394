//! Tables and keys: `[header]` and `[[header]]` lines, `key = value` lines, dotted keys, and TOML's define-once rules.

use std::borrow::Cow;

use super::super::{Key, Kind, Made, Table, Value};
use super::{Parsed, Parser};
use crate::diagnostic::Span;
use crate::limits::MAX_TOML_NESTING;

impl<'i> Parser<'i> {
    // --------------------------------------------------------- definitions

    /// `[a.b]` or `[[a.b]]`: the path key/value lines now go to, or `None`
    /// when the header cannot be defined.
    pub(super) fn header(&mut self, root: &mut Table<'i>) -> Parsed<Option<Vec<Cow<'i, str>>>> {
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

    pub(super) fn define(
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
    pub(super) fn keyval(&mut self, table: &mut Table<'i>) -> Parsed<()> {
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

    pub(super) fn key(&mut self) -> Parsed<Vec<Key<'i>>> {
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
