//! Conditions compiled for the fast path of evaluation ([`Program`]): the
//! verdict, the rule that gave it, and which requirements apply — as bits
//! over the policy's items ([`Outcome`]), with no text and no allocation.
//!
//! At load, every condition of a policy is compiled: the distinct
//! comparisons ("atoms", such as `severity == 'P1'` or
//! `change_size_lines > 500`) are numbered, and each condition that is an
//! atom, or an `&&` or `||` of atoms and negated atoms, becomes a pair of
//! bit masks over them. An outcome evaluates each atom once, grouped by
//! form and without branching on results, then every rule and requirement
//! with a mask test; other conditions walk their tree.
//! `outcome::outcome_by_tree` is the reference it is tested against
//! (`tests/it/outcome.rs`, fuzzing).

use crate::expr::{CmpOp, Condition, Env, Expr, Operand};
use crate::facts::Facts;
use crate::limits::MAX_ITEMS;
use crate::vocab::{ItemKind, Verdict};

/// A set of item indices below [`MAX_ITEMS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bits([u64; 4]);

const _: () = assert!(MAX_ITEMS <= 256, "Bits holds 256 items");

impl Bits {
    pub fn insert(&mut self, index: usize) {
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

    /// The indices in the set, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(w * 64 + bit)
            })
        })
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
    /// By [`ItemKind::index`]: which items of each kind apply.
    pub items: [Bits; ItemKind::COUNT],
}

impl Outcome {
    /// Which items of `kind` apply.
    pub fn chosen(&self, kind: ItemKind) -> &Bits {
        // `index` is below `COUNT` by construction; `get` keeps it panic-free.
        self.items.get(kind.index()).unwrap_or(&EMPTY)
    }
}

static EMPTY: Bits = Bits([0; 4]);

/// Most atoms a [`Program`] numbers (one bit each); conditions over more
/// distinct comparisons walk their tree.
const MAX_ATOMS: usize = 64;

/// A policy's conditions, compiled for [`Program::outcome`].
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// The distinct comparisons, each evaluated once per outcome, with
    /// their bits; those reading the verdict apart (known only after
    /// qualification).
    atoms: Atoms,
    verdict_atoms: Atoms,
    /// Every comparison numbered so far (its index is its bit).
    numbered: Vec<Expr>,
    /// One per qualification rule, with the verdict it gives.
    rules: Vec<(Formula, Verdict)>,
    /// The verdict when no rule holds.
    default_verdict: Verdict,
    /// By [`ItemKind::index`].
    items: [Clauses; ItemKind::COUNT],
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
    /// Compiles the qualification rules (each with the verdict it gives)
    /// and, by [`ItemKind::index`], each item's condition (`None`: always).
    pub fn compile(
        rules: &[(&Condition, Verdict)],
        default_verdict: Verdict,
        items: &[Vec<Option<&Condition>>; ItemKind::COUNT],
    ) -> Program {
        let mut program = Program {
            atoms: Atoms::default(),
            verdict_atoms: Atoms::default(),
            numbered: Vec::new(),
            rules: Vec::new(),
            default_verdict,
            items: Default::default(),
        };
        program.rules = rules
            .iter()
            .map(|&(when, verdict)| (program.formula(Some(when)), verdict))
            .collect();
        let mut compiled: [Clauses; ItemKind::COUNT] = Default::default();
        for (slot, conditions) in compiled.iter_mut().zip(items) {
            for condition in conditions {
                let formula = program.formula(*condition);
                slot.push(formula);
            }
        }
        program.items = compiled;
        program
    }

    /// Evaluates the conditions on validated facts.
    pub fn outcome(&self, facts: &Facts) -> Outcome {
        let mut env = Env {
            facts,
            verdict: None,
        };
        let mut atoms = self.atoms.eval(env);
        let rule = self.rules.iter().position(|(f, _)| f.holds(atoms, env));
        let verdict = rule
            .and_then(|i| self.rules.get(i))
            .map_or(self.default_verdict, |(_, v)| *v);
        env.verdict = Some(verdict);
        atoms |= self.verdict_atoms.eval(env);
        let mut items = [Bits::default(); ItemKind::COUNT];
        for (bits, clauses) in items.iter_mut().zip(&self.items) {
            *bits = clauses.select(atoms, env);
        }
        Outcome {
            verdict,
            rule: rule.and_then(|i| u16::try_from(i).ok()),
            items,
        }
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
