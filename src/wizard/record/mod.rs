//! The hotfix record: everything the draft and the decision say, as a
//! [`Document`] (what it says, in its order: the one place that decides
//! it) laid out as Markdown ([`markdown`]) and by the page for screen and
//! print, and as JSON for tools ([`RecordJson`]).

mod markdown;

pub use markdown::markdown;

use serde::Serialize;

use super::Wizard;
use super::draft::{Draft, Event, EventKind, TestStatus};
use super::status::valid_approvers;
use super::status::{CHECKLIST, Stage, Status};
use super::time::{format_duration, format_utc};
use super::words::{self, verdict_text};
use crate::decision::Decision;
use crate::incident::Value;
use crate::vocab::Phase;

/// The record as a document: a title, what it is about, and its sections.
/// Every text is plain: user text is kept as typed (the layouts escape
/// or fold it), with no markup.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub title: String,
    /// Policy, draft, state, and which zone the times are in.
    pub about: Vec<(String, String)>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub heading: &'static str,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A sentence that leads (the verdict), then the rest (its reason).
    Lead(String, String),
    /// Labelled values, one per line.
    Fields(Vec<(String, String)>),
    /// A text the user wrote under its label, line breaks kept.
    Text {
        label: String,
        text: String,
    },
    Table(Table),
    /// Items under a label.
    List {
        label: &'static str,
        items: Vec<String>,
    },
    /// Items done or not.
    Checklist(Vec<(bool, String)>),
    /// A message: its label, to whom and when, and its text.
    Message {
        label: String,
        details: String,
        text: String,
        edited: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub head: &'static [Column],
    pub rows: Vec<Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    /// Short values (a time, a count, a result), best kept on one line.
    pub short: bool,
}

const fn text(name: &'static str) -> Column {
    Column { name, short: false }
}

const fn short(name: &'static str) -> Column {
    Column { name, short: true }
}

const SIGN_OFFS: [Column; 4] = [text("Signed off"), text("By"), short("Given"), text("Note")];
const APPROVALS: [Column; 5] = [
    text("Role"),
    short("Counted"),
    text("Approved by"),
    short("Given"),
    text("Note"),
];
const TESTS: [Column; 4] = [
    text("Test"),
    short("Result"),
    text("Waiver"),
    text("Evidence"),
];
const DEADLINES: [Column; 4] = [
    text("Deadline"),
    short("Within"),
    short("Due"),
    text("Outcome"),
];
const TIMELINE: [Column; 3] = [short("When"), text("What"), short("By")];

/// User text on one line: line breaks and runs of spaces folded.
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A blank cell or value, said as a dash.
fn or_dash(text: String) -> String {
    if text.trim().is_empty() {
        "—".into()
    } else {
        text
    }
}

/// The record of `wizard`'s draft, as of its last change.
pub fn document(wizard: &Wizard) -> Document {
    let status = wizard.status();
    let section = |heading, blocks| Section { heading, blocks };
    Document {
        title: format!(
            "Hotfix record: {}",
            line(wizard.draft().title(&wizard.policy))
        ),
        about: about(wizard, &status),
        sections: vec![
            section("Incident", incident(wizard)),
            section("Qualification", qualification(wizard)),
            section("Fix and risk", fix_and_risk(wizard)),
            section("Approvals", approvals(wizard)),
            section("Testing", tests(wizard)),
            section("Communication", communications(wizard)),
            section("Deployment and verification", deployment(wizard, &status)),
            section("Follow-ups", follow_ups(wizard)),
            section("Timeline", timeline(wizard)),
        ],
    }
}

/// Which policy, which draft, where it stands, and the zone of its times.
fn about(wizard: &Wizard, status: &Status) -> Vec<(String, String)> {
    let policy = &wizard.policy;
    let draft = wizard.draft();
    vec![
        (
            "Policy".into(),
            format!(
                "{} ({} {}, text hash {})",
                policy.name, policy.id, policy.version, policy.hash
            ),
        ),
        (
            "Draft".into(),
            format!(
                "{}, created {}, last saved {}",
                draft.id,
                format_utc(draft.created_at),
                format_utc(draft.updated_at)
            ),
        ),
        (
            "Ready to deploy".into(),
            (if status.ready_to_deploy { "yes" } else { "no" }).into(),
        ),
        ("State".into(), status.stage_text(&format_utc)),
        ("Times".into(), "All times are in UTC.".into()),
    ]
}

/// Every answer asked, in words, and when the incident started.
fn incident(wizard: &Wizard) -> Vec<Block> {
    let policy = &wizard.policy;
    let draft = wizard.draft();
    let decision = &wizard.assessment().decision;
    let facts = crate::incident::validate(policy, &draft.answers).facts;
    let mut answers: Vec<(String, String)> = policy
        .inputs
        .iter()
        .enumerate()
        .filter(|(_, input)| !wizard.assessment().hidden.iter().any(|h| **h == *input.id))
        .map(|(i, input)| {
            let value = u16::try_from(i).map_or(Value::Null, |i| policy.value(&facts, i));
            (
                input.label.to_string(),
                line(&words::answer(
                    policy,
                    &decision.unanswered,
                    &input.id,
                    &value,
                )),
            )
        })
        .collect();
    answers.push((
        "Incident start".into(),
        format_utc(draft.incident_start.unwrap_or(draft.created_at)),
    ));
    vec![Block::Fields(answers)]
}

/// The verdict and its reason; the blockers signed off.
fn qualification(wizard: &Wizard) -> Vec<Block> {
    let policy = &wizard.policy;
    let draft = wizard.draft();
    let decision = &wizard.assessment().decision;
    let mut qualification = vec![Block::Lead(
        format!("{}.", verdict_text(decision.verdict)),
        line(&decision.reason),
    )];
    if !draft.sign_offs.is_empty() {
        let rows = draft
            .sign_offs
            .iter()
            .map(|(id, sign_off)| {
                vec![
                    words::label_of(policy, id).to_string(),
                    format!(
                        "{} ({})",
                        line(&sign_off.name),
                        policy.role_label(&sign_off.role)
                    ),
                    given(sign_off.at, sign_off.recorded_at),
                    note(wizard, sign_off.basis.as_ref(), &sign_off.comment),
                ]
            })
            .collect();
        qualification.push(Block::Table(Table {
            head: &SIGN_OFFS,
            rows,
        }));
    }
    qualification
}

/// Who wrote the fix, and the record fields the policy asks for.
fn fix_and_risk(wizard: &Wizard) -> Vec<Block> {
    let draft = wizard.draft();
    let decision = &wizard.assessment().decision;
    let mut fix = vec![Block::Fields(vec![(
        "Author of the fix".into(),
        or_dash(line(&draft.author)),
    )])];
    for field in &decision.record_fields {
        let text = draft.record.get(&field.id).map_or("", |t| t.trim());
        fix.push(Block::Text {
            label: field.label.to_string(),
            text: or_dash(text.to_string()),
        });
    }
    fix
}

/// A row per approval given, and one per role still without.
fn approvals(wizard: &Wizard) -> Vec<Block> {
    let policy = &wizard.policy;
    let draft = wizard.draft();
    let decision = &wizard.assessment().decision;
    let mut approvals = Vec::new();
    for approver in &decision.approvers {
        let valid = valid_approvers(policy, draft, wizard.basis(), &approver.id);
        let counted = format!("{} of {}", valid.len(), approver.count);
        let given_here: Vec<_> = draft
            .approvals
            .iter()
            .filter(|a| *a.role == *approver.id)
            .collect();
        if given_here.is_empty() {
            approvals.push(vec![
                approver.label.to_string(),
                counted.clone(),
                "—".into(),
                "—".into(),
                "—".into(),
            ]);
        }
        for approval in given_here {
            approvals.push(vec![
                approver.label.to_string(),
                counted.clone(),
                line(&approval.name),
                given(approval.at, approval.recorded_at),
                note(wizard, approval.basis.as_ref(), &approval.comment),
            ]);
        }
    }
    vec![Block::Table(Table {
        head: &APPROVALS,
        rows: approvals,
    })]
}

/// A row per test: its result, any waiver, the evidence.
fn tests(wizard: &Wizard) -> Vec<Block> {
    let policy = &wizard.policy;
    let draft = wizard.draft();
    let decision = &wizard.assessment().decision;
    let rows = decision
        .tests
        .iter()
        .map(|test| {
            let result = draft.tests.get(&test.id);
            let status = result.map_or(TestStatus::Pending, |r| r.status);
            let waiver = result.and_then(|r| r.waiver.as_ref()).map_or_else(
                || "—".to_string(),
                |w| {
                    format!(
                        "by {} ({}), {}{}: {}",
                        line(&w.by),
                        policy.role_label(&w.role),
                        given(w.at, w.recorded_at),
                        stale(wizard, w.basis.as_ref()),
                        line(&w.reason)
                    )
                },
            );
            let evidence = result.map_or(String::new(), |r| line(&r.evidence));
            vec![
                test.label.to_string(),
                status.as_str().into(),
                waiver,
                or_dash(evidence),
            ]
        })
        .collect();
    vec![Block::Table(Table { head: &TESTS, rows })]
}

/// Each message as sent (or to send), by phase.
fn communications(wizard: &Wizard) -> Vec<Block> {
    let draft = wizard.draft();
    let decision = &wizard.assessment().decision;
    // By phase, as the Communication step lists them.
    let mut communications = Vec::new();
    for phase in Phase::ALL {
        for c in decision.communications.iter().filter(|c| c.phase == phase) {
            let sent = draft.sent.get(&c.id).map_or("not sent".to_string(), |at| {
                format!("sent {}", format_utc(*at))
            });
            communications.push(Block::Message {
                label: c.label.to_string(),
                details: format!(
                    "{}: to {}, by {}; {sent}.",
                    phase.label(),
                    c.audience,
                    c.channel
                ),
                text: draft.messages.get(&c.id).unwrap_or(&c.message).clone(),
                edited: draft.messages.contains_key(&c.id),
            });
        }
    }
    communications
}

/// The deployment, the checks after it, what is left, the deadlines.
fn deployment(wizard: &Wizard, status: &Status) -> Vec<Block> {
    let draft = wizard.draft();
    let mut deployment = vec![Block::Fields(vec![(
        "Deployed".into(),
        draft
            .deployment
            .as_ref()
            .map_or("not yet".to_string(), |d| {
                format!("by {}, {}", person(&d.by), given(d.at, d.recorded_at))
            }),
    )])];
    deployment.push(Block::Checklist(
        CHECKLIST
            .iter()
            .map(|(id, label)| match draft.checks.get(id) {
                Some(c) => (
                    true,
                    format!("{label}: {}, {}", person(&c.by), given(c.at, c.recorded_at)),
                ),
                None => (false, (*label).to_string()),
            })
            .collect(),
    ));
    if !status.blockers.is_empty() {
        deployment.push(Block::List {
            label: "Still to do before deployment",
            items: status.blockers.iter().map(|b| b.message.clone()).collect(),
        });
    }
    let deadlines: Vec<_> = wizard
        .deadlines(draft.updated_at)
        .into_iter()
        .map(|deadline| {
            let outcome = match deadline.met {
                Some((at, true)) => format!("met, deployed {}", format_utc(at)),
                Some((at, false)) => format!("missed, deployed {}", format_utc(at)),
                None => "—".into(),
            };
            vec![
                deadline.label,
                format_duration(i64::from(deadline.minutes) * 60_000),
                deadline
                    .due_at
                    .map_or("from deployment".to_string(), format_utc),
                outcome,
            ]
        })
        .collect();
    if !deadlines.is_empty() {
        deployment.push(Block::Table(Table {
            head: &DEADLINES,
            rows: deadlines,
        }));
    }
    deployment
}

/// The follow-ups, done or not.
fn follow_ups(wizard: &Wizard) -> Vec<Block> {
    let draft = wizard.draft();
    let decision = &wizard.assessment().decision;
    let items = decision
        .follow_ups
        .iter()
        .map(|f| {
            let due = match f.due_days {
                Some(days) => format!(
                    " (within {days} {}days)",
                    if f.business_days { "business " } else { "" }
                ),
                None => String::new(),
            };
            (
                draft.follow_ups_done.contains_key(&f.id),
                format!("{}{due}", f.label),
            )
        })
        .collect();
    vec![Block::Checklist(items)]
}

/// Every event, in the order it was recorded.
fn timeline(wizard: &Wizard) -> Vec<Block> {
    let draft = wizard.draft();
    let rows = draft
        .events
        .iter()
        .map(|event| {
            let (what, by) = event_words(wizard, event);
            vec![given(event.at, event.recorded_at), what, or_dash(by)]
        })
        .collect();
    vec![Block::Table(Table {
        head: &TIMELINE,
        rows,
    })]
}

/// An approval's or sign-off's note: that it no longer counts, then the
/// comment given with it.
fn note(wizard: &Wizard, basis: Option<&crate::wizard::Basis>, comment: &str) -> String {
    let stale = stale(wizard, basis);
    let comment = line(comment);
    or_dash(match (stale.is_empty(), comment.is_empty()) {
        (true, _) => comment,
        (false, true) => stale.trim_start().to_string(),
        (false, false) => format!("{}: {comment}", stale.trim_start()),
    })
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

/// One event of the timeline in words: what happened, and who did it.
fn event_words(wizard: &Wizard, event: &Event) -> (String, String) {
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
        EventKind::Answered => format!(
            "Answered “{subject}”: {}",
            words::stored_answer(policy, &event.subject, &detail)
        ),
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
    (what, line(&event.by))
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
            stage_text: status.stage_text(&format_utc),
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
