//! Conditions and message templates, compiled against the inputs (`InputScope`).

use super::super::fields::Str;
use super::super::{Input, InputKind, Template};
use super::Loader;
use crate::diagnostic::{Diagnostic, ErrorKind};
use crate::expr::{self, Condition, Scope, VarType};
use crate::limits::MAX_TEXT_BYTES;

/// The names conditions may use: the inputs, and `verdict` in requirements.
pub(super) struct InputScope<'a> {
    pub(super) inputs: &'a [Input],
    pub(super) options: Vec<Vec<String>>,
    pub(super) verdict: bool,
}

impl<'a> InputScope<'a> {
    pub(super) fn new(inputs: &'a [Input], verdict: bool) -> Self {
        let options = inputs
            .iter()
            .map(|i| match &i.kind {
                InputKind::Choice { options } => options.iter().map(|o| o.value.clone()).collect(),
                _ => Vec::new(),
            })
            .collect();
        InputScope {
            inputs,
            options,
            verdict,
        }
    }

    fn lookup(&self, name: &str) -> Option<u16> {
        self.inputs
            .iter()
            .position(|i| &*i.id == name)
            .and_then(|i| u16::try_from(i).ok())
    }
}

impl Scope for InputScope<'_> {
    fn input(&self, name: &str) -> Option<(u16, VarType<'_>)> {
        let index = self.lookup(name)?;
        let input = self.inputs.get(usize::from(index))?;
        let ty = match &input.kind {
            InputKind::Bool => VarType::Bool,
            InputKind::Int { .. } => VarType::Int,
            InputKind::Text { .. } => VarType::Text,
            InputKind::Choice { .. } => VarType::Choice(self.options.get(usize::from(index))?),
        };
        Some((index, ty))
    }

    fn input_names(&self) -> Vec<&str> {
        self.inputs.iter().map(|i| &*i.id).collect()
    }

    fn verdict_allowed(&self) -> bool {
        self.verdict
    }
}

impl Loader<'_> {
    /// Compiles the condition in the TOML string `s`.
    pub(super) fn condition(&mut self, s: Str<'_>, scope: &dyn Scope) -> Option<Condition> {
        let base = self.content_start(s);
        match expr::compile(s.text, base, scope) {
            Ok((condition, nodes)) => {
                self.nodes += nodes;
                Some(condition)
            }
            Err(diags) => {
                self.extend(diags);
                None
            }
        }
    }

    pub(super) fn template(&mut self, s: Str<'_>, scope: &InputScope<'_>) -> Option<Template> {
        if s.text.len() > MAX_TEXT_BYTES {
            self.diags.push(Diagnostic::new(
                ErrorKind::LimitExceeded,
                s.span,
                format!("`template` is longer than {MAX_TEXT_BYTES} bytes"),
            ));
            return None;
        }
        let base = self.content_start(s);
        let names = scope.input_names();
        match Template::parse(s.text, base, &|name| scope.lookup(name), &names) {
            Ok(template) => Some(template),
            Err(diags) => {
                self.extend(diags);
                None
            }
        }
    }

    /// Where the text of a TOML string starts in the source, so that spans
    /// inside it land on the right character. With escapes in the string the
    /// decoded text is not in the source; then its opening quote is used.
    fn content_start(&self, s: Str<'_>) -> usize {
        let raw = self.text.get(s.span.start..s.span.end).unwrap_or("");
        let quotes = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            3
        } else {
            1
        };
        let after = raw.get(quotes..).unwrap_or("");
        // A multi-line string drops a newline right after its opening quotes.
        let newline = if after.starts_with("\r\n") {
            2
        } else {
            usize::from(after.starts_with('\n'))
        };
        match after.get(newline..) {
            Some(content) if !s.text.is_empty() && content.starts_with(s.text) => {
                s.span.start + quotes + newline
            }
            _ => s.span.start,
        }
    }
}
