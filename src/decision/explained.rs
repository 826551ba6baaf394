//! The explained decision: a policy and an incident's facts → a
//! [`Decision`] that explains itself (the sink of `walk` that keeps labels,
//! messages and *why* values).
//!
//! Every item of a decision carries a [`Why`]: the rule that produced it, the
//! condition's text, and the inputs whose values made it hold. Items keep the
//! policy file's order, so the same policy and facts always give the same
//! decision, natively and in the browser. The serde shape of `Decision` is
//! the decision JSON contract of the CLI and the JS API.

use std::rc::Rc;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::walk::{Applied, Reason, Sink, walk};
use crate::expr::Ref;
use crate::facts::{Facts, Value};
use crate::outcome::{Outcome, outcome};
use crate::policy::{Item, Policy, QualificationRule, RecordField};
use crate::vocab::{DeadlineStart, ItemKind, Phase, Verdict};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    pub policy: PolicyRef,
    pub verdict: Verdict,
    pub reason: Rc<str>,
    pub why: Why,
    /// The questions asked without a (valid) answer, by id: the decision
    /// counts each as `false`, `0` or nothing (evaluation does not change),
    /// and says so here.
    pub unanswered: Vec<Rc<str>>,
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
    let mut sink = Explained {
        policy,
        facts,
        verdict: None,
        decision: Decision {
            policy: PolicyRef {
                id: policy.id.clone(),
                version: policy.version.clone(),
                hash: policy.hash.clone(),
            },
            verdict: outcome.verdict,
            reason: policy.qualification.default_reason.clone(),
            why: Why {
                rule: policy.qualification.default_rule.clone(),
                condition: None,
                inputs: WhyInputs::default(),
            },
            unanswered: facts
                .unanswered()
                .iter()
                .filter_map(|&i| policy.inputs.get(usize::from(i)))
                .map(|input| input.id.clone())
                .collect(),
            approvers: Vec::new(),
            tests: Vec::new(),
            communications: Vec::new(),
            blockers: Vec::new(),
            deadlines: Vec::new(),
            follow_ups: Vec::new(),
            record_fields: Vec::new(),
        },
    };
    walk(policy, facts, outcome, &mut sink);
    sink.decision
}

/// The sink that builds the explained [`Decision`].
struct Explained<'a> {
    policy: &'a Policy,
    facts: &'a Facts,
    /// Known after the verdict (requirement conditions may read it).
    verdict: Option<Verdict>,
    decision: Decision,
}

impl Explained<'_> {
    fn why(&self, reason: &Reason<'_>) -> Why {
        let inputs = reason
            .refs
            .iter()
            .filter_map(|r| match *r {
                Ref::Input(i) => {
                    let input = self.policy.inputs.get(usize::from(i))?;
                    Some((input.id.clone(), self.policy.value(self.facts, i)))
                }
                Ref::Verdict => self
                    .verdict
                    .map(|v| (Rc::from("verdict"), Value::Text(v.as_str().to_string()))),
            })
            .collect();
        Why {
            rule: reason.rule.clone(),
            condition: reason.condition.map(|(_, c)| c.source.clone()),
            inputs: WhyInputs(inputs),
        }
    }
}

impl Sink for Explained<'_> {
    fn verdict(
        &mut self,
        verdict: Verdict,
        rule: Option<(u16, &QualificationRule)>,
        why: Reason<'_>,
    ) {
        self.decision.why = self.why(&why);
        if let Some((_, rule)) = rule {
            self.decision.reason = rule.reason.clone();
        }
        self.verdict = Some(verdict);
    }

    fn kind(&mut self, _kind: ItemKind, _count: usize) {}

    fn item(&mut self, applied: Applied<'_>) {
        let why = self.why(&applied.why);
        let r = applied.item.requirement();
        let (id, label, description) = (r.id.clone(), r.label.clone(), r.description.clone());
        let d = &mut self.decision;
        match applied.item {
            Item::Approver(a) => d.approvers.push(ApproverItem {
                id,
                label,
                description,
                count: a.count,
                why,
            }),
            Item::Test(t) => d.tests.push(TestItem {
                id,
                label,
                description,
                waiver_role: t.waiver_role.clone(),
                why,
            }),
            Item::Communication(c) => d.communications.push(CommunicationItem {
                id,
                label,
                description,
                audience: c.audience.clone(),
                channel: c.channel.clone(),
                phase: c.phase,
                message: self.policy.render(&c.template, self.facts),
                why,
            }),
            Item::Blocker(b) => d.blockers.push(BlockerItem {
                id,
                label,
                description,
                cleared_by: b.cleared_by.clone(),
                why,
            }),
            Item::Deadline(x) => d.deadlines.push(DeadlineItem {
                id,
                label,
                description,
                minutes: applied.minutes.unwrap_or(x.minutes),
                starts: x.starts,
                why,
            }),
            Item::FollowUp(f) => d.follow_ups.push(FollowUpItem {
                id,
                label,
                description,
                due_days: f.due_days,
                business_days: f.business_days,
                why,
            }),
        }
    }

    fn record_field(&mut self, field: &RecordField, required: bool) {
        self.decision.record_fields.push(RecordFieldItem {
            id: field.id.clone(),
            label: field.label.clone(),
            help: field.help.clone(),
            required,
            multiline: field.multiline,
        });
    }
}
