//! What an approval was given on, and whether it still holds: a
//! [`Basis`] binds an approval, sign-off or waiver to a digest of the
//! decision and of the answers the policy's conditions read. When a later
//! answer changes either, it is *stale*: given on different facts, no
//! longer counted, and re-confirmable. Text no condition reads (the title,
//! the problem statement) is not in the basis, so editing it makes nothing
//! stale.

use std::fmt::Write as _;

use super::draft::Basis;
use super::words;
use crate::decision::Decision;
use crate::facts::{Facts, Value};
use crate::incident::{Answer, Incident};
use crate::policy::{Policy, fnv1a_hex};

/// The decision's digest: its verdict and the ids (with counts and
/// minutes) of everything it requires, FNV-1a 64 in hex.
pub fn decision_digest(decision: &Decision) -> String {
    let mut text = String::new();
    let _ = write!(text, "verdict={};", decision.verdict.as_str());
    for a in &decision.approvers {
        let _ = write!(text, "approver={}x{};", a.id, a.count);
    }
    for t in &decision.tests {
        let _ = write!(text, "test={};", t.id);
    }
    for c in &decision.communications {
        let _ = write!(text, "communication={};", c.id);
    }
    for b in &decision.blockers {
        let _ = write!(text, "blocker={};", b.id);
    }
    for d in &decision.deadlines {
        let _ = write!(text, "deadline={}@{};", d.id, d.minutes);
    }
    for f in &decision.follow_ups {
        let _ = write!(text, "follow_up={};", f.id);
    }
    for r in decision.record_fields.iter().filter(|r| r.required) {
        let _ = write!(text, "record={};", r.id);
    }
    fnv1a_hex(&text)
}

/// The digest of answers as a basis holds them.
fn facts_digest(answers: &Incident) -> String {
    let mut text = String::new();
    for (id, answer) in &answers.answers {
        let _ = match answer {
            Answer::Bool(b) => write!(text, "{id}=b{b};"),
            Answer::Int(i) => write!(text, "{id}=i{i};"),
            Answer::Text(t) => write!(text, "{id}=s{}:{t};", t.len()),
            _ => write!(text, "{id}=null;"),
        };
    }
    fnv1a_hex(&text)
}

impl Basis {
    /// The basis of the decision on `facts` under `policy`.
    pub fn of(policy: &Policy, facts: &Facts, decision: &Decision) -> Basis {
        let answers = Incident {
            answers: policy
                .read
                .iter()
                .filter_map(|&i| {
                    let input = policy.inputs.get(usize::from(i))?;
                    let answer = match policy.value(facts, i) {
                        Value::Bool(b) => Answer::Bool(b),
                        Value::Int(n) => Answer::Int(n),
                        Value::Text(t) => Answer::Text(t),
                        Value::Null => Answer::Null,
                    };
                    Some((input.id.to_string(), answer))
                })
                .collect(),
        };
        Basis {
            decision: decision_digest(decision),
            facts: facts_digest(&answers),
            verdict: decision.verdict,
            answers,
        }
    }

    /// Whether what was approved on `self` still holds on `now`.
    pub fn holds_on(&self, now: &Basis) -> bool {
        self.decision == now.decision && self.facts == now.facts
    }

    /// Whether the digests are those of the answers it holds (a hand-edited
    /// basis is not).
    pub fn is_consistent(&self) -> bool {
        self.facts == facts_digest(&self.answers)
    }

    /// What changed from `self` to `now`, in words: "“Estimated size of the
    /// fix, in changed lines”: 80 → 600", "the verdict: Qualifies for a
    /// hotfix → Needs review".
    pub fn changes_to(&self, policy: &Policy, now: &Basis) -> Vec<String> {
        let mut out = Vec::new();
        if self.verdict != now.verdict {
            out.push(format!(
                "the verdict: {} → {}",
                words::verdict_text(self.verdict),
                words::verdict_text(now.verdict)
            ));
        }
        let none: [&str; 0] = [];
        let said = |id: &str, answer: Option<&Answer>| {
            let value = match answer {
                Some(Answer::Bool(b)) => Value::Bool(*b),
                Some(Answer::Int(n)) => Value::Int(*n),
                Some(Answer::Text(t)) => Value::Text(t.clone()),
                _ => Value::Null,
            };
            words::answer(policy, &none, id, &value)
        };
        let mut ids: Vec<&str> = self
            .answers
            .answers
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        for (id, _) in &now.answers.answers {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
        for id in ids {
            let (before, after) = (self.answers.get(id), now.answers.get(id));
            if before != after {
                let label = policy
                    .inputs
                    .iter()
                    .find(|i| *i.id == *id)
                    .map_or(id, |i| i.label.as_str());
                out.push(format!(
                    "“{label}”: {} → {}",
                    said(id, before),
                    said(id, after)
                ));
            }
        }
        if out.is_empty() && self.decision != now.decision {
            out.push("the decision changed (under another policy text)".into());
        }
        out
    }
}
