//! The fast path of evaluation: the verdict, the rule that gave it, and
//! which requirements apply — as bits over the policy's items, with no
//! text and no allocation. `decision::decide` explains an outcome into the
//! full decision (labels, messages, *why*) only when one is needed.

use crate::expr::Env;
use crate::incident::Facts;
use crate::limits::MAX_ITEMS;
use crate::policy::{Policy, Requirement, Verdict};

/// A set of item indices below [`MAX_ITEMS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bits([u64; 4]);

const _: () = assert!(MAX_ITEMS <= 256, "Bits holds 256 items");

impl Bits {
    fn insert(&mut self, index: usize) {
        if let Some(word) = self.0.get_mut(index / 64) {
            *word |= 1 << (index % 64);
        }
    }

    pub fn contains(&self, index: usize) -> bool {
        self.0
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }
}

/// Which parts of a policy apply to one incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub verdict: Verdict,
    /// The qualification rule that matched; `None`: the default.
    pub rule: Option<u16>,
    pub approvers: Bits,
    pub tests: Bits,
    pub communications: Bits,
    pub blockers: Bits,
    pub deadlines: Bits,
    pub follow_ups: Bits,
}

/// Evaluates the policy's conditions on validated facts.
pub fn outcome(policy: &Policy, facts: &Facts) -> Outcome {
    let env = Env {
        facts,
        verdict: None,
    };
    let rules = &policy.qualification.rules;
    let rule = rules.iter().position(|r| r.when.expr.eval(env));
    let verdict = rule
        .and_then(|i| rules.get(i))
        .map_or(policy.qualification.default_verdict, |r| r.verdict);
    let env = Env {
        facts,
        verdict: Some(verdict),
    };
    Outcome {
        verdict,
        rule: rule.and_then(|i| u16::try_from(i).ok()),
        approvers: select(env, &policy.approvers, |a| &a.requirement),
        tests: select(env, &policy.tests, |t| &t.requirement),
        communications: select(env, &policy.communications, |c| &c.requirement),
        blockers: select(env, &policy.blockers, |b| &b.requirement),
        deadlines: select(env, &policy.deadlines, |d| &d.requirement),
        follow_ups: select(env, &policy.follow_ups, |f| &f.requirement),
    }
}

/// The items whose condition holds (or that have none).
#[inline]
fn select<T>(env: Env<'_>, items: &[T], requirement: impl Fn(&T) -> &Requirement) -> Bits {
    let mut bits = Bits::default();
    for (i, item) in items.iter().enumerate() {
        if requirement(item)
            .when
            .as_ref()
            .is_none_or(|c| c.expr.eval(env))
        {
            bits.insert(i);
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_hold_every_index_below_the_limit() {
        let mut bits = Bits::default();
        assert!(bits.is_empty());
        for i in [0, 63, 64, 200, 255] {
            bits.insert(i);
        }
        bits.insert(256); // out of range: ignored, never a panic
        assert_eq!(bits.len(), 5);
        assert!(
            bits.contains(64) && bits.contains(255) && !bits.contains(1) && !bits.contains(256)
        );
    }
}
