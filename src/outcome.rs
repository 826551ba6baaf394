//! The fast path of evaluation: the verdict, the rule that gave it, and
//! which requirements apply — as bits over the policy's items, with no
//! text and no allocation. `decision::decide` explains an outcome into the
//! full decision (labels, messages, *why*) only when one is needed.
//!
//! At load, every condition of a policy is compiled into a [`Program`]:
//! the distinct comparisons ("atoms", such as `severity == 'P1'` or
//! `change_size_lines > 500`) are numbered, and each condition that is an
//! atom, or an `&&` or `||` of atoms and negated atoms, becomes a pair of
//! bit masks over them. An outcome evaluates each atom once, grouped by
//! form and without branching on results, then every rule and requirement
//! with a mask test; other conditions walk their tree. `outcome_by_tree`
//! is the reference it is tested against (`tests/it/outcome.rs`, fuzzing).

use crate::expr::{CmpOp, Condition, Env, Expr, Operand};
use crate::incident::Facts;
use crate::limits::MAX_ITEMS;
use crate::policy::{Policy, Requirement, Verdict};

/// A set of item indices below [`MAX_ITEMS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bits([u64; 4]);

const _: () = assert!(MAX_ITEMS <= 256, "Bits holds 256 items");

impl Bits {
    fn insert(&mut self, index: usize) {
        self.set(index, true);
    }

    #[inline(always)]
    fn set(&mut self, index: usize, on: bool) {
        if let Some(word) = self.0.get_mut(index / 64) {
            *word |= u64::from(on) << (index % 64);
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
    let program = &policy.program;
    let mut env = Env {
        facts,
        verdict: None,
    };
    let mut atoms = program.atoms.eval(env);
    let rule = program.rules.iter().position(|f| f.holds(atoms, env));
    let verdict = rule
        .and_then(|i| policy.qualification.rules.get(i))
        .map_or(policy.qualification.default_verdict, |r| r.verdict);
    env.verdict = Some(verdict);
    atoms |= program.verdict_atoms.eval(env);
    let select = |clauses: &Clauses| clauses.select(atoms, env);
    let [
        approvers,
        tests,
        communications,
        blockers,
        deadlines,
        follow_ups,
    ] = &program.items;
    Outcome {
        verdict,
        rule: rule.and_then(|i| u16::try_from(i).ok()),
        approvers: select(approvers),
        tests: select(tests),
        communications: select(communications),
        blockers: select(blockers),
        deadlines: select(deadlines),
        follow_ups: select(follow_ups),
    }
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
    let select = |conditions: &mut dyn Iterator<Item = Option<&Condition>>| {
        let mut bits = Bits::default();
        for (i, when) in conditions.enumerate() {
            if when.is_none_or(|c| c.expr.eval(env)) {
                bits.insert(i);
            }
        }
        bits
    };
    Outcome {
        verdict,
        rule: rule.and_then(|i| u16::try_from(i).ok()),
        approvers: select(&mut policy.approvers.iter().map(|x| when(&x.requirement))),
        tests: select(&mut policy.tests.iter().map(|x| when(&x.requirement))),
        communications: select(&mut policy.communications.iter().map(|x| when(&x.requirement))),
        blockers: select(&mut policy.blockers.iter().map(|x| when(&x.requirement))),
        deadlines: select(&mut policy.deadlines.iter().map(|x| when(&x.requirement))),
        follow_ups: select(&mut policy.follow_ups.iter().map(|x| when(&x.requirement))),
    }
}

fn when(requirement: &Requirement) -> Option<&Condition> {
    requirement.when.as_ref()
}

/// Most atoms a [`Program`] numbers (one bit each); conditions over more
/// distinct comparisons walk their tree.
const MAX_ATOMS: usize = 64;

/// A policy's conditions, compiled for [`outcome`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Program {
    /// The distinct comparisons, each evaluated once per outcome, with
    /// their bits; those reading the verdict apart (known only after
    /// qualification).
    atoms: Atoms,
    verdict_atoms: Atoms,
    /// Every comparison numbered so far (its index is its bit).
    numbered: Vec<Expr>,
    /// One per qualification rule.
    rules: Vec<Formula>,
    /// Approvers, tests, communications, blockers, deadlines, follow-ups.
    items: [Clauses; 6],
}

/// The conditions of one kind of item, evaluated together. Items without
/// a condition are a constant set. The others are clauses (every atom of
/// `yes` holds and none of `no`, flipped by `negate`; an `||` becomes a
/// negated `&&` with the masks swapped), decided by one branch-free loop;
/// conditions of other shapes are evaluated after.
#[derive(Clone, Debug, Default, PartialEq)]
struct Clauses {
    always: Bits,
    /// (item index, yes, no, negate).
    clauses: Vec<(usize, u64, u64, bool)>,
    /// Whether every clause's item index is below 64 (one word).
    narrow: bool,
    /// Item index and condition, for those that are not clauses.
    trees: Vec<(usize, Expr)>,
    len: usize,
}

impl Clauses {
    fn push(&mut self, formula: Formula) {
        let index = self.len;
        self.len += 1;
        match formula {
            Formula::Always => self.always.insert(index),
            Formula::Masks {
                any: false,
                yes,
                no,
                negate,
            } => self.clauses.push((index, yes, no, negate)),
            // any(yes, no) == !all(no, yes)
            Formula::Masks {
                any: true,
                yes,
                no,
                negate,
            } => self.clauses.push((index, no, yes, !negate)),
            Formula::Tree(expr) => self.trees.push((index, expr)),
        }
        self.narrow = self.clauses.iter().all(|c| c.0 < 64);
    }

    #[inline(always)]
    fn select(&self, atoms: u64, env: Env<'_>) -> Bits {
        let holds =
            |yes: u64, no: u64, negate: bool| ((atoms & yes) == yes && (atoms & no) == 0) != negate;
        let mut bits = self.always;
        if self.narrow {
            // In a register: setting bits in memory and then copying the
            // set stalls on store forwarding.
            let mut word = 0u64;
            for &(index, yes, no, negate) in &self.clauses {
                word |= u64::from(holds(yes, no, negate)) << (index & 63);
            }
            if let Some(first) = bits.0.first_mut() {
                *first |= word;
            }
        } else {
            for &(index, yes, no, negate) in &self.clauses {
                bits.set(index, holds(yes, no, negate));
            }
        }
        for (index, expr) in &self.trees {
            bits.set(*index, expr.eval(env));
        }
        bits
    }
}

/// One condition over the atoms.
#[derive(Clone, Debug, PartialEq)]
enum Formula {
    /// No condition: always holds.
    Always,
    /// `all`: every atom of `yes` holds and none of `no`; otherwise (`any`)
    /// some atom of `yes` holds or some of `no` does not. `negate` flips it.
    Masks {
        any: bool,
        yes: u64,
        no: u64,
        negate: bool,
    },
    /// Anything else.
    Tree(Expr),
}

impl Formula {
    #[inline(always)]
    fn holds(&self, atoms: u64, env: Env<'_>) -> bool {
        match self {
            Formula::Always => true,
            Formula::Masks {
                any: false,
                yes,
                no,
                negate,
            } => ((atoms & yes) == *yes && (atoms & no) == 0) != *negate,
            Formula::Masks {
                any: true,
                yes,
                no,
                negate,
            } => ((atoms & yes) != 0 || (!atoms & no) != 0) != *negate,
            Formula::Tree(expr) => expr.eval(env),
        }
    }
}

impl Program {
    pub fn compile(policy: &Policy) -> Program {
        let mut program = Program::default();
        program.rules = policy
            .qualification
            .rules
            .iter()
            .map(|r| program.formula(Some(&r.when)))
            .collect();
        let kinds: [Vec<Option<&Condition>>; 6] = [
            policy
                .approvers
                .iter()
                .map(|x| when(&x.requirement))
                .collect(),
            policy.tests.iter().map(|x| when(&x.requirement)).collect(),
            policy
                .communications
                .iter()
                .map(|x| when(&x.requirement))
                .collect(),
            policy
                .blockers
                .iter()
                .map(|x| when(&x.requirement))
                .collect(),
            policy
                .deadlines
                .iter()
                .map(|x| when(&x.requirement))
                .collect(),
            policy
                .follow_ups
                .iter()
                .map(|x| when(&x.requirement))
                .collect(),
        ];
        let mut items: [Clauses; 6] = Default::default();
        for (slot, conditions) in items.iter_mut().zip(kinds) {
            for condition in conditions {
                let formula = program.formula(condition);
                slot.push(formula);
            }
        }
        program.items = items;
        program
    }

    fn formula(&mut self, condition: Option<&Condition>) -> Formula {
        let Some(condition) = condition else {
            return Formula::Always;
        };
        let expr = &condition.expr;
        let masks = match expr {
            Expr::All(items) => self
                .literals(items)
                .map(|(yes, no)| (false, yes, no, false)),
            Expr::Any(items) => self.literals(items).map(|(yes, no)| (true, yes, no, false)),
            Expr::Not(inner) => match &**inner {
                Expr::All(items) => self.literals(items).map(|(yes, no)| (false, yes, no, true)),
                Expr::Any(items) => self.literals(items).map(|(yes, no)| (true, yes, no, true)),
                other => self
                    .literals(std::slice::from_ref(other))
                    .map(|(y, n)| (false, y, n, true)),
            },
            other => self
                .literals(std::slice::from_ref(other))
                .map(|(y, n)| (false, y, n, false)),
        };
        match masks {
            Some((any, yes, no, negate)) => Formula::Masks {
                any,
                yes,
                no,
                negate,
            },
            None => Formula::Tree(expr.clone()),
        }
    }

    /// `items` as atoms (`yes`) and negated atoms (`no`), when every item
    /// is one and there is room for them.
    fn literals(&mut self, items: &[Expr]) -> Option<(u64, u64)> {
        let (mut yes, mut no) = (0u64, 0u64);
        for item in items {
            match item {
                Expr::Not(inner) => no |= self.atom(inner)?,
                other => yes |= self.atom(other)?,
            }
        }
        Some((yes, no))
    }

    /// The bit of a comparison, numbering it if new; `None` for anything
    /// that is not a comparison, or when the atoms are all taken.
    fn atom(&mut self, expr: &Expr) -> Option<u64> {
        let verdict = match expr {
            Expr::Input(_)
            | Expr::IntCmp { .. }
            | Expr::IntIn { .. }
            | Expr::ChoiceIn { .. }
            | Expr::TextIn { .. } => false,
            Expr::VerdictIn { .. } => true,
            _ => return None,
        };
        if let Some(index) = self.numbered.iter().position(|a| a == expr) {
            return Some(1u64 << index);
        }
        if self.numbered.len() >= MAX_ATOMS {
            return None;
        }
        let bit = self.numbered.len() as u32;
        self.numbered.push(expr.clone());
        if verdict {
            self.verdict_atoms.add(expr, bit);
        } else {
            self.atoms.add(expr, bit);
        }
        Some(1u64 << bit)
    }
}

/// Comparisons, grouped by form so that each group is evaluated by a
/// tight loop on the facts' numbers, without a branch on the result.
#[derive(Clone, Debug, Default, PartialEq)]
struct Atoms {
    /// A bool input is true: (input, bit).
    flags: Vec<(usize, u32)>,
    /// A choice's option is in a mask: (input, mask, negate, bit).
    choices: Vec<(usize, u64, bool, u32)>,
    /// An int input lies in `lo..=lo + span`: (input, lo, span, negate, bit).
    ranges: Vec<(usize, i64, u64, bool, u32)>,
    /// The verdict is in a mask: (mask, negate, bit).
    verdicts: Vec<(u8, bool, u32)>,
    /// Anything else (two inputs compared, text...).
    others: Vec<(Expr, u32)>,
}

impl Atoms {
    fn add(&mut self, expr: &Expr, bit: u32) {
        match *expr {
            Expr::Input(i) => self.flags.push((usize::from(i), bit)),
            Expr::ChoiceIn {
                input,
                mask,
                negate,
            } => self.choices.push((usize::from(input), mask, negate, bit)),
            Expr::IntCmp {
                op,
                lhs: Operand::Input(i),
                rhs: Operand::Lit(v),
            } => {
                // Every comparison with a literal is a range, or its complement.
                let (lo, hi, negate) = match op {
                    CmpOp::Eq => (v, v, false),
                    CmpOp::Ne => (v, v, true),
                    CmpOp::Le => (i64::MIN, v, false),
                    CmpOp::Ge => (v, i64::MAX, false),
                    // `< MIN` and `> MAX` never hold: the complement of everything.
                    CmpOp::Lt => v
                        .checked_sub(1)
                        .map_or((i64::MIN, i64::MAX, true), |hi| (i64::MIN, hi, false)),
                    CmpOp::Gt => v
                        .checked_add(1)
                        .map_or((i64::MIN, i64::MAX, true), |lo| (lo, i64::MAX, false)),
                };
                let span = hi.wrapping_sub(lo) as u64;
                self.ranges.push((usize::from(i), lo, span, negate, bit));
            }
            Expr::VerdictIn { mask, negate } => self.verdicts.push((mask, negate, bit)),
            _ => self.others.push((expr.clone(), bit)),
        }
    }

    /// The bits of the atoms that hold.
    #[inline]
    fn eval(&self, env: Env<'_>) -> u64 {
        let scalars = env.facts.scalars();
        let get = |i: usize| scalars.get(i).copied().unwrap_or(0);
        let mut bits = 0;
        for &(input, bit) in &self.flags {
            bits |= u64::from(get(input) != 0) << bit;
        }
        for &(input, mask, negate, bit) in &self.choices {
            // Unanswered is -1: far above 63 as an unsigned number.
            let option = get(input) as u64;
            let hit = option < 64 && (mask >> (option & 63)) & 1 != 0;
            bits |= u64::from(hit != negate) << bit;
        }
        for &(input, lo, span, negate, bit) in &self.ranges {
            let inside = (get(input).wrapping_sub(lo) as u64) <= span;
            bits |= u64::from(inside != negate) << bit;
        }
        let verdict = env.verdict.map_or(0, Verdict::bit);
        for &(mask, negate, bit) in &self.verdicts {
            bits |= u64::from((mask & verdict != 0) != negate) << bit;
        }
        for (expr, bit) in &self.others {
            bits |= u64::from(expr.eval(env)) << bit;
        }
        bits
    }
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
