//! Reads typed fields out of a parsed TOML table, collecting every problem
//! (missing, wrong type, unknown key) with its span instead of stopping at
//! the first, which serde's derive would do.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, ErrorKind, Span, did_you_mean};

pub type Value<'i> = Spanned<DeValue<'i>>;

/// A string value with the span of its TOML token (quotes included).
#[derive(Clone, Copy, Debug)]
pub struct Str<'a> {
    pub text: &'a str,
    pub span: Span,
}

pub fn span_of<T>(spanned: &Spanned<T>) -> Span {
    spanned.span().into()
}

/// The TOML type of a value, for messages.
pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a bool",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

pub fn wrong_type(value: &Value<'_>, what: &str, expected: &str) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::WrongType,
        span_of(value),
        format!(
            "{what} must be {expected}, found {}",
            type_name(value.get_ref())
        ),
    )
}

/// One TOML table being read. Every key asked for is remembered, so that
/// [`Table::finish`] can report the ones nobody asked for.
pub struct Table<'a, 'i> {
    entries: &'a DeTable<'i>,
    pub span: Span,
    /// How messages name this table: "`[policy]`", "input `severity`".
    pub name: String,
    known: Vec<&'static str>,
    pub errors: Vec<Diagnostic>,
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn new(entries: &'a DeTable<'i>, span: Span, name: String) -> Self {
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
        match value.get_ref() {
            DeValue::Table(entries) => Ok(Table::new(entries, span_of(value), name)),
            _ => Err(wrong_type(value, &name, "a table")),
        }
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
        match value.get_ref() {
            DeValue::String(text) => Some(Str {
                text: text.as_ref(),
                span: span_of(value),
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
        match value.get_ref() {
            DeValue::Boolean(b) => Some((*b, span_of(value))),
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
            Ok(i) => Some((i, span_of(value))),
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
        match value.get_ref() {
            DeValue::Array(items) => Some((items, span_of(value))),
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
            let name: &str = key.get_ref();
            if self.known.contains(&name) {
                continue;
            }
            let near = did_you_mean(name, self.known.iter().copied());
            let mut expected: Vec<&str> = self.known.clone();
            expected.dedup();
            let help = match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the keys of {} are: {}", self.name, expected.join(", ")),
            };
            self.errors.push(
                Diagnostic::new(
                    ErrorKind::UnknownKey,
                    span_of(key),
                    format!("unknown key `{name}` in {}", self.name),
                )
                .with_help(help),
            );
        }
        self.errors
    }
}

pub fn int_of(value: &Value<'_>, what: &str) -> Result<i64, Diagnostic> {
    match value.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).map_err(|_| {
            Diagnostic::new(
                ErrorKind::InvalidValue,
                span_of(value),
                format!("{what} is too large"),
            )
        }),
        _ => Err(wrong_type(value, what, "a whole number")),
    }
}
