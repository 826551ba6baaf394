//! Loads a policy: TOML text → type-checked [`Policy`], or every problem.
//!
//! The TOML is parsed into a spanned tree ([`crate::toml`]), then walked
//! by hand with `fields::Table` so that all problems are collected, each with the
//! span of the offending key, value or token. Conditions and templates are
//! compiled against the inputs in a second pass, once all inputs are known.

use super::Program;
use super::fields::{Str, Table, Value, wrong_type};
use super::{
    Approver, Blocker, ChoiceOption, Communication, Deadline, DeadlineStart, FollowUp, Input,
    InputKind, Phase, Policy, Qualification, QualificationRule, RecordField, Required, Requirement,
    Template, TestRequirement, Verdict, fnv1a_hex,
};
use crate::diagnostic::{Diagnostic, ErrorKind, LineIndex, Span, shift_all};
use crate::expr::{self, Condition, Scope, VarType};
use crate::limits::{
    DEFAULT_TEXT_ANSWER_CHARS, MAX_APPROVER_COUNT, MAX_ID_BYTES, MAX_ITEMS, MAX_OPTIONS,
    MAX_POLICY_BYTES, MAX_POLICY_NODES, MAX_TEXT_BYTES,
};
use crate::support::text::find;
use crate::toml::{self, Kind};

/// Parses and checks a policy. On failure, every diagnostic found, in source order.
pub fn load(source: &str) -> Result<Policy, Vec<Diagnostic>> {
    if source.len() > MAX_POLICY_BYTES {
        return Err(vec![Diagnostic::new(
            ErrorKind::LimitExceeded,
            Span::new(0, 0),
            format!(
                "policy is {} bytes; the limit is {MAX_POLICY_BYTES}",
                source.len()
            ),
        )]);
    }
    // A byte-order mark is fine; spans are shifted back over it at the end.
    let (text, base) = match source.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8()),
        None => (source, 0),
    };
    let (doc, mut syntax) = toml::parse(text);
    if !syntax.is_empty() {
        // Checking the rest of a broken file would report phantom problems.
        shift_all(&mut syntax, base);
        return Err(syntax);
    }
    let mut loader = Loader {
        text,
        lines: LineIndex::new(text),
        diags: Vec::new(),
        nodes: 0,
    };
    let policy = loader.policy(&doc, source);
    let mut diags = loader.diags;
    shift_all(&mut diags, base);
    match policy {
        Some(policy) if diags.is_empty() => Ok(policy),
        _ => {
            crate::support::sort::sort_by(&mut diags, |a, b| a.span.cmp(&b.span));
            Err(diags)
        }
    }
}

struct Loader<'s> {
    text: &'s str,
    lines: LineIndex<'s>,
    diags: Vec<Diagnostic>,
    /// Expression nodes so far, against [`MAX_POLICY_NODES`].
    nodes: usize,
}

/// The names conditions may use: the inputs, and `verdict` in requirements.
struct InputScope<'a> {
    inputs: &'a [Input],
    options: Vec<Vec<String>>,
    verdict: bool,
}

impl<'a> InputScope<'a> {
    fn new(inputs: &'a [Input], verdict: bool) -> Self {
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

/// An input as read in the first pass, before conditions can be compiled.
struct RawInput {
    input: Input,
    id_span: Span,
    /// The `ask_when` text and the span of its TOML string.
    ask_when: Option<(String, Span)>,
}

/// Ids seen so far in one list, to report duplicates.
#[derive(Default)]
struct Ids {
    seen: Vec<(String, Span)>,
}

impl<'s> Loader<'s> {
    fn extend(&mut self, diags: Vec<Diagnostic>) {
        self.diags.extend(diags);
    }

    fn policy(&mut self, doc: &toml::Table<'_>, source: &str) -> Option<Policy> {
        let mut top = Table::new(doc, Span::new(0, 0), "the policy file".into());

        let meta = self.required_table(&mut top, "policy");
        let (mut id, mut name, mut version, mut description, mut author_may_approve) = (
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            false,
        );
        if let Some(mut meta) = meta {
            id = self.id(&mut meta, "id").unwrap_or_default();
            name = self.text_field(&mut meta, "name", true).unwrap_or_default();
            version = self
                .text_field(&mut meta, "version", true)
                .unwrap_or_default();
            description = self
                .text_field(&mut meta, "description", false)
                .unwrap_or_default();
            author_may_approve = meta.opt_bool("author_may_approve").is_some_and(|(b, _)| b);
            self.extend(meta.finish());
        }

        let raw_inputs = self.items(&mut top, "inputs", "input", |this, t| this.input(t));
        let mut ids = Ids::default();
        for raw in &raw_inputs {
            self.unique(&mut ids, &raw.input.id, raw.id_span, "input");
        }
        let inputs: Vec<Input> = raw_inputs.iter().map(|r| r.input.clone()).collect();
        let mut inputs = inputs;
        // Second pass over inputs: `ask_when` may name any input.
        let ask_whens: Vec<Option<Condition>> = {
            let scope = InputScope::new(&inputs, false);
            raw_inputs
                .iter()
                .map(|raw| {
                    let (text, span) = raw.ask_when.as_ref()?;
                    self.condition(Str { text, span: *span }, &scope)
                })
                .collect()
        };
        for (input, ask_when) in inputs.iter_mut().zip(ask_whens) {
            input.ask_when = ask_when;
        }
        let ask_order = self.ask_order(&inputs, &raw_inputs);

        let qualification = self.qualification(&mut top, &inputs);
        let scope = InputScope::new(&inputs, true);
        let mut ids = Ids::default();
        let approvers = self.items(&mut top, "approvers", "approver", |this, t| {
            let requirement = this.requirement(t, "approvers", "role", &mut ids, &scope);
            let count = match t.opt_int("count") {
                None => 1,
                Some((count, span)) => match u32::try_from(count) {
                    Ok(count) if (1..=MAX_APPROVER_COUNT).contains(&i64::from(count)) => count,
                    _ => {
                        this.diags.push(Diagnostic::new(
                            ErrorKind::InvalidValue,
                            span,
                            format!("`count` must be between 1 and {MAX_APPROVER_COUNT}, found {count}"),
                        ));
                        return None;
                    }
                },
            };
            Some(Approver {
                requirement: requirement?,
                count,
            })
        });
        let mut ids = Ids::default();
        let tests = self.items(&mut top, "tests", "test", |this, t| {
            let requirement = this.requirement(t, "tests", "id", &mut ids, &scope);
            let waiver_role = this.opt_role(t, "waiver_role");
            Some(TestRequirement {
                requirement: requirement?,
                waiver_role: waiver_role.map(Into::into),
            })
        });
        let mut ids = Ids::default();
        let communications = self.items(&mut top, "communications", "communication", |this, t| {
            let requirement = this.requirement(t, "communications", "id", &mut ids, &scope);
            let audience = this.text_field(t, "audience", true);
            let channel = this.text_field(t, "channel", true);
            let phase = this.one_of(t, "phase", &Phase::ALL, Phase::as_str, true);
            let template = t.str("template").and_then(|s| this.template(s, &scope));
            Some(Communication {
                requirement: requirement?,
                audience: audience?.into(),
                channel: channel?.into(),
                phase: phase?,
                template: template?,
            })
        });
        let mut ids = Ids::default();
        let blockers = self.items(&mut top, "blockers", "blocker", |this, t| {
            let requirement = this.requirement(t, "blockers", "id", &mut ids, &scope);
            let cleared_by = this.opt_role(t, "cleared_by");
            Some(Blocker {
                requirement: requirement?,
                cleared_by: cleared_by.map(Into::into),
            })
        });
        let mut ids = Ids::default();
        let deadlines = self.items(&mut top, "deadlines", "deadline", |this, t| {
            this.deadline(t, &mut ids, &scope)
        });
        let mut ids = Ids::default();
        let follow_ups = self.items(&mut top, "follow_ups", "follow-up", |this, t| {
            let requirement = this.requirement(t, "follow_ups", "id", &mut ids, &scope);
            let due_days = this.bounded(t, "due_days", 0, 3650);
            let business_days = t.opt_bool("business_days").is_some_and(|(b, _)| b);
            Some(FollowUp {
                requirement: requirement?,
                due_days,
                business_days,
            })
        });
        let mut ids = Ids::default();
        let record = self.items(&mut top, "record", "record field", |this, t| {
            this.record_field(t, &mut ids, &scope)
        });
        self.extend(top.finish());

        if self.nodes > MAX_POLICY_NODES {
            self.diags.push(Diagnostic::new(
                ErrorKind::LimitExceeded,
                Span::new(0, 0),
                format!(
                    "the policy's conditions have {} parts in all; the limit is {MAX_POLICY_NODES}",
                    self.nodes
                ),
            ));
        }
        let qualification = qualification?;
        let rules: Vec<(&Condition, Verdict)> = qualification
            .rules
            .iter()
            .map(|r| (&r.when, r.verdict))
            .collect();
        fn whens<'a>(
            requirements: impl Iterator<Item = &'a Requirement>,
        ) -> Vec<Option<&'a Condition>> {
            requirements.map(|r| r.when.as_ref()).collect()
        }
        // By `ItemKind::index`.
        let items = [
            whens(approvers.iter().map(|x| &x.requirement)),
            whens(tests.iter().map(|x| &x.requirement)),
            whens(communications.iter().map(|x| &x.requirement)),
            whens(blockers.iter().map(|x| &x.requirement)),
            whens(deadlines.iter().map(|x| &x.requirement)),
            whens(follow_ups.iter().map(|x| &x.requirement)),
        ];
        let program = Program::compile(&rules, qualification.default_verdict, &items);
        let policy = Policy {
            id,
            name,
            version,
            description,
            author_may_approve,
            hash: fnv1a_hex(source),
            inputs,
            ask_order,
            qualification,
            approvers,
            tests,
            communications,
            blockers,
            deadlines,
            follow_ups,
            record,
            program,
        };
        Some(policy)
    }

    fn required_table<'a, 'i>(
        &mut self,
        parent: &mut Table<'a, 'i>,
        key: &'static str,
    ) -> Option<Table<'a, 'i>> {
        let Some(value) = parent.get(key) else {
            self.diags.push(
                Diagnostic::new(
                    ErrorKind::MissingKey,
                    Span::new(0, 0),
                    format!("the policy has no `[{key}]` table"),
                )
                .with_help(format!("add a `[{key}]` table")),
            );
            return None;
        };
        match Table::of(value, format!("`[{key}]`")) {
            Ok(table) => Some(table),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    /// Reads the array of tables `key`, one item per table; bad items are
    /// reported and left out.
    fn items<T>(
        &mut self,
        top: &mut Table<'_, '_>,
        key: &'static str,
        what: &str,
        mut read: impl FnMut(&mut Self, &mut Table<'_, '_>) -> Option<T>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        // One body for every item type (`dyn`): it is the same walk each time.
        self.each_item(top, key, what, &mut |this, table| {
            out.extend(read(this, table));
        });
        out
    }

    fn each_item(
        &mut self,
        top: &mut Table<'_, '_>,
        key: &'static str,
        what: &str,
        read: &mut dyn FnMut(&mut Self, &mut Table<'_, '_>),
    ) {
        let Some((values, span)) = top.opt_array(key) else {
            return;
        };
        if values.len() > MAX_ITEMS {
            self.diags.push(Diagnostic::new(
                ErrorKind::LimitExceeded,
                span,
                format!(
                    "`{key}` has {} items; the limit is {MAX_ITEMS}",
                    values.len()
                ),
            ));
            return;
        }
        for (n, value) in values.iter().enumerate() {
            let mut table = match Table::of(value, format!("{what} #{}", n + 1)) {
                Ok(table) => table,
                Err(d) => {
                    self.diags
                        .push(d.with_help(format!("write each {what} as a `[[{key}]]` table")));
                    continue;
                }
            };
            read(self, &mut table);
            self.extend(table.finish());
        }
    }

    /// A required or optional text field, within the length limit.
    fn text_field(
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
    fn id(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> Option<String> {
        let s = t.str(key)?;
        self.check_id(s, key, false)
    }

    fn check_id(&mut self, s: Str<'_>, key: &str, identifier: bool) -> Option<String> {
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

    fn opt_role(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> Option<String> {
        let s = t.opt_str(key)?;
        self.check_id(s, key, false)
    }

    /// Registers `id` in `ids`, reporting a duplicate.
    fn unique(&mut self, ids: &mut Ids, id: &str, span: Span, what: &str) -> bool {
        if let Some((_, first)) = ids.seen.iter().find(|(seen, _)| seen == id) {
            let line = self.lines.position(first.start).line;
            self.diags.push(
                Diagnostic::new(
                    ErrorKind::DuplicateId,
                    span,
                    format!("two {what}s are called `{id}`"),
                )
                .with_help(format!("the first is on line {line}; ids must be unique")),
            );
            return false;
        }
        ids.seen.push((id.to_string(), span));
        true
    }

    /// A string that must be one of `choices`.
    fn one_of<T: Copy>(
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
    fn bounded(
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

    /// Compiles the condition in the TOML string `s`.
    fn condition(&mut self, s: Str<'_>, scope: &dyn Scope) -> Option<Condition> {
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

    fn template(&mut self, s: Str<'_>, scope: &InputScope<'_>) -> Option<Template> {
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

    fn requirement(
        &mut self,
        t: &mut Table<'_, '_>,
        kind: &str,
        id_key: &'static str,
        ids: &mut Ids,
        scope: &dyn Scope,
    ) -> Option<Requirement> {
        let id_str = t.str(id_key);
        let id = id_str.and_then(|s| self.check_id(s, id_key, false));
        if let Some(id) = &id {
            let kind = find(&t.name, " #").and_then(|at| t.name.get(..at));
            t.name = format!("{} `{id}`", kind.unwrap_or(&t.name));
        }
        let label = self.text_field(t, "label", true);
        let description = self.text_field(t, "description", false).unwrap_or_default();
        let when = t.opt_str("when");
        let when = match when {
            Some(s) => Some(self.condition(s, scope)?),
            None => None,
        };
        let (id, id_str) = (id?, id_str?);
        let what = t.name.split(' ').next().unwrap_or("item").to_string();
        if !self.unique(ids, &id, id_str.span, &what) {
            return None;
        }
        Some(Requirement {
            rule: format!("{kind}.{id}").into(),
            id: id.into(),
            label: label?.into(),
            description: description.into(),
            when,
        })
    }

    fn input(&mut self, t: &mut Table<'_, '_>) -> Option<RawInput> {
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
                    if !t
                        .errors
                        .iter()
                        .any(|d| find(&d.message, "`options`").is_some())
                    {
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

    fn options(&mut self, values: &[Value<'_>], span: Span) -> Option<Vec<ChoiceOption>> {
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
    fn ask_order(&mut self, inputs: &[Input], raw: &[RawInput]) -> Vec<u16> {
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

    fn qualification(
        &mut self,
        top: &mut Table<'_, '_>,
        inputs: &[Input],
    ) -> Option<Qualification> {
        let Some(value) = top.get("qualification") else {
            self.diags.push(
                Diagnostic::new(ErrorKind::NoQualificationRule, Span::new(0, 0), "the policy has no qualification rules")
                    .with_help("add a `[qualification]` table with `default`, `default_reason` and `[[qualification.rules]]`"),
            );
            return None;
        };
        let mut t = match Table::of(value, "`[qualification]`".into()) {
            Ok(t) => t,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        let default_verdict = self.one_of(&mut t, "default", &Verdict::ALL, Verdict::as_str, true);
        let default_reason = self.text_field(&mut t, "default_reason", true);
        let scope = InputScope::new(inputs, false);
        let mut ids = Ids::default();
        let rules = self.items(&mut t, "rules", "rule", |this, r| {
            let id = r
                .str("id")
                .and_then(|s| this.check_id(s, "id", false).map(|id| (id, s.span)));
            if let Some((id, _)) = &id {
                r.name = format!("rule `{id}`");
            }
            let when = r.str("when").and_then(|s| this.condition(s, &scope));
            let verdict = this.one_of(r, "verdict", &Verdict::ALL, Verdict::as_str, true);
            let reason = this.text_field(r, "reason", true);
            let (id, span) = id?;
            if !this.unique(&mut ids, &id, span, "rule") {
                return None;
            }
            Some(QualificationRule {
                rule: format!("qualification.{id}").into(),
                id,
                when: when?,
                verdict: verdict?,
                reason: reason?.into(),
            })
        });
        let has_rules = t.opt_array("rules").is_some_and(|(r, _)| !r.is_empty());
        if !has_rules {
            self.diags.push(
                Diagnostic::new(ErrorKind::NoQualificationRule, t.span, "`[qualification]` has no rules")
                    .with_help("add at least one `[[qualification.rules]]` with `id`, `when`, `verdict` and `reason`"),
            );
        }
        self.extend(t.finish());
        Some(Qualification {
            rules,
            default_verdict: default_verdict?,
            default_reason: default_reason?.into(),
            default_rule: "qualification.default".into(),
        })
    }

    fn deadline(
        &mut self,
        t: &mut Table<'_, '_>,
        ids: &mut Ids,
        scope: &InputScope<'_>,
    ) -> Option<Deadline> {
        let requirement = self.requirement(t, "deadlines", "id", ids, scope);
        let starts = match t.opt_str("starts") {
            None => Some(DeadlineStart::Incident),
            Some(_) => self.one_of(
                t,
                "starts",
                &DeadlineStart::ALL,
                DeadlineStart::as_str,
                false,
            ),
        };
        let minutes = self.minutes(t);
        let mut cases = Vec::new();
        let mut ok = true;
        if let Some((values, _)) = t.opt_array("cases") {
            for value in values {
                let mut case = match Table::of(value, "deadline case".into()) {
                    Ok(case) => case,
                    Err(d) => {
                        self.diags
                            .push(d.with_help("write cases as `{ when = \"...\", minutes = 60 }`"));
                        ok = false;
                        continue;
                    }
                };
                let when = case.str("when").and_then(|s| self.condition(s, scope));
                let minutes = self.minutes(&mut case);
                self.extend(case.finish());
                match (when, minutes) {
                    (Some(when), Some(minutes)) => cases.push((when, minutes)),
                    _ => ok = false,
                }
            }
        }
        let minutes = minutes?;
        if !ok {
            return None;
        }
        Some(Deadline {
            requirement: requirement?,
            starts: starts?,
            cases,
            minutes,
        })
    }

    /// `minutes`: required, 0 to a year.
    fn minutes(&mut self, t: &mut Table<'_, '_>) -> Option<u32> {
        const YEAR: i64 = 366 * 24 * 60;
        let (value, span) = t.int("minutes")?;
        if !(0..=YEAR).contains(&value) {
            self.diags.push(Diagnostic::new(
                ErrorKind::InvalidValue,
                span,
                format!("`minutes` must be between 0 and {YEAR}, found {value}"),
            ));
            return None;
        }
        u32::try_from(value).ok()
    }

    fn record_field(
        &mut self,
        t: &mut Table<'_, '_>,
        ids: &mut Ids,
        scope: &InputScope<'_>,
    ) -> Option<RecordField> {
        let id = t
            .str("id")
            .and_then(|s| self.check_id(s, "id", false).map(|id| (id, s.span)));
        if let Some((id, _)) = &id {
            t.name = format!("record field `{id}`");
        }
        let label = self.text_field(t, "label", true);
        let help = self.text_field(t, "help", false).unwrap_or_default();
        let multiline = t.opt_bool("multiline").is_none_or(|(b, _)| b);
        let required = t.opt_bool("required");
        let required_when = t.opt_str("required_when");
        let required = match (required, required_when) {
            (Some(_), Some(s)) => {
                self.diags.push(
                    Diagnostic::new(
                        ErrorKind::InvalidValue,
                        s.span,
                        "give `required` or `required_when`, not both",
                    )
                    .with_help(
                        "`required_when` alone makes the field required when its condition holds",
                    ),
                );
                return None;
            }
            (_, Some(s)) => Required::When(self.condition(s, scope)?),
            (Some((true, _)), None) => Required::Always,
            _ => Required::Never,
        };
        let (id, span) = id?;
        if !self.unique(ids, &id, span, "record field") {
            return None;
        }
        Some(RecordField {
            id: id.into(),
            label: label?.into(),
            help: help.into(),
            required,
            multiline,
        })
    }
}
