//! Everything derived from a draft: what blocks deployment, which steps are
//! complete, where the hotfix is in its life, when each deadline falls, who
//! holds which role. Derived, never stored, so it cannot drift from the
//! draft.

use serde::Serialize;

use super::draft::{Basis, Draft, TestStatus};
use super::people::same_person;
use super::step::Step;
use crate::decision::{Assessment, Decision};
use crate::incident::{FieldError, FieldErrorKind};
use crate::policy::{DeadlineStart, Phase, Policy};

/// The checklist item confirmed only once the monitoring window has passed.
pub const MONITORING: &str = "monitoring-window";

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

/// Where a hotfix is in its life: Draft → Ready to deploy → Deployed
/// (monitoring) → Verified → Closed (every message sent, follow-ups done).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Draft,
    Ready,
    Deployed,
    Verified,
    Closed,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Ready => "ready",
            Stage::Deployed => "deployed",
            Stage::Verified => "verified",
            Stage::Closed => "closed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Status {
    pub blockers: Vec<Blocker>,
    /// Whether each step of [`Step::ALL`] is complete.
    pub complete: Vec<bool>,
    pub ready_to_deploy: bool,
    pub stage: Stage,
    /// When the monitoring window after deployment ends.
    pub monitoring_until: Option<i64>,
}

impl Status {
    /// The step to do next: the earliest step where a blocker is cleared;
    /// once none remains, deployment and verification, then the record.
    pub fn next_step(&self) -> Step {
        let earliest = self
            .blockers
            .iter()
            .map(|b| b.step)
            .min_by_key(|s| s.index());
        match (earliest, self.stage) {
            (Some(step), Stage::Draft) => step,
            (_, Stage::Closed) => Step::Record,
            (_, Stage::Verified) if !self.is_complete(Step::Communication) => Step::Communication,
            _ => Step::DeployVerify,
        }
    }

    /// The stage in words, the same on every screen and in the record,
    /// with times as `time` writes them: "Deployed, monitoring until
    /// 2026-11-22 04:08 UTC" with
    /// [`format_utc`](super::time::format_utc).
    pub fn stage_text(&self, time: &dyn Fn(i64) -> String) -> String {
        match self.stage {
            Stage::Draft => {
                let n = self.blockers.len();
                format!(
                    "Not ready to deploy: {n} blocker{} remain{}",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "s" } else { "" }
                )
            }
            Stage::Ready => "Ready to deploy".into(),
            Stage::Deployed => match self.monitoring_until {
                Some(until) => format!("Deployed, monitoring until {}", time(until)),
                None => "Deployed, being verified".into(),
            },
            Stage::Verified => "Verified; follow-ups or messages still open".into(),
            Stage::Closed => "Closed: verified, messages sent, follow-ups done".into(),
        }
    }
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
    /// For a deadline from the incident, once deployed: the deployment's
    /// time, and whether it was by the due time.
    pub met: Option<(i64, bool)>,
}

/// Whether the verdict stands: every required question has a valid
/// answer. An invalid answer to an optional question is left out (it
/// counts as unanswered) and the verdict still stands; see [`left_out`].
pub fn verdict_stands(policy: &Policy, assessment: &Assessment) -> bool {
    assessment.errors.iter().all(|e| {
        policy
            .inputs
            .iter()
            .find(|i| *i.id == *e.field)
            .is_some_and(|i| !i.required && e.kind != FieldErrorKind::Missing)
    })
}

/// The labels of the optional questions whose invalid answers the
/// decision leaves out.
pub fn left_out<'p>(policy: &'p Policy, assessment: &Assessment) -> Vec<&'p str> {
    policy
        .inputs
        .iter()
        .filter(|i| !i.required && assessment.errors.iter().any(|e| *e.field == *i.id))
        .map(|i| i.label.as_str())
        .collect()
}

/// Whether something given on `given` still holds on `now` (a thing never
/// bound to facts does not).
pub fn holds(given: Option<&Basis>, now: &Basis) -> bool {
    given.is_some_and(|b| b.holds_on(now))
}

/// The people whose approvals count for `role`: different people, none the
/// author, each given on the facts as they are (`now`).
pub fn valid_approvers<'d>(
    policy: &Policy,
    draft: &'d Draft,
    now: &Basis,
    role: &str,
) -> Vec<&'d str> {
    let mut names: Vec<&str> = Vec::new();
    for approval in draft.approvals.iter().filter(|a| a.role == role) {
        let by_author = !policy.author_may_approve && same_person(&approval.name, &draft.author);
        if !by_author
            && holds(approval.basis.as_ref(), now)
            && !names.iter().any(|n| same_person(n, &approval.name))
        {
            names.push(&approval.name);
        }
    }
    names
}

/// The people who hold `role` on the draft: its approvers, or the author,
/// the deployer or the verifiers for the duties.
pub fn people<'d>(policy: &Policy, draft: &'d Draft, now: &Basis, role: &str) -> Vec<&'d str> {
    match role {
        "author" => vec![draft.author.as_str()],
        "deployer" => draft.deployment.iter().map(|d| d.by.as_str()).collect(),
        "verifier" => draft.checks.iter().map(|(_, c)| c.by.as_str()).collect(),
        _ => valid_approvers(policy, draft, now, role),
    }
}

/// Why `who` may not take `role` under the policy's `[[separate]]` pairs,
/// if they hold the other role of a pair.
pub fn duty_conflict(
    policy: &Policy,
    draft: &Draft,
    now: &Basis,
    role: &str,
    who: &str,
) -> Option<String> {
    policy.separate.iter().find_map(|pair| {
        let [a, b] = &pair.roles;
        let other = if **a == *role {
            b
        } else if **b == *role {
            a
        } else {
            return None;
        };
        people(policy, draft, now, other)
            .iter()
            .any(|p| same_person(p, who))
            .then(|| {
                let reason = if pair.reason.trim().is_empty() {
                    String::new()
                } else {
                    format!(" ({})", pair.reason.trim())
                };
                format!(
                    "{who} is recorded as the {}; the policy requires the {} and the {} to be different people{reason}",
                    policy.role_label(other),
                    policy.role_label(role),
                    policy.role_label(other),
                )
            })
    })
}

/// When the monitoring window after deployment ends: the deployment's
/// time plus the longest deadline that starts at deployment.
pub fn monitoring_until(draft: &Draft, decision: &Decision) -> Option<i64> {
    let deployed = draft.deployment.as_ref()?.at;
    let minutes = decision
        .deadlines
        .iter()
        .filter(|d| d.starts == DeadlineStart::Deployment)
        .map(|d| d.minutes)
        .max()?;
    Some(deployed.saturating_add(i64::from(minutes) * 60_000))
}

pub(super) fn blockers(
    policy: &Policy,
    decision: &Decision,
    errors: &[FieldError],
    basis: &Basis,
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
        let message = match policy.inputs.iter().find(|i| *i.id == *error.field) {
            Some(input) if error.kind == FieldErrorKind::Missing => {
                format!("Not answered: {} (required)", input.label)
            }
            _ => error.message.clone(),
        };
        push(BlockerKind::Incident, &error.field, message, Step::Incident);
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
        let sign_off = draft.sign_offs.get(&blocker.id);
        let by_holder = |name: &str, role: &str| {
            valid_approvers(policy, draft, basis, role)
                .iter()
                .any(|h| same_person(h, name))
        };
        let cleared = blocker.cleared_by.as_deref().is_some_and(|role| {
            sign_off.is_some_and(|s| {
                (policy.author_may_approve || !same_person(&s.name, &draft.author))
                    && holds(s.basis.as_ref(), basis)
                    && by_holder(&s.name, role)
            })
        });
        if !cleared {
            let message = match (&blocker.cleared_by, sign_off) {
                (Some(_), Some(s)) if !holds(s.basis.as_ref(), basis) => format!(
                    "{} (signed off on different facts; to be confirmed again)",
                    blocker.label
                ),
                (Some(role), _) => format!(
                    "{} (sign-off by the {})",
                    blocker.label,
                    policy.role_label(role)
                ),
                (None, _) => blocker.label.to_string(),
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
        let have = valid_approvers(policy, draft, basis, &approver.id).len();
        let need = approver.count as usize;
        if have < need {
            let stale = draft
                .approvals
                .iter()
                .filter(|a| a.role == *approver.id && !holds(a.basis.as_ref(), basis))
                .count();
            let stale = match stale {
                0 => String::new(),
                n => format!("; {n} given on different facts"),
            };
            push(
                BlockerKind::Approval,
                &approver.id,
                format!(
                    "Approval missing: {} ({have} of {need}{stale})",
                    approver.label
                ),
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
                    (policy.author_may_approve || !same_person(&w.by, &draft.author))
                        && holds(w.basis.as_ref(), basis)
                        && valid_approvers(policy, draft, basis, &w.role)
                            .iter()
                            .any(|h| same_person(h, &w.by))
                }) => {}
            Some(TestStatus::Waived) => push(
                BlockerKind::Test,
                &test.id,
                format!(
                    "Waiver to be confirmed again: {} (given on different facts, or not by the role's holder)",
                    test.label
                ),
                Step::Testing,
            ),
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
pub fn of(policy: &Policy, draft: &Draft, assessment: &Assessment, basis: &Basis) -> Status {
    let blockers = blockers(
        policy,
        &assessment.decision,
        &assessment.errors,
        basis,
        draft,
    );
    let none_of = |kinds: &[BlockerKind]| !blockers.iter().any(|b| kinds.contains(&b.kind));
    let all_sent = assessment
        .decision
        .communications
        .iter()
        .all(|c| draft.sent.contains_key(&c.id));
    let verified = draft.deployment.is_some()
        && CHECKLIST
            .iter()
            .all(|(id, _)| draft.checks.contains_key(id));
    let followed_up = assessment
        .decision
        .follow_ups
        .iter()
        .all(|f| draft.follow_ups_done.contains_key(&f.id));
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
    let stage = match (&draft.deployment, verified, followed_up && all_sent) {
        (None, _, _) if blockers.is_empty() => Stage::Ready,
        (None, _, _) => Stage::Draft,
        (Some(_), false, _) => Stage::Deployed,
        (Some(_), true, false) => Stage::Verified,
        (Some(_), true, true) => Stage::Closed,
    };
    Status {
        ready_to_deploy: blockers.is_empty(),
        blockers,
        complete,
        stage,
        monitoring_until: monitoring_until(draft, &assessment.decision),
    }
}

/// Each deadline of `decision` with its due time for `draft`, as of `now`.
pub(super) fn deadlines(draft: &Draft, decision: &Decision, now: i64) -> Vec<DeadlineView> {
    decision
        .deadlines
        .iter()
        .map(|d| {
            let deployed = draft.deployment.as_ref().map(|d| d.at);
            let start = match d.starts {
                DeadlineStart::Incident => Some(draft.incident_start.unwrap_or(draft.created_at)),
                DeadlineStart::Deployment => deployed,
            };
            let due_at = start.map(|s| s.saturating_add(i64::from(d.minutes) * 60_000));
            let met = match (d.starts, deployed, due_at) {
                (DeadlineStart::Incident, Some(at), Some(due)) => Some((at, at <= due)),
                _ => None,
            };
            DeadlineView {
                id: d.id.to_string(),
                label: d.label.to_string(),
                minutes: d.minutes,
                starts: d.starts,
                due_at,
                remaining_ms: due_at.map(|due| due - now),
                met,
            }
        })
        .collect()
}
