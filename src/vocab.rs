//! The words every layer shares: verdicts, communication phases, what a
//! deadline counts from, the kinds of item a decision holds, and how a
//! number reads to a person.

use serde::{Deserialize, Serialize};

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

    /// This verdict's bit in `Expr::VerdictIn` masks.
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

    /// The phase in words for people: "Before deployment".
    pub fn label(self) -> &'static str {
        match self {
            Phase::BeforeDeploy => "Before deployment",
            Phase::During => "During deployment",
            Phase::AfterDeploy => "After deployment",
        }
    }

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

/// The kinds of requirement a policy declares and a decision lists, in the
/// order a decision lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Approvers,
    Tests,
    Communications,
    Blockers,
    Deadlines,
    FollowUps,
}

impl ItemKind {
    pub const ALL: [ItemKind; 6] = [
        ItemKind::Approvers,
        ItemKind::Tests,
        ItemKind::Communications,
        ItemKind::Blockers,
        ItemKind::Deadlines,
        ItemKind::FollowUps,
    ];

    /// The number of kinds: the length of per-kind arrays.
    pub const COUNT: usize = ItemKind::ALL.len();

    /// This kind's place in [`ItemKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The key of the policy's tables (`[[follow_ups]]`) and of the
    /// decision's lists (`"follow_ups"`); also how *why* names a rule
    /// (`follow_ups.merge-back`).
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Approvers => "approvers",
            ItemKind::Tests => "tests",
            ItemKind::Communications => "communications",
            ItemKind::Blockers => "blockers",
            ItemKind::Deadlines => "deadlines",
            ItemKind::FollowUps => "follow_ups",
        }
    }
}

/// `1234567` → `1,234,567`; `-5` stays `-5`. How every number a person
/// reads is written: answers, *why*, messages and the record.
pub fn grouped(n: i64) -> String {
    let mut out = String::new();
    write_grouped(n, &mut out);
    out
}

/// [`grouped`], appended to `out`.
pub fn write_grouped(n: i64, out: &mut String) {
    let digits = n.unsigned_abs().to_string();
    out.reserve(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (250_000, "250,000"),
            (1_234_567, "1,234,567"),
            (-5, "-5"),
            (-12_345, "-12,345"),
            (i64::MIN, "-9,223,372,036,854,775,808"),
        ] {
            assert_eq!(grouped(n), text);
        }
    }
}
