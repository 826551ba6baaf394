//! Evaluates compiled conditions against an incident's facts, and explains
//! which inputs decided the result.
//!
//! Evaluation cannot fail and does no allocation: names are indices, choices
//! are bits. A fact of an unexpected type (impossible after validation) reads
//! as the type's empty value rather than panicking.

use super::{CmpOp, Expr, Operand};
use crate::facts::Facts;
use crate::vocab::Verdict;

/// What a condition is evaluated against.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    pub facts: &'a Facts,
    /// Known once qualification is done; `None` while it runs.
    pub verdict: Option<Verdict>,
}

/// Something a condition's result depended on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ref {
    Input(u16),
    Verdict,
}

impl Expr {
    pub fn eval(&self, env: Env<'_>) -> bool {
        match self {
            Expr::Const(b) => *b,
            Expr::Input(i) => env.facts.bool(*i),
            Expr::Not(inner) => !inner.eval(env),
            Expr::All(items) => items.iter().all(|e| e.eval(env)),
            Expr::Any(items) => items.iter().any(|e| e.eval(env)),
            Expr::BoolEq { lhs, rhs, negate } => (lhs.eval(env) == rhs.eval(env)) != *negate,
            Expr::IntCmp { op, lhs, rhs } => {
                let (a, b) = (operand(env, *lhs), operand(env, *rhs));
                match op {
                    CmpOp::Eq => a == b,
                    CmpOp::Ne => a != b,
                    CmpOp::Lt => a < b,
                    CmpOp::Le => a <= b,
                    CmpOp::Gt => a > b,
                    CmpOp::Ge => a >= b,
                }
            }
            Expr::IntIn { lhs, values } => values.contains(&operand(env, *lhs)),
            Expr::ChoiceIn {
                input,
                mask,
                negate,
            } => {
                let hit = env
                    .facts
                    .choice(*input)
                    .is_some_and(|option| option < 64 && mask & (1 << option) != 0);
                hit != *negate
            }
            Expr::TextIn {
                input,
                values,
                negate,
            } => {
                let text = env.facts.text(*input);
                values.iter().any(|v| v == text) != *negate
            }
            Expr::VerdictIn { mask, negate } => {
                let hit = env.verdict.is_some_and(|v| mask & v.bit() != 0);
                hit != *negate
            }
        }
    }

    /// Evaluates like [`Expr::eval`] and appends to `out` (once each) what
    /// decided the result: for `a && b` that holds, both; for one that fails,
    /// the first operand that failed; for `||` the other way round.
    pub fn explain(&self, env: Env<'_>, out: &mut Vec<Ref>) -> bool {
        let push = |r: Ref, out: &mut Vec<Ref>| {
            if !out.contains(&r) {
                out.push(r);
            }
        };
        match self {
            Expr::Const(b) => *b,
            Expr::Input(i) => {
                push(Ref::Input(*i), out);
                self.eval(env)
            }
            Expr::Not(inner) => !inner.explain(env, out),
            Expr::All(items) | Expr::Any(items) => {
                let want = matches!(self, Expr::Any(_));
                // The first item that settles the result explains it alone.
                if let Some(decisive) = items.iter().find(|e| e.eval(env) == want) {
                    decisive.explain(env, out);
                    return want;
                }
                for item in items {
                    item.explain(env, out);
                }
                !want
            }
            Expr::BoolEq { lhs, rhs, .. } => {
                lhs.explain(env, out);
                rhs.explain(env, out);
                self.eval(env)
            }
            Expr::IntCmp { lhs, rhs, .. } => {
                for side in [lhs, rhs] {
                    if let Operand::Input(i) = side {
                        push(Ref::Input(*i), out);
                    }
                }
                self.eval(env)
            }
            Expr::IntIn { lhs, .. } => {
                if let Operand::Input(i) = lhs {
                    push(Ref::Input(*i), out);
                }
                self.eval(env)
            }
            Expr::ChoiceIn { input, .. } | Expr::TextIn { input, .. } => {
                push(Ref::Input(*input), out);
                self.eval(env)
            }
            Expr::VerdictIn { .. } => {
                push(Ref::Verdict, out);
                self.eval(env)
            }
        }
    }
}

fn operand(env: Env<'_>, operand: Operand) -> i64 {
    match operand {
        Operand::Input(i) => env.facts.int(i),
        Operand::Lit(value) => value,
    }
}
