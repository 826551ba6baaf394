//! Inputs: each question and its kind, choice options, the `[policy]` keys that name inputs, and the order `ask_when` needs.

use super::super::fields::{Str, Table, Value, wrong_type};
use super::super::{ChoiceOption, Input, InputKind};
use super::Loader;
use crate::diagnostic::{Diagnostic, ErrorKind, Span, did_you_mean};
use crate::limits::{DEFAULT_TEXT_ANSWER_CHARS, MAX_ID_BYTES, MAX_OPTIONS};
use crate::toml::Kind;

/// The input called `id`, when it `fits`.
pub(super) fn conventional(
    inputs: &[Input],
    id: &str,
    fits: fn(&InputKind) -> bool,
) -> Option<u16> {
    let index = inputs.iter().position(|i| *i.id == *id && fits(&i.kind))?;
    u16::try_from(index).ok()
}

/// An input as read in the first pass, before conditions can be compiled.
pub(super) struct RawInput {
    pub(super) input: Input,
    pub(super) id_span: Span,
    /// The `ask_when` text and the span of its TOML string.
    pub(super) ask_when: Option<(String, Span)>,
}

impl Loader<'_> {
    /// The input a `[policy]` key such as `title_input` names, which must
    /// be `expected` (`fits`).
    pub(super) fn named_input(
        &mut self,
        s: Str<'_>,
        key: &str,
        inputs: &[Input],
        expected: &str,
        fits: fn(&InputKind) -> bool,
    ) -> Option<u16> {
        let Some(index) = inputs.iter().position(|i| *i.id == *s.text) else {
            let help = match did_you_mean(s.text, &mut inputs.iter().map(|i| &*i.id)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("`{key}` names one of the policy's inputs"),
            };
            self.diags.push(
                Diagnostic::new(
                    ErrorKind::UnknownInput,
                    s.span,
                    format!("`{key}` names `{}`, which is not an input", s.text),
                )
                .with_help(help),
            );
            return None;
        };
        let input = inputs.get(index)?;
        if !fits(&input.kind) {
            self.diags.push(Diagnostic::new(
                ErrorKind::TypeMismatch,
                s.span,
                format!(
                    "`{key}` must name {expected}, and `{}` is a {} input",
                    s.text,
                    input.kind.name()
                ),
            ));
            return None;
        }
        u16::try_from(index).ok()
    }

    pub(super) fn input(&mut self, t: &mut Table<'_, '_>) -> Option<RawInput> {
        let id = t
            .str("id")
            .and_then(|s| self.check_id(s, "id", true).map(|id| (id, s.span)));
        if let Some((id, _)) = &id {
            t.name = format!("input `{id}`");
        }
        let label = self.text_field(t, "label", true);
        let help = self.text_field(t, "help", false).unwrap_or_default();
        let required = t.opt_bool("required").is_some_and(|(b, _)| b);
        let ask_when = t.opt_str("ask_when").map(|s| (s.text.to_string(), s.span));
        let kind_name = t.str("type");
        let kind = kind_name.and_then(|k| self.input_kind(t, k));
        let (id, id_span) = id?;
        Some(RawInput {
            id_span,
            input: Input {
                id: id.into(),
                label: label?,
                help,
                kind: kind?,
                required,
                ask_when: None,
            },
            ask_when,
        })
    }

    fn input_kind(&mut self, t: &mut Table<'_, '_>, kind: Str<'_>) -> Option<InputKind> {
        const SPECIFIC: [(&str, &str); 5] = [
            ("min", "int"),
            ("max", "int"),
            ("options", "choice"),
            ("max_length", "text"),
            ("multiline", "text"),
        ];
        if !matches!(kind.text, "bool" | "int" | "choice" | "text") {
            let shown: String = kind.text.chars().take(64).collect();
            self.diags.push(
                Diagnostic::new(
                    ErrorKind::InvalidValue,
                    kind.span,
                    format!("`{shown}` is not an input type"),
                )
                .with_help("the input types are `bool`, `int`, `choice` and `text`"),
            );
            return None;
        }
        for (key, owner) in SPECIFIC {
            if owner != kind.text {
                if let Some(value) = t.get(key) {
                    self.diags.push(Diagnostic::new(
                        ErrorKind::InvalidValue,
                        value.span,
                        format!(
                            "`{key}` applies only to {owner} inputs, and this is a {} input",
                            kind.text
                        ),
                    ));
                }
            }
        }
        match kind.text {
            "bool" => Some(InputKind::Bool),
            "int" => {
                let min = t.opt_int("min").map_or(i64::MIN, |(v, _)| v);
                let max = t.opt_int("max");
                let max_value = max.map_or(i64::MAX, |(v, _)| v);
                if min > max_value {
                    let span = max.map_or(t.span, |(_, s)| s);
                    self.diags.push(Diagnostic::new(
                        ErrorKind::InvalidValue,
                        span,
                        format!("`max` ({max_value}) is less than `min` ({min})"),
                    ));
                    return None;
                }
                Some(InputKind::Int {
                    min,
                    max: max_value,
                })
            }
            "choice" => {
                let Some((values, span)) = t.opt_array("options") else {
                    // Present but not an array: that was reported already.
                    if !t.has("options") {
                        self.diags.push(
                            Diagnostic::new(
                                ErrorKind::MissingKey,
                                kind.span,
                                "a choice input needs `options`",
                            )
                            .with_help("add `options = [\"a\", \"b\"]`"),
                        );
                    }
                    return None;
                };
                self.options(values, span)
                    .map(|options| InputKind::Choice { options })
            }
            _ => {
                let max_length = match t.opt_int("max_length") {
                    None => DEFAULT_TEXT_ANSWER_CHARS,
                    Some((v, span)) => match usize::try_from(v) {
                        Ok(v) if v >= 1 => v,
                        _ => {
                            self.diags.push(Diagnostic::new(
                                ErrorKind::InvalidValue,
                                span,
                                "`max_length` must be at least 1",
                            ));
                            return None;
                        }
                    },
                };
                let multiline = t.opt_bool("multiline").is_some_and(|(b, _)| b);
                Some(InputKind::Text {
                    max_length,
                    multiline,
                })
            }
        }
    }

    pub(super) fn options(
        &mut self,
        values: &[Value<'_>],
        span: Span,
    ) -> Option<Vec<ChoiceOption>> {
        if values.is_empty() {
            self.diags.push(Diagnostic::new(
                ErrorKind::InvalidValue,
                span,
                "`options` is empty",
            ));
            return None;
        }
        if values.len() > MAX_OPTIONS {
            self.diags.push(Diagnostic::new(
                ErrorKind::LimitExceeded,
                span,
                format!(
                    "a choice has at most {MAX_OPTIONS} options, this one has {}",
                    values.len()
                ),
            ));
            return None;
        }
        let mut options: Vec<ChoiceOption> = Vec::new();
        let mut ok = true;
        for value in values {
            let option = match &value.kind {
                Kind::String(s) => Some((s.to_string(), s.to_string(), value.span)),
                Kind::Table(_) => {
                    let mut t = Table::of(value, "option".into()).ok()?;
                    let v = t.str("value");
                    let label = self.text_field(&mut t, "label", true);
                    self.extend(t.finish());
                    match (v, label) {
                        (Some(v), Some(label)) => Some((v.text.to_string(), label, v.span)),
                        _ => None,
                    }
                }
                _ => {
                    self.diags.push(wrong_type(
                        value,
                        "an option",
                        "a string or a `{ value, label }` table",
                    ));
                    None
                }
            };
            let Some((value, label, value_span)) = option else {
                ok = false;
                continue;
            };
            if value.is_empty() || value.len() > MAX_ID_BYTES {
                self.diags.push(Diagnostic::new(
                    ErrorKind::InvalidValue,
                    value_span,
                    format!("an option must be 1 to {MAX_ID_BYTES} bytes long"),
                ));
                ok = false;
            } else if options.iter().any(|o| o.value == value) {
                self.diags.push(Diagnostic::new(
                    ErrorKind::DuplicateId,
                    value_span,
                    format!("option `{value}` is listed twice"),
                ));
                ok = false;
            } else {
                options.push(ChoiceOption { value, label });
            }
        }
        ok.then_some(options)
    }

    /// Orders inputs so that each `ask_when` reads only earlier ones, and
    /// reports every cycle.
    pub(super) fn ask_order(&mut self, inputs: &[Input], raw: &[RawInput]) -> Vec<u16> {
        let deps: Vec<Vec<u16>> = inputs
            .iter()
            .map(|i| {
                let mut out = Vec::new();
                if let Some(c) = &i.ask_when {
                    c.expr.inputs(&mut out);
                }
                out
            })
            .collect();
        // Iterative depth-first search: 0 = new, 1 = on the stack, 2 = done.
        let mut state = vec![0u8; inputs.len()];
        let mut order = Vec::with_capacity(inputs.len());
        for root in 0..inputs.len() {
            if state.get(root) != Some(&0) {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            if let Some(s) = state.get_mut(root) {
                *s = 1;
            }
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let dep = deps
                    .get(node)
                    .and_then(|d| d.get(*next))
                    .map(|&d| usize::from(d));
                *next += 1;
                match dep {
                    None => {
                        stack.pop();
                        if let Some(s) = state.get_mut(node) {
                            *s = 2;
                        }
                        order.extend(u16::try_from(node).ok());
                    }
                    Some(dep) => match state.get(dep) {
                        Some(0) => {
                            if let Some(s) = state.get_mut(dep) {
                                *s = 1;
                            }
                            stack.push((dep, 0));
                        }
                        Some(1) => {
                            // A back edge: the cycle is the stack from `dep` up.
                            let from = stack.iter().position(|(n, _)| *n == dep).unwrap_or(0);
                            let path: Vec<String> = stack
                                .get(from..)
                                .unwrap_or(&[])
                                .iter()
                                .filter_map(|(n, _)| inputs.get(*n).map(|i| format!("`{}`", i.id)))
                                .chain(inputs.get(dep).map(|i| format!("`{}`", i.id)))
                                .collect();
                            let span = raw
                                .get(node)
                                .and_then(|r| r.ask_when.as_ref())
                                .map_or(Span::new(0, 0), |(_, span)| *span);
                            let name = inputs.get(node).map_or("", |i| &*i.id);
                            self.diags.push(
                                Diagnostic::new(
                                    ErrorKind::AskWhenCycle,
                                    span,
                                    format!("`ask_when` of `{name}` depends on itself: {}", path.join(" → ")),
                                )
                                .with_help("whether a question is asked cannot depend on its own answer; break the cycle"),
                            );
                        }
                        _ => {}
                    },
                }
            }
        }
        order
    }
}
