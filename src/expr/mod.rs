//! Conditions: the small, typed, CEL-like expression language of policies.
//!
//! A condition's text goes through [`lexer`] → [`parser`] (syntax tree with
//! spans) → [`check`] (types checked against the policy's inputs, lowered to
//! an [`Expr`]) → [`eval`]. Lowering resolves names to input indices and
//! choice options to bit masks, so evaluation does no string work for choices
//! and cannot fail.

pub mod check;
pub mod eval;
pub mod lexer;
pub mod parser;

pub use check::{Scope, VarType, compile};
pub use eval::{Env, Ref};
pub use parser::CmpOp;

/// A type-checked condition, ready to evaluate.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Const(bool),
    /// A bool input.
    Input(u16),
    Not(Box<Expr>),
    All(Vec<Expr>),
    Any(Vec<Expr>),
    BoolEq {
        lhs: Box<Expr>,
        rhs: Box<Expr>,
        negate: bool,
    },
    IntCmp {
        op: CmpOp,
        lhs: Operand,
        rhs: Operand,
    },
    IntIn {
        lhs: Operand,
        values: Vec<i64>,
    },
    /// `choice == 'x'`, `choice != 'x'`, `choice in [...]`: option `i` is bit `i`.
    ChoiceIn {
        input: u16,
        mask: u64,
        negate: bool,
    },
    TextIn {
        input: u16,
        values: Vec<String>,
        negate: bool,
    },
    /// The verdict (requirements only): verdict `i` is bit `i` of [`crate::policy::Verdict::ALL`].
    VerdictIn {
        mask: u8,
        negate: bool,
    },
}

/// An integer operand: an int input or a literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    Input(u16),
    Lit(i64),
}

/// A compiled condition with the text it came from (shown in *why*).
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub expr: Expr,
    pub source: std::rc::Rc<str>,
}

impl Expr {
    /// Every input this expression reads, in order of appearance.
    pub fn inputs(&self, out: &mut Vec<u16>) {
        let mut push = |i: u16| {
            if !out.contains(&i) {
                out.push(i);
            }
        };
        match self {
            Expr::Const(_) | Expr::VerdictIn { .. } => {}
            Expr::Input(i) | Expr::ChoiceIn { input: i, .. } | Expr::TextIn { input: i, .. } => {
                push(*i)
            }
            Expr::IntCmp { lhs, rhs, .. } => {
                for operand in [lhs, rhs] {
                    if let Operand::Input(i) = operand {
                        push(*i);
                    }
                }
            }
            Expr::IntIn { lhs, .. } => {
                if let Operand::Input(i) = lhs {
                    push(*i);
                }
            }
            Expr::Not(inner) => inner.inputs(out),
            Expr::BoolEq { lhs, rhs, .. } => {
                lhs.inputs(out);
                rhs.inputs(out);
            }
            Expr::All(items) | Expr::Any(items) => items.iter().for_each(|e| e.inputs(out)),
        }
    }
}
