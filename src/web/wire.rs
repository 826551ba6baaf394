//! The decision's path to JavaScript. Converting a whole decision field by
//! field costs ~300 boundary crossings; instead each policy gets its fixed
//! texts as JS templates once, and each evaluation sends only numbers (which
//! items apply, *why* values) and the few strings that vary (messages, text
//! answers). `build.js` assembles the same object the decision's serde shape
//! describes; the browser test compares the two field for field.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::expr::{Condition, Env, Ref};
use crate::incident::{Answer, Facts, Field, Incident, Validated, ValueRef, validate_fields};
use crate::outcome::{Bits, Outcome};
use crate::policy::{Policy, Required, Requirement, Verdict};

#[wasm_bindgen(module = "/src/web/build.js")]
extern "C" {
    fn hotgate_build(templates: &JsValue, numbers: &[f64], text: &str) -> JsValue;
    fn hotgate_read(templates: &JsValue, incident: &JsValue) -> js_sys::Array;
}

/// An answer's field as read from JS: an input index, or an unknown name.
pub enum Key {
    Input(u16),
    Unknown(String),
}

/// Reads a JS object (not null, not an array) as answers in key order, with
/// the same values serde-wasm-bindgen would give, at a fraction of the
/// crossings: input ids are looked up on the JS side.
pub fn answers(templates: &JsValue, value: &JsValue) -> Vec<(Key, Answer)> {
    let read = hotgate_read(templates, value);
    // `hotgate_read` made it a Float64Array; `new Float64Array(x)` would copy it.
    let numbers = read
        .get(0)
        .unchecked_into::<js_sys::Float64Array>()
        .to_vec();
    let strings = js_sys::Array::from(&read.get(1));
    let string = |i: f64| strings.get(i as u32).as_string().unwrap_or_default();
    let mut answers = Vec::with_capacity(numbers.len() / 4);
    for entry in numbers.chunks_exact(4) {
        let at = |i: usize| entry.get(i).copied().unwrap_or(0.0);
        let (input, key, tag, value) = (at(0), at(1), at(2), at(3));
        let key = match u16::try_from(input as i64) {
            Ok(index) if input >= 0.0 => Key::Input(index),
            _ => Key::Unknown(string(key)),
        };
        let answer = match tag as u8 {
            0 => Answer::Null,
            1 => Answer::Bool(value != 0.0),
            2 => Answer::from_number(value),
            3 => Answer::Text(string(value)),
            4 => Answer::List,
            _ => Answer::Object,
        };
        answers.push((key, answer));
    }
    answers
}

/// Validates answers read by [`answers`].
pub fn validate(policy: &Policy, answers: &[(Key, Answer)]) -> Validated {
    let fields: Vec<(Field<'_>, &Answer)> = answers
        .iter()
        .map(|(key, answer)| {
            let field = match key {
                Key::Input(i) => Field::Input(*i),
                Key::Unknown(name) => Field::Unknown(name),
            };
            (field, answer)
        })
        .collect();
    validate_fields(policy, &fields)
}

/// Answers read by [`answers`] as an incident (named by input id).
pub fn incident(policy: &Policy, answers: Vec<(Key, Answer)>) -> Incident {
    let answers = answers
        .into_iter()
        .map(|(key, answer)| {
            let name = match key {
                Key::Input(i) => policy
                    .inputs
                    .get(usize::from(i))
                    .map(|input| input.id.to_string())
                    .unwrap_or_default(),
                Key::Unknown(name) => name,
            };
            (name, answer)
        })
        .collect();
    Incident { answers }
}

/// The fixed part of every decision under `policy`, as a JS object.
pub fn templates(policy: &Policy) -> JsValue {
    super::to_js(&Templates::of(policy))
}

/// The decision answer (`{status: "success", decision}`) for an outcome.
pub fn decision(templates: &JsValue, policy: &Policy, facts: &Facts, outcome: &Outcome) -> JsValue {
    let mut wire = Wire {
        numbers: Vec::with_capacity(256),
        text: String::with_capacity(1024),
        utf16: 0,
        refs: Vec::with_capacity(8),
    };
    wire.encode(policy, facts, outcome);
    hotgate_build(templates, &wire.numbers, &wire.text)
}

/// One evaluation's numbers, and its varying strings as one text (one
/// decoding in JS instead of one per string; each is sent as its UTF-16
/// offset and length).
struct Wire {
    numbers: Vec<f64>,
    text: String,
    /// The length of `text` in UTF-16 units.
    utf16: usize,
    /// Reused by every *why*.
    refs: Vec<Ref>,
}

impl Wire {
    #[inline(always)]
    fn number(&mut self, n: f64) {
        self.numbers.push(n);
    }

    /// Sends what was appended to `text` since `start` (a byte offset).
    fn string_from(&mut self, start: usize) {
        // UTF-16 units: one per character, two for those above U+FFFF
        // (one per UTF-8 lead byte, plus one per 4-byte lead).
        let added = self.text.as_bytes().get(start..).unwrap_or_default();
        let mut units = 0;
        for &b in added {
            units += usize::from(b & 0xc0 != 0x80) + usize::from(b >= 0xf0);
        }
        let offset = self.utf16;
        self.utf16 += units;
        self.number(offset as f64);
        self.number(units as f64);
    }

    fn string(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.string_from(start);
    }

    fn why(&mut self, policy: &Policy, env: Env<'_>, condition: Option<&Condition>) {
        let mut refs = std::mem::take(&mut self.refs);
        refs.clear();
        if let Some(condition) = condition {
            condition.expr.explain(env, &mut refs);
        }
        self.number(refs.len() as f64);
        for r in &refs {
            match *r {
                Ref::Input(i) => {
                    self.number(f64::from(i));
                    match env.facts.value_ref(policy, i) {
                        ValueRef::Bool(false) => self.number(0.0),
                        ValueRef::Bool(true) => self.number(1.0),
                        ValueRef::Int(n) => {
                            self.number(2.0);
                            self.number(n as f64);
                        }
                        ValueRef::Text(t) => {
                            self.number(3.0);
                            self.string(t);
                        }
                        ValueRef::Null => self.number(4.0),
                    }
                }
                Ref::Verdict => {
                    self.number(-1.0);
                    self.number(3.0);
                    self.string(env.verdict.map_or("", Verdict::as_str));
                }
            }
        }
        self.refs = refs;
    }

    /// The chosen items of one kind: a count, then each index and its why.
    fn items<T>(
        &mut self,
        policy: &Policy,
        env: Env<'_>,
        items: &[T],
        bits: &Bits,
        mut extra: impl FnMut(&mut Self, &T),
        requirement: impl Fn(&T) -> &Requirement,
    ) {
        self.number(bits.len() as f64);
        for (i, item) in items.iter().enumerate().filter(|(i, _)| bits.contains(*i)) {
            self.number(i as f64);
            extra(self, item);
            self.why(policy, env, requirement(item).when.as_ref());
        }
    }

    fn encode(&mut self, policy: &Policy, facts: &Facts, outcome: &Outcome) {
        let q = &policy.qualification;
        self.number(match outcome.verdict {
            Verdict::Qualifies => 0.0,
            Verdict::NeedsReview => 1.0,
            Verdict::Rejected => 2.0,
        });
        let rule = outcome.rule.and_then(|i| q.rules.get(usize::from(i)));
        self.number(outcome.rule.map_or(-1.0, f64::from));
        self.why(
            policy,
            Env {
                facts,
                verdict: None,
            },
            rule.map(|r| &r.when),
        );
        let env = Env {
            facts,
            verdict: Some(outcome.verdict),
        };
        self.items(
            policy,
            env,
            &policy.approvers,
            &outcome.approvers,
            |_, _| {},
            |a| &a.requirement,
        );
        self.items(
            policy,
            env,
            &policy.tests,
            &outcome.tests,
            |_, _| {},
            |t| &t.requirement,
        );
        self.items(
            policy,
            env,
            &policy.communications,
            &outcome.communications,
            |w, c| {
                let start = w.text.len();
                c.template.render_into(policy, facts, &mut w.text);
                w.string_from(start);
            },
            |c| &c.requirement,
        );
        self.items(
            policy,
            env,
            &policy.blockers,
            &outcome.blockers,
            |_, _| {},
            |b| &b.requirement,
        );
        // Deadlines: the minutes and the case that gave them (-1: the default).
        self.number(outcome.deadlines.len() as f64);
        for (i, d) in policy
            .deadlines
            .iter()
            .enumerate()
            .filter(|(i, _)| outcome.deadlines.contains(*i))
        {
            self.number(i as f64);
            match d.cases.iter().position(|(c, _)| c.expr.eval(env)) {
                Some(case) => {
                    let (condition, minutes) = d
                        .cases
                        .get(case)
                        .map_or((None, d.minutes), |(c, m)| (Some(c), *m));
                    self.number(f64::from(minutes));
                    self.number(case as f64);
                    self.why(policy, env, condition);
                }
                None => {
                    self.number(f64::from(d.minutes));
                    self.number(-1.0);
                    self.why(policy, env, d.requirement.when.as_ref());
                }
            }
        }
        self.items(
            policy,
            env,
            &policy.follow_ups,
            &outcome.follow_ups,
            |_, _| {},
            |f| &f.requirement,
        );
        for r in &policy.record {
            let required = match &r.required {
                Required::Always => true,
                Required::Never => false,
                Required::When(c) => c.expr.eval(env),
            };
            self.number(if required { 1.0 } else { 0.0 });
        }
    }
}

#[derive(Serialize)]
struct Templates<'a> {
    policy: PolicyTemplate<'a>,
    rules: Vec<RuleTemplate<'a>>,
    fallback: RuleTemplate<'a>,
    inputs: Vec<&'a str>,
    approvers: Vec<ItemTemplate<'a>>,
    tests: Vec<ItemTemplate<'a>>,
    communications: Vec<ItemTemplate<'a>>,
    blockers: Vec<ItemTemplate<'a>>,
    deadlines: Vec<ItemTemplate<'a>>,
    follow_ups: Vec<ItemTemplate<'a>>,
    record: Vec<RecordTemplate<'a>>,
}

#[derive(Serialize)]
struct PolicyTemplate<'a> {
    id: &'a str,
    version: &'a str,
    hash: &'a str,
}

#[derive(Serialize)]
struct RuleTemplate<'a> {
    reason: &'a str,
    rule: &'a str,
    condition: Option<&'a str>,
}

/// One requirement's fixed fields; the kind-specific ones are `None`
/// (`null`) where they do not apply and are not read by `build.js`.
#[derive(Serialize, Default)]
struct ItemTemplate<'a> {
    id: &'a str,
    label: &'a str,
    description: &'a str,
    rule: &'a str,
    condition: Option<&'a str>,
    count: Option<u32>,
    waiver_role: Option<&'a str>,
    audience: Option<&'a str>,
    channel: Option<&'a str>,
    phase: Option<&'a str>,
    cleared_by: Option<&'a str>,
    starts: Option<&'a str>,
    cases: Vec<&'a str>,
    due_days: Option<u32>,
    business_days: Option<bool>,
}

#[derive(Serialize)]
struct RecordTemplate<'a> {
    id: &'a str,
    label: &'a str,
    help: &'a str,
    multiline: bool,
}

fn item(r: &Requirement) -> ItemTemplate<'_> {
    ItemTemplate {
        id: &r.id,
        label: &r.label,
        description: &r.description,
        rule: &r.rule,
        condition: r.when.as_ref().map(|c| &*c.source),
        ..ItemTemplate::default()
    }
}

impl<'a> Templates<'a> {
    fn of(policy: &'a Policy) -> Templates<'a> {
        let q = &policy.qualification;
        Templates {
            policy: PolicyTemplate {
                id: &policy.id,
                version: &policy.version,
                hash: &policy.hash,
            },
            rules: q
                .rules
                .iter()
                .map(|r| RuleTemplate {
                    reason: &r.reason,
                    rule: &r.rule,
                    condition: Some(&*r.when.source),
                })
                .collect(),
            fallback: RuleTemplate {
                reason: &q.default_reason,
                rule: "qualification.default",
                condition: None,
            },
            inputs: policy.inputs.iter().map(|i| &*i.id).collect(),
            approvers: policy
                .approvers
                .iter()
                .map(|a| ItemTemplate {
                    count: Some(a.count),
                    ..item(&a.requirement)
                })
                .collect(),
            tests: policy
                .tests
                .iter()
                .map(|t| ItemTemplate {
                    waiver_role: t.waiver_role.as_deref(),
                    ..item(&t.requirement)
                })
                .collect(),
            communications: policy
                .communications
                .iter()
                .map(|c| ItemTemplate {
                    audience: Some(&c.audience),
                    channel: Some(&c.channel),
                    phase: Some(c.phase.as_str()),
                    ..item(&c.requirement)
                })
                .collect(),
            blockers: policy
                .blockers
                .iter()
                .map(|b| ItemTemplate {
                    cleared_by: b.cleared_by.as_deref(),
                    ..item(&b.requirement)
                })
                .collect(),
            deadlines: policy
                .deadlines
                .iter()
                .map(|d| ItemTemplate {
                    starts: Some(d.starts.as_str()),
                    cases: d.cases.iter().map(|(c, _)| &*c.source).collect(),
                    ..item(&d.requirement)
                })
                .collect(),
            follow_ups: policy
                .follow_ups
                .iter()
                .map(|f| ItemTemplate {
                    due_days: f.due_days,
                    business_days: Some(f.business_days),
                    ..item(&f.requirement)
                })
                .collect(),
            record: policy
                .record
                .iter()
                .map(|r| RecordTemplate {
                    id: &r.id,
                    label: &r.label,
                    help: &r.help,
                    multiline: r.multiline,
                })
                .collect(),
        }
    }
}
