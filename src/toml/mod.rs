//! A TOML reader that keeps a span on every key and value and reports every
//! syntax error it can find, each located, instead of stopping at the first.
//!
//! Policies and policy test cases are read with it. It accepts TOML 1.0 and
//! the TOML 1.1 additions the policy format has always accepted (newlines
//! and a trailing comma in inline tables, `\e` and `\xHH` escapes, times
//! without seconds). Dates and times are recognised and checked, but only
//! their kind is kept: no policy field takes one. Conformance is tested
//! against the toml-test suite (`tests/data/toml-test/`).
//!
//! Own code rather than a general TOML crate: policies are loaded at page
//! start-up, and a general crate's parser was both the slowest part of
//! loading and a fifth of the WebAssembly module.

mod parser;

use std::borrow::Cow;

use crate::diagnostic::Span;

pub use parser::parse;

/// A value and where it is in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Value<'i> {
    pub kind: Kind<'i>,
    /// The value's text; for a table made by a `[header]`, the header.
    pub span: Span,
    /// How the value came to be; decides what later lines may add to it.
    pub(crate) made: Made,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind<'i> {
    String(Cow<'i, str>),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Datetime(DatetimeKind),
    Array(Vec<Value<'i>>),
    Table(Table<'i>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatetimeKind {
    OffsetDatetime,
    LocalDatetime,
    LocalDate,
    LocalTime,
}

/// How a table or array was made (TOML's rules on defining things once).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Made {
    /// Written after `=`: complete; nothing may be added later.
    Value,
    /// A `[table]` header, or a `[[table]]` header's array and its tables.
    Header,
    /// A table on the path of a header, such as `a` in `[a.b]`: a later
    /// `[a]` may still define it.
    Implicit,
    /// A table on the path of a dotted key, such as `a` in `a.b = 1`.
    Dotted,
}

impl Value<'_> {
    /// The TOML type of the value, for messages: "a string", "an array"...
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::String(_) => "a string",
            Kind::Integer(_) => "an integer",
            Kind::Float(_) => "a float",
            Kind::Boolean(_) => "a bool",
            Kind::Datetime(_) => "a date",
            Kind::Array(_) => "an array",
            Kind::Table(_) => "a table",
        }
    }
}

/// A key as written (quotes removed, escapes decoded) and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Key<'i> {
    pub name: Cow<'i, str>,
    pub span: Span,
}

/// Tables this large get a hash index; smaller ones are searched in order.
const INDEX_FROM: usize = 16;

/// The keys and values of one table, in source order.
#[derive(Clone, Debug, Default)]
pub struct Table<'i> {
    entries: Vec<(Key<'i>, Value<'i>)>,
    /// Key → position in `entries`, once the table is large: a hostile file
    /// with thousands of keys must not take quadratic time.
    index: Option<Index>,
}

impl PartialEq for Table<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl<'i> Table<'i> {
    pub fn get(&self, key: &str) -> Option<&Value<'i>> {
        let at = self.position(key)?;
        self.entries.get(at).map(|(_, value)| value)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Key<'i>, &Value<'i>)> {
        self.entries.iter().map(|(key, value)| (key, value))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.find(&self.entries, key),
            None => self.entries.iter().position(|(k, _)| k.name == key),
        }
    }

    fn entry_mut(&mut self, key: &str) -> Option<(&Key<'i>, &mut Value<'i>)> {
        let at = self.position(key)?;
        self.entries.get_mut(at).map(|(key, value)| (&*key, value))
    }

    /// Adds a key the caller has checked is new; answers the value's place.
    fn insert(&mut self, key: Key<'i>, value: Value<'i>) -> Option<&mut Value<'i>> {
        let at = self.entries.len();
        self.entries.push((key, value));
        if let Some(index) = &mut self.index {
            index.add(&self.entries, at);
        } else if at >= INDEX_FROM {
            self.index = Some(Index::of(&self.entries));
        }
        self.entries.last_mut().map(|(_, value)| value)
    }
}

/// An open-addressing hash index over a table's entries: each slot holds
/// an entry's position plus one (zero: empty), at most half of them used.
/// A few lines instead of a general hash map keep the bundle small.
#[derive(Clone, Debug, Default)]
struct Index {
    slots: Vec<u32>,
}

impl Index {
    fn of(entries: &[(Key<'_>, Value<'_>)]) -> Index {
        let mut index = Index {
            slots: vec![0; (entries.len() * 2).next_power_of_two().max(64)],
        };
        for at in 0..entries.len() {
            index.place(entries, at);
        }
        index
    }

    fn hash(key: &str) -> usize {
        // FNV-1a.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in key.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        hash as usize
    }

    fn find(&self, entries: &[(Key<'_>, Value<'_>)], key: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = Self::hash(key) & mask;
        loop {
            let slot = *self.slots.get(i)? as usize;
            let at = slot.checked_sub(1)?;
            if entries.get(at).is_some_and(|(k, _)| k.name == key) {
                return Some(at);
            }
            i = (i + 1) & mask;
        }
    }

    /// Indexes the entry at `at` (just pushed).
    fn add(&mut self, entries: &[(Key<'_>, Value<'_>)], at: usize) {
        if (at + 1) * 2 > self.slots.len() {
            *self = Index::of(entries);
        } else {
            self.place(entries, at);
        }
    }

    fn place(&mut self, entries: &[(Key<'_>, Value<'_>)], at: usize) {
        let (Some((key, _)), Some(mask)) = (entries.get(at), self.slots.len().checked_sub(1))
        else {
            return;
        };
        let mut i = Self::hash(&key.name) & mask;
        while let Some(slot) = self.slots.get_mut(i) {
            if *slot == 0 {
                *slot = u32::try_from(at + 1).unwrap_or(u32::MAX);
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests;
