//! The hotfix wizard as a pure state machine: a [`Draft`] plus the policy
//! in force, changed only through [`Action`]s, with everything else
//! (decision, blockers, step completion, deadlines) derived. The browser
//! layer renders it and turns events into actions; nothing here knows about
//! the DOM, clocks or storage (`now` is always passed in).

mod action;
pub mod draft;
pub mod idmap;
mod people;
pub mod read;
pub mod record;
mod status;
mod step;
pub mod store;
pub mod sync;
pub mod time;
pub mod words;

use std::rc::Rc;

pub use action::{Action, Refusal};
pub use draft::{Draft, DraftError, PolicyStamp, SCHEMA_VERSION, TestStatus};
pub use status::{
    Blocker, BlockerKind, CHECKLIST, DeadlineView, Status, of as status_of,
    valid_approvers as status_valid_approvers,
};
pub use step::Step;

use crate::decision::{Assessment, assess};
use crate::policy::Policy;
use draft::DecisionDigest;

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
        action::apply(&self.policy, &self.assessment, &mut self.draft, action, now)?;
        if changes_answers {
            self.assessment = assess(&self.policy, &self.draft.answers);
            self.draft.last_decision = Some(DecisionDigest::of(&self.assessment.decision));
        }
        self.draft.updated_at = now;
        Ok(())
    }

    /// Everything derived from the draft: blockers, step states, progress.
    pub fn status(&self) -> Status {
        status::of(&self.policy, &self.draft, &self.assessment)
    }

    /// Each deadline of the decision with its due time, as of `now`.
    pub fn deadlines(&self, now: i64) -> Vec<DeadlineView> {
        status::deadlines(&self.draft, &self.assessment.decision, now)
    }
}
