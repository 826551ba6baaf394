//! The hotfix record: everything the draft and the decision say, as
//! Markdown for people and as JSON for tools.

use std::fmt::Write as _;

use serde::Serialize;

use super::Wizard;
use super::draft::{Draft, Event, EventKind, TestStatus};
use super::status::valid_approvers;
use super::status::{CHECKLIST, Stage};
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
        "Ready to deploy: {}  ",
        if status.ready_to_deploy { "yes" } else { "no" }
    );
    let _ = writeln!(md, "State: {}  ", status.stage_text());
    md.push_str("All times are in UTC.\n");
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
        let label = decision
            .blockers
            .iter()
            .find(|b| *b.id == **id)
            .map_or(id.as_str(), |b| &*b.label);
        let _ = writeln!(
            md,
            "- Signed off “{label}” (`{id}`): {} ({}), {}{}{}",
            line(&sign_off.name),
            policy.role_label(&sign_off.role),
            given(sign_off.at, sign_off.recorded_at),
            stale(wizard, sign_off.basis.as_ref()),
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
        let valid = valid_approvers(policy, draft, wizard.basis(), &approver.id);
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
                "  - {}, {}{}{comment}",
                line(&approval.name),
                given(approval.at, approval.recorded_at),
                stale(wizard, approval.basis.as_ref()),
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
                " by {} ({}), {}{}: {}",
                line(&waiver.by),
                waiver.role,
                given(waiver.at, waiver.recorded_at),
                stale(wizard, waiver.basis.as_ref()),
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
        let message = draft.messages.get(&c.id).unwrap_or(&c.message);
        let edited = if draft.messages.contains_key(&c.id) {
            " (edited)"
        } else {
            ""
        };
        let _ = writeln!(md, "  > {}{edited}", line(message));
    }
    md.push('\n');

    md.push_str("## Deployment and verification\n\n");
    for blocker in &status.blockers {
        let _ = writeln!(md, "- Blocker: {}", blocker.message);
    }
    for deadline in wizard.deadlines(draft.updated_at) {
        let within = format_duration(i64::from(deadline.minutes) * 60_000);
        let due = deadline
            .due_at
            .map_or("from deployment".to_string(), format_utc);
        let outcome = match deadline.met {
            Some((at, true)) => format!("; met, deployed {}", format_utc(at)),
            Some((at, false)) => format!("; missed, deployed {}", format_utc(at)),
            None => String::new(),
        };
        let _ = writeln!(
            md,
            "- Deadline: {} within {within} (due {due}{outcome})",
            deadline.label,
        );
    }
    match &draft.deployment {
        Some(d) => {
            let _ = writeln!(
                md,
                "- Deployed by {}, {}",
                person(&d.by),
                given(d.at, d.recorded_at)
            );
        }
        None => md.push_str("- Deployed: not yet\n"),
    }
    for (id, label) in CHECKLIST {
        match draft.checks.get(id) {
            Some(c) => {
                let _ = writeln!(
                    md,
                    "- [x] {label}: {}, {}",
                    person(&c.by),
                    given(c.at, c.recorded_at)
                );
            }
            None => {
                let _ = writeln!(md, "- [ ] {label}");
            }
        }
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
    md.push('\n');

    md.push_str("## Timeline\n\n");
    for event in &draft.events {
        let _ = writeln!(md, "- {}", event_line(wizard, event));
    }
    md
}

/// A person's name, or that it was not recorded.
fn person(name: &str) -> String {
    if name.trim().is_empty() {
        "(not recorded)".into()
    } else {
        line(name)
    }
}

/// When something was given, and when it was recorded if that was later.
fn given(at: i64, recorded_at: i64) -> String {
    if recorded_at > at + 60_000 {
        format!("{} (recorded {})", format_utc(at), format_utc(recorded_at))
    } else {
        format_utc(at)
    }
}

/// " (given on different facts: …)" when it no longer holds.
fn stale(wizard: &Wizard, basis: Option<&crate::wizard::Basis>) -> String {
    let changes = wizard.changes_since(basis);
    if changes.is_empty() {
        String::new()
    } else {
        format!(
            " (given on different facts, not counted: {})",
            changes.join("; ")
        )
    }
}

/// One event of the timeline, in words.
pub fn event_line(wizard: &Wizard, event: &Event) -> String {
    let policy = &wizard.policy;
    let subject = CHECKLIST
        .iter()
        .find(|(item, _)| *item == event.subject)
        .map_or_else(
            || words::label_of(policy, &event.subject),
            |(_, label)| label,
        );
    let detail = line(&event.detail);
    let what = match event.what {
        EventKind::Created => "Draft created".to_string(),
        EventKind::Upgraded => format!("Draft brought up to date ({detail})"),
        EventKind::Answered => format!("Answered “{subject}”: {detail}"),
        EventKind::IncidentStart => format!("Incident start set: {detail}"),
        EventKind::Author => format!("Author of the fix: {}", person(&event.detail)),
        EventKind::Record => format!("Edited “{subject}”"),
        EventKind::SignedOff => format!("Signed off “{subject}”"),
        EventKind::SignOffRemoved => format!("Sign-off of “{subject}” removed"),
        EventKind::Approved => format!("Approved as {subject}"),
        EventKind::ApprovalRemoved => format!("Approval as {subject} removed"),
        EventKind::Reconfirmed => {
            format!("Confirmed again on the current facts: the {detail} for {subject}")
        }
        EventKind::Test => format!("Test “{subject}”: {detail}"),
        EventKind::Waived => format!("Waived test “{subject}”: {detail}"),
        EventKind::Sent => format!("Marked sent: {subject}"),
        EventKind::Unsent => format!("Marked not sent: {subject}"),
        EventKind::MessageEdited => format!("Edited the message: {subject}"),
        EventKind::Deployed => "Deployed".to_string(),
        EventKind::Undeployed => "Deployment undone".to_string(),
        EventKind::Checked => format!("Checked: {subject}"),
        EventKind::Unchecked => format!("Unchecked: {subject}"),
        EventKind::FollowUpDone => format!("Follow-up done: {subject}"),
        EventKind::FollowUpReopened => format!("Follow-up reopened: {subject}"),
    };
    let by = if event.by.trim().is_empty() {
        String::new()
    } else {
        format!(" by {}", line(&event.by))
    };
    format!("{}: {what}{by}", given(event.at, event.recorded_at))
}

/// The record as JSON: the draft, the decision it was made under, and
/// where the hotfix is in its life.
#[derive(Serialize)]
pub struct RecordJson<'a> {
    pub format: &'static str,
    /// Where the hotfix is in its life (`Stage`), and the same in words.
    pub stage: Stage,
    pub stage_text: String,
    pub draft: &'a Draft,
    pub decision: &'a Decision,
}

impl<'a> RecordJson<'a> {
    pub fn of(wizard: &'a Wizard) -> RecordJson<'a> {
        let status = wizard.status();
        RecordJson {
            format: "hotgate-record/2",
            stage: status.stage,
            stage_text: status.stage_text(),
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
