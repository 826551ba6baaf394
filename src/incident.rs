//! Incidents: the answers to a policy's questions, validated into [`Facts`].
//!
//! An incident arrives as a plain map of input id → value (JSON on the CLI, a
//! JS object in the browser). [`validate`] checks every field against the
//! policy and reports all problems at once; answers to questions whose
//! `ask_when` does not hold are ignored, as the question was not asked.

use std::fmt;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};

use crate::diagnostic::did_you_mean;
use crate::expr::Env;
pub use crate::facts::{Fact, Facts, Value, ValueRef};
use crate::limits::MAX_INCIDENT_FIELDS;
use crate::policy::{InputKind, Policy};

/// One raw answer, as given.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Null,
    Bool(bool),
    Int(i64),
    /// A number that is not a whole number in `i64`'s range.
    Float(f64),
    Text(String),
    List,
    Object,
}

impl Answer {
    /// A JSON or JavaScript number as an answer: JavaScript has one number
    /// type, so 3.0 is the integer 3 (up to 2^53, where integers stay exact).
    pub fn from_number(f: f64) -> Answer {
        const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
        if f.fract() == 0.0 && f.abs() <= LIMIT {
            Answer::Int(f as i64)
        } else {
            Answer::Float(f)
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Answer::Null => "null",
            Answer::Bool(_) => "a bool",
            Answer::Int(_) => "an integer",
            Answer::Float(_) => "a number with a fraction",
            Answer::Text(_) => "a string",
            Answer::List => "a list",
            Answer::Object => "an object",
        }
    }
}

/// An incident as given: field → answer, in the order given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Incident {
    pub answers: Vec<(String, Answer)>,
}

impl Incident {
    pub fn get(&self, field: &str) -> Option<&Answer> {
        self.answers
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v)
    }
}

/// What is wrong with one field of an incident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The input id (or the unknown field's name); empty for the whole incident.
    pub field: String,
    pub kind: FieldErrorKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorKind {
    NotAnObject,
    UnknownField,
    Duplicate,
    WrongType,
    OutOfRange,
    UnknownOption,
    TooLong,
    Missing,
    TooManyFields,
}

/// The result of validating an incident: facts are always usable (invalid
/// answers count as unanswered), so a form can show a live decision while the
/// user is still fixing errors.
#[derive(Clone, Debug, PartialEq)]
pub struct Validated {
    pub facts: Facts,
    /// Whether each input is asked (its `ask_when` holds or it has none).
    pub visible: Vec<bool>,
    /// Whether each visible input has a valid answer.
    pub answered: Vec<bool>,
    pub errors: Vec<FieldError>,
}

/// Checks every field of `incident` against `policy`, all at once.
pub fn validate(policy: &Policy, incident: &Incident) -> Validated {
    let fields: Vec<(Field<'_>, &Answer)> = incident
        .answers
        .iter()
        .map(|(name, answer)| {
            let field = policy
                .inputs
                .iter()
                .position(|i| *i.id == **name)
                .and_then(|i| u16::try_from(i).ok())
                .map_or(Field::Unknown(name), Field::Input);
            (field, answer)
        })
        .collect();
    validate_fields(policy, &fields)
}

/// Which field an answer is for: a question of the policy, by index, or a
/// name the policy does not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field<'a> {
    Input(u16),
    Unknown(&'a str),
}

/// [`validate`] for answers whose fields are already resolved (the browser
/// binding looks input ids up on the JS side).
pub fn validate_fields(policy: &Policy, fields: &[(Field<'_>, &Answer)]) -> Validated {
    let n = policy.inputs.len();
    let mut facts = policy.unanswered();
    let mut answered = vec![false; n];
    let mut seen = vec![false; n];
    // Errors with the input they belong to, dropped if it turns out hidden.
    let mut errors: Vec<(Option<usize>, FieldError)> = Vec::new();
    let error = |field: &str, kind, message: String| FieldError {
        field: field.to_string(),
        kind,
        message,
    };

    let count = fields.len();
    if count > MAX_INCIDENT_FIELDS {
        errors.push((
            None,
            error(
                "",
                FieldErrorKind::TooManyFields,
                format!(
                    "an incident has at most {MAX_INCIDENT_FIELDS} fields, this one has {count}"
                ),
            ),
        ));
    }
    for &(field, answer) in fields.iter().take(MAX_INCIDENT_FIELDS) {
        let index = match field {
            Field::Input(index) => usize::from(index),
            Field::Unknown(field) => {
                let help = did_you_mean(field, &mut policy.inputs.iter().map(|i| &*i.id))
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                let shown: String = field.chars().take(64).collect();
                errors.push((
                    None,
                    error(
                        field,
                        FieldErrorKind::UnknownField,
                        format!("`{shown}` is not a question of this policy{help}"),
                    ),
                ));
                continue;
            }
        };
        let Some(input) = policy.inputs.get(index) else {
            continue;
        };
        let field: &str = &input.id;
        if seen
            .get_mut(index)
            .is_some_and(|s| std::mem::replace(s, true))
        {
            errors.push((
                Some(index),
                error(
                    field,
                    FieldErrorKind::Duplicate,
                    format!("`{field}` is given more than once"),
                ),
            ));
            continue;
        }
        let fact = match (&input.kind, answer) {
            (_, Answer::Null) => continue,
            (InputKind::Bool, Answer::Bool(b)) => Fact::Bool(*b),
            (InputKind::Int { min, max }, Answer::Int(i)) => {
                if i < min || i > max {
                    let range = if *max == i64::MAX {
                        format!("at least {min}")
                    } else {
                        format!("between {min} and {max}")
                    };
                    errors.push((
                        Some(index),
                        error(
                            field,
                            FieldErrorKind::OutOfRange,
                            format!("`{field}` must be {range}, found {i}"),
                        ),
                    ));
                    continue;
                }
                Fact::Int(*i)
            }
            (InputKind::Choice { .. } | InputKind::Text { .. }, Answer::Text(t))
                if t.is_empty() =>
            {
                continue;
            }
            (InputKind::Choice { options }, Answer::Text(t)) => {
                match options.iter().position(|o| &o.value == t) {
                    Some(o) => Fact::Choice(u16::try_from(o).ok()),
                    None => {
                        let list: Vec<String> =
                            options.iter().map(|o| format!("'{}'", o.value)).collect();
                        let shown: String = t.chars().take(64).collect();
                        errors.push((
                            Some(index),
                            error(
                                field,
                                FieldErrorKind::UnknownOption,
                                format!(
                                    "`{field}` must be one of {}, found '{shown}'",
                                    list.join(", ")
                                ),
                            ),
                        ));
                        continue;
                    }
                }
            }
            (InputKind::Text { max_length, .. }, Answer::Text(t)) => {
                let length = t.chars().count();
                if length > *max_length {
                    errors.push((
                        Some(index),
                        error(
                            field,
                            FieldErrorKind::TooLong,
                            format!("`{field}` may be at most {max_length} characters long, this is {length}"),
                        ),
                    ));
                    continue;
                }
                Fact::Text(Some(t.clone()))
            }
            (kind, answer) => {
                let expected = match kind {
                    InputKind::Bool => "true or false",
                    InputKind::Int { .. } => "a whole number",
                    InputKind::Choice { .. } => "one of its options, as a string",
                    InputKind::Text { .. } => "a string",
                };
                errors.push((
                    Some(index),
                    error(
                        field,
                        FieldErrorKind::WrongType,
                        format!("`{field}` must be {expected}, found {}", answer.type_name()),
                    ),
                ));
                continue;
            }
        };
        facts.set(index, fact);
        if let Some(slot) = answered.get_mut(index) {
            *slot = true;
        }
    }

    // Hide what is not asked, dependencies first, so that a hidden answer
    // never decides whether another question is asked.
    let mut visible = vec![true; n];
    for &index in &policy.ask_order {
        let i = usize::from(index);
        let Some(input) = policy.inputs.get(i) else {
            continue;
        };
        let Some(ask_when) = &input.ask_when else {
            continue;
        };
        let env = Env {
            facts: &facts,
            verdict: None,
        };
        if !ask_when.expr.eval(env) {
            for flags in [&mut visible, &mut answered] {
                if let Some(flag) = flags.get_mut(i) {
                    *flag = false;
                }
            }
            facts.set(i, input.kind.unanswered());
        }
    }

    let mut errors: Vec<FieldError> = errors
        .into_iter()
        .filter(|(index, _)| index.is_none_or(|i| visible.get(i).copied().unwrap_or(true)))
        .map(|(_, e)| e)
        .collect();
    for (i, input) in policy.inputs.iter().enumerate() {
        let shown = visible.get(i).copied().unwrap_or(false);
        let given = answered.get(i).copied().unwrap_or(false);
        let invalid = errors.iter().any(|e| *e.field == *input.id);
        if input.required && shown && !given && !invalid {
            errors.push(error(
                &input.id,
                FieldErrorKind::Missing,
                format!("`{}` is required: {}", input.id, input.label),
            ));
        }
    }
    facts.set_unanswered(
        (0..n)
            .filter(|&i| visible.get(i) == Some(&true) && answered.get(i) == Some(&false))
            .filter_map(|i| u16::try_from(i).ok())
            .collect(),
    );
    Validated {
        facts,
        visible,
        answered,
        errors,
    }
}

impl Incident {
    /// Sets (or, with `Answer::Null`, clears) the answer to `field`, keeping
    /// the order in which fields were first answered.
    pub fn set(&mut self, field: &str, answer: Answer) {
        let slot = self.answers.iter().position(|(k, _)| k == field);
        match (slot, answer) {
            (Some(i), Answer::Null) => {
                self.answers.remove(i);
            }
            (Some(i), answer) => {
                if let Some((_, value)) = self.answers.get_mut(i) {
                    *value = answer;
                }
            }
            (None, Answer::Null) => {}
            (None, answer) => self.answers.push((field.to_string(), answer)),
        }
    }
}

// ---- Serialization: an incident is a plain object of answers ----

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Bool(b) => serializer.serialize_bool(*b),
            Answer::Int(i) => serializer.serialize_i64(*i),
            Answer::Float(f) if f.is_finite() => serializer.serialize_f64(*f),
            Answer::Text(t) => serializer.serialize_str(t),
            // Lists and objects are never valid answers; they are not kept.
            Answer::Float(_) | Answer::Null | Answer::List | Answer::Object => {
                serializer.serialize_unit()
            }
        }
    }
}

impl Serialize for Incident {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.answers.len()))?;
        for (key, value) in &self.answers {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

// ---- Deserialization: any self-describing format (JSON, JS values) ----

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Answer, D::Error> {
        deserializer.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answer")
    }

    fn visit_unit<E>(self) -> Result<Answer, E> {
        Ok(Answer::Null)
    }

    fn visit_none<E>(self) -> Result<Answer, E> {
        Ok(Answer::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Answer, D::Error> {
        Answer::deserialize(d)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Answer, E> {
        Ok(Answer::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Answer, E> {
        Ok(Answer::Int(i))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Answer, E> {
        Ok(i64::try_from(u).map_or(Answer::Float(u as f64), Answer::Int))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Answer, E> {
        Ok(Answer::from_number(f))
    }

    fn visit_str<E>(self, s: &str) -> Result<Answer, E> {
        Ok(Answer::Text(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Answer, E> {
        Ok(Answer::Text(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Answer, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Answer::List)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Answer::Object)
    }
}

impl<'de> Deserialize<'de> for Incident {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Incident, D::Error> {
        deserializer.deserialize_map(IncidentVisitor)
    }
}

struct IncidentVisitor;

impl<'de> Visitor<'de> for IncidentVisitor {
    type Value = Incident;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of answers, like {\"severity\": \"P1\"}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Incident, A::Error> {
        let mut answers = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Answer>()? {
            answers.push((key, value));
        }
        Ok(Incident { answers })
    }

    fn visit_unit<E: de::Error>(self) -> Result<Incident, E> {
        Err(E::custom(
            "the incident is null; expected an object of answers",
        ))
    }
}
