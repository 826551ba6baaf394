//! The decision's path to JavaScript. Converting a whole decision field by
//! field costs ~300 boundary crossings; instead each policy gets its fixed
//! parts as JS templates once, and each evaluation sends only numbers
//! (which items apply, *why* values) and the few strings that vary (the
//! values of message placeholders, text answers), written by a sink of
//! `decision::walk`.
//!
//! The templates are the explained decision itself (every item, serialized
//! once), so `build.js` knows no item kind and no field: it copies each
//! template, fills in the fields [`varying`] names from the numbers, and
//! adds *why*. The browser and package tests compare the result with the
//! native decision, byte for byte.

use std::borrow::Cow;

use wasm_bindgen::prelude::*;

use crate::decision::explain_outcome;
use crate::decision::walk::{Applied, Reason, Sink, walk};
use crate::expr::Ref;
use crate::incident::{Answer, Facts, Field, Incident, Validated, ValueRef, validate_fields};
use crate::json::Json;
use crate::outcome::{Bits, Outcome};
use crate::policy::template::Part;
use crate::policy::{Item, Policy, QualificationRule, RecordField, Template};
use crate::vocab::{ItemKind, Verdict};

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

/// The fields of a `kind`'s items that depend on the facts, in the order
/// [`Wire::item`] sends them; every other field is the policy's.
fn varying(kind: ItemKind) -> &'static [&'static str] {
    match kind {
        ItemKind::Communications => &["message"],
        ItemKind::Deadlines => &["minutes"],
        ItemKind::Approvers | ItemKind::Tests | ItemKind::Blockers | ItemKind::FollowUps => &[],
    }
}

/// The record fields' field that depends on the facts.
const RECORD_VARYING: &[&str] = &["required"];

/// The fixed part of every decision under `policy`, as a JS object.
pub fn templates(policy: &Policy) -> JsValue {
    super::js::to_js(&templates_tree(policy))
}

/// The decision answer (`{status: "success", decision}`) for an outcome.
pub fn decision(templates: &JsValue, policy: &Policy, facts: &Facts, outcome: &Outcome) -> JsValue {
    let mut wire = Wire {
        policy,
        facts,
        verdict: None,
        numbers: Vec::with_capacity(256),
        text: String::with_capacity(1024),
        utf16: 0,
    };
    walk(policy, facts, outcome, &mut wire);
    let unanswered = facts.unanswered();
    wire.number(unanswered.len() as f64);
    for &i in unanswered {
        wire.number(f64::from(i));
    }
    hotgate_build(templates, &wire.numbers, &wire.text)
}

/// One evaluation's numbers, and its varying strings as one text (one
/// decoding in JS instead of one per string; each is sent as its UTF-16
/// offset and length).
struct Wire<'a> {
    policy: &'a Policy,
    facts: &'a Facts,
    verdict: Option<Verdict>,
    numbers: Vec<f64>,
    text: String,
    /// The length of `text` in UTF-16 units.
    utf16: usize,
}

impl Wire<'_> {
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

    /// The condition's place (-1: none), then each value it read.
    fn why(&mut self, why: &Reason<'_>) {
        self.number(why.condition.map_or(-1.0, |(i, _)| i as f64));
        self.number(why.refs.len() as f64);
        for r in why.refs {
            match *r {
                Ref::Input(i) => {
                    self.number(f64::from(i));
                    match self.policy.value_ref(self.facts, i) {
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
                    self.string(self.verdict.map_or("", Verdict::as_str));
                }
            }
        }
    }
}

impl Sink for Wire<'_> {
    fn verdict(
        &mut self,
        verdict: Verdict,
        rule: Option<(u16, &QualificationRule)>,
        why: Reason<'_>,
    ) {
        let index = Verdict::ALL.iter().position(|v| *v == verdict).unwrap_or(0);
        self.number(index as f64);
        self.number(rule.map_or(-1.0, |(i, _)| f64::from(i)));
        self.why(&why);
        self.verdict = Some(verdict);
    }

    fn kind(&mut self, _kind: ItemKind, count: usize) {
        self.number(count as f64);
    }

    fn item(&mut self, applied: Applied<'_>) {
        self.number(applied.index as f64);
        // What `varying` names for the item's kind, in that order.
        match applied.item {
            // The message's template is in `build.js`'s copy (see
            // `message_parts`): only each placeholder's value is sent.
            Item::Communication(c) => {
                for part in &c.template.parts {
                    if let Part::Input(input) = part {
                        let start = self.text.len();
                        self.policy
                            .write_display(self.facts, *input, &mut self.text);
                        self.string_from(start);
                    }
                }
            }
            Item::Deadline(d) => self.number(f64::from(applied.minutes.unwrap_or(d.minutes))),
            Item::Approver(_) | Item::Test(_) | Item::Blocker(_) | Item::FollowUp(_) => {}
        }
        self.why(&applied.why);
    }

    fn record_field(&mut self, _field: &RecordField, required: bool) {
        self.number(if required { 1.0 } else { 0.0 });
    }
}

fn str(s: &str) -> Json<'static> {
    Json::Str(Cow::Owned(s.to_string()))
}

fn object(entries: Vec<(&'static str, Json<'static>)>) -> Json<'static> {
    Json::Object(
        entries
            .into_iter()
            .map(|(k, v)| (Cow::Borrowed(k), v))
            .collect(),
    )
}

fn strings(items: &[&str]) -> Json<'static> {
    Json::Array(items.iter().map(|s| str(s)).collect())
}

/// The entry `key` of an object tree.
fn entry<'t>(tree: &'t Json<'static>, key: &str) -> Option<&'t Json<'static>> {
    match tree {
        Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// A message template as `build.js` fills it: the texts around its
/// placeholders (one more text than placeholders; the wire sends each
/// placeholder's value).
fn message_parts(template: &Template) -> Json<'static> {
    let mut parts = vec![String::new()];
    for part in &template.parts {
        match part {
            Part::Text(text) => {
                if let Some(last) = parts.last_mut() {
                    last.push_str(text);
                }
            }
            Part::Input(_) => parts.push(String::new()),
        }
    }
    Json::Array(parts.iter().map(|p| str(p)).collect())
}

/// `object` with the value of `key` replaced.
fn with_entry(object: Json<'static>, key: &str, value: Json<'static>) -> Json<'static> {
    match object {
        Json::Object(entries) => Json::Object(
            entries
                .into_iter()
                .map(|(k, v)| if k == key { (k, value.clone()) } else { (k, v) })
                .collect(),
        ),
        other => other,
    }
}

/// `tree`'s array entry `key`, each element with its `why` set to null.
fn fixed_items(tree: &Json<'static>, key: &str) -> Vec<Json<'static>> {
    let Some(Json::Array(items)) = entry(tree, key) else {
        return Vec::new();
    };
    items
        .iter()
        .map(|item| match item {
            Json::Object(entries) => Json::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), if k == "why" { Json::Null } else { v.clone() }))
                    .collect(),
            ),
            other => other.clone(),
        })
        .collect()
}

/// The templates (see the module's doc): the decision of every item,
/// explained once on unanswered facts, split into what `build.js` copies
/// and what it fills in.
fn templates_tree(policy: &Policy) -> Json<'static> {
    let mut every = Outcome {
        verdict: policy.qualification.default_verdict,
        rule: None,
        items: Default::default(),
    };
    for kind in ItemKind::ALL {
        let mut bits = Bits::default();
        for i in 0..policy.count(kind) {
            bits.insert(i);
        }
        if let Some(slot) = every.items.get_mut(kind.index()) {
            *slot = bits;
        }
    }
    let decision = explain_outcome(policy, &policy.unanswered(), &every);
    let tree = crate::json::to_tree(&decision).unwrap_or(Json::Null);
    let q = &policy.qualification;
    let condition_sources = |item: Item<'_>| {
        Json::Array(
            item.conditions()
                .into_iter()
                .map(|c| c.map_or(Json::Null, |c| str(&c.source)))
                .collect(),
        )
    };
    let kinds = ItemKind::ALL
        .iter()
        .map(|&kind| {
            let items = fixed_items(&tree, kind.key())
                .into_iter()
                .zip(policy.items(kind))
                .map(|(fixed, item)| {
                    let fixed = match item {
                        Item::Communication(c) => {
                            with_entry(fixed, "message", message_parts(&c.template))
                        }
                        _ => fixed,
                    };
                    object(vec![
                        ("fixed", fixed),
                        ("rule", str(&item.requirement().rule)),
                        ("conditions", condition_sources(item)),
                    ])
                })
                .collect();
            object(vec![
                ("key", str(kind.key())),
                ("varying", strings(varying(kind))),
                ("items", Json::Array(items)),
            ])
        })
        .collect();
    // The decision's keys in order, each null: the shape `build.js` fills.
    let shape = match &tree {
        Json::Object(entries) => Json::Object(
            entries
                .iter()
                .map(|(k, _)| (k.clone(), Json::Null))
                .collect(),
        ),
        _ => Json::Null,
    };
    object(vec![
        ("shape", shape),
        (
            "policy",
            entry(&tree, "policy").cloned().unwrap_or(Json::Null),
        ),
        (
            "verdicts",
            Json::Array(Verdict::ALL.iter().map(|v| str(v.as_str())).collect()),
        ),
        (
            "rules",
            Json::Array(
                q.rules
                    .iter()
                    .map(|r| {
                        object(vec![
                            ("reason", str(&r.reason)),
                            ("rule", str(&r.rule)),
                            ("conditions", Json::Array(vec![str(&r.when.source)])),
                        ])
                    })
                    .collect(),
            ),
        ),
        (
            "fallback",
            object(vec![
                ("reason", str(&q.default_reason)),
                ("rule", str(&q.default_rule)),
                ("conditions", Json::Array(Vec::new())),
            ]),
        ),
        (
            "inputs",
            Json::Array(policy.inputs.iter().map(|i| str(&i.id)).collect()),
        ),
        ("kinds", Json::Array(kinds)),
        ("record", Json::Array(fixed_items(&tree, "record_fields"))),
        ("recordVarying", strings(RECORD_VARYING)),
    ])
}
