//! Splits a condition's text into tokens, each with its span in that text.

use crate::diagnostic::{Diagnostic, ErrorKind, Span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    Ident(String),
    Int(i64),
    Str(String),
    True,
    False,
    In,
    EqEq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    AndAnd,
    OrOr,
    Bang,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

impl Token {
    /// How the token is written, for messages.
    pub fn describe(&self) -> String {
        match self {
            Token::Ident(name) => format!("`{name}`"),
            Token::Int(value) => format!("`{value}`"),
            Token::Str(value) => format!("'{value}'"),
            Token::True => "`true`".into(),
            Token::False => "`false`".into(),
            Token::In => "`in`".into(),
            Token::EqEq => "`==`".into(),
            Token::NotEq => "`!=`".into(),
            Token::Lt => "`<`".into(),
            Token::Le => "`<=`".into(),
            Token::Gt => "`>`".into(),
            Token::Ge => "`>=`".into(),
            Token::AndAnd => "`&&`".into(),
            Token::OrOr => "`||`".into(),
            Token::Bang => "`!`".into(),
            Token::LParen => "`(`".into(),
            Token::RParen => "`)`".into(),
            Token::LBracket => "`[`".into(),
            Token::RBracket => "`]`".into(),
            Token::Comma => "`,`".into(),
        }
    }
}

/// Tokenizes `text`; the first problem ends it.
pub fn tokenize(text: &str) -> Result<Vec<(Token, Span)>, Diagnostic> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let two = |second: u8| bytes.get(i + 1) == Some(&second);
        let token = match b {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'(' => Token::LParen,
            b')' => Token::RParen,
            b'[' => Token::LBracket,
            b']' => Token::RBracket,
            b',' => Token::Comma,
            b'=' if two(b'=') => Token::EqEq,
            b'!' if two(b'=') => Token::NotEq,
            b'<' if two(b'=') => Token::Le,
            b'>' if two(b'=') => Token::Ge,
            b'&' if two(b'&') => Token::AndAnd,
            b'|' if two(b'|') => Token::OrOr,
            b'!' => Token::Bang,
            b'<' => Token::Lt,
            b'>' => Token::Gt,
            b'=' => {
                return Err(Diagnostic::new(
                    ErrorKind::ExpressionSyntax,
                    Span::new(i, i + 1),
                    "unexpected `=`",
                )
                .with_help("compare with `==`"));
            }
            b'&' | b'|' => {
                let op = if b == b'&' { "&&" } else { "||" };
                return Err(Diagnostic::new(
                    ErrorKind::ExpressionSyntax,
                    Span::new(i, i + 1),
                    format!("unexpected `{}`", b as char),
                )
                .with_help(format!("the logical operator is `{op}`")));
            }
            b'\'' | b'"' => {
                let (value, end) = string(text, i)?;
                tokens.push((Token::Str(value), Span::new(start, end)));
                i = end;
                continue;
            }
            // An integer, negative when `-` comes right before its digits.
            b'0'..=b'9' | b'-' if b != b'-' || bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                let span = Span::new(start, i);
                let digits = text.get(start..i).unwrap_or("");
                let value = i64::from_str_radix(digits, 10).map_err(|_| {
                    Diagnostic::new(
                        ErrorKind::ExpressionSyntax,
                        span,
                        format!("integer `{digits}` is too large"),
                    )
                    .with_help(if b == b'-' {
                        format!("integers go down to {}", i64::MIN)
                    } else {
                        format!("integers go up to {}", i64::MAX)
                    })
                })?;
                if bytes
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
                {
                    return Err(Diagnostic::new(
                        ErrorKind::ExpressionSyntax,
                        Span::new(start, i + 1),
                        "a name cannot start with a digit",
                    ));
                }
                tokens.push((Token::Int(value), span));
                continue;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while bytes
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    i += 1;
                }
                let word = text.get(start..i).unwrap_or("");
                let token = match word {
                    "true" => Token::True,
                    "false" => Token::False,
                    "in" => Token::In,
                    _ => Token::Ident(word.to_string()),
                };
                tokens.push((token, Span::new(start, i)));
                continue;
            }
            _ => {
                let c = text.get(i..).and_then(|s| s.chars().next()).unwrap_or('?');
                let next = text.get(i + 1..).unwrap_or("").trim_start();
                let help = match c {
                    '-' if next.starts_with(|d: char| d.is_ascii_digit()) => {
                        Some("write a negative number without a space, like `-5`")
                    }
                    '-' => Some(
                        "ids with `-` cannot be used in conditions; inputs are named like `change_size_lines`",
                    ),
                    '+' | '*' | '/' | '%' => Some("conditions have no arithmetic"),
                    _ => None,
                };
                let d = Diagnostic::new(
                    ErrorKind::ExpressionSyntax,
                    Span::new(i, i + c.len_utf8()),
                    format!("unexpected character `{c}`"),
                );
                return Err(match help {
                    Some(help) => d.with_help(help),
                    None => d,
                });
            }
        };
        i += match token {
            Token::EqEq | Token::NotEq | Token::Le | Token::Ge | Token::AndAnd | Token::OrOr => 2,
            _ => 1,
        };
        tokens.push((token, Span::new(start, i)));
    }
    Ok(tokens)
}

/// A quoted string starting at `start`; returns its value and the end offset.
/// Escapes: `\\`, `\'`, `\"`.
fn string(text: &str, start: usize) -> Result<(String, usize), Diagnostic> {
    let rest = text.get(start..).unwrap_or("");
    let mut chars = rest.char_indices();
    let quote = chars.next().map_or('\'', |(_, c)| c);
    let mut value = String::new();
    while let Some((offset, c)) = chars.next() {
        match c {
            c if c == quote => return Ok((value, start + offset + 1)),
            '\\' => match chars.next() {
                Some((_, e @ ('\\' | '\'' | '"'))) => value.push(e),
                Some((escape_offset, e)) => {
                    return Err(Diagnostic::new(
                        ErrorKind::ExpressionSyntax,
                        Span::new(start + offset, start + escape_offset + e.len_utf8()),
                        format!("unknown escape `\\{e}`"),
                    )
                    .with_help("the escapes are `\\\\`, `\\'` and `\\\"`"));
                }
                None => break,
            },
            c => value.push(c),
        }
    }
    Err(Diagnostic::new(
        ErrorKind::ExpressionSyntax,
        Span::new(start, start + 1),
        "string is not closed",
    )
    .with_help(format!("end it with {quote}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Token> {
        tokenize(text)
            .unwrap()
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn operators_and_literals() {
        assert_eq!(
            kinds("a<=10 && !b || c in ['x', \"y\"]"),
            vec![
                Token::Ident("a".into()),
                Token::Le,
                Token::Int(10),
                Token::AndAnd,
                Token::Bang,
                Token::Ident("b".into()),
                Token::OrOr,
                Token::Ident("c".into()),
                Token::In,
                Token::LBracket,
                Token::Str("x".into()),
                Token::Comma,
                Token::Str("y".into()),
                Token::RBracket,
            ]
        );
    }

    #[test]
    fn spans_point_at_tokens() {
        let tokens = tokenize("ab == 'P1'").unwrap();
        let spans: Vec<Span> = tokens.into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            spans,
            vec![Span::new(0, 2), Span::new(3, 5), Span::new(6, 10)]
        );
    }

    #[test]
    fn errors_name_the_offender() {
        let e = tokenize("a = 1").unwrap_err();
        assert_eq!(
            (e.span, e.message.as_str()),
            (Span::new(2, 3), "unexpected `=`")
        );
        let e = tokenize("a == 'x").unwrap_err();
        assert_eq!(e.message, "string is not closed");
        let e = tokenize("99999999999999999999").unwrap_err();
        assert!(e.message.contains("too large"));
        let e = tokenize("a + é").unwrap_err();
        assert_eq!(e.span, Span::new(2, 3));
        let e = tokenize("x é").unwrap_err();
        assert_eq!(e.span, Span::new(2, 4));
        let e = tokenize("balance > - 5").unwrap_err();
        assert_eq!(
            e.help.as_deref(),
            Some("write a negative number without a space, like `-5`")
        );
        let e = tokenize("sre-avp").unwrap_err();
        assert!(e.help.unwrap().contains("ids with `-`"));
    }

    #[test]
    fn negative_integers_are_literals() {
        assert_eq!(
            kinds("balance > -5 && x in [-1, 0]"),
            vec![
                Token::Ident("balance".into()),
                Token::Gt,
                Token::Int(-5),
                Token::AndAnd,
                Token::Ident("x".into()),
                Token::In,
                Token::LBracket,
                Token::Int(-1),
                Token::Comma,
                Token::Int(0),
                Token::RBracket,
            ]
        );
        assert_eq!(
            kinds("a > -9223372036854775808"),
            vec![Token::Ident("a".into()), Token::Gt, Token::Int(i64::MIN)]
        );
        assert!(
            tokenize("a > -9223372036854775809")
                .unwrap_err()
                .message
                .contains("too large")
        );
    }
}
