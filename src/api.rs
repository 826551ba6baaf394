//! The API boundary: plain serde request and response types, and plain
//! functions over them. The CLI and the wasm bindings are thin layers over
//! this module, so the whole JS API is tested natively.
//!
//! Answers, not exceptions: loading returns [`PolicyAnswer::Failure`] with
//! diagnostics, evaluating returns [`EvaluationAnswer::Failure`] with field
//! errors. Spans become 1-based lines and columns here, at the edge.

use std::rc::Rc;

use serde::Serialize;

pub use crate::decision::{Assessment, assess};
use crate::decision::{Decision, decide};
use crate::diagnostic::{Diagnostic, ErrorKind, LineIndex};
use crate::incident::{FieldError, Incident, validate};
use crate::policy::{self, InputKind, Policy};
use crate::wizard::audit::{Problem, Until};
use crate::wizard::read::parse_audited;
use crate::wizard::{DraftError, Stage};

/// A diagnostic as the outside world sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiDiagnostic {
    pub kind: ErrorKind,
    pub message: String,
    pub help: Option<String>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// A second place that explains this one (where a duplicated id was
    /// first defined), with its label.
    pub related: Option<ApiRelated>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiRelated {
    pub label: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub fn to_api_diagnostics(source: &str, diagnostics: &[Diagnostic]) -> Vec<ApiDiagnostic> {
    let index = LineIndex::new(source);
    diagnostics
        .iter()
        .map(|d| {
            let (start, end) = index.range(d.span);
            ApiDiagnostic {
                kind: d.kind,
                message: d.message.clone(),
                help: d.help.clone(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                related: d.related.as_ref().map(|r| {
                    let (start, end) = index.range(r.span);
                    ApiRelated {
                        label: r.label.clone(),
                        line: start.line,
                        column: start.column,
                        end_line: end.line,
                        end_column: end.column,
                    }
                }),
            }
        })
        .collect()
}

/// What a portal needs to know about a loaded policy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolicySummary {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: String,
    pub hash: String,
    pub inputs: Vec<InputSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputSummary {
    pub id: String,
    pub label: String,
    pub help: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub required: bool,
    pub ask_when: Option<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub options: Vec<OptionSummary>,
    pub max_length: Option<usize>,
    pub multiline: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptionSummary {
    pub value: String,
    pub label: String,
}

pub fn summary(policy: &Policy) -> PolicySummary {
    PolicySummary {
        id: policy.id.clone(),
        name: policy.name.clone(),
        version: policy.version.clone(),
        description: policy.description.clone(),
        hash: policy.hash.clone(),
        inputs: policy
            .inputs
            .iter()
            .map(|input| {
                let (min, max, options, max_length, multiline) = match &input.kind {
                    InputKind::Bool => (None, None, Vec::new(), None, false),
                    // The unbounded ends stay out: JS numbers cannot hold them.
                    InputKind::Int { min, max } => (
                        (*min != i64::MIN).then_some(*min),
                        (*max != i64::MAX).then_some(*max),
                        Vec::new(),
                        None,
                        false,
                    ),
                    InputKind::Choice { options } => (
                        None,
                        None,
                        options
                            .iter()
                            .map(|o| OptionSummary {
                                value: o.value.clone(),
                                label: o.label.clone(),
                            })
                            .collect(),
                        None,
                        false,
                    ),
                    InputKind::Text {
                        max_length,
                        multiline,
                    } => (None, None, Vec::new(), Some(*max_length), *multiline),
                };
                InputSummary {
                    id: input.id.to_string(),
                    label: input.label.clone(),
                    help: input.help.clone(),
                    kind: input.kind.name(),
                    required: input.required,
                    ask_when: input.ask_when.as_ref().map(|c| c.source.to_string()),
                    min,
                    max,
                    options,
                    max_length,
                    multiline,
                }
            })
            .collect(),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PolicyAnswer {
    Success { policy: PolicySummary },
    Failure { diagnostics: Vec<ApiDiagnostic> },
}

/// Loads `source`, answering with the policy or every diagnostic.
pub fn load_policy(source: &str) -> Result<Policy, Vec<ApiDiagnostic>> {
    policy::load(source).map_err(|diags| to_api_diagnostics(source, &diags))
}

/// Checks `source`: its summary, or every diagnostic with line and column.
pub fn check_policy(source: &str) -> PolicyAnswer {
    match load_policy(source) {
        Ok(policy) => PolicyAnswer::Success {
            policy: summary(&policy),
        },
        Err(diagnostics) => PolicyAnswer::Failure { diagnostics },
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum EvaluationAnswer {
    Success { decision: Box<Decision> },
    Failure { errors: Vec<FieldError> },
}

/// Validates `incident` and, when it is valid, decides.
pub fn evaluate(policy: &Policy, incident: &Incident) -> EvaluationAnswer {
    let validated = validate(policy, incident);
    if validated.errors.is_empty() {
        EvaluationAnswer::Success {
            decision: Box::new(decide(policy, &validated.facts)),
        }
    } else {
        EvaluationAnswer::Failure {
            errors: validated.errors,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum AuditAnswer {
    /// The record was read and audited: `problems` is empty for one that
    /// is complete (or, `until` ready, may be deployed).
    Success {
        until: Until,
        stage: Stage,
        problems: Vec<Problem>,
    },
    /// The text is not a record or a draft this version can read.
    Failure { error: String },
}

/// Audits the record (an exported record or a draft) in `text` under
/// `policy`, as of `now`: what `hotgate audit` prints.
pub fn audit(policy: &Rc<Policy>, text: &str, until: Until, now: i64) -> AuditAnswer {
    match parse_audited(text) {
        Ok(record) => {
            let audit = crate::wizard::audit::audit(policy, record, until, now);
            AuditAnswer::Success {
                until: audit.until,
                stage: audit.stage,
                problems: audit.problems,
            }
        }
        Err(DraftError::Malformed(detail)) => AuditAnswer::Failure {
            error: format!("not a Hotgate record or draft: {detail}"),
        },
        Err(e) => AuditAnswer::Failure { error: e.message() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::Answer;

    #[test]
    fn assess_decides_while_answers_are_missing_and_hides_unasked_questions() {
        let policy = policy::load(include_str!("../policies/default.toml")).unwrap();
        let incident = Incident {
            answers: vec![
                ("severity".into(), Answer::Text("P1".into())),
                ("actively_exploited".into(), Answer::Bool(true)),
            ],
        };
        let assessment = assess(&policy, &incident);
        assert_eq!(assessment.hidden, vec!["actively_exploited".to_string()]);
        assert_eq!(assessment.errors.len(), 1);
        assert_eq!(assessment.errors[0].field, "title");
        assert_eq!(&*assessment.decision.why.rule, "qualification.p1");
        assert!(matches!(
            evaluate(&policy, &incident),
            EvaluationAnswer::Failure { .. }
        ));
    }
}
