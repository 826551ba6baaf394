//! Drafts from JSON, field by field ([`crate::json`] trees).
//!
//! The rules are serde's for the same types, so stored drafts read exactly
//! as they always have: fields the format does not know are ignored; a
//! known field given twice, a missing required field or a value of the
//! wrong type is an error; fields marked default may be missing; `null` is
//! accepted only where a value is optional. `tests/it/wizard.rs` checks
//! this reader against serde_json on the fuzzing corpus.
//!
//! The readers of nested objects and collections are `#[inline(never)]`:
//! inlined into `draft`, every early return drops each field read so far,
//! and the wasm bundle was 0.9 KB larger after gzip.

use std::borrow::Cow;

use serde::Deserialize;

use super::draft::{
    Approval, Basis, DecisionDigest, Done, Draft, DraftError, Event, EventKind, PolicyStamp,
    SCHEMA_VERSION, SignOff, TestResult, TestStatus, Waiver,
};
use super::idmap::IdMap;
use super::step::Step;
use crate::incident::{Answer, Incident};
use crate::json::Json;
use crate::policy::Verdict;

type Read<T> = Result<T, String>;

/// The fields of one JSON object.
struct Fields<'j, 'a> {
    entries: &'j [(Cow<'a, str>, Json<'a>)],
    what: &'static str,
}

impl<'j, 'a> Fields<'j, 'a> {
    fn of(json: &'j Json<'a>, what: &'static str) -> Read<Self> {
        match json {
            Json::Object(entries) => Ok(Fields { entries, what }),
            other => Err(format!("{what} must be an object, found {}", other.kind())),
        }
    }

    fn get(&self, key: &str) -> Read<Option<&'j Json<'a>>> {
        let mut found = self.entries.iter().filter(|(k, _)| k == key);
        let first = found.next().map(|(_, v)| v);
        if found.next().is_some() {
            return Err(format!("duplicate field `{key}` in {}", self.what));
        }
        Ok(first)
    }

    fn required<T>(&self, key: &str, read: impl FnOnce(&Json<'a>) -> Read<T>) -> Read<T> {
        let value = self.get(key)?.ok_or_else(|| self.missing(key))?;
        read(value).map_err(|e| self.in_field(key, e))
    }

    fn or_default<T: Default>(
        &self,
        key: &str,
        read: impl FnOnce(&Json<'a>) -> Read<T>,
    ) -> Read<T> {
        match self.get(key)? {
            Some(value) => read(value).map_err(|e| self.in_field(key, e)),
            None => Ok(T::default()),
        }
    }

    // The messages are built out of line: `required` and `or_default` have
    // an instance per field type, and the text would be in each.
    #[inline(never)]
    fn missing(&self, key: &str) -> String {
        format!("missing field `{key}` in {}", self.what)
    }

    #[inline(never)]
    fn in_field(&self, key: &str, error: String) -> String {
        format!("`{key}` in {}: {error}", self.what)
    }
}

fn wrong(expected: &str, found: &Json<'_>) -> String {
    format!("expected {expected}, found {}", found.kind())
}

fn string(json: &Json<'_>) -> Read<String> {
    match json {
        Json::Str(s) => Ok(s.to_string()),
        other => Err(wrong("a string", other)),
    }
}

fn int(json: &Json<'_>) -> Read<i64> {
    match json {
        Json::Int(i) => Ok(*i),
        other => Err(wrong("a whole number", other)),
    }
}

/// `null` or absent: none.
fn optional<T>(
    read: impl FnOnce(&Json<'_>) -> Read<T>,
) -> impl FnOnce(&Json<'_>) -> Read<Option<T>> {
    move |json| match json {
        Json::Null => Ok(None),
        other => read(other).map(Some),
    }
}

/// A unit variant written as its snake_case name.
fn variant<T: Copy>(json: &Json<'_>, names: &[(&str, T)]) -> Read<T> {
    match json {
        Json::Str(s) => names
            .iter()
            .find(|(name, _)| *name == s.as_ref())
            .map(|(_, v)| *v)
            .ok_or_else(|| format!("unknown variant `{s}`")),
        other => Err(wrong("a string", other)),
    }
}

#[inline(never)]
fn in_entry(key: &str, error: String) -> String {
    format!("`{key}`: {error}")
}

#[inline(never)]
fn id_map<T>(json: &Json<'_>, read: impl Fn(&Json<'_>) -> Read<T>) -> Read<IdMap<T>> {
    match json {
        Json::Object(entries) => {
            let mut map = IdMap::new();
            for (key, value) in entries {
                map.insert(key.to_string(), read(value).map_err(|e| in_entry(key, e))?);
            }
            Ok(map)
        }
        other => Err(wrong("an object keyed by id", other)),
    }
}

#[inline(never)]
fn list<T>(json: &Json<'_>, read: impl Fn(&Json<'_>) -> Read<T>) -> Read<Vec<T>> {
    match json {
        Json::Array(items) => items.iter().map(read).collect(),
        other => Err(wrong("an array", other)),
    }
}

/// The first thing read from stored data: its format version, so that a
/// newer draft is recognised even when its fields changed.
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct Version {
    pub schema: u32,
}

/// Refuses data written by a newer version of Hotgate.
pub fn check_schema(version: Version) -> Result<(), DraftError> {
    if version.schema > SCHEMA_VERSION {
        return Err(DraftError::NewerSchema {
            found: version.schema,
        });
    }
    Ok(())
}

/// The checks on a draft that serde cannot express.
pub fn checked(draft: Draft) -> Result<Draft, DraftError> {
    if draft.id.is_empty() || draft.id.len() > 64 {
        return Err(DraftError::Malformed("its id is empty or too long".into()));
    }
    Ok(draft)
}

/// Reads a draft from JSON text, on every target with the same reader
/// ([`crate::json`], then the mapping here).
pub fn parse(text: &str) -> Result<Draft, DraftError> {
    let json = crate::json::parse(text)
        .map_err(|e| DraftError::Malformed(format!("the file is not valid JSON: {e}")))?;
    if is_record_export(&json) {
        return Err(DraftError::RecordExport);
    }
    check_schema(version(&json).map_err(DraftError::Malformed)?)?;
    checked(draft(&json).map_err(DraftError::Malformed)?)
}

/// What an audit reads: an exported record's draft (and the verdict the
/// record states), or a draft itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Audited {
    pub draft: Draft,
    /// Whether the text was a record export (its draft is under `draft`).
    pub export: bool,
    /// The verdict an export states in its `decision`, as written.
    pub stated_verdict: Option<String>,
}

/// Reads an exported record (`hotgate-record/…`) or a draft, for an audit.
pub fn parse_audited(text: &str) -> Result<Audited, DraftError> {
    let json = crate::json::parse(text)
        .map_err(|e| DraftError::Malformed(format!("the file is not valid JSON: {e}")))?;
    let export = is_record_export(&json);
    let (inner, stated_verdict) = if export {
        let f = Fields::of(&json, "the record").map_err(DraftError::Malformed)?;
        let inner = f
            .get("draft")
            .map_err(DraftError::Malformed)?
            .ok_or_else(|| DraftError::Malformed("the record has no `draft`".into()))?;
        let verdict = f
            .get("decision")
            .ok()
            .flatten()
            .and_then(|d| Fields::of(d, "the decision").ok()?.get("verdict").ok()?)
            .and_then(|v| string(v).ok());
        (inner, verdict)
    } else {
        (&json, None)
    };
    check_schema(version(inner).map_err(DraftError::Malformed)?)?;
    let draft = checked(draft(inner).map_err(DraftError::Malformed)?)?;
    Ok(Audited {
        draft,
        export,
        stated_verdict,
    })
}

/// Whether `json` is a hotfix record exported as JSON (`record::RecordJson`:
/// `"format": "hotgate-record/…"`), which people pick for import by mistake.
fn is_record_export(json: &Json<'_>) -> bool {
    let Json::Object(entries) = json else {
        return false;
    };
    entries.iter().any(|(key, value)| {
        key == "format"
            && matches!(value, Json::Str(format) if format.starts_with("hotgate-record/"))
    })
}

/// The format version, read before anything else.
pub fn version(json: &Json<'_>) -> Read<Version> {
    let fields = Fields::of(json, "the draft")?;
    let schema = fields.required("schema", |j| {
        int(j).and_then(|i| u32::try_from(i).map_err(|_| "out of range".to_string()))
    })?;
    Ok(Version { schema })
}

pub fn draft(json: &Json<'_>) -> Read<Draft> {
    let f = Fields::of(json, "the draft")?;
    Ok(Draft {
        schema: version(json)?.schema,
        id: f.required("id", string)?,
        created_at: f.required("created_at", int)?,
        updated_at: f.required("updated_at", int)?,
        policy: f.required("policy", policy_stamp)?,
        step: f.or_default("step", step)?,
        answers: f.or_default("answers", incident)?,
        incident_start: f.or_default("incident_start", optional(int))?,
        author: f.or_default("author", string)?,
        record: f.or_default("record", |j| id_map(j, string))?,
        sign_offs: f.or_default("sign_offs", |j| id_map(j, sign_off))?,
        approvals: f.or_default("approvals", |j| list(j, approval))?,
        tests: f.or_default("tests", |j| id_map(j, test_result))?,
        sent: f.or_default("sent", |j| id_map(j, int))?,
        messages: f.or_default("messages", |j| id_map(j, string))?,
        deployment: f.or_default("deployment", optional(done))?,
        checks: f.or_default("checks", |j| id_map(j, done))?,
        follow_ups_done: f.or_default("follow_ups_done", |j| id_map(j, int))?,
        last_decision: f.or_default("last_decision", optional(digest))?,
        events: f.or_default("events", |j| list(j, event))?,
        v1_deployed_at: f.or_default("deployed_at", optional(int))?,
        v1_verified: f.or_default("verified", |j| id_map(j, int))?,
    })
}

#[inline(never)]
fn policy_stamp(json: &Json<'_>) -> Read<PolicyStamp> {
    let f = Fields::of(json, "the policy stamp")?;
    Ok(PolicyStamp {
        id: f.required("id", string)?,
        version: f.required("version", string)?,
        hash: f.required("hash", string)?,
    })
}

fn step(json: &Json<'_>) -> Read<Step> {
    variant(
        json,
        &[
            ("incident", Step::Incident),
            ("qualification", Step::Qualification),
            ("fix_risk", Step::FixRisk),
            ("approvals", Step::Approvals),
            ("testing", Step::Testing),
            ("communication", Step::Communication),
            ("deploy_verify", Step::DeployVerify),
            ("record", Step::Record),
        ],
    )
}

#[inline(never)]
fn sign_off(json: &Json<'_>) -> Read<SignOff> {
    let f = Fields::of(json, "a sign-off")?;
    Ok(SignOff {
        name: f.required("name", string)?,
        role: f.required("role", string)?,
        at: f.required("at", int)?,
        recorded_at: f.or_default("recorded_at", int)?,
        comment: f.or_default("comment", string)?,
        basis: f.or_default("basis", optional(basis))?,
    })
}

#[inline(never)]
fn approval(json: &Json<'_>) -> Read<Approval> {
    let f = Fields::of(json, "an approval")?;
    Ok(Approval {
        role: f.required("role", string)?,
        name: f.required("name", string)?,
        at: f.required("at", int)?,
        recorded_at: f.or_default("recorded_at", int)?,
        comment: f.or_default("comment", string)?,
        basis: f.or_default("basis", optional(basis))?,
    })
}

#[inline(never)]
fn test_result(json: &Json<'_>) -> Read<TestResult> {
    let f = Fields::of(json, "a test result")?;
    Ok(TestResult {
        status: f.required("status", |j| {
            variant(
                j,
                &[
                    ("pending", TestStatus::Pending),
                    ("passed", TestStatus::Passed),
                    ("failed", TestStatus::Failed),
                    ("waived", TestStatus::Waived),
                ],
            )
        })?,
        evidence: f.or_default("evidence", string)?,
        waiver: f.or_default("waiver", optional(waiver))?,
        at: f.or_default("at", int)?,
    })
}

#[inline(never)]
fn waiver(json: &Json<'_>) -> Read<Waiver> {
    let f = Fields::of(json, "a waiver")?;
    Ok(Waiver {
        reason: f.required("reason", string)?,
        by: f.required("by", string)?,
        role: f.required("role", string)?,
        at: f.or_default("at", int)?,
        recorded_at: f.or_default("recorded_at", int)?,
        basis: f.or_default("basis", optional(basis))?,
    })
}

#[inline(never)]
fn done(json: &Json<'_>) -> Read<Done> {
    let f = Fields::of(json, "a deployment or check")?;
    Ok(Done {
        by: f.or_default("by", string)?,
        at: f.required("at", int)?,
        recorded_at: f.or_default("recorded_at", int)?,
    })
}

fn verdict(json: &Json<'_>) -> Read<Verdict> {
    variant(
        json,
        &[
            ("qualifies", Verdict::Qualifies),
            ("needs_review", Verdict::NeedsReview),
            ("rejected", Verdict::Rejected),
        ],
    )
}

#[inline(never)]
fn basis(json: &Json<'_>) -> Read<Basis> {
    let f = Fields::of(json, "a basis")?;
    Ok(Basis {
        decision: f.required("decision", string)?,
        facts: f.required("facts", string)?,
        verdict: f.required("verdict", verdict)?,
        answers: f.required("answers", incident)?,
    })
}

#[inline(never)]
fn event(json: &Json<'_>) -> Read<Event> {
    let f = Fields::of(json, "an event")?;
    let kinds: Vec<(&str, EventKind)> = EventKind::ALL.iter().map(|k| (k.as_str(), *k)).collect();
    Ok(Event {
        what: f.required("what", |j| variant(j, &kinds))?,
        subject: f.or_default("subject", string)?,
        by: f.or_default("by", string)?,
        at: f.required("at", int)?,
        recorded_at: f.required("recorded_at", int)?,
        decision: f.or_default("decision", string)?,
        detail: f.or_default("detail", string)?,
    })
}

#[inline(never)]
fn digest(json: &Json<'_>) -> Read<DecisionDigest> {
    let f = Fields::of(json, "the last decision")?;
    let ids = |j: &Json<'_>| list(j, string);
    Ok(DecisionDigest {
        verdict: f.required("verdict", verdict)?,
        approvers: f.required("approvers", ids)?,
        tests: f.required("tests", ids)?,
        communications: f.required("communications", ids)?,
        blockers: f.required("blockers", ids)?,
    })
}

/// Answers as a JSON object gives them (the same as `Incident`'s serde
/// reading: every entry kept, in order; any value accepted).
#[inline(never)]
fn incident(json: &Json<'_>) -> Read<Incident> {
    match json {
        Json::Object(entries) => Ok(Incident {
            answers: entries
                .iter()
                .map(|(key, value)| (key.to_string(), answer(value)))
                .collect(),
        }),
        Json::Null => Err("the incident is null; expected an object of answers".into()),
        other => Err(wrong("an object of answers", other)),
    }
}

fn answer(json: &Json<'_>) -> Answer {
    match json {
        Json::Null => Answer::Null,
        Json::Bool(b) => Answer::Bool(*b),
        Json::Int(i) => Answer::Int(*i),
        Json::UInt(u) => Answer::Float(*u as f64),
        Json::Float(f) => Answer::from_number(*f),
        Json::Str(s) => Answer::Text(s.to_string()),
        Json::Array(_) => Answer::List,
        Json::Object(_) => Answer::Object,
    }
}

// Native: the JSON written here is serde_json's; tests/web.rs checks the browser's.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod parse_tests {
    use super::*;
    use crate::incident::Answer;
    use crate::policy::Policy;
    use crate::wizard::draft::Approval;

    fn policy() -> Policy {
        crate::policy::load(include_str!("../../policies/default.toml")).unwrap()
    }

    #[test]
    fn a_draft_survives_json() {
        let mut draft = Draft::new("d1".into(), &policy(), 1_000);
        draft
            .answers
            .set("title", Answer::Text("Checkout <down>".into()));
        draft.answers.set("affected_users", Answer::Int(12));
        draft.approvals.push(Approval {
            role: "sre-avp".into(),
            name: "Ana".into(),
            at: 2_000,
            recorded_at: 2_000,
            comment: String::new(),
            basis: None,
        });
        let back = parse(&draft.to_json()).unwrap();
        assert_eq!(back, draft);
    }

    #[test]
    fn newer_and_malformed_drafts_are_refused_with_reasons() {
        let newer = r#"{"schema": 99, "id": "x", "whatever": true}"#;
        assert_eq!(parse(newer), Err(DraftError::NewerSchema { found: 99 }));
        assert!(
            DraftError::NewerSchema { found: 99 }
                .message()
                .contains("newer version")
        );
        for bad in [
            "",
            "{",
            "[]",
            r#"{"schema": 1}"#,
            r#"{"schema": "1"}"#,
            "null",
        ] {
            assert!(matches!(parse(bad), Err(DraftError::Malformed(_))), "{bad}");
        }
    }

    #[test]
    fn import_errors_say_what_the_file_is_and_where_it_breaks() {
        let broken = "{\n  \"schema\": 1,\n  \"id\": \"é";
        let message = parse(broken).unwrap_err().message();
        assert_eq!(
            message,
            "this is not a Hotgate draft: the file is not valid JSON: unclosed string at line 3, column 11"
        );
        let wizard = crate::wizard::Wizard::open(
            std::rc::Rc::new(policy()),
            Draft::new("d1".into(), &policy(), 1_000),
            1_000,
        )
        .0;
        let record = crate::wizard::record::json(&wizard);
        assert_eq!(parse(&record), Err(DraftError::RecordExport));
        assert!(
            DraftError::RecordExport
                .message()
                .starts_with("this is a hotfix record exported as JSON, not a draft")
        );
    }
}
