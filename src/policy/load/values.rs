//! Checked values: texts, ids (and their uniqueness), one-of choices, bounded numbers.

use super::super::fields::{Str, Table};
use super::Loader;
use crate::diagnostic::{Diagnostic, ErrorKind, Span};
use crate::limits::{MAX_ID_BYTES, MAX_TEXT_BYTES};

/// Ids seen so far in one list, to report duplicates.
#[derive(Default)]
pub(super) struct Ids {
    pub(super) seen: Vec<(String, Span)>,
}

impl Loader<'_> {
    /// A required or optional text field, within the length limit.
    pub(super) fn text_field(
        &mut self,
        t: &mut Table<'_, '_>,
        key: &'static str,
        required: bool,
    ) -> Option<String> {
        let s = if required {
            t.str(key)?
        } else {
            t.opt_str(key)?
        };
        if s.text.len() > MAX_TEXT_BYTES {
            self.diags.push(Diagnostic::new(
                ErrorKind::LimitExceeded,
                s.span,
                format!("`{key}` is longer than {MAX_TEXT_BYTES} bytes"),
            ));
            return None;
        }
        if required && s.text.trim().is_empty() {
            self.diags.push(Diagnostic::new(
                ErrorKind::InvalidValue,
                s.span,
                format!("`{key}` is empty"),
            ));
            return None;
        }
        Some(s.text.to_string())
    }

    /// An id: letters, digits, `-`, `_` and `.`, starting with a letter.
    pub(super) fn id(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> Option<String> {
        let s = t.str(key)?;
        self.check_id(s, key, false)
    }

    pub(super) fn check_id(&mut self, s: Str<'_>, key: &str, identifier: bool) -> Option<String> {
        let text = s.text;
        let starts_well = text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        let chars_ok = if identifier {
            text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        } else {
            text.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        let problem = if text.is_empty() {
            Some(format!("`{key}` is empty"))
        } else if text.len() > MAX_ID_BYTES {
            Some(format!("`{key}` is longer than {MAX_ID_BYTES} bytes"))
        } else if !starts_well || !chars_ok {
            let shown: String = text.chars().take(MAX_ID_BYTES).collect();
            Some(format!("`{shown}` is not a valid {key}"))
        } else if identifier && matches!(text, "true" | "false" | "in" | "verdict") {
            Some(format!(
                "`{text}` is a reserved word and cannot name an input"
            ))
        } else {
            None
        };
        match problem {
            None => Some(text.to_string()),
            Some(message) => {
                let help = if identifier {
                    "input ids are used in conditions: letters, digits and `_`, like `change_size_lines`"
                } else {
                    "ids use letters, digits, `-`, `_` and `.`, and start with a letter, like `sre-avp`"
                };
                self.diags.push(
                    Diagnostic::new(ErrorKind::InvalidValue, s.span, message).with_help(help),
                );
                None
            }
        }
    }

    pub(super) fn opt_role(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> Option<String> {
        let s = t.opt_str(key)?;
        self.check_id(s, key, false)
    }

    /// Registers `id` in `ids`, reporting a duplicate.
    pub(super) fn unique(&mut self, ids: &mut Ids, id: &str, span: Span, what: &str) -> bool {
        if let Some((_, first)) = ids.seen.iter().find(|(seen, _)| seen == id) {
            self.diags.push(
                Diagnostic::new(
                    ErrorKind::DuplicateId,
                    span,
                    format!("two {what}s are called `{id}`"),
                )
                .with_related(*first, "the first is defined here")
                .with_help("ids must be unique"),
            );
            return false;
        }
        ids.seen.push((id.to_string(), span));
        true
    }

    /// A string that must be one of `choices`.
    pub(super) fn one_of<T: Copy>(
        &mut self,
        t: &mut Table<'_, '_>,
        key: &'static str,
        choices: &[T],
        name: fn(T) -> &'static str,
        required: bool,
    ) -> Option<T> {
        let s = if required {
            t.str(key)?
        } else {
            t.opt_str(key)?
        };
        if let Some(found) = choices.iter().copied().find(|c| name(*c) == s.text) {
            return Some(found);
        }
        let names: Vec<String> = choices.iter().map(|c| format!("`{}`", name(*c))).collect();
        let shown: String = s.text.chars().take(64).collect();
        self.diags.push(
            Diagnostic::new(
                ErrorKind::InvalidValue,
                s.span,
                format!("`{shown}` is not a valid `{key}`"),
            )
            .with_help(format!("`{key}` is one of {}", names.join(", "))),
        );
        None
    }

    /// An optional integer in `min..=max`.
    pub(super) fn bounded(
        &mut self,
        t: &mut Table<'_, '_>,
        key: &'static str,
        min: i64,
        max: i64,
    ) -> Option<u32> {
        let (value, span) = t.opt_int(key)?;
        if value < min || value > max {
            self.diags.push(Diagnostic::new(
                ErrorKind::InvalidValue,
                span,
                format!("`{key}` must be between {min} and {max}, found {value}"),
            ));
            return None;
        }
        u32::try_from(value).ok()
    }
}
