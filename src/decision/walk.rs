//! The one walk over a decision: a policy, an incident's facts and their
//! [`Outcome`] fed to a [`Sink`] in the decision's order. Every choice a
//! decision makes beyond the outcome is taken here, once: the order of the
//! items, which deadline case gives the minutes, the rule that *why* names
//! (the default's included), what each condition read, and which record
//! fields are required. The explained decision (`explained`) and the
//! compact encoding for JS (`web::wire`) are two sinks of this walk.

use std::rc::Rc;

use crate::expr::{Condition, Env, Ref};
use crate::facts::Facts;
use crate::outcome::Outcome;
use crate::policy::{Item, Policy, QualificationRule, RecordField, Required};
use crate::vocab::{ItemKind, Verdict};

/// Why a part of a decision is there, as the walk found it.
pub struct Reason<'a> {
    /// The rule: `qualification.p1`, `approvers.security-lead`...
    pub rule: &'a Rc<str>,
    /// The condition that held, with its place among the rule's conditions
    /// (see [`Item::conditions`]); `None` when there is no condition.
    pub condition: Option<(usize, &'a Condition)>,
    /// What the condition read, in reading order (the inputs and the
    /// verdict whose values made it hold).
    pub refs: &'a [Ref],
}

/// One item that applies.
pub struct Applied<'a> {
    /// Its place among the policy's items of its kind.
    pub index: usize,
    pub item: Item<'a>,
    /// For a deadline: the minutes of the first case that holds, or its
    /// default; `None` for other items.
    pub minutes: Option<u32>,
    pub why: Reason<'a>,
}

/// What a decision is made into.
pub trait Sink {
    /// The verdict, the rule that gave it (`None`: the default) and why.
    fn verdict(
        &mut self,
        verdict: Verdict,
        rule: Option<(u16, &QualificationRule)>,
        why: Reason<'_>,
    );
    /// Before the items of `kind`: how many apply.
    fn kind(&mut self, kind: ItemKind, count: usize);
    /// One item of the kind last announced, in policy order.
    fn item(&mut self, applied: Applied<'_>);
    /// Every record field of the policy, in order, and whether this
    /// incident requires it.
    fn record_field(&mut self, field: &RecordField, required: bool);
}

/// Feeds the decision for `outcome` (of `policy` on `facts`) to `sink`.
pub fn walk(policy: &Policy, facts: &Facts, outcome: &Outcome, sink: &mut dyn Sink) {
    let mut refs = Vec::with_capacity(8);
    let env = Env {
        facts,
        verdict: None,
    };
    let q = &policy.qualification;
    let rule = outcome
        .rule
        .and_then(|i| Some((i, q.rules.get(usize::from(i))?)));
    let (name, condition) = match rule {
        Some((_, r)) => (&r.rule, Some((0, &r.when))),
        None => (&q.default_rule, None),
    };
    explain(env, condition, &mut refs);
    sink.verdict(
        outcome.verdict,
        rule,
        Reason {
            rule: name,
            condition,
            refs: &refs,
        },
    );

    let env = Env {
        facts,
        verdict: Some(outcome.verdict),
    };
    for kind in ItemKind::ALL {
        let chosen = outcome.chosen(kind);
        sink.kind(kind, chosen.len());
        for index in chosen.iter() {
            let Some(item) = policy.item(kind, index) else {
                continue;
            };
            let requirement = item.requirement();
            let mut condition = requirement.when.as_ref().map(|c| (0, c));
            let mut minutes = None;
            if let Item::Deadline(d) = item {
                // The first case that holds gives the minutes, and is why.
                let case = d
                    .cases
                    .iter()
                    .enumerate()
                    .find(|(_, (c, _))| c.expr.eval(env));
                minutes = Some(match case {
                    Some((i, (c, m))) => {
                        condition = Some((i + 1, c));
                        *m
                    }
                    None => d.minutes,
                });
            }
            explain(env, condition, &mut refs);
            sink.item(Applied {
                index,
                item,
                minutes,
                why: Reason {
                    rule: &requirement.rule,
                    condition,
                    refs: &refs,
                },
            });
        }
    }

    for field in &policy.record {
        let required = match &field.required {
            Required::Always => true,
            Required::Never => false,
            Required::When(c) => c.expr.eval(env),
        };
        sink.record_field(field, required);
    }
}

fn explain(env: Env<'_>, condition: Option<(usize, &Condition)>, refs: &mut Vec<Ref>) {
    refs.clear();
    if let Some((_, condition)) = condition {
        condition.expr.explain(env, refs);
    }
}
