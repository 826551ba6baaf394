//! The policy model: a loaded, type-checked hotfix policy.
//!
//! [`load`](load::load) turns TOML text into a [`Policy`] or the full list of
//! diagnostics. Everything in a `Policy` has been checked: ids are unique,
//! conditions are typed, templates name real inputs, `ask_when` has no cycle.

pub(crate) mod fields;
pub mod load;
pub mod template;

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::expr::Condition;
pub use load::load;
pub use template::Template;

/// The outcome of qualification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Qualifies,
    NeedsReview,
    Rejected,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Qualifies, Verdict::NeedsReview, Verdict::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Qualifies => "qualifies",
            Verdict::NeedsReview => "needs_review",
            Verdict::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == text)
    }

    /// This verdict's bit in [`crate::expr::Expr::VerdictIn`] masks.
    pub fn bit(self) -> u8 {
        match self {
            Verdict::Qualifies => 1,
            Verdict::NeedsReview => 2,
            Verdict::Rejected => 4,
        }
    }
}

/// When a communication goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    BeforeDeploy,
    During,
    AfterDeploy,
}

impl Phase {
    pub const ALL: [Phase; 3] = [Phase::BeforeDeploy, Phase::During, Phase::AfterDeploy];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::BeforeDeploy => "before_deploy",
            Phase::During => "during",
            Phase::AfterDeploy => "after_deploy",
        }
    }
}

/// What a deadline counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStart {
    /// The incident's start.
    Incident,
    /// The moment the fix is deployed (e.g. a monitoring window).
    Deployment,
}

impl DeadlineStart {
    pub const ALL: [DeadlineStart; 2] = [DeadlineStart::Incident, DeadlineStart::Deployment];

    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineStart::Incident => "incident",
            DeadlineStart::Deployment => "deployment",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: String,
    /// Whether the author of the fix may approve it (default: no).
    pub author_may_approve: bool,
    /// FNV-1a 64 of the source text, hex: tells two texts of one version apart.
    pub hash: String,
    pub inputs: Vec<Input>,
    /// Input indices such that each `ask_when` reads only inputs before it.
    pub ask_order: Vec<u16>,
    pub qualification: Qualification,
    pub approvers: Vec<Approver>,
    pub tests: Vec<TestRequirement>,
    pub communications: Vec<Communication>,
    pub blockers: Vec<Blocker>,
    pub deadlines: Vec<Deadline>,
    pub follow_ups: Vec<FollowUp>,
    pub record: Vec<RecordField>,
    /// Every condition compiled for the fast path (`outcome`).
    pub program: crate::outcome::Program,
}

impl Policy {
    pub fn input_index(&self, id: &str) -> Option<u16> {
        self.inputs
            .iter()
            .position(|i| &*i.id == id)
            .and_then(|i| u16::try_from(i).ok())
    }
}

/// One incident question.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub id: Rc<str>,
    pub label: String,
    pub help: String,
    pub kind: InputKind,
    pub required: bool,
    /// Asked only when this holds; otherwise its answer is ignored.
    pub ask_when: Option<Condition>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum InputKind {
    Bool,
    Int { min: i64, max: i64 },
    Choice { options: Vec<ChoiceOption> },
    Text { max_length: usize, multiline: bool },
}

impl InputKind {
    pub fn name(&self) -> &'static str {
        match self {
            InputKind::Bool => "bool",
            InputKind::Int { .. } => "int",
            InputKind::Choice { .. } => "choice",
            InputKind::Text { .. } => "text",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Qualification {
    /// Tried in order; the first that holds gives the verdict.
    pub rules: Vec<QualificationRule>,
    pub default_verdict: Verdict,
    pub default_reason: Rc<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QualificationRule {
    pub id: String,
    pub when: Condition,
    pub verdict: Verdict,
    pub reason: Rc<str>,
    /// `qualification.p1`
    pub rule: Rc<str>,
}

/// What every requirement has: an id, words for people, and a condition.
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub description: Rc<str>,
    /// `approvers.sre-avp`: how decisions name the rule (see `Why::rule`).
    pub rule: Rc<str>,
    /// Applies only when this holds; always when absent.
    pub when: Option<Condition>,
}

/// A role whose approval is required; its id is the role.
#[derive(Clone, Debug, PartialEq)]
pub struct Approver {
    pub requirement: Requirement,
    /// How many different people of the role must approve.
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TestRequirement {
    pub requirement: Requirement,
    /// The role that may waive this test, with a reason; none: it cannot be waived.
    pub waiver_role: Option<Rc<str>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Communication {
    pub requirement: Requirement,
    pub audience: Rc<str>,
    pub channel: Rc<str>,
    pub phase: Phase,
    pub template: Template,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Blocker {
    pub requirement: Requirement,
    /// The role whose sign-off clears this blocker, if any.
    pub cleared_by: Option<Rc<str>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Deadline {
    pub requirement: Requirement,
    pub starts: DeadlineStart,
    /// Tried in order; the first that holds gives the minutes.
    pub cases: Vec<(Condition, u32)>,
    /// The minutes when no case holds.
    pub minutes: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FollowUp {
    pub requirement: Requirement,
    pub due_days: Option<u32>,
    pub business_days: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecordField {
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub help: Rc<str>,
    pub required: Required,
    pub multiline: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Required {
    Always,
    Never,
    When(Condition),
}

/// FNV-1a, 64 bits, as 16 hex digits: small, stable, and the same on every target.
pub fn fnv1a_hex(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}
