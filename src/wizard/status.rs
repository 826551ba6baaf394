//! Everything derived from a draft: what blocks deployment, which steps are
//! complete, when each deadline falls. Derived, never stored, so it cannot
//! drift from the draft.

use serde::Serialize;

use super::draft::{Draft, TestStatus};
use super::people::same_person;
use super::step::Step;
use crate::decision::{Assessment, Decision};
use crate::incident::FieldError;
use crate::policy::{DeadlineStart, Phase, Policy};

/// The verification checklist after deployment: (id, label).
pub const CHECKLIST: [(&str, &str); 4] = [
    ("fix-live", "The fix is live in production"),
    ("critical-paths", "The critical paths work in production"),
    (
        "metrics-normal",
        "Error rates and latency are back to normal",
    ),
    (
        "monitoring-window",
        "The monitoring window passed without a regression",
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockerKind {
    /// An incident answer is missing or invalid.
    Incident,
    /// A question that is asked has no answer (it counts as no until it has).
    Unanswered,
    /// A blocker the policy raises (rollback plan missing, review needed...).
    Policy,
    /// Nobody recorded as the fix's author.
    Author,
    /// A required record field is empty.
    Record,
    /// A role lacks approvals.
    Approval,
    /// A required test has not passed (or been waived).
    Test,
    /// A required test failed.
    TestFailed,
    /// A communication due before deployment was not sent.
    Communication,
}

impl BlockerKind {
    /// The kind's name in lower case (`testfailed`), as pages mark it.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockerKind::Incident => "incident",
            BlockerKind::Unanswered => "unanswered",
            BlockerKind::Policy => "policy",
            BlockerKind::Author => "author",
            BlockerKind::Record => "record",
            BlockerKind::Approval => "approval",
            BlockerKind::Test => "test",
            BlockerKind::TestFailed => "testfailed",
            BlockerKind::Communication => "communication",
        }
    }
}

/// One thing standing between the draft and deployment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Blocker {
    pub kind: BlockerKind,
    /// The id of what is blocked (input, blocker, role, test, field...).
    pub id: String,
    pub message: String,
    /// Where it is resolved.
    pub step: Step,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Status {
    pub blockers: Vec<Blocker>,
    /// Whether each step of [`Step::ALL`] is complete.
    pub complete: Vec<bool>,
    pub ready_to_deploy: bool,
}

impl Status {
    pub fn is_complete(&self, step: Step) -> bool {
        self.complete.get(step.index()).copied().unwrap_or(false)
    }

    /// Complete steps, out of all.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.complete.iter().filter(|c| **c).count(),
            self.complete.len(),
        )
    }
}

/// A deadline with its due time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeadlineView {
    pub id: String,
    pub label: String,
    pub minutes: u32,
    pub starts: DeadlineStart,
    /// `None` until its start is known (e.g. not deployed yet).
    pub due_at: Option<i64>,
    pub remaining_ms: Option<i64>,
}

/// Approvals that count for `role`: by different people, none the author.
pub fn valid_approvers<'d>(policy: &Policy, draft: &'d Draft, role: &str) -> Vec<&'d str> {
    let mut names: Vec<&str> = Vec::new();
    for approval in draft.approvals.iter().filter(|a| a.role == role) {
        let by_author = !policy.author_may_approve && same_person(&approval.name, &draft.author);
        if !by_author && !names.iter().any(|n| same_person(n, &approval.name)) {
            names.push(&approval.name);
        }
    }
    names
}

pub(super) fn blockers(
    policy: &Policy,
    decision: &Decision,
    errors: &[FieldError],
    draft: &Draft,
) -> Vec<Blocker> {
    let mut out = Vec::new();
    let mut push = |kind, id: &str, message: String, step| {
        out.push(Blocker {
            kind,
            id: id.to_string(),
            message,
            step,
        });
    };
    for error in errors {
        push(
            BlockerKind::Incident,
            &error.field,
            error.message.clone(),
            Step::Incident,
        );
    }
    for id in &decision.unanswered {
        if errors.iter().any(|e| *e.field == **id) {
            continue;
        }
        let label = policy
            .inputs
            .iter()
            .find(|i| *i.id == **id)
            .map_or(&**id, |i| i.label.as_str());
        push(
            BlockerKind::Unanswered,
            id,
            format!("Not answered: {label}"),
            Step::Incident,
        );
    }
    for blocker in &decision.blockers {
        let cleared = blocker.cleared_by.is_some()
            && draft
                .sign_offs
                .get(&blocker.id)
                .is_some_and(|s| policy.author_may_approve || !same_person(&s.name, &draft.author));
        if !cleared {
            let message = match &blocker.cleared_by {
                Some(role) => format!("{} (sign-off by {role})", blocker.label),
                None => blocker.label.to_string(),
            };
            push(
                BlockerKind::Policy,
                &blocker.id,
                message,
                Step::Qualification,
            );
        }
    }
    if draft.author.trim().is_empty() {
        push(
            BlockerKind::Author,
            "author",
            "Who wrote the fix is not recorded".into(),
            Step::FixRisk,
        );
    }
    for field in &decision.record_fields {
        let filled = draft
            .record
            .get(&field.id)
            .is_some_and(|t| !t.trim().is_empty());
        if field.required && !filled {
            push(
                BlockerKind::Record,
                &field.id,
                format!("{} is empty", field.label),
                Step::FixRisk,
            );
        }
    }
    for approver in &decision.approvers {
        let have = valid_approvers(policy, draft, &approver.id).len();
        let need = approver.count as usize;
        if have < need {
            push(
                BlockerKind::Approval,
                &approver.id,
                format!("Approval missing: {} ({have} of {need})", approver.label),
                Step::Approvals,
            );
        }
    }
    for test in &decision.tests {
        let result = draft.tests.get(&test.id);
        match result.map(|r| r.status) {
            Some(TestStatus::Passed) => {}
            Some(TestStatus::Waived)
                if result.and_then(|r| r.waiver.as_ref()).is_some_and(|w| {
                    policy.author_may_approve || !same_person(&w.by, &draft.author)
                }) => {}
            Some(TestStatus::Failed) => push(
                BlockerKind::TestFailed,
                &test.id,
                format!("Test failed: {}", test.label),
                Step::Testing,
            ),
            _ => push(
                BlockerKind::Test,
                &test.id,
                format!("Test not passed yet: {}", test.label),
                Step::Testing,
            ),
        }
    }
    for communication in &decision.communications {
        if communication.phase == Phase::BeforeDeploy && !draft.sent.contains_key(&communication.id)
        {
            push(
                BlockerKind::Communication,
                &communication.id,
                format!("Not sent yet: {}", communication.label),
                Step::Communication,
            );
        }
    }
    out
}

/// The status of `draft` under `policy`, given its assessment (what
/// `Wizard::status` answers, without opening a wizard on the draft).
pub fn of(policy: &Policy, draft: &Draft, assessment: &Assessment) -> Status {
    let blockers = blockers(policy, &assessment.decision, &assessment.errors, draft);
    let none_of = |kinds: &[BlockerKind]| !blockers.iter().any(|b| kinds.contains(&b.kind));
    let all_sent = assessment
        .decision
        .communications
        .iter()
        .all(|c| draft.sent.contains_key(&c.id));
    let verified = draft.deployed_at.is_some()
        && CHECKLIST
            .iter()
            .all(|(id, _)| draft.verified.contains_key(id));
    let mut complete: Vec<bool> = Step::ALL
        .iter()
        .map(|step| match step {
            Step::Incident => none_of(&[BlockerKind::Incident, BlockerKind::Unanswered]),
            Step::Qualification => none_of(&[
                BlockerKind::Incident,
                BlockerKind::Unanswered,
                BlockerKind::Policy,
            ]),
            Step::FixRisk => none_of(&[BlockerKind::Author, BlockerKind::Record]),
            Step::Approvals => none_of(&[BlockerKind::Approval]),
            Step::Testing => none_of(&[BlockerKind::Test, BlockerKind::TestFailed]),
            Step::Communication => all_sent,
            Step::DeployVerify => verified,
            Step::Record => false,
        })
        .collect();
    let all_before = complete.iter().take(Step::ALL.len() - 1).all(|c| *c);
    if let Some(record) = complete.last_mut() {
        *record = all_before;
    }
    Status {
        ready_to_deploy: blockers.is_empty(),
        blockers,
        complete,
    }
}

/// Each deadline of `decision` with its due time for `draft`, as of `now`.
pub(super) fn deadlines(draft: &Draft, decision: &Decision, now: i64) -> Vec<DeadlineView> {
    decision
        .deadlines
        .iter()
        .map(|d| {
            let start = match d.starts {
                DeadlineStart::Incident => Some(draft.incident_start.unwrap_or(draft.created_at)),
                DeadlineStart::Deployment => draft.deployed_at,
            };
            let due_at = start.map(|s| s.saturating_add(i64::from(d.minutes) * 60_000));
            DeadlineView {
                id: d.id.to_string(),
                label: d.label.to_string(),
                minutes: d.minutes,
                starts: d.starts,
                due_at,
                remaining_ms: due_at.map(|due| due - now),
            }
        })
        .collect()
}
