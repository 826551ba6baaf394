//! The decision's path to JavaScript. Converting a whole decision field by
//! field costs ~300 boundary crossings; instead each policy gets its fixed
//! texts as JS templates once, and each evaluation sends only numbers (which
//! items apply, *why* values) and the few strings that vary (messages, text
//! answers). `build.js` assembles the same object the decision's serde shape
//! describes; the browser test compares the two field for field.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::expr::{Condition, Env, Ref};
use crate::incident::{Answer, Facts, Incident, Value};
use crate::outcome::{Bits, Outcome};
use crate::policy::{Policy, Required, Requirement, Verdict};

#[wasm_bindgen(module = "/src/web/build.js")]
extern "C" {
    fn hotgate_build(templates: &JsValue, numbers: &[f64], strings: Vec<String>) -> JsValue;
    fn hotgate_read(templates: &JsValue, incident: &JsValue) -> js_sys::Array;
}

/// Reads a JS object (not null, not an array) as an incident, with the same
/// answers serde-wasm-bindgen would give, at a fraction of the crossings.
pub fn incident(templates: &JsValue, policy: &Policy, value: &JsValue) -> Incident {
    let read = hotgate_read(templates, value);
    let numbers = js_sys::Float64Array::new(&read.get(0)).to_vec();
    let strings = js_sys::Array::from(&read.get(1));
    let string = |i: f64| strings.get(i as u32).as_string().unwrap_or_default();
    let mut answers = Vec::with_capacity(numbers.len() / 4);
    for entry in numbers.chunks_exact(4) {
        let at = |i: usize| entry.get(i).copied().unwrap_or(0.0);
        let (input, key, tag, value) = (at(0), at(1), at(2), at(3));
        let key = if input < 0.0 {
            string(key)
        } else {
            policy
                .inputs
                .get(input as usize)
                .map(|i| i.id.to_string())
                .unwrap_or_default()
        };
        let answer = match tag as u8 {
            0 => Answer::Null,
            1 => Answer::Bool(value != 0.0),
            2 => number(value),
            3 => Answer::Text(string(value)),
            4 => Answer::List,
            _ => Answer::Object,
        };
        answers.push((key, answer));
    }
    Incident { answers }
}

/// A JS number as an answer: JavaScript has one number type, so 3.0 is 3.
fn number(f: f64) -> Answer {
    const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    if f.fract() == 0.0 && f.abs() <= LIMIT {
        Answer::Int(f as i64)
    } else {
        Answer::Float(f)
    }
}

/// The fixed part of every decision under `policy`, as a JS object.
pub fn templates(policy: &Policy) -> JsValue {
    super::to_js(&Templates::of(policy))
}

/// The decision answer (`{status: "success", decision}`) for an outcome.
pub fn decision(templates: &JsValue, policy: &Policy, facts: &Facts, outcome: &Outcome) -> JsValue {
    let mut wire = Wire::default();
    wire.encode(policy, facts, outcome);
    hotgate_build(templates, &wire.numbers, wire.strings)
}

#[derive(Default)]
struct Wire {
    numbers: Vec<f64>,
    strings: Vec<String>,
}

impl Wire {
    fn number(&mut self, n: f64) {
        self.numbers.push(n);
    }

    fn string(&mut self, s: String) {
        let index = self.strings.len() as f64;
        self.strings.push(s);
        self.number(index);
    }

    fn why(&mut self, policy: &Policy, env: Env<'_>, condition: Option<&Condition>) {
        let mut refs = Vec::new();
        if let Some(condition) = condition {
            condition.expr.explain(env, &mut refs);
        }
        self.number(refs.len() as f64);
        for r in refs {
            match r {
                Ref::Input(i) => {
                    self.number(f64::from(i));
                    match env.facts.value(policy, i) {
                        Value::Bool(false) => self.number(0.0),
                        Value::Bool(true) => self.number(1.0),
                        Value::Int(n) => {
                            self.number(2.0);
                            self.number(n as f64);
                        }
                        Value::Text(t) => {
                            self.number(3.0);
                            self.string(t);
                        }
                        Value::Null => self.number(4.0),
                    }
                }
                Ref::Verdict => {
                    self.number(-1.0);
                    self.number(3.0);
                    self.string(env.verdict.map_or("", Verdict::as_str).to_string());
                }
            }
        }
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
            |w, c| w.string(c.template.render(policy, facts)),
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
