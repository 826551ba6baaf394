//! The hotfix record: everything the draft and the decision say, as
//! Markdown for people and as JSON for tools.

use std::fmt::Write as _;

use serde::Serialize;

use super::draft::{Draft, TestStatus};
use super::status::valid_approvers;
use super::time::format_utc;
use super::{CHECKLIST, Wizard};
use crate::decision::Decision;
use crate::incident::Value;
use crate::policy::Verdict;

pub fn verdict_text(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Qualifies => "Qualifies for a hotfix",
        Verdict::NeedsReview => "Needs review",
        Verdict::Rejected => "Rejected: use the regular release cycle",
    }
}

/// User text on one Markdown line: line breaks folded.
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn answer_text(value: &Value) -> String {
    match value {
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Int(i) => i.to_string(),
        Value::Text(t) => line(t),
        Value::Null => "—".into(),
    }
}

/// The record as Markdown.
pub fn markdown(wizard: &Wizard) -> String {
    let policy = &wizard.policy;
    let draft: &Draft = wizard.draft();
    let decision: &Decision = &wizard.assessment().decision;
    let status = wizard.status();
    let mut md = String::new();
    let mut w = |s: String| {
        md.push_str(&s);
        md.push('\n');
    };
    w(format!("# Hotfix record: {}", line(draft.title())));
    w(String::new());
    w(format!(
        "Policy: {} ({} {}, text hash {})  ",
        policy.name, policy.id, policy.version, policy.hash
    ));
    w(format!(
        "Draft: {}, created {}, last saved {}  ",
        draft.id,
        format_utc(draft.created_at),
        format_utc(draft.updated_at)
    ));
    w(format!(
        "Ready to deploy: {}",
        if status.ready_to_deploy { "yes" } else { "no" }
    ));
    w(String::new());

    w("## Incident".into());
    w(String::new());
    let facts = crate::incident::validate(policy, &draft.answers).facts;
    for (i, input) in policy.inputs.iter().enumerate() {
        if wizard.assessment().hidden.iter().any(|h| **h == *input.id) {
            continue;
        }
        let value = u16::try_from(i).map_or(Value::Null, |i| facts.value(policy, i));
        w(format!("- {}: {}", input.label, answer_text(&value)));
    }
    let start = draft.incident_start.unwrap_or(draft.created_at);
    w(format!("- Incident start: {}", format_utc(start)));
    w(String::new());

    w("## Qualification".into());
    w(String::new());
    w(format!(
        "**{}.** {}",
        verdict_text(decision.verdict),
        line(&decision.reason)
    ));
    w(String::new());
    for (id, sign_off) in draft.sign_offs.iter() {
        w(format!(
            "- Signed off `{id}`: {} ({}), {}{}",
            line(&sign_off.name),
            sign_off.role,
            format_utc(sign_off.at),
            if sign_off.comment.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", line(&sign_off.comment))
            }
        ));
    }
    w(String::new());

    w("## Fix and risk".into());
    w(String::new());
    w(format!(
        "Author of the fix: {}",
        if draft.author.is_empty() {
            "—"
        } else {
            &draft.author
        }
    ));
    w(String::new());
    for field in &decision.record_fields {
        let text = draft.record.get(&field.id).map(|t| t.trim()).unwrap_or("");
        w(format!("### {}", field.label));
        w(String::new());
        w(if text.is_empty() {
            "—".to_string()
        } else {
            text.to_string()
        });
        w(String::new());
    }

    w("## Approvals".into());
    w(String::new());
    for approver in &decision.approvers {
        let valid = valid_approvers(policy, draft, &approver.id);
        w(format!(
            "- {} ({}): {} of {}",
            approver.label,
            approver.id,
            valid.len(),
            approver.count
        ));
        for approval in draft.approvals.iter().filter(|a| *a.role == *approver.id) {
            let comment = if approval.comment.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", line(&approval.comment))
            };
            w(format!(
                "  - {}, {}{comment}",
                line(&approval.name),
                format_utc(approval.at)
            ));
        }
    }
    w(String::new());

    w("## Testing".into());
    w(String::new());
    for test in &decision.tests {
        let result = draft.tests.get(&test.id);
        let status = result.map_or(TestStatus::Pending, |r| r.status);
        let mut text = format!("- {}: {}", test.label, status.as_str());
        if let Some(waiver) = result.and_then(|r| r.waiver.as_ref()) {
            let _ = write!(
                text,
                " by {} ({}): {}",
                line(&waiver.by),
                waiver.role,
                line(&waiver.reason)
            );
        }
        if let Some(evidence) = result.map(|r| r.evidence.trim()).filter(|e| !e.is_empty()) {
            let _ = write!(text, "; evidence: {}", line(evidence));
        }
        w(text);
    }
    w(String::new());

    w("## Communication".into());
    w(String::new());
    for c in &decision.communications {
        let sent = draft.sent.get(&c.id).map_or("not sent".to_string(), |at| {
            format!("sent {}", format_utc(*at))
        });
        w(format!(
            "- {} ({}, {}, {}): {sent}",
            c.label,
            c.audience,
            c.channel,
            c.phase.as_str()
        ));
        w(format!("  > {}", line(&c.message)));
    }
    w(String::new());

    w("## Deployment and verification".into());
    w(String::new());
    for blocker in &status.blockers {
        w(format!("- Blocker: {}", blocker.message));
    }
    for deadline in wizard.deadlines(draft.updated_at) {
        let due = deadline
            .due_at
            .map_or("from deployment".to_string(), format_utc);
        w(format!(
            "- Deadline: {} within {} min (due {due})",
            deadline.label, deadline.minutes
        ));
    }
    match draft.deployed_at {
        Some(at) => w(format!("- Deployed: {}", format_utc(at))),
        None => w("- Deployed: not yet".into()),
    }
    for (id, label) in CHECKLIST {
        let mark = if draft.verified.contains_key(id) {
            "x"
        } else {
            " "
        };
        w(format!("- [{mark}] {label}"));
    }
    w(String::new());

    w("## Follow-ups".into());
    w(String::new());
    for f in &decision.follow_ups {
        let mark = if draft.follow_ups_done.contains_key(&f.id) {
            "x"
        } else {
            " "
        };
        let due = match f.due_days {
            Some(days) => format!(
                " (within {days} {}days)",
                if f.business_days { "business " } else { "" }
            ),
            None => String::new(),
        };
        w(format!("- [{mark}] {}{due}", f.label));
    }
    md
}

/// The record as JSON: the draft and the decision it was made under.
#[derive(Serialize)]
pub struct RecordJson<'a> {
    pub format: &'static str,
    pub draft: &'a Draft,
    pub decision: &'a Decision,
}

impl<'a> RecordJson<'a> {
    pub fn of(wizard: &'a Wizard) -> RecordJson<'a> {
        RecordJson {
            format: "hotgate-record/1",
            draft: wizard.draft(),
            decision: &wizard.assessment().decision,
        }
    }
}

/// The record as indented JSON text (natively; the browser layer
/// serializes [`RecordJson`] with the page's `JSON`).
#[cfg(not(target_arch = "wasm32"))]
pub fn json(wizard: &Wizard) -> String {
    serde_json::to_string_pretty(&RecordJson::of(wizard)).unwrap_or_default()
}
