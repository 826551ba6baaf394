//! Type-checks a condition against the inputs in scope and lowers it to an
//! [`Expr`]. Every type error in one condition is reported, each at the
//! offending token.

use super::lexer::tokenize;
use super::parser::{CmpOp, Node, NodeKind, parse};
use super::{Condition, Expr, Operand};
use crate::diagnostic::{Diagnostic, ErrorKind, Span, did_you_mean, shift_all};
use crate::limits::MAX_EXPR_BYTES;
use crate::vocab::Verdict;

/// The type of a name in scope.
#[derive(Clone, Copy, Debug)]
pub enum VarType<'a> {
    Bool,
    Int,
    Text,
    /// A choice, with its options in order.
    Choice(&'a [String]),
}

/// The names a condition may use.
pub trait Scope {
    /// The index and type of the input called `name`.
    fn input(&self, name: &str) -> Option<(u16, VarType<'_>)>;
    /// Every input name, for "did you mean" help.
    fn input_names(&self) -> Vec<&str>;
    /// Whether `verdict` may be used (in requirements, not in qualification
    /// rules or `ask_when`).
    fn verdict_allowed(&self) -> bool;
}

/// Compiles the condition `text`, which starts at byte `base` of the policy
/// source (diagnostic spans are in the policy source). Returns the condition
/// and the number of syntax nodes it has, or every problem found.
pub fn compile(
    text: &str,
    base: usize,
    scope: &dyn Scope,
) -> Result<(Condition, usize), Vec<Diagnostic>> {
    let shift = |mut d: Diagnostic| {
        d.span = d.span.shift(base);
        d
    };
    if text.len() > MAX_EXPR_BYTES {
        return Err(vec![Diagnostic::new(
            ErrorKind::LimitExceeded,
            Span::new(base, base + 1),
            format!("condition is longer than {MAX_EXPR_BYTES} bytes"),
        )]);
    }
    let tokens = tokenize(text).map_err(|d| vec![shift(d)])?;
    if tokens.is_empty() {
        return Err(vec![shift(
            Diagnostic::new(
                ErrorKind::ExpressionSyntax,
                Span::new(0, 0),
                "condition is empty",
            )
            .with_help("leave the key out for a requirement that always applies"),
        )]);
    }
    let (node, nodes) = parse(&tokens, text.len()).map_err(|d| vec![shift(d)])?;
    let mut checker = Checker {
        scope,
        errors: Vec::new(),
    };
    let typed = checker.check(&node);
    let expr = match typed {
        Some(Typed::Bool(expr)) => Some(expr),
        Some(other) => {
            let d = Diagnostic::new(
                ErrorKind::TypeMismatch,
                node.span,
                format!(
                    "a condition must be true or false, but {}",
                    describe(&node, &other)
                ),
            );
            checker.errors.push(match other {
                Typed::Int(_) => d.with_help("compare it, like `x > 0`"),
                Typed::Choice(_, options) => d.with_help(format!(
                    "compare it, like `{} == '{}'`",
                    name_of(&node),
                    options.first().map_or("", String::as_str)
                )),
                _ => d,
            });
            None
        }
        None => None,
    };
    match expr {
        Some(expr) if checker.errors.is_empty() => Ok((
            Condition {
                expr,
                source: text.into(),
            },
            nodes,
        )),
        _ => {
            let mut errors = checker.errors;
            shift_all(&mut errors, base);
            Err(errors)
        }
    }
}

/// The type of a checked sub-expression, with what lowering needs.
enum Typed<'s> {
    Bool(Expr),
    Int(Operand),
    Text(u16),
    Choice(u16, &'s [String]),
    Verdict,
    Str(String),
    List,
}

fn type_name(typed: &Typed<'_>) -> &'static str {
    match typed {
        Typed::Bool(_) => "a bool",
        Typed::Int(_) => "an int",
        Typed::Text(_) => "text",
        Typed::Choice(..) => "a choice",
        Typed::Verdict => "the verdict",
        Typed::Str(_) => "a string",
        Typed::List => "a list",
    }
}

/// How a node is written, for messages: "`severity`", "`'yes'`".
fn what(node: &Node) -> String {
    match &node.kind {
        NodeKind::Ident(name) => format!("`{name}`"),
        NodeKind::Str(s) => format!("`'{s}'`"),
        NodeKind::Int(i) => format!("`{i}`"),
        NodeKind::Bool(b) => format!("`{b}`"),
        _ => "this".to_string(),
    }
}

/// "`severity` is a choice", "`'yes'` is a string", "this is a list of
/// integers".
fn describe(node: &Node, typed: &Typed<'_>) -> String {
    format!("{} is {}", what(node), type_of(node, typed))
}

/// One side of a comparison: "`severity` (a choice)", "a list of strings".
fn side(node: &Node, typed: &Typed<'_>) -> String {
    match typed {
        Typed::List => type_of(node, typed),
        _ => format!("{} ({})", what(node), type_name(typed)),
    }
}

/// The type of `node`, lists with what they hold: "a list of integers".
fn type_of(node: &Node, typed: &Typed<'_>) -> String {
    let NodeKind::List(items) = &node.kind else {
        return type_name(typed).to_string();
    };
    let kind = |item: &Node| match item.kind {
        NodeKind::Int(_) => "integers",
        NodeKind::Str(_) => "strings",
        NodeKind::Bool(_) => "bools",
        NodeKind::List(_) => "lists",
        _ => "names",
    };
    match items.split_first() {
        None => "an empty list".to_string(),
        Some((first, rest)) if rest.iter().all(|i| kind(i) == kind(first)) => {
            format!("a list of {}", kind(first))
        }
        Some(_) => "a list of mixed values".to_string(),
    }
}

fn name_of(node: &Node) -> &str {
    match &node.kind {
        NodeKind::Ident(name) => name,
        _ => "x",
    }
}

fn quoted(options: &[String]) -> String {
    let quoted: Vec<String> = options.iter().map(|o| format!("'{o}'")).collect();
    quoted.join(", ")
}

struct Checker<'s> {
    scope: &'s dyn Scope,
    errors: Vec<Diagnostic>,
}

impl<'s> Checker<'s> {
    fn error(&mut self, kind: ErrorKind, span: Span, message: String, help: Option<String>) {
        let d = Diagnostic::new(kind, span, message);
        self.errors.push(match help {
            Some(help) => d.with_help(help),
            None => d,
        });
    }

    fn check(&mut self, node: &Node) -> Option<Typed<'s>> {
        match &node.kind {
            NodeKind::Bool(b) => Some(Typed::Bool(Expr::Const(*b))),
            NodeKind::Int(i) => Some(Typed::Int(Operand::Lit(*i))),
            NodeKind::Str(s) => Some(Typed::Str(s.clone())),
            NodeKind::List(_) => Some(Typed::List),
            NodeKind::Ident(name) => self.ident(name, node.span),
            NodeKind::Not(inner) => {
                let expr = self.boolean(inner, "`!`")?;
                Some(Typed::Bool(Expr::Not(Box::new(expr))))
            }
            NodeKind::All(items) | NodeKind::Any(items) => {
                let op = if matches!(node.kind, NodeKind::All(_)) {
                    "`&&`"
                } else {
                    "`||`"
                };
                // Every item is checked (and its problems reported) first.
                let exprs: Vec<Option<Expr>> =
                    items.iter().map(|item| self.boolean(item, op)).collect();
                let exprs: Vec<Expr> = exprs.into_iter().collect::<Option<_>>()?;
                Some(Typed::Bool(if matches!(node.kind, NodeKind::All(_)) {
                    Expr::All(exprs)
                } else {
                    Expr::Any(exprs)
                }))
            }
            NodeKind::Compare {
                op,
                op_span,
                lhs,
                rhs,
            } => self.compare(*op, *op_span, lhs, rhs),
            NodeKind::In { op_span, lhs, rhs } => self.membership(*op_span, lhs, rhs),
        }
    }

    fn ident(&mut self, name: &str, span: Span) -> Option<Typed<'s>> {
        if let Some((index, ty)) = self.scope.input(name) {
            return Some(match ty {
                VarType::Bool => Typed::Bool(Expr::Input(index)),
                VarType::Int => Typed::Int(Operand::Input(index)),
                VarType::Text => Typed::Text(index),
                VarType::Choice(options) => Typed::Choice(index, options),
            });
        }
        if name == "verdict" {
            if self.scope.verdict_allowed() {
                return Some(Typed::Verdict);
            }
            self.error(
                ErrorKind::UnknownInput,
                span,
                "`verdict` cannot be used here".into(),
                Some(
                    "`verdict` is known only in requirement conditions, after qualification".into(),
                ),
            );
            return None;
        }
        let names = self.scope.input_names();
        let help = match did_you_mean(name, &mut names.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if names.is_empty() => "the policy declares no inputs".to_string(),
            None => format!("the inputs are: {}", names.join(", ")),
        };
        self.error(
            ErrorKind::UnknownInput,
            span,
            format!("unknown input `{name}`"),
            Some(help),
        );
        None
    }

    /// Checks `node` and requires a bool, as the operand of `op`.
    fn boolean(&mut self, node: &Node, op: &str) -> Option<Expr> {
        match self.check(node)? {
            Typed::Bool(expr) => Some(expr),
            other => {
                let message = format!("{op} needs true or false, but {}", describe(node, &other));
                self.error(ErrorKind::TypeMismatch, node.span, message, None);
                None
            }
        }
    }

    fn compare(&mut self, op: CmpOp, op_span: Span, lhs: &Node, rhs: &Node) -> Option<Typed<'s>> {
        let (l, r) = (self.check(lhs), self.check(rhs));
        let (l, r) = (l?, r?);
        let negate = op == CmpOp::Ne;
        let symbol = op.symbol();
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return match (l, r) {
                (Typed::Int(a), Typed::Int(b)) => {
                    Some(Typed::Bool(Expr::IntCmp { op, lhs: a, rhs: b }))
                }
                (l, r) => {
                    let (node, typed) = if matches!(l, Typed::Int(_)) {
                        (rhs, r)
                    } else {
                        (lhs, l)
                    };
                    let help = match typed {
                        Typed::Choice(..) | Typed::Str(_) | Typed::Text(_) => {
                            Some("compare choices and text with `==`, `!=` or `in`".to_string())
                        }
                        _ => None,
                    };
                    let message = format!(
                        "`{symbol}` compares integers, but {}",
                        describe(node, &typed)
                    );
                    self.error(ErrorKind::TypeMismatch, node.span, message, help);
                    None
                }
            };
        }
        let expr = match (l, r) {
            (Typed::Bool(a), Typed::Bool(b)) => Expr::BoolEq {
                lhs: Box::new(a),
                rhs: Box::new(b),
                negate,
            },
            (Typed::Int(a), Typed::Int(b)) => Expr::IntCmp { op, lhs: a, rhs: b },
            (Typed::Choice(input, options), Typed::Str(s)) => {
                let mask = self.option_bit(&s, rhs.span, name_of(lhs), options)?;
                Expr::ChoiceIn {
                    input,
                    mask,
                    negate,
                }
            }
            (Typed::Str(s), Typed::Choice(input, options)) => {
                let mask = self.option_bit(&s, lhs.span, name_of(rhs), options)?;
                Expr::ChoiceIn {
                    input,
                    mask,
                    negate,
                }
            }
            (Typed::Verdict, Typed::Str(s)) => Expr::VerdictIn {
                mask: self.verdict_bit(&s, rhs.span)?,
                negate,
            },
            (Typed::Str(s), Typed::Verdict) => Expr::VerdictIn {
                mask: self.verdict_bit(&s, lhs.span)?,
                negate,
            },
            (Typed::Text(input), Typed::Str(s)) | (Typed::Str(s), Typed::Text(input)) => {
                Expr::TextIn {
                    input,
                    values: vec![s],
                    negate,
                }
            }
            (Typed::Str(a), Typed::Str(b)) => Expr::Const((a == b) != negate),
            (l, r) => {
                let message = format!("cannot compare {} with {}", side(lhs, &l), side(rhs, &r));
                let help = match (&l, &r) {
                    (Typed::List, _) | (_, Typed::List) => Some(
                        "`==` and `!=` compare single values; to test membership, write `value in [..]`"
                            .to_string(),
                    ),
                    (Typed::Bool(_), _) => Some(format!(
                        "`{}` is true or false: write `{0}` or `!{0}`",
                        name_of(lhs)
                    )),
                    (Typed::Choice(_, options), _) => Some(format!(
                        "the options of `{}` are {}",
                        name_of(lhs),
                        quoted(options)
                    )),
                    _ => None,
                };
                let span = if rhs.span.start > op_span.start {
                    rhs.span
                } else {
                    op_span
                };
                self.error(ErrorKind::TypeMismatch, span, message, help);
                return None;
            }
        };
        Some(Typed::Bool(expr))
    }

    fn membership(&mut self, op_span: Span, lhs: &Node, rhs: &Node) -> Option<Typed<'s>> {
        let l = self.check(lhs)?;
        let NodeKind::List(items) = &rhs.kind else {
            self.error(
                ErrorKind::TypeMismatch,
                rhs.span,
                "`in` needs a list on the right".into(),
                Some("write a list of literals, like `severity in ['P1', 'P2']`".into()),
            );
            return None;
        };
        let mut ok = true;
        let expr = match l {
            Typed::Choice(input, options) => {
                let mut mask = 0;
                for item in items {
                    match self.string_item(item) {
                        Some(s) => match self.option_bit(&s, item.span, name_of(lhs), options) {
                            Some(bit) => mask |= bit,
                            None => ok = false,
                        },
                        None => ok = false,
                    }
                }
                Expr::ChoiceIn {
                    input,
                    mask,
                    negate: false,
                }
            }
            Typed::Verdict => {
                let mut mask = 0;
                for item in items {
                    match self
                        .string_item(item)
                        .and_then(|s| self.verdict_bit(&s, item.span))
                    {
                        Some(bit) => mask |= bit,
                        None => ok = false,
                    }
                }
                Expr::VerdictIn {
                    mask,
                    negate: false,
                }
            }
            Typed::Text(input) => {
                let values: Vec<Option<String>> =
                    items.iter().map(|i| self.string_item(i)).collect();
                let values: Option<Vec<String>> = values.into_iter().collect();
                ok &= values.is_some();
                Expr::TextIn {
                    input,
                    values: values.unwrap_or_default(),
                    negate: false,
                }
            }
            Typed::Str(s) => {
                let values: Vec<Option<String>> =
                    items.iter().map(|i| self.string_item(i)).collect();
                let values: Option<Vec<String>> = values.into_iter().collect();
                ok &= values.is_some();
                Expr::Const(values.unwrap_or_default().contains(&s))
            }
            Typed::Int(operand) => {
                let mut values = Vec::new();
                for item in items {
                    match item.kind {
                        NodeKind::Int(i) => values.push(i),
                        _ => {
                            self.item_error(item, "an integer");
                            ok = false;
                        }
                    }
                }
                Expr::IntIn {
                    lhs: operand,
                    values,
                }
            }
            other => {
                let message = format!(
                    "`in` looks for a choice, text or integer, but {}",
                    describe(lhs, &other)
                );
                self.error(ErrorKind::TypeMismatch, op_span, message, None);
                return None;
            }
        };
        ok.then_some(Typed::Bool(expr))
    }

    fn string_item(&mut self, item: &Node) -> Option<String> {
        match &item.kind {
            NodeKind::Str(s) => Some(s.clone()),
            _ => {
                self.item_error(item, "a string");
                None
            }
        }
    }

    fn item_error(&mut self, item: &Node, expected: &str) {
        let found = match &item.kind {
            NodeKind::Int(_) => "an integer",
            NodeKind::Str(_) => "a string",
            NodeKind::Bool(_) => "a bool",
            NodeKind::Ident(_) => "a name",
            _ => "an expression",
        };
        self.error(
            ErrorKind::TypeMismatch,
            item.span,
            format!("list item must be {expected}, found {found}"),
            Some("lists hold literals of one type".into()),
        );
    }

    fn option_bit(
        &mut self,
        value: &str,
        span: Span,
        input: &str,
        options: &[String],
    ) -> Option<u64> {
        match options.iter().position(|o| o == value) {
            Some(i) => Some(1u64 << (i % 64)),
            None => {
                let help = match did_you_mean(value, &mut options.iter().map(String::as_str)) {
                    Some(near) => {
                        format!("did you mean '{near}'? the options are {}", quoted(options))
                    }
                    None => format!("the options are {}", quoted(options)),
                };
                self.error(
                    ErrorKind::UnknownOption,
                    span,
                    format!("`'{value}'` is not an option of `{input}`"),
                    Some(help),
                );
                None
            }
        }
    }

    fn verdict_bit(&mut self, value: &str, span: Span) -> Option<u8> {
        match Verdict::ALL.iter().position(|v| v.as_str() == value) {
            Some(i) => Some(1u8 << i),
            None => {
                let names: Vec<String> = Verdict::ALL
                    .iter()
                    .map(|v| v.as_str().to_string())
                    .collect();
                self.error(
                    ErrorKind::UnknownOption,
                    span,
                    format!("`'{value}'` is not a verdict"),
                    Some(format!("the verdicts are {}", quoted(&names))),
                );
                None
            }
        }
    }
}
