//! What a user can do to a draft, and the rules each action must pass:
//! the author of the fix cannot approve it, a role with count N needs N
//! different people, a waiver needs a reason and a person in the waiver
//! role, deployment needs every blocker cleared.

use super::draft::{Approval, Draft, SignOff, TestResult, TestStatus, Waiver};
use super::people::same_person;
use super::status::{self, CHECKLIST};
use super::step::Step;
use crate::decision::Assessment;
use crate::incident::Answer;
use crate::limits::MAX_TEXT_BYTES;
use crate::policy::Policy;

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
    /// Clear a policy blocker that names a role (`cleared_by`).
    SignOff {
        blocker: String,
        name: String,
        comment: String,
    },
    RemoveSignOff {
        blocker: String,
    },
    Approve {
        role: String,
        name: String,
        comment: String,
    },
    RemoveApproval {
        index: usize,
    },
    /// Pending, passed or failed, with evidence (a link or a note).
    SetTest {
        test: String,
        status: TestStatus,
        evidence: String,
    },
    Waive {
        test: String,
        reason: String,
        by: String,
    },
    MarkSent {
        communication: String,
        sent: bool,
    },
    MarkDeployed(bool),
    Verify {
        item: String,
        done: bool,
    },
    FollowUpDone {
        id: String,
        done: bool,
    },
    GoTo(Step),
}

impl Action {
    /// Whether the action can change the decision.
    pub(super) fn changes_answers(&self) -> bool {
        matches!(self, Action::Answer { .. })
    }
}

/// Why an action was not applied, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
}

fn refuse<T>(message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal {
        message: message.into(),
    })
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

/// Applies `action` to `draft` (assessed as `assessment` under `policy`)
/// at time `now`, or says why not.
pub(super) fn apply(
    policy: &Policy,
    assessment: &Assessment,
    draft: &mut Draft,
    action: Action,
    now: i64,
) -> Result<(), Refusal> {
    let decision = &assessment.decision;
    let author = draft.author.clone();
    let author_may_approve = policy.author_may_approve;
    match action {
        Action::Answer { input, value } => {
            if policy.input_index(&input).is_none() {
                return refuse(format!("`{input}` is not a question of this policy"));
            }
            if let Answer::Text(t) = &value {
                text(t, "the answer")?;
            }
            draft.answers.set(&input, value);
        }
        Action::SetIncidentStart(start) => draft.incident_start = start,
        Action::SetAuthor(value) => draft.author = text(value.trim(), "the author's name")?,
        Action::SetRecord { field, text: value } => {
            if !policy.record.iter().any(|r| *r.id == *field) {
                return refuse(format!("`{field}` is not a record field of this policy"));
            }
            draft.record.insert(field, text(&value, "the text")?);
        }
        Action::SignOff {
            blocker,
            name: who,
            comment,
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
            draft.sign_offs.insert(
                blocker,
                SignOff {
                    name: who,
                    role,
                    at: now,
                    comment: text(&comment, "the comment")?,
                },
            );
        }
        Action::RemoveSignOff { blocker } => {
            draft.sign_offs.remove(&blocker);
        }
        Action::Approve {
            role,
            name: who,
            comment,
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
            if given.len() >= item.count as usize {
                return refuse(format!("{} already has the approvals it needs", item.label));
            }
            draft.approvals.push(Approval {
                role,
                name: who,
                at: now,
                comment: text(&comment, "the comment")?,
            });
        }
        Action::RemoveApproval { index } => {
            if index >= draft.approvals.len() {
                return refuse("that approval no longer exists");
            }
            draft.approvals.remove(index);
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
            draft.tests.insert(
                test,
                TestResult {
                    status,
                    evidence: text(&evidence, "the evidence")?,
                    waiver: None,
                    at: now,
                },
            );
        }
        Action::Waive { test, reason, by } => {
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
            let by = name(&by, &format!("person waiving ({role})"))?;
            if !author_may_approve && same_person(&by, &author) {
                return refuse(format!("{by} wrote the fix and cannot waive its tests"));
            }
            let evidence = draft
                .tests
                .get(&test)
                .map(|t| t.evidence.clone())
                .unwrap_or_default();
            draft.tests.insert(
                test,
                TestResult {
                    status: TestStatus::Waived,
                    evidence,
                    waiver: Some(Waiver {
                        reason: text(reason.trim(), "the reason")?,
                        by,
                        role,
                    }),
                    at: now,
                },
            );
        }
        Action::MarkSent {
            communication,
            sent,
        } => {
            if !decision
                .communications
                .iter()
                .any(|c| *c.id == *communication)
            {
                return refuse(format!("`{communication}` is not a required communication"));
            }
            if sent {
                draft.sent.insert(communication, now);
            } else {
                draft.sent.remove(&communication);
            }
        }
        Action::MarkDeployed(deployed) => {
            if deployed {
                let blockers = status::blockers(policy, decision, &assessment.errors, draft);
                if let Some(first) = blockers.first() {
                    return refuse(format!(
                        "not ready to deploy: {} blocker{} remain, starting with “{}”",
                        blockers.len(),
                        if blockers.len() == 1 { "" } else { "s" },
                        first.message
                    ));
                }
                draft.deployed_at = Some(now);
            } else {
                draft.deployed_at = None;
                draft.verified.clear();
            }
        }
        Action::Verify { item, done } => {
            if !CHECKLIST.iter().any(|(id, _)| *id == item) {
                return refuse(format!("`{item}` is not on the verification checklist"));
            }
            if draft.deployed_at.is_none() {
                return refuse("verification starts once the fix is deployed");
            }
            if done {
                draft.verified.insert(item, now);
            } else {
                draft.verified.remove(&item);
            }
        }
        Action::FollowUpDone { id, done } => {
            if !decision.follow_ups.iter().any(|f| *f.id == *id) {
                return refuse(format!("`{id}` is not a follow-up of this incident"));
            }
            if done {
                draft.follow_ups_done.insert(id, now);
            } else {
                draft.follow_ups_done.remove(&id);
            }
        }
        Action::GoTo(step) => draft.step = step,
    }
    Ok(())
}
