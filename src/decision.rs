//! Evaluation: a policy and an incident's facts → a [`Decision`] that
//! explains itself.
//!
//! Every item of a decision carries a [`Why`]: the rule that produced it, the
//! condition's text, and the inputs whose values made it hold. Items keep the
//! policy file's order, so the same policy and facts always give the same
//! decision, natively and in the browser. The serde shape of `Decision` is
//! the decision JSON contract of the CLI and the JS API.

use std::rc::Rc;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::expr::{Condition, Env, Ref};
use crate::incident::{Facts, Value};
use crate::outcome::{Bits, Outcome, outcome};
use crate::policy::{DeadlineStart, Phase, Policy, Required, Requirement, Verdict};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    pub policy: PolicyRef,
    pub verdict: Verdict,
    pub reason: Rc<str>,
    pub why: Why,
    pub approvers: Vec<ApproverItem>,
    pub tests: Vec<TestItem>,
    pub communications: Vec<CommunicationItem>,
    pub blockers: Vec<BlockerItem>,
    pub deadlines: Vec<DeadlineItem>,
    pub follow_ups: Vec<FollowUpItem>,
    pub record_fields: Vec<RecordFieldItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyRef {
    pub id: String,
    pub version: String,
    pub hash: String,
}

/// Why a decision item is there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Why {
    /// The rule that produced it: `qualification.p1`, `approvers.security-lead`...
    pub rule: Rc<str>,
    /// The condition's text; `None` for an item that always applies.
    pub condition: Option<Rc<str>>,
    /// The inputs (and `verdict`) whose values made the condition hold, in
    /// the order the condition reads them.
    pub inputs: WhyInputs,
}

/// Input id → value, serialized as an object in the order found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WhyInputs(pub Vec<(Rc<str>, Value)>);

impl Serialize for WhyInputs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApproverItem {
    /// The role.
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub description: Rc<str>,
    /// How many different people of the role must approve.
    pub count: u32,
    pub why: Why,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TestItem {
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub description: Rc<str>,
    pub waiver_role: Option<Rc<str>>,
    pub why: Why,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommunicationItem {
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub description: Rc<str>,
    pub audience: Rc<str>,
    pub channel: Rc<str>,
    pub phase: Phase,
    /// The template filled in with the incident's answers.
    pub message: String,
    pub why: Why,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockerItem {
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub description: Rc<str>,
    /// The role whose sign-off clears it, if any.
    pub cleared_by: Option<Rc<str>>,
    pub why: Why,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeadlineItem {
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub description: Rc<str>,
    pub minutes: u32,
    pub starts: DeadlineStart,
    pub why: Why,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowUpItem {
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub description: Rc<str>,
    pub due_days: Option<u32>,
    pub business_days: bool,
    pub why: Why,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordFieldItem {
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub help: Rc<str>,
    pub required: bool,
    pub multiline: bool,
}

/// Evaluates `policy` on `facts` (already validated) and explains it.
pub fn decide(policy: &Policy, facts: &Facts) -> Decision {
    explain_outcome(policy, facts, &outcome(policy, facts))
}

/// The full decision for an [`Outcome`]: labels, rendered messages, *why*.
pub fn explain_outcome(policy: &Policy, facts: &Facts, outcome: &Outcome) -> Decision {
    let qualification = &policy.qualification;
    let verdict = outcome.verdict;
    let env = Env {
        facts,
        verdict: None,
    };
    let (reason, verdict_why) = match outcome
        .rule
        .and_then(|i| qualification.rules.get(usize::from(i)))
    {
        Some(rule) => (
            rule.reason.clone(),
            explain(policy, env, &rule.rule, Some(&rule.when)),
        ),
        None => (
            qualification.default_reason.clone(),
            explain(policy, env, &Rc::from("qualification.default"), None),
        ),
    };
    let env = Env {
        facts,
        verdict: Some(verdict),
    };
    let why = |r: &Requirement| explain(policy, env, &r.rule, r.when.as_ref());
    // The items an outcome selected, in policy order, each made by `f`
    // (through `dyn`: one small function per item type, as `vec::map`).
    #[inline(never)]
    fn chosen<T, U>(items: &[T], bits: &Bits, f: &mut dyn FnMut(&T) -> U) -> Vec<U> {
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if bits.contains(i) {
                out.push(f(item));
            }
        }
        out
    }

    Decision {
        policy: PolicyRef {
            id: policy.id.clone(),
            version: policy.version.clone(),
            hash: policy.hash.clone(),
        },
        verdict,
        reason,
        why: verdict_why,
        approvers: chosen(&policy.approvers, &outcome.approvers, &mut |a| {
            ApproverItem {
                id: a.requirement.id.clone(),
                label: a.requirement.label.clone(),
                description: a.requirement.description.clone(),
                count: a.count,
                why: why(&a.requirement),
            }
        }),
        tests: chosen(&policy.tests, &outcome.tests, &mut |t| TestItem {
            id: t.requirement.id.clone(),
            label: t.requirement.label.clone(),
            description: t.requirement.description.clone(),
            waiver_role: t.waiver_role.clone(),
            why: why(&t.requirement),
        }),
        communications: chosen(&policy.communications, &outcome.communications, &mut |c| {
            CommunicationItem {
                id: c.requirement.id.clone(),
                label: c.requirement.label.clone(),
                description: c.requirement.description.clone(),
                audience: c.audience.clone(),
                channel: c.channel.clone(),
                phase: c.phase,
                message: c.template.render(policy, facts),
                why: why(&c.requirement),
            }
        }),
        blockers: chosen(&policy.blockers, &outcome.blockers, &mut |b| BlockerItem {
            id: b.requirement.id.clone(),
            label: b.requirement.label.clone(),
            description: b.requirement.description.clone(),
            cleared_by: b.cleared_by.clone(),
            why: why(&b.requirement),
        }),
        deadlines: chosen(&policy.deadlines, &outcome.deadlines, &mut |d| {
            let rule = &d.requirement.rule;
            let (minutes, why) = match d.cases.iter().find(|(c, _)| c.expr.eval(env)) {
                Some((condition, minutes)) => {
                    (*minutes, explain(policy, env, rule, Some(condition)))
                }
                None => (
                    d.minutes,
                    explain(policy, env, rule, d.requirement.when.as_ref()),
                ),
            };
            DeadlineItem {
                id: d.requirement.id.clone(),
                label: d.requirement.label.clone(),
                description: d.requirement.description.clone(),
                minutes,
                starts: d.starts,
                why,
            }
        }),
        follow_ups: chosen(&policy.follow_ups, &outcome.follow_ups, &mut |f| {
            FollowUpItem {
                id: f.requirement.id.clone(),
                label: f.requirement.label.clone(),
                description: f.requirement.description.clone(),
                due_days: f.due_days,
                business_days: f.business_days,
                why: why(&f.requirement),
            }
        }),
        record_fields: policy
            .record
            .iter()
            .map(|r| RecordFieldItem {
                id: r.id.clone(),
                label: r.label.clone(),
                help: r.help.clone(),
                required: match &r.required {
                    Required::Always => true,
                    Required::Never => false,
                    Required::When(c) => c.expr.eval(env),
                },
                multiline: r.multiline,
            })
            .collect(),
    }
}

fn explain(policy: &Policy, env: Env<'_>, rule: &Rc<str>, condition: Option<&Condition>) -> Why {
    let mut refs = Vec::new();
    if let Some(condition) = condition {
        condition.expr.explain(env, &mut refs);
    }
    let inputs = refs
        .into_iter()
        .filter_map(|r| match r {
            Ref::Input(i) => {
                let input = policy.inputs.get(usize::from(i))?;
                Some((input.id.clone(), env.facts.value(policy, i)))
            }
            Ref::Verdict => env
                .verdict
                .map(|v| (Rc::from("verdict"), Value::Text(v.as_str().to_string()))),
        })
        .collect();
    Why {
        rule: rule.clone(),
        condition: condition.map(|c| c.source.clone()),
        inputs: WhyInputs(inputs),
    }
}
