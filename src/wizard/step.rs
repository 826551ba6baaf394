//! The wizard's steps, in order, with their titles and the names pages use.

use serde::{Deserialize, Serialize};

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
