//! Requirements: the qualification rules, the fields every requirement has, deadlines and record fields.

use super::super::fields::Table;
use super::super::{
    Deadline, DeadlineStart, Input, Qualification, QualificationRule, RecordField, Required,
    Requirement, Verdict,
};
use super::Loader;
use super::conditions::InputScope;
use super::values::Ids;
use crate::diagnostic::{Diagnostic, ErrorKind, Span};
use crate::expr::Scope;
use crate::support::text::find;

impl Loader<'_> {
    pub(super) fn requirement(
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

    pub(super) fn qualification(
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

    pub(super) fn deadline(
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

    pub(super) fn record_field(
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
