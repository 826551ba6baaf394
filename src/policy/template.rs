//! Message templates: text with `{{input_id}}` placeholders, checked at load
//! (filled in by `Policy::render`).

use crate::diagnostic::{Diagnostic, ErrorKind, Span, did_you_mean};
use crate::support::text::find;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Input(u16),
}

impl Template {
    /// Parses `text`, which starts at byte `base` of the policy source.
    /// `lookup` resolves an input id to its index.
    pub fn parse(
        text: &str,
        base: usize,
        lookup: &dyn Fn(&str) -> Option<u16>,
        names: &[&str],
    ) -> Result<Template, Vec<Diagnostic>> {
        let mut parts = Vec::new();
        let mut errors = Vec::new();
        let mut rest = text;
        let mut offset = 0;
        while let Some(open) = find(rest, "{{") {
            let (before, after_open) = (
                rest.get(..open).unwrap_or(""),
                rest.get(open + 2..).unwrap_or(""),
            );
            if !before.is_empty() {
                parts.push(Part::Text(before.to_string()));
            }
            let open_span = Span::new(base + offset + open, base + offset + open + 2);
            let Some(close) = find(after_open, "}}") else {
                errors.push(
                    Diagnostic::new(
                        ErrorKind::TemplateSyntax,
                        open_span,
                        "this `{{` is not closed",
                    )
                    .with_help("write a placeholder as `{{input_id}}`"),
                );
                rest = "";
                break;
            };
            let inner = after_open.get(..close).unwrap_or("");
            let name = inner.trim();
            let name_start = base + offset + open + 2 + (inner.len() - inner.trim_start().len());
            let name_span = Span::new(name_start, name_start + name.len().max(1));
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                errors.push(
                    Diagnostic::new(
                        ErrorKind::TemplateSyntax,
                        Span::new(open_span.start, base + offset + open + 2 + close + 2),
                        format!("`{{{{{inner}}}}}` is not a placeholder"),
                    )
                    .with_help("a placeholder names one input, like `{{title}}`"),
                );
            } else {
                match lookup(name) {
                    Some(index) => parts.push(Part::Input(index)),
                    None => {
                        let help = match did_you_mean(name, &mut names.iter().copied()) {
                            Some(near) => format!("did you mean `{near}`?"),
                            None => format!("the inputs are: {}", names.join(", ")),
                        };
                        errors.push(
                            Diagnostic::new(
                                ErrorKind::UnknownInput,
                                name_span,
                                format!("placeholder `{name}` names no input"),
                            )
                            .with_help(help),
                        );
                    }
                }
            }
            let consumed = open + 2 + close + 2;
            offset += consumed;
            rest = rest.get(consumed..).unwrap_or("");
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        if errors.is_empty() {
            Ok(Template { parts })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Template, Vec<Diagnostic>> {
        let names = ["title", "severity"];
        let lookup = |n: &str| names.iter().position(|x| *x == n).map(|i| i as u16);
        Template::parse(text, 100, &lookup, &names)
    }

    #[test]
    fn placeholders_resolve_to_inputs() {
        let t = parse("[{{ severity }}] {{title}} is fixed }} ok").unwrap();
        assert_eq!(
            t.parts,
            vec![
                Part::Text("[".into()),
                Part::Input(1),
                Part::Text("] ".into()),
                Part::Input(0),
                Part::Text(" is fixed }} ok".into()),
            ]
        );
    }

    #[test]
    fn bad_placeholders_are_reported_with_spans() {
        let errors = parse("{{titel}} and {{ }} and {{title").unwrap_err();
        let found: Vec<(Span, &str)> = errors
            .iter()
            .map(|e| (e.span, e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (Span::new(102, 107), "placeholder `titel` names no input"),
                (Span::new(114, 119), "`{{ }}` is not a placeholder"),
                (Span::new(124, 126), "this `{{` is not closed"),
            ]
        );
        assert_eq!(
            errors.first().unwrap().help.as_deref(),
            Some("did you mean `title`?")
        );
    }
}
