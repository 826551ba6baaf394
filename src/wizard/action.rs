//! What a user can do to a draft, and the rules each action must pass:
//! the author of the fix cannot approve it; a role with count N needs N
//! different people; a waiver or sign-off is given by the person who holds
//! its role (its recorded approver); roles the policy separates are held by
//! different people; times are neither in the future nor before the
//! incident; deployment needs every blocker cleared; the monitoring check
//! waits for the window to pass; after-deploy messages wait for deployment.

use super::draft::{
    Approval, Basis, Done, Draft, EventKind, SignOff, TestResult, TestStatus, Waiver, answer_detail,
};
use super::people::same_person;
use super::status::{self, CHECKLIST};
use super::step::Step;
use super::time::{format_duration, format_utc};
use crate::decision::{Assessment, CommunicationItem, Decision};
use crate::incident::Answer;
use crate::limits::MAX_TEXT_BYTES;
use crate::policy::{Phase, Policy};

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Answer (or, with `Answer::Null`, clear) an incident question.
    Answer {
        input: String,
        value: Answer,
    },
    /// When the incident started (ms); `None`: the draft's creation.
    SetIncidentStart(Option<i64>),
    SetAuthor(String),
    SetRecord {
        field: String,
        text: String,
    },
    /// Clear a policy blocker that names a role (`cleared_by`), by a
    /// person who holds it; `at` is when (now when `None`).
    SignOff {
        blocker: String,
        name: String,
        comment: String,
        at: Option<i64>,
    },
    RemoveSignOff {
        blocker: String,
    },
    /// Approve as `role`; `at` is when it was given (now when `None`).
    Approve {
        role: String,
        name: String,
        comment: String,
        at: Option<i64>,
    },
    RemoveApproval {
        index: usize,
    },
    /// The same person confirms an approval, sign-off or waiver given on
    /// other facts again, on the facts as they are now.
    Reconfirm(Given),
    /// Pending, passed or failed, with evidence (a link or a note).
    SetTest {
        test: String,
        status: TestStatus,
        evidence: String,
    },
    /// Waive a test, by a person who holds its waiver role.
    Waive {
        test: String,
        reason: String,
        by: String,
        at: Option<i64>,
    },
    MarkSent {
        communication: String,
        sent: bool,
    },
    /// The message as it will be sent; the policy's text again when it is
    /// that text or empty.
    EditMessage {
        communication: String,
        text: String,
    },
    /// Deployed by `by` at `at` (now when `None`); `deployed: false` undoes it.
    MarkDeployed {
        deployed: bool,
        by: String,
        at: Option<i64>,
    },
    /// A verification checklist item, checked by `by` at `at`.
    Verify {
        item: String,
        done: bool,
        by: String,
        at: Option<i64>,
    },
    FollowUpDone {
        id: String,
        done: bool,
    },
    GoTo(Step),
}

/// An approval (by its place in the draft), a sign-off (by blocker) or a
/// waiver (by test).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Given {
    Approval(usize),
    SignOff(String),
    Waiver(String),
}

/// What an applied action adds to the audit trail (the wizard adds the
/// time recorded and the decision's digest).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub what: EventKind,
    pub subject: String,
    pub by: String,
    pub at: i64,
    pub detail: String,
}

fn note(
    what: EventKind,
    subject: &str,
    by: &str,
    at: i64,
    detail: impl Into<String>,
) -> Option<Note> {
    Some(Note {
        what,
        subject: subject.to_string(),
        by: by.to_string(),
        at,
        detail: detail.into(),
    })
}

impl Action {
    /// Whether the action can change the decision.
    pub(super) fn changes_answers(&self) -> bool {
        matches!(self, Action::Answer { .. })
    }
}

/// Why an action was not applied, in words for the user. A time in it is
/// kept as an instant, so that each layer writes it its way: the page in
/// local time with its zone, the CLI and the record in UTC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Time(i64),
}

impl Refusal {
    pub fn new(text: impl Into<String>) -> Refusal {
        Refusal {
            parts: vec![Part::Text(text.into())],
        }
    }

    /// This refusal, then the instant `at`.
    fn time(mut self, at: i64) -> Refusal {
        self.parts.push(Part::Time(at));
        self
    }

    /// This refusal, then `text`.
    fn then(mut self, text: impl Into<String>) -> Refusal {
        self.parts.push(Part::Text(text.into()));
        self
    }

    /// In words, with its times in UTC.
    pub fn message(&self) -> String {
        self.message_with(&format_utc)
    }

    /// In words, with its times as `time` writes them.
    pub fn message_with(&self, time: &dyn Fn(i64) -> String) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Time(at) => out.push_str(&time(*at)),
            }
        }
        out
    }
}

fn refuse<T>(message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(message))
}

fn text(value: &str, what: &str) -> Result<String, Refusal> {
    if value.len() > MAX_TEXT_BYTES {
        return refuse(format!(
            "{what} is too long (at most {MAX_TEXT_BYTES} bytes)"
        ));
    }
    Ok(value.to_string())
}

fn name(value: &str, what: &str) -> Result<String, Refusal> {
    let value = value.trim();
    if value.is_empty() {
        return refuse(format!("enter the name of the {what}"));
    }
    if value.chars().count() > 120 {
        return refuse(format!("the name of the {what} is too long"));
    }
    Ok(value.to_string())
}

/// The decision's communication `id`, or why not.
fn required_communication<'d>(
    decision: &'d Decision,
    id: &str,
) -> Result<&'d CommunicationItem, Refusal> {
    match decision.communications.iter().find(|c| *c.id == *id) {
        Some(item) => Ok(item),
        None => refuse(format!("`{id}` is not a required communication")),
    }
}

/// When something happened: `at`, or `now`; refused in the future or
/// before the incident started.
fn when(at: Option<i64>, now: i64, draft: &Draft, what: &str) -> Result<i64, Refusal> {
    let at = at.unwrap_or(now);
    if at > now {
        return Err(
            Refusal::new(format!("{what} cannot be in the future: it is "))
                .time(now)
                .then(" now"),
        );
    }
    // Times are given to the minute: the incident's start counts from its minute.
    let start = draft.incident_start.unwrap_or(draft.created_at);
    if at < start - start.rem_euclid(60_000) {
        return Err(
            Refusal::new(format!("{what} is before the incident started ("))
                .time(start)
                .then("); if it started earlier, change its start on the Incident step"),
        );
    }
    Ok(at)
}

/// Whether `who` holds `role` on this draft, for doing `what` (a waiver, a
/// sign-off): the role must be one of the decision's approvers and `who`
/// one of its current approvers.
fn holds(
    policy: &Policy,
    decision: &Decision,
    draft: &Draft,
    basis: &Basis,
    role: &str,
    who: &str,
    what: &str,
) -> Result<(), Refusal> {
    let label = policy.role_label(role);
    if !decision.approvers.iter().any(|a| *a.id == *role) {
        return refuse(format!(
            "the {label} is not an approver of this incident, so nobody on this draft holds the role to {what}"
        ));
    }
    let holders = status::valid_approvers(policy, draft, basis, role);
    if holders.is_empty() {
        return refuse(format!(
            "only the {label} can {what}: record the {label}'s approval first (step Approvals)"
        ));
    }
    if !holders.iter().any(|h| same_person(h, who)) {
        return refuse(format!(
            "{who} is not the recorded {label} ({}); only they can {what}",
            holders.join(", ")
        ));
    }
    Ok(())
}

/// Refuses `who` taking `role` when the policy says another role they
/// hold must be someone else's (`[[separate]]`).
fn separate(
    policy: &Policy,
    draft: &Draft,
    basis: &Basis,
    role: &str,
    who: &str,
) -> Result<(), Refusal> {
    match status::duty_conflict(policy, draft, basis, role, who) {
        Some(message) => refuse(message),
        None => Ok(()),
    }
}

/// Applies `action` to `draft` (assessed as `assessment`, on `basis`,
/// under `policy`) at time `now`, or says why not; what it did, for the
/// audit trail.
pub(super) fn apply(
    policy: &Policy,
    assessment: &Assessment,
    basis: &Basis,
    draft: &mut Draft,
    action: Action,
    now: i64,
) -> Result<Option<Note>, Refusal> {
    let decision = &assessment.decision;
    let author = draft.author.clone();
    let author_may_approve = policy.author_may_approve;
    Ok(match action {
        Action::Answer { input, value } => {
            if policy.input_index(&input).is_none() {
                return refuse(format!("`{input}` is not a question of this policy"));
            }
            if let Answer::Text(t) = &value {
                text(t, "the answer")?;
            }
            let detail = answer_detail(&value);
            draft.answers.set(&input, value);
            note(EventKind::Answered, &input, "", now, detail)
        }
        Action::SetIncidentStart(start) => {
            if start.is_some_and(|s| s > now) {
                return Err(
                    Refusal::new("the incident cannot start in the future: it is ")
                        .time(now)
                        .then(" now"),
                );
            }
            draft.incident_start = start;
            let detail = start.map_or("when the draft was created".to_string(), format_utc);
            note(EventKind::IncidentStart, "", "", now, detail)
        }
        Action::SetAuthor(value) => {
            draft.author = text(value.trim(), "the author's name")?;
            note(EventKind::Author, "", "", now, draft.author.clone())
        }
        Action::SetRecord { field, text: value } => {
            if !policy.record.iter().any(|r| *r.id == *field) {
                return refuse(format!("`{field}` is not a record field of this policy"));
            }
            draft
                .record
                .insert(field.clone(), text(&value, "the text")?);
            note(EventKind::Record, &field, "", now, "")
        }
        Action::SignOff {
            blocker,
            name: who,
            comment,
            at,
        } => {
            let Some(item) = decision.blockers.iter().find(|b| *b.id == *blocker) else {
                return refuse("this blocker does not apply to the incident");
            };
            let Some(role) = item.cleared_by.as_deref().map(str::to_string) else {
                return refuse(format!(
                    "“{}” cannot be signed off; change what causes it",
                    item.label
                ));
            };
            let who = name(&who, "person signing off")?;
            if !author_may_approve && same_person(&who, &author) {
                return refuse(format!("{who} wrote the fix and cannot sign it off"));
            }
            holds(policy, decision, draft, basis, &role, &who, "sign this off")?;
            let at = when(at, now, draft, "the time of the sign-off")?;
            let event = note(
                EventKind::SignedOff,
                &blocker,
                &who,
                at,
                item.label.to_string(),
            );
            draft.sign_offs.insert(
                blocker,
                SignOff {
                    name: who,
                    role,
                    at,
                    recorded_at: now,
                    comment: text(&comment, "the comment")?,
                    basis: Some(basis.clone()),
                },
            );
            event
        }
        Action::RemoveSignOff { blocker } => {
            let removed = draft.sign_offs.remove(&blocker);
            removed.and_then(|s| note(EventKind::SignOffRemoved, &blocker, &s.name, now, ""))
        }
        Action::Approve {
            role,
            name: who,
            comment,
            at,
        } => {
            let Some(item) = decision.approvers.iter().find(|a| *a.id == *role) else {
                return refuse(format!(
                    "`{role}` is not a required approver for this incident"
                ));
            };
            let who = name(&who, "approver")?;
            if !author_may_approve {
                if author.trim().is_empty() {
                    return refuse(
                        "record who wrote the fix (step Fix & risk) before approvals, so that self-approval can be ruled out",
                    );
                }
                if same_person(&who, &author) {
                    return refuse(format!("{who} wrote the fix and cannot approve it"));
                }
            }
            let given: Vec<&Approval> = draft.approvals.iter().filter(|a| a.role == role).collect();
            if given.iter().any(|a| same_person(&a.name, &who)) {
                return refuse(format!(
                    "{who} has already approved as {}; {} different people are needed",
                    item.label, item.count
                ));
            }
            if status::valid_approvers(policy, draft, basis, &role).len() >= item.count as usize {
                return refuse(format!("{} already has the approvals it needs", item.label));
            }
            separate(policy, draft, basis, &role, &who)?;
            let at = when(at, now, draft, "the time of the approval")?;
            let event = note(EventKind::Approved, &role, &who, at, item.label.to_string());
            draft.approvals.push(Approval {
                role,
                name: who,
                at,
                recorded_at: now,
                comment: text(&comment, "the comment")?,
                basis: Some(basis.clone()),
            });
            event
        }
        Action::RemoveApproval { index } => {
            if index >= draft.approvals.len() {
                return refuse("that approval no longer exists");
            }
            let removed = draft.approvals.remove(index);
            note(
                EventKind::ApprovalRemoved,
                &removed.role,
                &removed.name,
                now,
                "",
            )
        }
        Action::Reconfirm(given) => {
            let (subject, who): (String, String) = match &given {
                Given::Approval(index) => {
                    let Some(approval) = draft.approvals.get_mut(*index) else {
                        return refuse("that approval no longer exists");
                    };
                    approval.basis = Some(basis.clone());
                    approval.at = now;
                    approval.recorded_at = now;
                    (approval.role.clone(), approval.name.clone())
                }
                Given::SignOff(blocker) => {
                    if !decision.blockers.iter().any(|b| *b.id == **blocker) {
                        return refuse("this blocker no longer applies to the incident");
                    }
                    let Some(sign_off) = draft.sign_offs.get_mut(blocker) else {
                        return refuse("that sign-off no longer exists");
                    };
                    sign_off.basis = Some(basis.clone());
                    sign_off.at = now;
                    sign_off.recorded_at = now;
                    (blocker.clone(), sign_off.name.clone())
                }
                Given::Waiver(test) => {
                    if !decision.tests.iter().any(|t| *t.id == **test) {
                        return refuse("this test is no longer required");
                    }
                    let Some(waiver) = draft.tests.get_mut(test).and_then(|t| t.waiver.as_mut())
                    else {
                        return refuse("that waiver no longer exists");
                    };
                    waiver.basis = Some(basis.clone());
                    waiver.at = now;
                    waiver.recorded_at = now;
                    (test.clone(), waiver.by.clone())
                }
            };
            if !author_may_approve && same_person(&who, &author) {
                return refuse(format!("{who} wrote the fix and cannot confirm it"));
            }
            let kind = match given {
                Given::Approval(_) => "approval",
                Given::SignOff(_) => "sign-off",
                Given::Waiver(_) => "waiver",
            };
            note(EventKind::Reconfirmed, &subject, &who, now, kind)
        }
        Action::SetTest {
            test,
            status,
            evidence,
        } => {
            if !decision.tests.iter().any(|t| *t.id == *test) {
                return refuse(format!("`{test}` is not a required test for this incident"));
            }
            if status == TestStatus::Waived {
                return refuse("a waiver needs a reason and the name of the person waiving");
            }
            let event = note(EventKind::Test, &test, "", now, status.as_str());
            draft.tests.insert(
                test,
                TestResult {
                    status,
                    evidence: text(&evidence, "the evidence")?,
                    waiver: None,
                    at: now,
                },
            );
            event
        }
        Action::Waive {
            test,
            reason,
            by,
            at,
        } => {
            let Some(item) = decision.tests.iter().find(|t| *t.id == *test) else {
                return refuse(format!("`{test}` is not a required test for this incident"));
            };
            let Some(role) = item.waiver_role.as_deref().map(str::to_string) else {
                return refuse(format!(
                    "“{}” cannot be waived under this policy",
                    item.label
                ));
            };
            if reason.trim().is_empty() {
                return refuse("a waiver needs a reason");
            }
            let label = policy.role_label(&role);
            let by = name(&by, &format!("person waiving ({label})"))?;
            if !author_may_approve && same_person(&by, &author) {
                return refuse(format!("{by} wrote the fix and cannot waive its tests"));
            }
            holds(
                policy,
                decision,
                draft,
                basis,
                &role,
                &by,
                "waive this test",
            )?;
            let at = when(at, now, draft, "the time of the waiver")?;
            let evidence = draft
                .tests
                .get(&test)
                .map(|t| t.evidence.clone())
                .unwrap_or_default();
            let reason = text(reason.trim(), "the reason")?;
            let event = note(EventKind::Waived, &test, &by, at, reason.clone());
            draft.tests.insert(
                test,
                TestResult {
                    status: TestStatus::Waived,
                    evidence,
                    waiver: Some(Waiver {
                        reason,
                        by,
                        role,
                        at,
                        recorded_at: now,
                        basis: Some(basis.clone()),
                    }),
                    at,
                },
            );
            event
        }
        Action::MarkSent {
            communication,
            sent,
        } => {
            let item = required_communication(decision, &communication)?;
            if sent && item.phase == Phase::AfterDeploy && draft.deployment.is_none() {
                return refuse(format!(
                    "“{}” goes out after deployment; mark it sent once the fix is deployed",
                    item.label
                ));
            }
            if sent {
                draft.sent.insert(communication.clone(), now);
                note(
                    EventKind::Sent,
                    &communication,
                    "",
                    now,
                    item.label.to_string(),
                )
            } else {
                draft.sent.remove(&communication);
                note(
                    EventKind::Unsent,
                    &communication,
                    "",
                    now,
                    item.label.to_string(),
                )
            }
        }
        Action::EditMessage {
            communication,
            text: edited,
        } => {
            let item = required_communication(decision, &communication)?;
            if draft.sent.contains_key(&communication) {
                return refuse("the message was sent; mark it not sent to change it");
            }
            let edited = text(&edited, "the message")?;
            if edited.trim().is_empty() || edited == item.message {
                draft.messages.remove(&communication);
            } else {
                draft.messages.insert(communication.clone(), edited);
            }
            note(
                EventKind::MessageEdited,
                &communication,
                "",
                now,
                item.label.to_string(),
            )
        }
        Action::MarkDeployed { deployed, by, at } => {
            if deployed {
                let blockers = status::blockers(policy, decision, &assessment.errors, basis, draft);
                if let Some(first) = blockers.first() {
                    return refuse(format!(
                        "not ready to deploy: {} blocker{} remain, starting with “{}”",
                        blockers.len(),
                        if blockers.len() == 1 { "" } else { "s" },
                        first.message
                    ));
                }
                let by = name(&by, "person deploying")?;
                separate(policy, draft, basis, "deployer", &by)?;
                let at = when(at, now, draft, "the time of deployment")?;
                if let Some(late) = draft
                    .approvals
                    .iter()
                    .map(|a| a.at)
                    .filter(|t| *t > at)
                    .max()
                {
                    return Err(Refusal::new(
                        "the deployment time is before an approval it needs (given ",
                    )
                    .time(late)
                    .then(")"));
                }
                draft.deployment = Some(Done {
                    by: by.clone(),
                    at,
                    recorded_at: now,
                });
                note(EventKind::Deployed, "", &by, at, "")
            } else {
                let was = draft.deployment.take();
                draft.checks.clear();
                was.and_then(|d| note(EventKind::Undeployed, "", &d.by, now, ""))
            }
        }
        Action::Verify { item, done, by, at } => {
            let Some((_, label)) = CHECKLIST.iter().find(|(id, _)| *id == item) else {
                return refuse(format!("`{item}` is not on the verification checklist"));
            };
            let Some(deployment) = draft.deployment.clone() else {
                return refuse("verification starts once the fix is deployed");
            };
            if done {
                let by = name(&by, "person verifying")?;
                separate(policy, draft, basis, "verifier", &by)?;
                let at = when(at, now, draft, "the time of the check")?;
                if at < deployment.at {
                    return Err(Refusal::new("the check cannot be before the deployment (")
                        .time(deployment.at)
                        .then(")"));
                }
                if item == status::MONITORING {
                    if let Some(until) = status::monitoring_until(draft, decision) {
                        if at < until {
                            return Err(Refusal::new("the monitoring window runs until ")
                                .time(until)
                                .then(format!(
                                    " ({} from now); confirm it once it has passed",
                                    format_duration(until - now)
                                )));
                        }
                    }
                }
                draft.checks.insert(
                    item.clone(),
                    Done {
                        by: by.clone(),
                        at,
                        recorded_at: now,
                    },
                );
                note(EventKind::Checked, &item, &by, at, *label)
            } else {
                let was = draft.checks.remove(&item);
                was.and_then(|c| note(EventKind::Unchecked, &item, &c.by, now, *label))
            }
        }
        Action::FollowUpDone { id, done } => {
            let Some(item) = decision.follow_ups.iter().find(|f| *f.id == *id) else {
                return refuse(format!("`{id}` is not a follow-up of this incident"));
            };
            let label = item.label.to_string();
            if done {
                draft.follow_ups_done.insert(id.clone(), now);
                note(EventKind::FollowUpDone, &id, "", now, label)
            } else {
                draft.follow_ups_done.remove(&id);
                note(EventKind::FollowUpReopened, &id, "", now, label)
            }
        }
        Action::GoTo(step) => {
            draft.step = step;
            None
        }
    })
}
