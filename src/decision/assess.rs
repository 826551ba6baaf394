//! A live view of an incident being entered: the decision its valid
//! answers give so far, every field error, and which questions are not
//! asked. Forms that update as the user types (the wizard) use it.

use serde::Serialize;

use super::explained::{Decision, decide};
use crate::facts::Facts;
use crate::incident::{FieldError, Incident, validate};
use crate::policy::Policy;

/// A live view of an incident being entered: the decision its valid answers
/// give so far, every field error, and which questions are not asked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    /// Decided on the answers given; invalid ones count as unanswered.
    pub decision: Decision,
    /// Empty when the incident is complete and valid.
    pub errors: Vec<FieldError>,
    /// Ids of the questions whose `ask_when` does not hold.
    pub hidden: Vec<String>,
    /// The facts it was decided on.
    #[serde(skip)]
    pub facts: Facts,
}

/// Like `api::evaluate`, but always decides, for forms that update as the
/// user types.
pub fn assess(policy: &Policy, incident: &Incident) -> Assessment {
    let validated = validate(policy, incident);
    let hidden = policy
        .inputs
        .iter()
        .zip(&validated.visible)
        .filter(|(_, visible)| !**visible)
        .map(|(input, _)| input.id.to_string())
        .collect();
    Assessment {
        decision: decide(policy, &validated.facts),
        errors: validated.errors,
        hidden,
        facts: validated.facts,
    }
}
