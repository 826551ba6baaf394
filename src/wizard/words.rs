//! Words for people: a decision's *why* and an incident's answers as the
//! page and the record say them, with the questions' and options' labels,
//! numbers grouped, and an unanswered question said to be unanswered (ids
//! stay in JSON, where they are a contract).

use crate::decision::{Decision, Why};
use crate::facts::Value;
use crate::policy::{InputKind, Policy, Verdict};
use crate::vocab::{ItemKind, grouped};

/// The verdict as a sentence's subject: "Qualifies for a hotfix".
pub fn verdict_text(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Qualifies => "Qualifies for a hotfix",
        Verdict::NeedsReview => "Needs review",
        Verdict::Rejected => "Rejected: use the regular release cycle",
    }
}

/// A value in quotes, for messages: “P2”.
pub fn quoted(text: &str) -> String {
    format!("“{text}”")
}

/// The answer to question `id` with value `value`, in words: "yes", the
/// option's label, "250,000", or, for a question in `unanswered`, "not
/// answered (counted as no)".
pub fn answer(policy: &Policy, unanswered: &[impl AsRef<str>], id: &str, value: &Value) -> String {
    let Some(input) = policy.inputs.iter().find(|i| *i.id == *id) else {
        return value_text(value);
    };
    if unanswered.iter().any(|u| u.as_ref() == id) {
        return match input.kind {
            InputKind::Bool => "not answered (counted as no)".into(),
            InputKind::Int { .. } => "not answered (counted as 0)".into(),
            InputKind::Choice { .. } | InputKind::Text { .. } => "not answered".into(),
        };
    }
    match (&input.kind, value) {
        (InputKind::Choice { options }, Value::Text(t)) => options
            .iter()
            .find(|o| o.value == *t)
            .map_or_else(|| t.clone(), |o| o.label.clone()),
        _ => value_text(value),
    }
}

/// An answer as an event keeps it (`draft::answer_detail`: "250000",
/// "P1"), in words: "250,000", "P1 — critical".
pub fn stored_answer(policy: &Policy, id: &str, detail: &str) -> String {
    let value = match policy.inputs.iter().find(|i| *i.id == *id).map(|i| &i.kind) {
        Some(InputKind::Int { .. }) => {
            i64::from_str_radix(detail, 10).map_or_else(|_| Value::Text(detail.into()), Value::Int)
        }
        Some(InputKind::Choice { .. }) => Value::Text(detail.into()),
        _ => return detail.to_string(),
    };
    answer(policy, &[] as &[&str], id, &value)
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Int(i) => grouped(*i),
        Value::Text(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
        Value::Null => "not answered".into(),
    }
}

/// Why an item of `decision` is there: "always required", or "because
/// “Incident priority”: P1 — critical and “Are customers or end users
/// affected?”: yes".
pub fn why(policy: &Policy, decision: &Decision, why: &Why) -> String {
    if why.condition.is_none() {
        return "always required".into();
    }
    let parts: Vec<String> = why
        .inputs
        .0
        .iter()
        .map(|(id, value)| {
            if **id == *"verdict" {
                let verdict = match value {
                    Value::Text(v) => Verdict::ALL
                        .iter()
                        .find(|x| x.as_str() == v)
                        .map_or(v.as_str(), |x| verdict_text(*x)),
                    _ => "",
                };
                return format!("the verdict: {verdict}");
            }
            let label = policy
                .inputs
                .iter()
                .find(|i| *i.id == **id)
                .map_or(&**id, |i| i.label.as_str());
            format!(
                "“{label}”: {}",
                answer(policy, &decision.unanswered, id, value)
            )
        })
        .collect();
    if parts.is_empty() {
        "because of the incident's answers".into()
    } else {
        format!("because {}", parts.join(" and "))
    }
}

/// What an id names, by its label: a question, a role, a requirement or
/// a record field of the policy (the id itself if none).
pub fn label_of<'a>(policy: &'a Policy, id: &'a str) -> &'a str {
    if let Some(input) = policy.inputs.iter().find(|i| *i.id == *id) {
        return &input.label;
    }
    for kind in ItemKind::ALL {
        if let Some(item) = policy.items(kind).find(|i| *i.requirement().id == *id) {
            return &item.requirement().label;
        }
    }
    policy
        .record
        .iter()
        .find(|r| *r.id == *id)
        .map_or(id, |field| &field.label)
}
