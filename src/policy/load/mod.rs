//! Loads a policy: TOML text → type-checked [`Policy`], or every problem.
//!
//! The TOML is parsed into a spanned tree ([`crate::toml`]), then walked
//! by hand with `fields::Table` so that all problems are collected, each with the
//! span of the offending key, value or token. Conditions and templates are
//! compiled against the inputs in a second pass, once all inputs are known.

mod conditions;
mod document;
mod inputs;
mod items;
mod values;

use super::Policy;
use crate::diagnostic::{Diagnostic, ErrorKind, Span, shift_all};
use crate::limits::MAX_POLICY_BYTES;
use crate::toml::{self};

/// Parses and checks a policy. On failure, every diagnostic found, in source order.
pub fn load(source: &str) -> Result<Policy, Vec<Diagnostic>> {
    if source.len() > MAX_POLICY_BYTES {
        return Err(vec![Diagnostic::new(
            ErrorKind::LimitExceeded,
            Span::new(0, 0),
            format!(
                "policy is {} bytes; the limit is {MAX_POLICY_BYTES}",
                source.len()
            ),
        )]);
    }
    // A byte-order mark is fine; spans are shifted back over it at the end.
    let (text, base) = match source.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8()),
        None => (source, 0),
    };
    let (doc, mut syntax) = toml::parse(text);
    if !syntax.is_empty() {
        // Checking the rest of a broken file would report phantom problems.
        shift_all(&mut syntax, base);
        return Err(syntax);
    }
    let mut loader = Loader {
        text,
        diags: Vec::new(),
        nodes: 0,
    };
    let policy = loader.policy(&doc, source);
    let mut diags = loader.diags;
    shift_all(&mut diags, base);
    match policy {
        Some(policy) if diags.is_empty() => Ok(policy),
        _ => {
            crate::support::sort::sort_by(&mut diags, |a, b| a.span.cmp(&b.span));
            Err(diags)
        }
    }
}

struct Loader<'s> {
    text: &'s str,
    diags: Vec<Diagnostic>,
    /// Expression nodes so far, against [`MAX_POLICY_NODES`].
    nodes: usize,
}
