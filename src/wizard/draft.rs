//! A draft: the stored record of one hotfix in progress, and its JSON form
//! (`localStorage`, export, import). Stored data carries a schema version so
//! later releases can read older drafts; a draft from a newer version is
//! refused, never misread or overwritten.
//!
//! Drafts are read by [`parse`] everywhere (a [`crate::json`] tree mapped
//! field by field in `wizard::read`, with serde's rules); they are
//! written by a [`DraftJson`]: serde_json natively ([`SerdeJson`]), the
//! page's own `JSON.stringify` in the browser (`web::json`), so that no
//! JSON library is compiled into the WebAssembly bundle.

use serde::{Deserialize, Serialize};

use super::idmap::IdMap;
use super::step::Step;
use super::words;
use crate::decision::Decision;
use crate::incident::{Answer, Incident};
use crate::policy::{Policy, Verdict};

/// The version of the draft format this build writes. Format 1 drafts
/// (before approvals were bound to facts and actions kept as events) are
/// read and upgraded by [`super::upgrade`].
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub schema: u32,
    pub id: String,
    /// Milliseconds since the Unix epoch, as everywhere in drafts.
    pub created_at: i64,
    pub updated_at: i64,
    /// The policy the draft was last decided under.
    pub policy: PolicyStamp,
    #[serde(default)]
    pub step: Step,
    /// The answers to the policy's questions.
    #[serde(default)]
    pub answers: Incident,
    /// When the incident started; deadlines count from here (or from `created_at`).
    #[serde(default)]
    pub incident_start: Option<i64>,
    /// Who wrote the fix: they may not approve it.
    #[serde(default)]
    pub author: String,
    /// Record field id → text.
    #[serde(default)]
    pub record: IdMap<String>,
    /// Blocker id → the sign-off that cleared it (e.g. `qualification-review`).
    #[serde(default)]
    pub sign_offs: IdMap<SignOff>,
    #[serde(default)]
    pub approvals: Vec<Approval>,
    /// Test id → its result.
    #[serde(default)]
    pub tests: IdMap<TestResult>,
    /// Communication id → when it was marked sent.
    #[serde(default)]
    pub sent: IdMap<i64>,
    /// Communication id → its message as edited before sending (the
    /// policy's text, filled in, otherwise).
    #[serde(default)]
    pub messages: IdMap<String>,
    /// Who deployed the fix, and when.
    #[serde(default)]
    pub deployment: Option<Done>,
    /// Verification checklist item id → who checked it, and when.
    #[serde(default)]
    pub checks: IdMap<Done>,
    /// Follow-up id → when it was marked done.
    #[serde(default)]
    pub follow_ups_done: IdMap<i64>,
    /// The decision's ids when last saved, to tell the user what a policy
    /// change changed.
    #[serde(default)]
    pub last_decision: Option<DecisionDigest>,
    /// Every action that changed the record, in the order it was recorded.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Format 1's deployment time, read to upgrade; never written.
    #[serde(default, rename = "deployed_at", skip_serializing)]
    pub v1_deployed_at: Option<i64>,
    /// Format 1's checklist times, read to upgrade; never written.
    #[serde(default, rename = "verified", skip_serializing)]
    pub v1_verified: IdMap<i64>,
}

/// An answer as the audit trail keeps it (`Answered` events' `detail`).
pub fn answer_detail(answer: &Answer) -> String {
    match answer {
        Answer::Bool(true) => "yes".to_string(),
        Answer::Bool(false) => "no".to_string(),
        Answer::Int(i) => i.to_string(),
        Answer::Text(t) => t.clone(),
        Answer::Null => "not answered".to_string(),
        _ => String::new(),
    }
}

/// Something a person did: who, when it happened (`at`, which they may
/// give, for what was done before it was typed in) and when it was
/// recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    #[serde(default)]
    pub by: String,
    pub at: i64,
    #[serde(default)]
    pub recorded_at: i64,
}

/// What an approval, sign-off or waiver was given on: a digest of the
/// decision and of the answers the policy's conditions read, and those
/// answers themselves, to say what changed since (see `wizard::basis`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Basis {
    pub decision: String,
    pub facts: String,
    pub verdict: Verdict,
    /// Each input a condition reads, as evaluation saw it.
    pub answers: Incident,
}

/// One entry of a draft's audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub what: EventKind,
    /// The id of what it concerns (input, role, test...); "" for the draft.
    #[serde(default)]
    pub subject: String,
    /// The person who did it, when one is named.
    #[serde(default)]
    pub by: String,
    /// When it happened.
    pub at: i64,
    pub recorded_at: i64,
    /// The decision's digest after it (see `wizard::basis`).
    #[serde(default)]
    pub decision: String,
    /// The new value or a note, for people.
    #[serde(default)]
    pub detail: String,
}

impl Event {
    /// An event not made by `Wizard::apply` (a draft created, copied or
    /// upgraded): recorded when it happened, under no decision digest.
    pub fn at(what: EventKind, subject: &str, by: &str, at: i64, detail: &str) -> Event {
        Event {
            what,
            subject: subject.to_string(),
            by: by.to_string(),
            at,
            recorded_at: at,
            decision: String::new(),
            detail: detail.to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    /// Read from an older draft format (the events before it were rebuilt).
    Upgraded,
    Answered,
    IncidentStart,
    Author,
    Record,
    SignedOff,
    SignOffRemoved,
    Approved,
    ApprovalRemoved,
    /// An approval, sign-off or waiver confirmed again on the current facts.
    Reconfirmed,
    Test,
    Waived,
    Sent,
    Unsent,
    /// A message edited before it was sent.
    MessageEdited,
    Deployed,
    Undeployed,
    Checked,
    Unchecked,
    FollowUpDone,
    FollowUpReopened,
}

impl EventKind {
    pub const ALL: [EventKind; 22] = [
        EventKind::Created,
        EventKind::Upgraded,
        EventKind::Answered,
        EventKind::IncidentStart,
        EventKind::Author,
        EventKind::Record,
        EventKind::SignedOff,
        EventKind::SignOffRemoved,
        EventKind::Approved,
        EventKind::ApprovalRemoved,
        EventKind::Reconfirmed,
        EventKind::Test,
        EventKind::Waived,
        EventKind::Sent,
        EventKind::Unsent,
        EventKind::MessageEdited,
        EventKind::Deployed,
        EventKind::Undeployed,
        EventKind::Checked,
        EventKind::Unchecked,
        EventKind::FollowUpDone,
        EventKind::FollowUpReopened,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Upgraded => "upgraded",
            EventKind::Answered => "answered",
            EventKind::IncidentStart => "incident_start",
            EventKind::Author => "author",
            EventKind::Record => "record",
            EventKind::SignedOff => "signed_off",
            EventKind::SignOffRemoved => "sign_off_removed",
            EventKind::Approved => "approved",
            EventKind::ApprovalRemoved => "approval_removed",
            EventKind::Reconfirmed => "reconfirmed",
            EventKind::Test => "test",
            EventKind::Waived => "waived",
            EventKind::Sent => "sent",
            EventKind::Unsent => "unsent",
            EventKind::MessageEdited => "message_edited",
            EventKind::Deployed => "deployed",
            EventKind::Undeployed => "undeployed",
            EventKind::Checked => "checked",
            EventKind::Unchecked => "unchecked",
            EventKind::FollowUpDone => "follow_up_done",
            EventKind::FollowUpReopened => "follow_up_reopened",
        }
    }

    /// Typing: a run of these for one subject is one event, the last value.
    pub fn coalesces(self) -> bool {
        matches!(
            self,
            EventKind::Answered
                | EventKind::IncidentStart
                | EventKind::Author
                | EventKind::Record
                | EventKind::MessageEdited
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyStamp {
    pub id: String,
    pub version: String,
    pub hash: String,
}

impl PolicyStamp {
    pub fn of(policy: &Policy) -> PolicyStamp {
        PolicyStamp {
            id: policy.id.clone(),
            version: policy.version.clone(),
            hash: policy.hash.clone(),
        }
    }
}

/// A named person's sign-off, at a time, with a comment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignOff {
    pub name: String,
    pub role: String,
    /// When it was given; `recorded_at`, when it was typed in.
    pub at: i64,
    #[serde(default)]
    pub recorded_at: i64,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub basis: Option<Basis>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Approval {
    pub role: String,
    pub name: String,
    /// When it was given; `recorded_at`, when it was typed in.
    pub at: i64,
    #[serde(default)]
    pub recorded_at: i64,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub basis: Option<Basis>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestStatus {
    #[default]
    Pending,
    Passed,
    Failed,
    Waived,
}

impl TestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TestStatus::Pending => "pending",
            TestStatus::Passed => "passed",
            TestStatus::Failed => "failed",
            TestStatus::Waived => "waived",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    pub status: TestStatus,
    /// A link or a note.
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub waiver: Option<Waiver>,
    #[serde(default)]
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Waiver {
    pub reason: String,
    pub by: String,
    pub role: String,
    /// When it was given; `recorded_at`, when it was typed in.
    #[serde(default)]
    pub at: i64,
    #[serde(default)]
    pub recorded_at: i64,
    #[serde(default)]
    pub basis: Option<Basis>,
}

/// The ids of a decision, enough to say what changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionDigest {
    pub verdict: Verdict,
    pub approvers: Vec<String>,
    pub tests: Vec<String>,
    pub communications: Vec<String>,
    pub blockers: Vec<String>,
}

impl DecisionDigest {
    pub fn of(decision: &Decision) -> DecisionDigest {
        DecisionDigest {
            verdict: decision.verdict,
            approvers: decision
                .approvers
                .iter()
                .map(|i| i.id.to_string())
                .collect(),
            tests: decision.tests.iter().map(|i| i.id.to_string()).collect(),
            communications: decision
                .communications
                .iter()
                .map(|i| i.id.to_string())
                .collect(),
            blockers: decision.blockers.iter().map(|i| i.id.to_string()).collect(),
        }
    }

    /// What changed from `self` to `new`, in words, by the labels of
    /// `policy` (an id it no longer has stays an id): "approvers now
    /// include Security lead".
    pub fn changes_to(&self, new: &DecisionDigest, policy: &Policy) -> Vec<String> {
        let mut out = Vec::new();
        if self.verdict != new.verdict {
            out.push(format!(
                "the verdict changed from {} to {}",
                words::verdict_text(self.verdict),
                words::verdict_text(new.verdict)
            ));
        }
        let lists = [
            ("approvers", &self.approvers, &new.approvers),
            ("tests", &self.tests, &new.tests),
            ("communications", &self.communications, &new.communications),
            ("blockers", &self.blockers, &new.blockers),
        ];
        for (what, old, new) in lists {
            let added: Vec<&str> = new
                .iter()
                .filter(|i| !old.contains(i))
                .map(|i| words::label_of(policy, i))
                .collect();
            let removed: Vec<&str> = old
                .iter()
                .filter(|i| !new.contains(i))
                .map(|i| words::label_of(policy, i))
                .collect();
            if !added.is_empty() {
                out.push(format!("{what} now include {}", added.join(", ")));
            }
            if !removed.is_empty() {
                out.push(format!("{what} no longer include {}", removed.join(", ")));
            }
        }
        out
    }
}

impl Draft {
    pub fn new(id: String, policy: &Policy, now: i64) -> Draft {
        Draft {
            schema: SCHEMA_VERSION,
            id,
            created_at: now,
            updated_at: now,
            policy: PolicyStamp::of(policy),
            step: Step::Incident,
            answers: Incident::default(),
            incident_start: None,
            author: String::new(),
            record: IdMap::new(),
            sign_offs: IdMap::new(),
            approvals: Vec::new(),
            tests: IdMap::new(),
            sent: IdMap::new(),
            messages: IdMap::new(),
            deployment: None,
            checks: IdMap::new(),
            follow_ups_done: IdMap::new(),
            last_decision: None,
            events: vec![Event::at(EventKind::Created, "", "", now, "")],
            v1_deployed_at: None,
            v1_verified: IdMap::new(),
        }
    }

    /// The answer to the policy's title question (`[policy]
    /// title_input`), or a placeholder for lists.
    pub fn title(&self, policy: &Policy) -> &str {
        match policy.title_id().and_then(|id| self.answers.get(id)) {
            Some(Answer::Text(t)) if !t.trim().is_empty() => t,
            _ => "Untitled incident",
        }
    }

    /// A new draft from this one, as `id` at `now`: the same answers,
    /// author, start and record, with everything people did since
    /// (approvals, sign-offs, test results, messages sent, deployment,
    /// verification, follow-ups) to do again, from the first step; its
    /// title says it is a copy.
    pub fn into_duplicate(mut self, policy: &Policy, id: String, now: i64) -> Draft {
        self.id = id;
        self.created_at = now;
        self.updated_at = now;
        self.retitle(policy, |title| format!("Copy of {title}"));
        self.approvals.clear();
        self.sign_offs.clear();
        self.tests.clear();
        self.sent.clear();
        self.messages.clear();
        self.deployment = None;
        self.checks.clear();
        self.follow_ups_done.clear();
        self.step = Step::Incident;
        let copied = self.answers.answers.iter().map(|(input, answer)| {
            Event::at(EventKind::Answered, input, "", now, &answer_detail(answer))
        });
        self.events = std::iter::once(Event::at(
            EventKind::Created,
            "",
            "",
            now,
            "a copy of another draft: its answers, author and record",
        ))
        .chain(copied)
        .collect();
        self
    }

    /// The same draft under another `id`, its title followed by `note`
    /// (a second tab's changes kept as their own draft).
    pub fn into_copy(mut self, policy: &Policy, id: String, note: &str) -> Draft {
        self.id = id;
        self.retitle(policy, |title| format!("{title} {note}"));
        if let Some((input, answer)) = policy
            .title_id()
            .and_then(|t| self.answers.answers.iter().find(|(k, _)| k == t))
        {
            let event = Event::at(
                EventKind::Answered,
                input,
                "",
                self.updated_at,
                &answer_detail(answer),
            );
            self.events.push(event);
        }
        self
    }

    /// Sets the title answer to `new` of the current title.
    fn retitle(&mut self, policy: &Policy, new: impl FnOnce(&str) -> String) {
        let title = new(self.title(policy));
        if let Some(id) = policy.title_id() {
            self.answers.set(id, Answer::Text(title));
        }
    }

    /// The draft as JSON text (natively; the browser has its own [`DraftJson`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Drafts to JSON text (reading is the same everywhere: `read::parse`).
pub trait DraftJson {
    fn to_json(&self, draft: &Draft) -> String;
}

/// [`DraftJson`] with serde_json: the CLI, the tests, the fuzzers.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, Default)]
pub struct SerdeJson;

#[cfg(not(target_arch = "wasm32"))]
impl DraftJson for SerdeJson {
    fn to_json(&self, draft: &Draft) -> String {
        draft.to_json()
    }
}

/// Why stored or imported text is not a draft this build can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftError {
    /// Not JSON, or not shaped like a draft.
    Malformed(String),
    /// A hotfix record exported as JSON, not a draft.
    RecordExport,
    /// Written by a newer version of Hotgate.
    NewerSchema { found: u32 },
}

impl DraftError {
    pub fn message(&self) -> String {
        match self {
            DraftError::Malformed(detail) => format!("this is not a Hotgate draft: {detail}"),
            DraftError::RecordExport => "this is a hotfix record exported as JSON, not a draft; \
                to import the draft, use the file from Export draft (on the Record step or the list of drafts)"
                .to_string(),
            DraftError::NewerSchema { found } => format!(
                "this draft was saved by a newer version of Hotgate (format {found}; this version reads up to {SCHEMA_VERSION}); it is kept unchanged"
            ),
        }
    }
}

// Native: the JSON here is serde_json's; tests/web.rs checks the browser's.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    #[test]
    fn changes_between_decisions_are_said_in_words() {
        let old = DecisionDigest {
            verdict: Verdict::Qualifies,
            approvers: vec!["sre-avp".into()],
            tests: vec!["staging".into()],
            communications: vec![],
            blockers: vec![],
        };
        let new = DecisionDigest {
            verdict: Verdict::NeedsReview,
            approvers: vec!["sre-avp".into(), "security-lead".into()],
            tests: vec![],
            communications: vec![],
            blockers: vec![],
        };
        let policy = crate::policy::load(include_str!("../../policies/default.toml")).unwrap();
        // By the policy's labels; an id it does not know stays an id.
        assert_eq!(
            old.changes_to(&new, &policy),
            vec![
                "the verdict changed from Qualifies for a hotfix to Needs review",
                "approvers now include Security lead",
                "tests no longer include staging",
            ]
        );
    }
}
