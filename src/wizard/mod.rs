//! The hotfix wizard as a pure state machine: a [`Draft`] plus the policy
//! in force, changed only through [`Action`]s, with everything else
//! (decision, blockers, step completion, deadlines) derived. The browser
//! layer renders it and turns events into actions; nothing here knows about
//! the DOM, clocks or storage (`now` is always passed in).

mod action;
pub mod draft;
pub mod idmap;
mod read;
pub mod record;
mod status;
pub mod store;
pub mod time;

use std::rc::Rc;

use serde::{Deserialize, Serialize};

pub use action::{Action, Refusal};
pub use draft::{Draft, DraftError, PolicyStamp, SCHEMA_VERSION, TestStatus};
pub use status::{
    Blocker, BlockerKind, CHECKLIST, DeadlineView, Status, of as status_of,
    valid_approvers as status_valid_approvers,
};

use crate::api::{Assessment, assess};
use crate::policy::Policy;
use draft::DecisionDigest;

/// The wizard's steps, in order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    #[default]
    Incident,
    Qualification,
    FixRisk,
    Approvals,
    Testing,
    Communication,
    DeployVerify,
    Record,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Incident,
        Step::Qualification,
        Step::FixRisk,
        Step::Approvals,
        Step::Testing,
        Step::Communication,
        Step::DeployVerify,
        Step::Record,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Step::Incident => "Incident",
            Step::Qualification => "Qualification",
            Step::FixRisk => "Fix & risk",
            Step::Approvals => "Approvals",
            Step::Testing => "Testing",
            Step::Communication => "Communication",
            Step::DeployVerify => "Deploy & verify",
            Step::Record => "Record",
        }
    }

    /// A stable name for markup and URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Incident => "incident",
            Step::Qualification => "qualification",
            Step::FixRisk => "fix-risk",
            Step::Approvals => "approvals",
            Step::Testing => "testing",
            Step::Communication => "communication",
            Step::DeployVerify => "deploy-verify",
            Step::Record => "record",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.index()
            .checked_sub(1)
            .and_then(|i| Step::ALL.get(i).copied())
    }
}

/// One draft being worked on under the policy in force.
#[derive(Clone, Debug)]
pub struct Wizard {
    pub policy: Rc<Policy>,
    draft: Draft,
    assessment: Assessment,
}

impl Wizard {
    /// Opens `draft` under `policy`. When the draft was decided under another
    /// policy text, it is re-evaluated, restamped, and what changed is
    /// returned in words for the user.
    pub fn open(policy: Rc<Policy>, mut draft: Draft) -> (Wizard, Vec<String>) {
        let assessment = assess(&policy, &draft.answers);
        let digest = DecisionDigest::of(&assessment.decision);
        let mut changes = Vec::new();
        if draft.policy.hash != policy.hash {
            let old = &draft.policy;
            changes.push(format!(
                "this draft was made under policy {} {}; it is now evaluated under {} {}",
                old.id, old.version, policy.id, policy.version
            ));
            match &draft.last_decision {
                Some(previous) => {
                    let differences = previous.changes_to(&digest);
                    if differences.is_empty() {
                        changes.push("the decision is unchanged".to_string());
                    }
                    changes.extend(differences);
                }
                None => changes.push("the previous decision was not recorded".to_string()),
            }
            draft.policy = PolicyStamp::of(&policy);
        }
        draft.last_decision = Some(digest);
        (
            Wizard {
                policy,
                draft,
                assessment,
            },
            changes,
        )
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// Applies `action` at time `now` (ms since the epoch), or says why not.
    pub fn apply(&mut self, action: Action, now: i64) -> Result<(), Refusal> {
        let changes_answers = action.changes_answers();
        action::apply(self, action, now)?;
        if changes_answers {
            self.assessment = assess(&self.policy, &self.draft.answers);
            self.draft.last_decision = Some(DecisionDigest::of(&self.assessment.decision));
        }
        self.draft.updated_at = now;
        Ok(())
    }

    /// Everything derived from the draft: blockers, step states, progress.
    pub fn status(&self) -> Status {
        status::status(self)
    }

    /// Each deadline of the decision with its due time, as of `now`.
    pub fn deadlines(&self, now: i64) -> Vec<DeadlineView> {
        status::deadlines(self, now)
    }
}
