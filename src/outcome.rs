//! The fast path of evaluation: which parts of a policy apply to an
//! incident, as bits ([`Outcome`]), computed by the policy's compiled
//! conditions (`policy::Program`). `decision` explains an outcome into the
//! full decision only when one is needed. [`outcome_by_tree`] is the
//! reference the compiled conditions are tested and fuzzed against.

use crate::expr::Env;
use crate::facts::Facts;
use crate::policy::Policy;
pub use crate::policy::program::{Bits, Outcome};
use crate::vocab::ItemKind;

/// Evaluates the policy's conditions on validated facts.
pub fn outcome(policy: &Policy, facts: &Facts) -> Outcome {
    policy.program.outcome(facts)
}

/// The same as [`outcome`], by walking every condition's tree: the
/// reference the compiled [`Program`] is tested against.
pub fn outcome_by_tree(policy: &Policy, facts: &Facts) -> Outcome {
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
    let select = |kind: ItemKind| {
        let mut bits = Bits::default();
        for (i, item) in policy.items(kind).enumerate() {
            if item
                .requirement()
                .when
                .as_ref()
                .is_none_or(|c| c.expr.eval(env))
            {
                bits.insert(i);
            }
        }
        bits
    };
    Outcome {
        verdict,
        rule: rule.and_then(|i| u16::try_from(i).ok()),
        items: ItemKind::ALL.map(select),
    }
}
