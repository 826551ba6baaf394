//! A hand-written Rust function implementing the default policy (bench code
//! only): the baseline the engine is measured against. It reads a typed
//! incident and returns the verdict and which requirements apply, as bits in
//! the default policy's order — the same information as `outcome`.

use hotgate::incident::{Answer, Incident};
use hotgate::outcome::Outcome;
use hotgate::policy::{Policy, Verdict};
use hotgate::vocab::ItemKind;

/// The default policy's inputs as plain fields (validated elsewhere).
pub struct Typed {
    severity: u8,
    security: bool,
    exploited: bool,
    customer_facing: bool,
    data_loss: bool,
    regulated: bool,
    workaround: bool,
    change_size: i64,
    rollback_plan: bool,
    automated_tests: bool,
}

impl From<&Incident> for Typed {
    fn from(incident: &Incident) -> Typed {
        let flag = |id: &str| matches!(incident.get(id), Some(Answer::Bool(true)));
        let severity = match incident.get("severity") {
            Some(Answer::Text(s)) => s.as_bytes().get(1).map_or(0, |d| d - b'0'),
            _ => 0,
        };
        let security = flag("security_vulnerability");
        Typed {
            severity,
            security,
            // Asked only about a vulnerability: otherwise it does not count.
            exploited: security && flag("actively_exploited"),
            customer_facing: flag("customer_facing"),
            data_loss: flag("data_loss"),
            regulated: flag("regulated"),
            workaround: flag("workaround_available"),
            change_size: match incident.get("change_size_lines") {
                Some(Answer::Int(i)) => *i,
                _ => 0,
            },
            rollback_plan: flag("has_rollback_plan"),
            automated_tests: flag("automated_tests_available"),
        }
    }
}

/// Verdict and requirement bits in the default policy's item order.
pub struct Baseline {
    verdict: Verdict,
    approvers: u32,
    tests: u32,
    communications: u32,
    blockers: u32,
}

pub fn decide(t: &Typed) -> Baseline {
    let verdict = if t.security && t.exploited {
        Verdict::Qualifies
    } else if t.change_size > 500 {
        Verdict::NeedsReview
    } else if t.severity == 1 {
        Verdict::Qualifies
    } else if t.severity == 2 && t.workaround {
        Verdict::NeedsReview
    } else if t.severity == 2 || t.security {
        Verdict::Qualifies
    } else {
        Verdict::Rejected
    };
    let bit = |on: bool, i: u32| u32::from(on) << i;
    Baseline {
        verdict,
        approvers: 0b111 | bit(t.customer_facing, 3) | bit(t.security, 4) | bit(t.regulated, 5),
        tests: 0b11
            | bit(t.change_size > 100, 2)
            | bit(t.automated_tests, 3)
            | bit(t.security, 4)
            | bit(t.data_loss, 5)
            | bit(!(t.severity == 1 && t.security && t.exploited), 6),
        communications: 0b111
            | bit(t.customer_facing, 3)
            | bit(t.customer_facing, 4)
            | bit(t.regulated && t.data_loss, 5),
        blockers: bit(!t.rollback_plan, 0)
            | bit(verdict == Verdict::Rejected, 1)
            | bit(verdict == Verdict::NeedsReview, 2),
    }
}

/// Panics if the engine and the baseline disagree on an incident.
pub fn assert_same(engine: &Outcome, base: &Baseline, policy: &Policy) {
    let bits = |b: &hotgate::outcome::Bits, n: usize| {
        (0..n).fold(0u32, |acc, i| acc | (u32::from(b.contains(i)) << i))
    };
    assert_eq!(engine.verdict, base.verdict);
    let kind = |kind: ItemKind| bits(engine.chosen(kind), policy.count(kind));
    assert_eq!(kind(ItemKind::Approvers), base.approvers);
    assert_eq!(kind(ItemKind::Tests), base.tests);
    assert_eq!(kind(ItemKind::Communications), base.communications);
    assert_eq!(kind(ItemKind::Blockers), base.blockers);
}
