//! The hotfix record: everything the draft and the decision say, as
//! Markdown for people and as JSON for tools.

use std::fmt::Write as _;

use serde::Serialize;

use super::Wizard;
use super::draft::{Draft, TestStatus};
use super::status::CHECKLIST;
use super::status::valid_approvers;
use super::time::{format_duration, format_utc};
use super::words::{self, verdict_text};
use crate::decision::Decision;
use crate::incident::Value;

/// User text on one Markdown line: line breaks folded.
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The record as Markdown.
pub fn markdown(wizard: &Wizard) -> String {
    let policy = &wizard.policy;
    let draft: &Draft = wizard.draft();
    let decision: &Decision = &wizard.assessment().decision;
    let status = wizard.status();
    // Writing to a `String` cannot fail: the `fmt::Result`s are dropped.
    let mut md = String::new();
    let _ = writeln!(md, "# Hotfix record: {}", line(draft.title(policy)));
    md.push('\n');
    let _ = writeln!(
        md,
        "Policy: {} ({} {}, text hash {})  ",
        policy.name, policy.id, policy.version, policy.hash
    );
    let _ = writeln!(
        md,
        "Draft: {}, created {}, last saved {}  ",
        draft.id,
        format_utc(draft.created_at),
        format_utc(draft.updated_at)
    );
    let _ = writeln!(
        md,
        "Ready to deploy: {}",
        if status.ready_to_deploy { "yes" } else { "no" }
    );
    md.push('\n');

    md.push_str("## Incident\n\n");
    let facts = crate::incident::validate(policy, &draft.answers).facts;
    for (i, input) in policy.inputs.iter().enumerate() {
        if wizard.assessment().hidden.iter().any(|h| **h == *input.id) {
            continue;
        }
        let value = u16::try_from(i).map_or(Value::Null, |i| policy.value(&facts, i));
        let _ = writeln!(
            md,
            "- {}: {}",
            input.label,
            words::answer(policy, &decision.unanswered, &input.id, &value)
        );
    }
    let start = draft.incident_start.unwrap_or(draft.created_at);
    let _ = writeln!(md, "- Incident start: {}", format_utc(start));
    md.push('\n');

    md.push_str("## Qualification\n\n");
    let _ = writeln!(
        md,
        "**{}.** {}",
        verdict_text(decision.verdict),
        line(&decision.reason)
    );
    md.push('\n');
    for (id, sign_off) in draft.sign_offs.iter() {
        let _ = writeln!(
            md,
            "- Signed off `{id}`: {} ({}), {}{}",
            line(&sign_off.name),
            sign_off.role,
            format_utc(sign_off.at),
            if sign_off.comment.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", line(&sign_off.comment))
            }
        );
    }
    md.push('\n');

    md.push_str("## Fix and risk\n\n");
    let _ = writeln!(
        md,
        "Author of the fix: {}",
        if draft.author.is_empty() {
            "—"
        } else {
            &draft.author
        }
    );
    md.push('\n');
    for field in &decision.record_fields {
        let text = draft.record.get(&field.id).map(|t| t.trim()).unwrap_or("");
        let _ = writeln!(md, "### {}", field.label);
        md.push('\n');
        md.push_str(if text.is_empty() { "—" } else { text });
        md.push('\n');
        md.push('\n');
    }

    md.push_str("## Approvals\n\n");
    for approver in &decision.approvers {
        let valid = valid_approvers(policy, draft, &approver.id);
        let _ = writeln!(
            md,
            "- {} ({}): {} of {}",
            approver.label,
            approver.id,
            valid.len(),
            approver.count
        );
        for approval in draft.approvals.iter().filter(|a| *a.role == *approver.id) {
            let comment = if approval.comment.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", line(&approval.comment))
            };
            let _ = writeln!(
                md,
                "  - {}, {}{comment}",
                line(&approval.name),
                format_utc(approval.at)
            );
        }
    }
    md.push('\n');

    md.push_str("## Testing\n\n");
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
        md.push_str(&text);
        md.push('\n');
    }
    md.push('\n');

    md.push_str("## Communication\n\n");
    for c in &decision.communications {
        let sent = draft.sent.get(&c.id).map_or("not sent".to_string(), |at| {
            format!("sent {}", format_utc(*at))
        });
        let _ = writeln!(
            md,
            "- {} ({}, {}, {}): {sent}",
            c.label,
            c.audience,
            c.channel,
            c.phase.as_str()
        );
        let _ = writeln!(md, "  > {}", line(&c.message));
    }
    md.push('\n');

    md.push_str("## Deployment and verification\n\n");
    for blocker in &status.blockers {
        let _ = writeln!(md, "- Blocker: {}", blocker.message);
    }
    for deadline in wizard.deadlines(draft.updated_at) {
        let due = deadline
            .due_at
            .map_or("from deployment".to_string(), format_utc);
        let _ = writeln!(
            md,
            "- Deadline: {} within {} (due {due})",
            deadline.label,
            format_duration(i64::from(deadline.minutes) * 60_000)
        );
    }
    match draft.deployed_at {
        Some(at) => {
            let _ = writeln!(md, "- Deployed: {}", format_utc(at));
        }
        None => md.push_str("- Deployed: not yet\n"),
    }
    for (id, label) in CHECKLIST {
        let mark = if draft.verified.contains_key(id) {
            "x"
        } else {
            " "
        };
        let _ = writeln!(md, "- [{mark}] {label}");
    }
    md.push('\n');

    md.push_str("## Follow-ups\n\n");
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
        let _ = writeln!(md, "- [{mark}] {}{due}", f.label);
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
