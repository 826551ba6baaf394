//! Reads typed fields out of a parsed TOML table, collecting every problem
//! (missing, wrong type, unknown key) with its span instead of stopping at
//! the first, which serde's derive would do.

use crate::diagnostic::{Diagnostic, ErrorKind, Span, did_you_mean};
use crate::toml::Kind;
pub use crate::toml::Value;

/// A string value with the span of its TOML token (quotes included).
#[derive(Clone, Copy, Debug)]
pub struct Str<'a> {
    pub text: &'a str,
    pub span: Span,
}

pub fn wrong_type(value: &Value<'_>, what: &str, expected: &str) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::WrongType,
        value.span,
        format!("{what} must be {expected}, found {}", value.type_name()),
    )
}

/// One TOML table being read. Every key asked for is remembered, so that
/// [`Table::finish`] can report the ones nobody asked for.
pub struct Table<'a, 'i> {
    entries: &'a crate::toml::Table<'i>,
    pub span: Span,
    /// How messages name this table: "`[policy]`", "input `severity`".
    pub name: String,
    known: Vec<&'static str>,
    pub errors: Vec<Diagnostic>,
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn new(entries: &'a crate::toml::Table<'i>, span: Span, name: String) -> Self {
        Table {
            entries,
            span,
            name,
            known: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// A table from a value, or a wrong-type error.
    pub fn of(value: &'a Value<'i>, name: String) -> Result<Self, Diagnostic> {
        match &value.kind {
            Kind::Table(entries) => Ok(Table::new(entries, value.span, name)),
            _ => Err(wrong_type(value, &name, "a table")),
        }
    }

    /// Whether the table has `key` (of whatever type).
    pub fn has(&self, key: &str) -> bool {
        self.entries.get(key).is_some()
    }

    pub fn get(&mut self, key: &'static str) -> Option<&'a Value<'i>> {
        self.known.push(key);
        self.entries.get(key)
    }

    fn missing(&mut self, key: &str, expected: &str) {
        self.errors.push(
            Diagnostic::new(
                ErrorKind::MissingKey,
                self.span,
                format!("{} has no `{key}`", self.name),
            )
            .with_help(format!("add `{key} = ` {expected}")),
        );
    }

    pub fn opt_str(&mut self, key: &'static str) -> Option<Str<'a>> {
        let value = self.get(key)?;
        match &value.kind {
            Kind::String(text) => Some(Str {
                text: text.as_ref(),
                span: value.span,
            }),
            _ => {
                let what = format!("`{key}`");
                self.errors.push(wrong_type(value, &what, "a string"));
                None
            }
        }
    }

    pub fn str(&mut self, key: &'static str) -> Option<Str<'a>> {
        if self.entries.get(key).is_none() {
            self.known.push(key);
            self.missing(key, "and a string");
            return None;
        }
        self.opt_str(key)
    }

    pub fn opt_bool(&mut self, key: &'static str) -> Option<(bool, Span)> {
        let value = self.get(key)?;
        match value.kind {
            Kind::Boolean(b) => Some((b, value.span)),
            _ => {
                let what = format!("`{key}`");
                self.errors
                    .push(wrong_type(value, &what, "`true` or `false`"));
                None
            }
        }
    }

    pub fn opt_int(&mut self, key: &'static str) -> Option<(i64, Span)> {
        let value = self.get(key)?;
        match int_of(value, &format!("`{key}`")) {
            Ok(i) => Some((i, value.span)),
            Err(d) => {
                self.errors.push(d);
                None
            }
        }
    }

    pub fn int(&mut self, key: &'static str) -> Option<(i64, Span)> {
        if self.entries.get(key).is_none() {
            self.known.push(key);
            self.missing(key, "and a whole number");
            return None;
        }
        self.opt_int(key)
    }

    pub fn opt_array(&mut self, key: &'static str) -> Option<(&'a [Value<'i>], Span)> {
        let value = self.get(key)?;
        match &value.kind {
            Kind::Array(items) => Some((items, value.span)),
            _ => {
                let what = format!("`{key}`");
                self.errors.push(wrong_type(value, &what, "an array"));
                None
            }
        }
    }

    /// Reports keys nobody asked for, and hands back every error.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        for (key, _) in self.entries.iter() {
            let name: &str = &key.name;
            if self.known.contains(&name) {
                continue;
            }
            let near = did_you_mean(name, &mut self.known.iter().copied());
            let mut expected: Vec<&str> = self.known.clone();
            expected.dedup();
            let help = match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the keys of {} are: {}", self.name, expected.join(", ")),
            };
            self.errors.push(
                Diagnostic::new(
                    ErrorKind::UnknownKey,
                    key.span,
                    format!("unknown key `{name}` in {}", self.name),
                )
                .with_help(help),
            );
        }
        self.errors
    }
}

pub fn int_of(value: &Value<'_>, what: &str) -> Result<i64, Diagnostic> {
    match value.kind {
        Kind::Integer(i) => Ok(i),
        _ => Err(wrong_type(value, what, "a whole number")),
    }
}
