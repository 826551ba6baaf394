//! Diagnostics: what is wrong with a policy, where it is, and how to fix it.
//!
//! Inside the engine every problem carries a byte [`Span`] into the policy
//! source. Only at the edge ([`LineIndex`], [`render`]) are spans turned into
//! 1-based lines and columns, as ruff and regex-syntax do.

use std::fmt::Write as _;

use serde::Serialize;

/// A half-open byte range `start..end` in a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The same span moved `by` bytes to the right.
    pub const fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// Moves every diagnostic's span `by` bytes to the right (from a part of
/// the text, such as a condition, to the whole file).
pub fn shift_all(diagnostics: &mut [Diagnostic], by: usize) {
    for d in diagnostics {
        d.span = d.span.shift(by);
        if let Some(related) = &mut d.related {
            related.span = related.span.shift(by);
        }
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

/// What kind of problem a [`Diagnostic`] reports. The kebab-case name is part
/// of the API (`kind` in JSON) so that tools can match on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// The file is not valid TOML.
    TomlSyntax,
    /// A key the policy format does not know (often a typo).
    UnknownKey,
    /// A key the policy format requires is absent.
    MissingKey,
    /// A TOML value of the wrong type, e.g. a string where a number belongs.
    WrongType,
    /// A value of the right type that is not allowed (an empty id, a bad phase...).
    InvalidValue,
    /// Two items of one kind share an id.
    DuplicateId,
    /// An expression or template names an input that does not exist.
    UnknownInput,
    /// A `[[separate]]` role that is neither an approver role nor a duty.
    UnknownRole,
    /// An expression combines values of types that do not fit.
    TypeMismatch,
    /// A string literal that is not one of a choice input's options.
    UnknownOption,
    /// An expression that does not parse.
    ExpressionSyntax,
    /// A message template that does not parse.
    TemplateSyntax,
    /// The `ask_when` conditions of some inputs depend on each other in a circle.
    AskWhenCycle,
    /// The policy has no qualification rule.
    NoQualificationRule,
    /// The policy exceeds one of the engine's limits (see `limits`).
    LimitExceeded,
    /// The file is not UTF-8 text (TOML files are UTF-8).
    NotUtf8,
}

/// One problem in a policy source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: ErrorKind,
    /// Lowercase, user input in backticks, no trailing period.
    pub message: String,
    pub span: Span,
    /// How to fix it, where that can be said.
    pub help: Option<String>,
    /// A second place that explains the first, such as where a duplicated
    /// id was first defined (regex-syntax's `aux_span`).
    pub related: Option<Related>,
}

/// A second span of a [`Diagnostic`], with what it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    /// Lowercase, like a message: "first defined here".
    pub label: String,
}

impl Diagnostic {
    pub fn new(kind: ErrorKind, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            kind,
            message: message.into(),
            span,
            help: None,
            related: None,
        }
    }

    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.related = Some(Related {
            span,
            label: label.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

/// `bytes` as text, or the diagnostic at the first byte that is not UTF-8
/// (a policy is TOML, which is UTF-8 text).
pub fn utf8(bytes: &[u8]) -> Result<&str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let len = e
            .error_len()
            .unwrap_or(bytes.len().saturating_sub(at))
            .max(1);
        let byte = bytes.get(at).copied().unwrap_or(0);
        Diagnostic::new(
            ErrorKind::NotUtf8,
            Span::new(at, at + len),
            format!("the file is not UTF-8 text: byte 0x{byte:02x} cannot start a character here"),
        )
        .with_help("save the file as UTF-8 (TOML files are UTF-8)")
    })
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets in one source text to lines and columns.
pub struct LineIndex<'s> {
    source: &'s str,
    /// Byte offset at which each line starts; always starts with 0.
    line_starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    pub fn new(source: &'s str) -> LineIndex<'s> {
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            source,
            line_starts,
        }
    }

    /// The 0-based line that holds `offset` (clamped to the text).
    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// Where `span` starts and ends.
    pub fn range(&self, span: Span) -> (Position, Position) {
        (
            self.position(span.start),
            self.position(span.end.max(span.start)),
        )
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = self
            .source
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The text of the line that holds `offset`, without its line break.
    pub fn line_text(&self, offset: usize) -> &'s str {
        let line = self.line_of(self.clamp(offset));
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.source.len());
        self.source
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// `offset` moved back onto a char boundary inside the text.
    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Renders diagnostics the way rustc does:
///
/// ```text
/// policies/x.toml:12:9: error: unknown input `severty`
///    |
/// 12 | when = "severty == 'P1'"
///    |         ^^^^^^^
///    = help: did you mean `severity`?
/// ```
pub fn render(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(source);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let start = index.position(diagnostic.span.start);
        let related = diagnostic
            .related
            .as_ref()
            .map(|r| (r, index.position(r.span.start)));
        let widest = related.map_or(start.line, |(_, at)| at.line.max(start.line));
        let gutter = " ".repeat(widest.to_string().len());
        let _ = writeln!(
            out,
            "{path}:{}:{}: error: {}",
            start.line, start.column, diagnostic.message
        );
        let _ = writeln!(out, "{gutter} |");
        snippet(&mut out, &index, &gutter, diagnostic.span, '^', "");
        if let Some((related, _)) = related {
            let _ = writeln!(out, "{gutter} |");
            snippet(&mut out, &index, &gutter, related.span, '-', &related.label);
        }
        if let Some(help) = &diagnostic.help {
            let _ = writeln!(out, "{gutter} = help: {help}");
        }
    }
    out
}

/// The line of `span` with a mark under the span (to the end of the line
/// when it runs past it), then `label`.
fn snippet(
    out: &mut String,
    index: &LineIndex<'_>,
    gutter: &str,
    span: Span,
    mark: char,
    label: &str,
) {
    let start = index.position(span.start);
    let line = index.line_text(span.start);
    let number = start.line.to_string();
    let _ = writeln!(out, "{number:>width$} | {line}", width = gutter.len());
    let end = index.position(span.end.max(span.start));
    let line_chars = line.chars().count();
    let width = if end.line == start.line {
        end.column.saturating_sub(start.column)
    } else {
        (line_chars + 1).saturating_sub(start.column)
    }
    .max(1);
    let pad: String = line
        .chars()
        .take(start.column - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let marks: String = std::iter::repeat_n(mark, width).collect();
    let label = if label.is_empty() {
        String::new()
    } else {
        format!(" {label}")
    };
    let _ = writeln!(out, "{gutter} | {pad}{marks}{label}");
}

/// The closest of `candidates` to `name`, if it is close enough to be a
/// likely typo. Used for "did you mean" help lines.
/// (`dyn`: one function for every kind of list it is given.)
pub fn did_you_mean<'a>(
    name: &str,
    candidates: &mut dyn Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let name: Vec<char> = name.chars().collect();
    let limit = (name.len() / 3).max(1);
    let mut distance = EditDistance::default();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        // The distance is at least the difference in length: most
        // candidates are ruled out without the table.
        if name.len().abs_diff(candidate.chars().count()) > limit {
            continue;
        }
        let d = distance.between(&name, candidate);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Edit distance with adjacent transpositions (optimal string alignment),
/// over chars, keeping three rows of the table; the buffers are reused
/// from one candidate to the next.
#[derive(Default)]
struct EditDistance {
    other: Vec<char>,
    /// Rows `i - 2`, `i - 1` and `i` of the table.
    rows: [Vec<usize>; 3],
}

impl EditDistance {
    fn between(&mut self, a: &[char], b: &str) -> usize {
        self.other.clear();
        self.other.extend(b.chars());
        let b = &self.other;
        let width = b.len() + 1;
        for row in &mut self.rows {
            row.clear();
            row.resize(width, 0);
        }
        let [before, previous, current] = &mut self.rows;
        for (j, slot) in previous.iter_mut().enumerate() {
            *slot = j;
        }
        for i in 1..=a.len() {
            current.fill(0);
            if let Some(first) = current.first_mut() {
                *first = i;
            }
            for j in 1..width {
                let get = |row: &[usize], j: usize| row.get(j).copied().unwrap_or(usize::MAX - 1);
                let cost = usize::from(a.get(i - 1) != b.get(j - 1));
                let mut best = (get(previous, j) + 1)
                    .min(get(current, j - 1) + 1)
                    .min(get(previous, j - 1) + cost);
                if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                    best = best.min(get(before, j - 2) + 1);
                }
                if let Some(slot) = current.get_mut(j) {
                    *slot = best;
                }
            }
            std::mem::swap(before, previous);
            std::mem::swap(previous, current);
        }
        previous.last().copied().unwrap_or(0)
    }
}

/// The edit distance between `a` and `b` (for tests: the reference).
#[cfg(test)]
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let value = if i == 0 || j == 0 {
                i.max(j)
            } else {
                let get = |i: usize, j: usize| d.get(at(i, j)).copied().unwrap_or(usize::MAX - 1);
                let cost = usize::from(a.get(i - 1) != b.get(j - 1));
                let mut best = (get(i - 1, j) + 1)
                    .min(get(i, j - 1) + 1)
                    .min(get(i - 1, j - 1) + cost);
                if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                    best = best.min(get(i - 2, j - 2) + 1);
                }
                best
            };
            if let Some(slot) = d.get_mut(at(i, j)) {
                *slot = value;
            }
        }
    }
    d.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let index = LineIndex::new("ab\ncé d\n");
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(3), Position { line: 2, column: 1 });
        // `d` is after a two-byte char: byte 7, column 4.
        assert_eq!(index.position(7), Position { line: 2, column: 4 });
        assert_eq!(index.line_text(4), "cé d");
        assert_eq!(index.position(999), Position { line: 3, column: 1 });
    }

    #[test]
    fn render_points_a_caret_at_the_span() {
        let source = "a = 1\nwhen = \"severty\"\n";
        let d = Diagnostic::new(
            ErrorKind::UnknownInput,
            Span::new(14, 21),
            "unknown input `severty`",
        )
        .with_help("did you mean `severity`?");
        let text = render("p.toml", source, &[d]);
        assert_eq!(
            text,
            "p.toml:2:9: error: unknown input `severty`\n  |\n2 | when = \"severty\"\n  |         ^^^^^^^\n  = help: did you mean `severity`?\n"
        );
    }

    #[test]
    fn three_rows_give_the_distance_of_the_whole_table() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "title",
            "titel",
            "severity",
            "sevrity",
            "ΣΟΦΟΣ",
            "σοφος",
            "data_loss",
            "dataloss",
            "naïve",
            "naive",
            "ca",
            "abc_def_ghi",
        ];
        let mut rows = EditDistance::default();
        for a in words {
            let chars: Vec<char> = a.chars().collect();
            for b in words {
                assert_eq!(rows.between(&chars, b), edit_distance(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn the_length_rule_keeps_every_suggestion() {
        // Without it: the nearest within the limit, by the table alone.
        fn by_table<'a>(name: &str, names: &[&'a str]) -> Option<&'a str> {
            let limit = (name.chars().count() / 3).max(1);
            let mut best: Option<(usize, &'a str)> = None;
            for &c in names {
                let d = edit_distance(name, c);
                if d <= limit && best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, c));
                }
            }
            best.map(|(_, c)| c)
        }
        let names = [
            "title",
            "severity",
            "data_loss",
            "regulated",
            "affected_users",
            "a",
            "ab",
            "abc",
            "change_size_lines",
            "ΣΟΦΟΣ",
            "naïve",
            "x_y_z",
        ];
        for name in names.iter().chain(&[
            "titl", "sevrity", "datalos", "b", "abcd", "ΣΟΦΟ", "naive", "xyz", "",
        ]) {
            assert_eq!(
                did_you_mean(name, &mut names.into_iter()),
                by_table(name, &names),
                "{name}"
            );
        }
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let names = ["severity", "regulated", "title"];
        assert_eq!(
            did_you_mean("severty", &mut names.into_iter()),
            Some("severity")
        );
        assert_eq!(did_you_mean("titel", &mut names.into_iter()), Some("title"));
        assert_eq!(
            did_you_mean("lable", &mut ["label", "id"].into_iter()),
            Some("label")
        );
        assert_eq!(did_you_mean("zzz", &mut names.into_iter()), None);
        assert_eq!(did_you_mean("xy", &mut ["id"].into_iter()), None);
    }
}
