//! Parses a condition's tokens into a syntax tree with spans.
//!
//! Precedence, loosest first: `||`, `&&`, comparisons (`== != < <= > >= in`,
//! which do not chain), unary `!`, then literals, names, `( )` and `[ ]`.
//! Chains of `&&` and `||` become one n-ary node, so a long chain does not
//! make a deep tree; real nesting is capped at [`MAX_EXPR_DEPTH`].

use super::lexer::Token;
use crate::diagnostic::{Diagnostic, ErrorKind, Span};
use crate::limits::{MAX_EXPR_DEPTH, MAX_LIST_ITEMS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Bool(bool),
    Int(i64),
    Str(String),
    Ident(String),
    List(Vec<Node>),
    Not(Box<Node>),
    All(Vec<Node>),
    Any(Vec<Node>),
    Compare {
        op: CmpOp,
        op_span: Span,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    In {
        op_span: Span,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
}

/// Parses a whole condition. `end` is the text's length, for errors at its end.
pub fn parse(tokens: &[(Token, Span)], end: usize) -> Result<(Node, usize), Diagnostic> {
    let mut parser = Parser {
        tokens,
        pos: 0,
        depth: 0,
        nodes: 0,
        end,
    };
    let node = parser.or()?;
    if let Some((token, span)) = parser.peek() {
        let help = match token {
            Token::RParen => "this `)` has no matching `(`",
            Token::EqEq
            | Token::NotEq
            | Token::Lt
            | Token::Le
            | Token::Gt
            | Token::Ge
            | Token::In => "comparisons do not chain; join them with `&&`",
            _ => "join conditions with `&&` or `||`",
        };
        return Err(Diagnostic::new(
            ErrorKind::ExpressionSyntax,
            *span,
            format!("unexpected {}", token.describe()),
        )
        .with_help(help));
    }
    Ok((node, parser.nodes))
}

struct Parser<'t> {
    tokens: &'t [(Token, Span)],
    pos: usize,
    depth: usize,
    /// Nodes made so far: the caller sums them into the policy's budget.
    nodes: usize,
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&(Token, Span)> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, token: &Token) -> Option<Span> {
        match self.peek() {
            Some((t, span)) if t == token => {
                let span = *span;
                self.pos += 1;
                Some(span)
            }
            _ => None,
        }
    }

    fn node(&mut self, kind: NodeKind, span: Span) -> Node {
        self.nodes += 1;
        Node { kind, span }
    }

    fn enter(&mut self, span: Span) -> Result<(), Diagnostic> {
        self.depth += 1;
        if self.depth > MAX_EXPR_DEPTH {
            return Err(Diagnostic::new(
                ErrorKind::LimitExceeded,
                span,
                format!("condition is nested more than {MAX_EXPR_DEPTH} levels deep"),
            )
            .with_help("split it into simpler conditions"));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Node, Diagnostic> {
        self.chain(Token::OrOr, Self::and, NodeKind::Any)
    }

    fn and(&mut self) -> Result<Node, Diagnostic> {
        self.chain(Token::AndAnd, Self::relation, NodeKind::All)
    }

    fn chain(
        &mut self,
        op: Token,
        operand: fn(&mut Self) -> Result<Node, Diagnostic>,
        make: fn(Vec<Node>) -> NodeKind,
    ) -> Result<Node, Diagnostic> {
        let first = operand(self)?;
        if self.peek().map(|(t, _)| t) != Some(&op) {
            return Ok(first);
        }
        let mut span = first.span;
        let mut items = vec![first];
        while self.eat(&op).is_some() {
            let next = operand(self)?;
            span.end = next.span.end;
            items.push(next);
        }
        Ok(self.node(make(items), span))
    }

    fn relation(&mut self) -> Result<Node, Diagnostic> {
        let lhs = self.unary()?;
        let Some((token, op_span)) = self.peek().cloned() else {
            return Ok(lhs);
        };
        let op = match token {
            Token::EqEq => CmpOp::Eq,
            Token::NotEq => CmpOp::Ne,
            Token::Lt => CmpOp::Lt,
            Token::Le => CmpOp::Le,
            Token::Gt => CmpOp::Gt,
            Token::Ge => CmpOp::Ge,
            Token::In => {
                self.pos += 1;
                let rhs = self.unary()?;
                let span = Span::new(lhs.span.start, rhs.span.end);
                let kind = NodeKind::In {
                    op_span,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                };
                return Ok(self.node(kind, span));
            }
            _ => return Ok(lhs),
        };
        self.pos += 1;
        let rhs = self.unary()?;
        let span = Span::new(lhs.span.start, rhs.span.end);
        let kind = NodeKind::Compare {
            op,
            op_span,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        };
        Ok(self.node(kind, span))
    }

    fn unary(&mut self) -> Result<Node, Diagnostic> {
        if let Some(bang) = self.eat(&Token::Bang) {
            self.enter(bang)?;
            let operand = self.unary()?;
            self.depth -= 1;
            let span = Span::new(bang.start, operand.span.end);
            return Ok(self.node(NodeKind::Not(Box::new(operand)), span));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, Diagnostic> {
        let Some((token, span)) = self.peek().cloned() else {
            return Err(Diagnostic::new(
                ErrorKind::ExpressionSyntax,
                Span::new(self.end, self.end),
                "condition ends too early",
            )
            .with_help("expected a name, a literal or `(`"));
        };
        self.pos += 1;
        let kind = match token {
            Token::True => NodeKind::Bool(true),
            Token::False => NodeKind::Bool(false),
            Token::Int(value) => NodeKind::Int(value),
            Token::Str(value) => NodeKind::Str(value),
            Token::Ident(name) => NodeKind::Ident(name),
            Token::LParen => {
                self.enter(span)?;
                let inner = self.or()?;
                self.depth -= 1;
                let Some(close) = self.eat(&Token::RParen) else {
                    return Err(self.unclosed(span, "(", ")"));
                };
                // Parentheses only group: keep the inner node, widen its span.
                return Ok(Node {
                    kind: inner.kind,
                    span: Span::new(span.start, close.end),
                });
            }
            Token::LBracket => return self.list(span),
            other => {
                return Err(Diagnostic::new(
                    ErrorKind::ExpressionSyntax,
                    span,
                    format!("unexpected {}", other.describe()),
                )
                .with_help("expected a name, a literal or `(`"));
            }
        };
        Ok(self.node(kind, span))
    }

    fn list(&mut self, open: Span) -> Result<Node, Diagnostic> {
        self.enter(open)?;
        let mut items = Vec::new();
        let close = loop {
            if let Some(close) = self.eat(&Token::RBracket) {
                break close;
            }
            if items.len() == MAX_LIST_ITEMS {
                return Err(Diagnostic::new(
                    ErrorKind::LimitExceeded,
                    open,
                    format!("list has more than {MAX_LIST_ITEMS} items"),
                ));
            }
            items.push(self.or()?);
            if self.eat(&Token::Comma).is_none() {
                match self.eat(&Token::RBracket) {
                    Some(close) => break close,
                    None => return Err(self.unclosed(open, "[", "]")),
                }
            }
        };
        self.depth -= 1;
        Ok(self.node(NodeKind::List(items), Span::new(open.start, close.end)))
    }

    fn unclosed(&self, open: Span, opening: &str, closing: &str) -> Diagnostic {
        let message = format!("this `{opening}` is not closed");
        let d = Diagnostic::new(ErrorKind::ExpressionSyntax, open, message);
        match self.peek() {
            Some((token, _)) => d.with_help(format!(
                "expected `{closing}` or `,`, found {}",
                token.describe()
            )),
            None => d.with_help(format!("add `{closing}`")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::lexer::tokenize;

    fn parse_str(text: &str) -> Result<Node, Diagnostic> {
        parse(&tokenize(text)?, text.len()).map(|(n, _)| n)
    }

    /// A compact, fully parenthesized rendering of the tree.
    fn show(node: &Node) -> String {
        let join = |items: &[Node], sep: &str| items.iter().map(show).collect::<Vec<_>>().join(sep);
        match &node.kind {
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Int(i) => i.to_string(),
            NodeKind::Str(s) => format!("'{s}'"),
            NodeKind::Ident(name) => name.clone(),
            NodeKind::List(items) => format!("[{}]", join(items, ", ")),
            NodeKind::Not(inner) => format!("!{}", show(inner)),
            NodeKind::All(items) => format!("({})", join(items, " && ")),
            NodeKind::Any(items) => format!("({})", join(items, " || ")),
            NodeKind::Compare { op, lhs, rhs, .. } => {
                format!("({} {} {})", show(lhs), op.symbol(), show(rhs))
            }
            NodeKind::In { lhs, rhs, .. } => format!("({} in {})", show(lhs), show(rhs)),
        }
    }

    #[test]
    fn precedence() {
        let cases = [
            ("a || b && c", "(a || (b && c))"),
            ("a && b || c", "((a && b) || c)"),
            ("!a && b", "(!a && b)"),
            ("a == 1 && b != 'x'", "((a == 1) && (b != 'x'))"),
            ("s in ['P1', 'P2'] && !w", "((s in ['P1', 'P2']) && !w)"),
            ("(a || b) && c", "((a || b) && c)"),
            ("a && b && c && d", "(a && b && c && d)"),
            ("x in []", "(x in [])"),
            ("x in [1, 2,]", "(x in [1, 2])"),
        ];
        for (text, expected) in cases {
            assert_eq!(show(&parse_str(text).unwrap()), expected, "{text}");
        }
    }

    #[test]
    fn syntax_errors_point_at_the_token() {
        let cases = [
            ("(a && b", Span::new(0, 1), "this `(` is not closed"),
            ("a && b)", Span::new(6, 7), "unexpected `)`"),
            ("a ==", Span::new(4, 4), "condition ends too early"),
            ("a == 1 == 2", Span::new(7, 9), "unexpected `==`"),
            ("a b", Span::new(2, 3), "unexpected `b`"),
            ("[1, 2", Span::new(0, 1), "this `[` is not closed"),
            ("&& a", Span::new(0, 2), "unexpected `&&`"),
        ];
        for (text, span, message) in cases {
            let e = parse_str(text).unwrap_err();
            assert_eq!((e.span, e.message.as_str()), (span, message), "{text}");
        }
    }

    #[test]
    fn nesting_is_limited_but_chains_are_not() {
        let deep = format!("{}a{}", "(".repeat(40), ")".repeat(40));
        let e = parse_str(&deep).unwrap_err();
        assert_eq!(e.kind, ErrorKind::LimitExceeded);
        let bangs = format!("{}a", "!".repeat(40));
        assert_eq!(
            parse_str(&bangs).unwrap_err().kind,
            ErrorKind::LimitExceeded
        );
        let chain = vec!["a"; 500].join(" && ");
        assert!(parse_str(&chain).is_ok());
        let ok = format!("{}a{}", "(".repeat(20), ")".repeat(20));
        assert!(parse_str(&ok).is_ok());
    }
}
