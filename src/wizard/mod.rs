//! The hotfix wizard as a pure state machine: a [`Draft`] plus the policy
//! in force, changed only through [`Action`]s, with everything else
//! (decision, blockers, step completion, deadlines) derived. The browser
//! layer renders it and turns events into actions; nothing here knows about
//! the DOM, clocks or storage (`now` is always passed in).

mod action;
pub mod audit;
pub mod basis;
pub mod draft;
pub mod idmap;
mod people;
pub mod read;
pub mod record;
pub mod route;
mod status;
mod step;
pub mod store;
pub mod sync;
pub mod time;
pub mod upgrade;
pub mod words;

use std::rc::Rc;

pub use action::{Action, Given, Refusal};
pub use draft::{
    Basis, Draft, DraftError, Event, EventKind, PolicyStamp, SCHEMA_VERSION, TestStatus,
};
pub use status::{
    Blocker, BlockerKind, CHECKLIST, DeadlineView, MONITORING, Stage, Status, holds, left_out,
    of as status_of, valid_approvers as status_valid_approvers, verdict_stands,
};
pub use step::Step;

use crate::decision::{Assessment, assess};
use crate::policy::Policy;
use draft::DecisionDigest;

/// What opening a draft has to tell a person, in words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Opened {
    /// The draft was stored by an earlier release and brought up to date.
    pub upgraded: Vec<String>,
    /// The draft was decided under another policy text.
    pub policy: Vec<String>,
}

impl Opened {
    pub fn is_empty(&self) -> bool {
        self.upgraded.is_empty() && self.policy.is_empty()
    }
}

/// One draft being worked on under the policy in force.
#[derive(Clone, Debug)]
pub struct Wizard {
    pub policy: Rc<Policy>,
    draft: Draft,
    assessment: Assessment,
    /// What approvals given now are bound to.
    basis: Basis,
}

impl Wizard {
    /// Opens `draft` under `policy` at `now`. A draft of an earlier format
    /// is upgraded; one decided under another policy text is re-evaluated
    /// and restamped. What a person should know of either is returned in
    /// words.
    pub fn open(policy: Rc<Policy>, mut draft: Draft, now: i64) -> (Wizard, Opened) {
        let assessment = assess(&policy, &draft.answers);
        let basis = Basis::of(&policy, &assessment.facts, &assessment.decision);
        let digest = DecisionDigest::of(&assessment.decision);
        let upgraded = upgrade::upgrade(&policy, &mut draft, &assessment, &basis, now);
        let mut changes = Vec::new();
        if draft.policy.hash != policy.hash {
            let old = &draft.policy;
            changes.push(format!(
                "this draft was made under policy {} {}; it is now evaluated under {} {}",
                old.id, old.version, policy.id, policy.version
            ));
            match &draft.last_decision {
                Some(previous) => {
                    let differences = previous.changes_to(&digest, &policy);
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
                basis,
            },
            Opened {
                upgraded,
                policy: changes,
            },
        )
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// What an approval given now is bound to.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// Applies `action` at time `now` (ms since the epoch), or says why
    /// not; what it changed goes to the draft's events.
    pub fn apply(&mut self, action: Action, now: i64) -> Result<(), Refusal> {
        let changes_answers = action.changes_answers();
        let note = action::apply(
            &self.policy,
            &self.assessment,
            &self.basis,
            &mut self.draft,
            action,
            now,
        )?;
        if changes_answers {
            self.assessment = assess(&self.policy, &self.draft.answers);
            self.basis = Basis::of(
                &self.policy,
                &self.assessment.facts,
                &self.assessment.decision,
            );
            self.draft.last_decision = Some(DecisionDigest::of(&self.assessment.decision));
        }
        if let Some(note) = note {
            self.record(note, now);
        }
        self.draft.updated_at = now;
        Ok(())
    }

    /// Appends `note` to the events; a run of typing in one field stays one event.
    fn record(&mut self, note: action::Note, now: i64) {
        let event = Event {
            what: note.what,
            subject: note.subject,
            by: note.by,
            at: note.at,
            recorded_at: now,
            decision: self.basis.decision.clone(),
            detail: note.detail,
        };
        let events = &mut self.draft.events;
        match events.last_mut() {
            Some(last)
                if event.what.coalesces()
                    && last.what == event.what
                    && last.subject == event.subject =>
            {
                *last = event;
            }
            _ => events.push(event),
        }
    }

    /// Everything derived from the draft: blockers, step states, stage.
    pub fn status(&self) -> Status {
        status::of(&self.policy, &self.draft, &self.assessment, &self.basis)
    }

    /// What changed since `given` was the basis, in words; empty when it
    /// still holds. Something never bound to facts is said to be.
    pub fn changes_since(&self, given: Option<&Basis>) -> Vec<String> {
        match given {
            Some(b) if b.holds_on(&self.basis) => Vec::new(),
            Some(b) => b.changes_to(&self.policy, &self.basis),
            None => vec!["it was not bound to the facts it was given on".into()],
        }
    }

    /// Each deadline of the decision with its due time, as of `now`.
    pub fn deadlines(&self, now: i64) -> Vec<DeadlineView> {
        status::deadlines(&self.draft, &self.assessment.decision, now)
    }
}
