//! The walk over a policy file: each top-level table in turn, then the compiled `Program`.

use super::super::Program;
use super::super::fields::{Str, Table, wrong_type};
use super::super::{
    Approver, Blocker, Communication, DUTIES, FollowUp, Input, InputKind, Phase, Policy,
    Requirement, Separation, TestRequirement, Verdict, fnv1a_hex,
};
use super::Loader;
use super::conditions::InputScope;
use super::inputs::conventional;
use super::values::Ids;
use crate::diagnostic::{Diagnostic, ErrorKind, Span, did_you_mean};
use crate::expr::Condition;
use crate::limits::{MAX_APPROVER_COUNT, MAX_ITEMS, MAX_POLICY_NODES};
use crate::toml::{self};

impl Loader<'_> {
    pub(super) fn extend(&mut self, diags: Vec<Diagnostic>) {
        self.diags.extend(diags);
    }

    pub(super) fn policy(&mut self, doc: &toml::Table<'_>, source: &str) -> Option<Policy> {
        let mut top = Table::new(doc, Span::new(0, 0), "the policy file".into());

        let meta = self.required_table(&mut top, "policy");
        let (mut id, mut name, mut version, mut description, mut author_may_approve) = (
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            false,
        );
        // Checked once the inputs are known.
        let (mut title_key, mut severity_key) = (None, None);
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
            title_key = meta.opt_str("title_input");
            severity_key = meta.opt_str("severity_input");
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
        let is_text = |kind: &InputKind| matches!(kind, InputKind::Text { .. });
        let is_choice = |kind: &InputKind| matches!(kind, InputKind::Choice { .. });
        // Undeclared: the input called `title` (`severity`), if it fits, as
        // policies written before these keys existed expect.
        let title_input = match title_key {
            Some(key) => self.named_input(key, "title_input", &inputs, "a text input", is_text),
            None => conventional(&inputs, "title", is_text),
        };
        let severity_input = match severity_key {
            Some(key) => {
                self.named_input(key, "severity_input", &inputs, "a choice input", is_choice)
            }
            None => conventional(&inputs, "severity", is_choice),
        };

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
        let separate = self.items(&mut top, "separate", "separation", |this, t| {
            this.separation(t, &approvers)
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
            title_input,
            severity_input,
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
            separate,
            read: Vec::new(),
            program,
        };
        Some(Policy {
            read: policy.conditions_read(),
            ..policy
        })
    }

    /// `[[separate]]`: `roles`, two roles (approver roles or duties) one
    /// person must not both hold, and an optional `reason`.
    fn separation(&mut self, t: &mut Table<'_, '_>, approvers: &[Approver]) -> Option<Separation> {
        let reason = self.text_field(t, "reason", false).unwrap_or_default();
        let Some(value) = t.get("roles") else {
            self.diags.push(
                Diagnostic::new(
                    ErrorKind::MissingKey,
                    t.span,
                    "a separation has no `roles`".to_string(),
                )
                .with_help("add `roles = [\"deployer\", \"verifier\"]`, two roles that must be different people"),
            );
            return None;
        };
        let toml::Kind::Array(items) = &value.kind else {
            self.diags
                .push(wrong_type(value, "`roles`", "an array of two roles"));
            return None;
        };
        if items.len() != 2 {
            self.diags.push(Diagnostic::new(
                ErrorKind::InvalidValue,
                value.span,
                format!("`roles` names two roles, found {}", items.len()),
            ));
            return None;
        }
        let mut known: Vec<&str> = approvers.iter().map(|a| &*a.requirement.id).collect();
        known.extend(DUTIES.iter().map(|(id, _)| *id));
        let mut roles = Vec::new();
        for item in items {
            let toml::Kind::String(role) = &item.kind else {
                self.diags.push(wrong_type(item, "a role", "a string"));
                continue;
            };
            if !known.contains(&role.as_ref()) {
                let help = match did_you_mean(role, &mut known.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "roles are approver roles or one of {}",
                        DUTIES.map(|(id, _)| format!("`{id}`")).join(", ")
                    ),
                };
                self.diags.push(
                    Diagnostic::new(
                        ErrorKind::UnknownRole,
                        item.span,
                        format!("`{role}` is not an approver role of this policy or a duty"),
                    )
                    .with_help(help),
                );
                continue;
            }
            roles.push(std::rc::Rc::<str>::from(role.as_ref()));
        }
        let [a, b] = <[std::rc::Rc<str>; 2]>::try_from(roles).ok()?;
        if a == b {
            self.diags.push(Diagnostic::new(
                ErrorKind::InvalidValue,
                value.span,
                format!("`roles` names `{a}` twice; name two different roles"),
            ));
            return None;
        }
        Some(Separation {
            roles: [a, b],
            reason,
        })
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
    pub(super) fn items<T>(
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
}
