//! Policy test cases: a TOML file of incidents and the decision each must
//! give, so policy authors can test a policy the way code is tested.
//!
//! ```toml
//! policy = "../default.toml"          # relative to this file
//!
//! [[cases]]
//! name = "exploited vulnerability qualifies"
//! incident = { title = "CVE", severity = "P3", security_vulnerability = true, actively_exploited = true }
//! verdict = "qualifies"
//! approvers = ["sre-avp", "dev-lead", "ops-lead", "security-lead"]
//! tests = ["critical-tests", "peer-review", "security-scan", "staging-verification"]
//! deadlines = { deploy = 1440, monitor = 30 }
//!
//! [[cases]]
//! name = "severity is required"
//! incident = { title = "x" }
//! errors = ["severity"]              # the incident is invalid on these fields
//! ```
//!
//! Every expectation is optional; lists are compared as sets of ids
//! (`communications`, `blockers`, `follow_ups` too). Reading the files is
//! the caller's job: this module is pure.
//!
//! Not part of the wasm bundle (only the CLI and the tests use it), so the
//! bundle's size rules (`clippy.toml`) do not apply.
#![allow(clippy::disallowed_methods)]

use crate::api::{EvaluationAnswer, evaluate};
use crate::decision::Decision;
use crate::diagnostic::{Diagnostic, ErrorKind, LineIndex, Span};
use crate::incident::{Answer, Incident};
use crate::policy::Policy;
use crate::policy::Verdict;
use crate::policy::fields::{Str, Table, Value, wrong_type};
use crate::toml::{self, Kind};

/// A parsed case file.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseFile {
    /// The policy path as written, relative to the case file.
    pub policy: String,
    pub cases: Vec<Case>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub name: String,
    /// The 1-based line of the case's name, for reports.
    pub line: usize,
    pub incident: Incident,
    pub expect: Expect,
}

/// What a case expects; `None` means "not checked".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expect {
    pub verdict: Option<Verdict>,
    pub approvers: Option<Vec<String>>,
    pub tests: Option<Vec<String>>,
    pub communications: Option<Vec<String>>,
    pub blockers: Option<Vec<String>>,
    pub follow_ups: Option<Vec<String>>,
    pub deadlines: Option<Vec<(String, u32)>>,
    /// The incident must be invalid, with errors on exactly these fields.
    pub errors: Option<Vec<String>>,
}

/// Parses a case file, reporting every problem.
pub fn parse(source: &str) -> Result<CaseFile, Vec<Diagnostic>> {
    let (doc, syntax) = toml::parse(source);
    if !syntax.is_empty() {
        return Err(syntax);
    }
    let lines = LineIndex::new(source);
    let mut errors = Vec::new();
    let mut top = Table::new(&doc, Span::new(0, 0), "the case file".into());
    let policy = top.str("policy").map(|s| s.text.to_string());
    let mut cases = Vec::new();
    if let Some((values, _)) = top.opt_array("cases") {
        for (n, value) in values.iter().enumerate() {
            match Table::of(value, format!("case #{}", n + 1)) {
                Ok(mut t) => {
                    if let Some(case) = read_case(&mut t, &lines, &mut errors) {
                        cases.push(case);
                    }
                    errors.extend(t.finish());
                }
                Err(d) => errors.push(d),
            }
        }
    }
    errors.extend(top.finish());
    match policy {
        Some(policy) if errors.is_empty() => Ok(CaseFile { policy, cases }),
        _ => {
            errors.sort_by_key(|d| d.span);
            Err(errors)
        }
    }
}

fn read_case(
    t: &mut Table<'_, '_>,
    lines: &LineIndex<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Case> {
    let name = t.str("name");
    if let Some(name) = name {
        t.name = format!("case `{}`", name.text);
    }
    let incident = match t.get("incident") {
        Some(value) => incident(value, errors),
        None => {
            errors.push(Diagnostic::new(
                ErrorKind::MissingKey,
                t.span,
                format!("{} has no `incident`", t.name),
            ));
            None
        }
    };
    let verdict = t.opt_str("verdict").and_then(|s| {
        let verdict = Verdict::parse(s.text);
        if verdict.is_none() {
            errors.push(
                Diagnostic::new(
                    ErrorKind::InvalidValue,
                    s.span,
                    format!("`{}` is not a verdict", s.text),
                )
                .with_help("the verdicts are `qualifies`, `needs_review` and `rejected`"),
            );
        }
        verdict
    });
    let mut ids = |key: &'static str| t.opt_array(key).map(|(values, _)| strings(values, errors));
    let expect = Expect {
        verdict,
        approvers: ids("approvers"),
        tests: ids("tests"),
        communications: ids("communications"),
        blockers: ids("blockers"),
        follow_ups: ids("follow_ups"),
        errors: ids("errors"),
        deadlines: t
            .get("deadlines")
            .and_then(|value| deadlines(value, errors)),
    };
    let name: Str<'_> = name?;
    Some(Case {
        name: name.text.to_string(),
        line: lines.position(name.span.start).line,
        incident: incident?,
        expect,
    })
}

fn strings(values: &[Value<'_>], errors: &mut Vec<Diagnostic>) -> Vec<String> {
    values
        .iter()
        .filter_map(|v| match &v.kind {
            Kind::String(s) => Some(s.to_string()),
            _ => {
                errors.push(wrong_type(v, "an id", "a string"));
                None
            }
        })
        .collect()
}

fn deadlines(value: &Value<'_>, errors: &mut Vec<Diagnostic>) -> Option<Vec<(String, u32)>> {
    let Kind::Table(table) = &value.kind else {
        errors.push(wrong_type(value, "`deadlines`", "a table of id = minutes"));
        return None;
    };
    let mut out = Vec::new();
    for (key, v) in table.iter() {
        match v.kind {
            Kind::Integer(i) => match u32::try_from(i) {
                Ok(minutes) => out.push((key.name.to_string(), minutes)),
                Err(_) => errors.push(wrong_type(v, "minutes", "a whole number of minutes")),
            },
            _ => errors.push(wrong_type(v, "minutes", "a whole number of minutes")),
        }
    }
    Some(out)
}

/// A TOML inline table as an incident, the way JSON would give it.
fn incident(value: &Value<'_>, errors: &mut Vec<Diagnostic>) -> Option<Incident> {
    let Kind::Table(table) = &value.kind else {
        errors.push(wrong_type(value, "`incident`", "a table"));
        return None;
    };
    let answers = table
        .iter()
        .map(|(key, v)| {
            let answer = match &v.kind {
                Kind::String(s) => Answer::Text(s.to_string()),
                Kind::Boolean(b) => Answer::Bool(*b),
                Kind::Integer(i) => Answer::Int(*i),
                Kind::Float(f) => Answer::Float(*f),
                Kind::Array(_) => Answer::List,
                Kind::Table(_) | Kind::Datetime(_) => Answer::Object,
            };
            (key.name.to_string(), answer)
        })
        .collect();
    Some(Incident { answers })
}

/// Runs one case; returns what differed (empty: it passed).
pub fn run(policy: &Policy, case: &Case) -> Vec<String> {
    let answer = evaluate(policy, &case.incident);
    let expect = &case.expect;
    let mut diffs = Vec::new();
    match (&answer, &expect.errors) {
        (EvaluationAnswer::Failure { errors }, Some(fields)) => {
            let got: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
            compare_sets("errors", fields, &got, &mut diffs);
        }
        (EvaluationAnswer::Failure { errors }, None) => {
            let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
            diffs.push(format!("the incident is invalid: {}", messages.join("; ")));
        }
        (EvaluationAnswer::Success { .. }, Some(fields)) => {
            diffs.push(format!(
                "expected errors on {}, but the incident is valid",
                fields.join(", ")
            ));
        }
        (EvaluationAnswer::Success { decision }, None) => {
            compare_decision(decision, expect, &mut diffs)
        }
    }
    diffs
}

fn compare_decision(decision: &Decision, expect: &Expect, diffs: &mut Vec<String>) {
    if let Some(verdict) = expect.verdict {
        if verdict != decision.verdict {
            diffs.push(format!(
                "verdict: expected `{}`, got `{}` ({})",
                verdict.as_str(),
                decision.verdict.as_str(),
                decision.why.rule
            ));
        }
    }
    type Ids<'a> = (&'a str, &'a Option<Vec<String>>, Vec<String>);
    let lists: [Ids<'_>; 5] = [
        (
            "approvers",
            &expect.approvers,
            decision
                .approvers
                .iter()
                .map(|i| i.id.to_string())
                .collect(),
        ),
        (
            "tests",
            &expect.tests,
            decision.tests.iter().map(|i| i.id.to_string()).collect(),
        ),
        (
            "communications",
            &expect.communications,
            decision
                .communications
                .iter()
                .map(|i| i.id.to_string())
                .collect(),
        ),
        (
            "blockers",
            &expect.blockers,
            decision.blockers.iter().map(|i| i.id.to_string()).collect(),
        ),
        (
            "follow_ups",
            &expect.follow_ups,
            decision
                .follow_ups
                .iter()
                .map(|i| i.id.to_string())
                .collect(),
        ),
    ];
    for (what, expected, got) in lists {
        if let Some(expected) = expected {
            compare_sets(what, expected, &got, diffs);
        }
    }
    if let Some(expected) = &expect.deadlines {
        for (id, minutes) in expected {
            match decision.deadlines.iter().find(|d| *d.id == **id) {
                Some(d) if d.minutes == *minutes => {}
                Some(d) => diffs.push(format!(
                    "deadline `{id}`: expected {minutes} minutes, got {}",
                    d.minutes
                )),
                None => diffs.push(format!(
                    "deadline `{id}`: expected {minutes} minutes, but it does not apply"
                )),
            }
        }
    }
}

fn compare_sets(what: &str, expected: &[String], got: &[String], diffs: &mut Vec<String>) {
    let missing: Vec<&str> = expected
        .iter()
        .filter(|e| !got.contains(e))
        .map(String::as_str)
        .collect();
    let unexpected: Vec<&str> = got
        .iter()
        .filter(|g| !expected.contains(g))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        diffs.push(format!("{what}: missing {}", missing.join(", ")));
    }
    if !unexpected.is_empty() {
        diffs.push(format!("{what}: unexpected {}", unexpected.join(", ")));
    }
}
