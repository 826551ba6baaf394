//! The policy model: a loaded, type-checked hotfix policy.
//!
//! [`load`](load::load) turns TOML text into a [`Policy`] or the full list of
//! diagnostics. Everything in a `Policy` has been checked: ids are unique,
//! conditions are typed, templates name real inputs, `ask_when` has no cycle.

pub(crate) mod fields;
pub mod load;
pub mod program;
pub mod template;

use std::rc::Rc;

use crate::expr::Condition;
use crate::facts::{Fact, Facts, Value, ValueRef};
pub use crate::vocab::{DeadlineStart, Phase, Verdict};
use crate::vocab::{ItemKind, write_grouped};
pub use load::load;
pub use program::Program;
pub use template::Template;

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: String,
    /// Whether the author of the fix may approve it (default: no).
    pub author_may_approve: bool,
    /// The text input that names an incident (`[policy] title_input`;
    /// undeclared, the text input called `title`), by index: drafts, lists
    /// and records are titled with its answer.
    pub title_input: Option<u16>,
    /// The choice input shown as an incident's severity in lists and
    /// records (`[policy] severity_input`; undeclared, the choice input
    /// called `severity`), by index.
    pub severity_input: Option<u16>,
    /// FNV-1a 64 of the source text, hex: tells two texts of one version apart.
    pub hash: String,
    pub inputs: Vec<Input>,
    /// Input indices such that each `ask_when` reads only inputs before it.
    pub ask_order: Vec<u16>,
    pub qualification: Qualification,
    pub approvers: Vec<Approver>,
    pub tests: Vec<TestRequirement>,
    pub communications: Vec<Communication>,
    pub blockers: Vec<Blocker>,
    pub deadlines: Vec<Deadline>,
    pub follow_ups: Vec<FollowUp>,
    pub record: Vec<RecordField>,
    /// Pairs of roles that must be held by different people (`[[separate]]`).
    pub separate: Vec<Separation>,
    /// The inputs some condition reads ([`Policy::conditions_read`]).
    pub read: Vec<u16>,
    /// Every condition compiled for the fast path (`outcome`).
    pub program: Program,
}

impl Policy {
    /// The label of a role: an approver's, or a duty's ("person deploying").
    pub fn role_label<'a>(&'a self, role: &'a str) -> &'a str {
        self.approvers
            .iter()
            .find(|a| *a.requirement.id == *role)
            .map(|a| &*a.requirement.label)
            .or_else(|| DUTIES.iter().find(|(id, _)| *id == role).map(|(_, l)| *l))
            .unwrap_or(role)
    }

    /// The inputs some condition reads (`ask_when`, rules, `when`s, deadline
    /// cases, `required_when`), by index, in the policy's order: the answers
    /// a decision rests on.
    pub fn conditions_read(&self) -> Vec<u16> {
        let mut read = Vec::new();
        for input in &self.inputs {
            if let Some(c) = &input.ask_when {
                c.expr.inputs(&mut read);
            }
        }
        for rule in &self.qualification.rules {
            rule.when.expr.inputs(&mut read);
        }
        for kind in ItemKind::ALL {
            for item in self.items(kind) {
                for c in item.conditions().into_iter().flatten() {
                    c.expr.inputs(&mut read);
                }
            }
        }
        for field in &self.record {
            if let Required::When(c) = &field.required {
                c.expr.inputs(&mut read);
            }
        }
        let mut read: Vec<u16> = (0..self.inputs.len())
            .filter_map(|i| u16::try_from(i).ok())
            .filter(|i| read.contains(i))
            .collect();
        read.dedup();
        read
    }

    /// Every input at its unanswered value.
    pub fn unanswered(&self) -> Facts {
        Facts::new(self.inputs.iter().map(|i| i.kind.unanswered()).collect())
    }

    /// The value of input `index` for *why* and exports; choices by option value.
    pub fn value(&self, facts: &Facts, index: u16) -> Value {
        match self.value_ref(facts, index) {
            ValueRef::Bool(b) => Value::Bool(b),
            ValueRef::Int(i) => Value::Int(i),
            ValueRef::Text(t) => Value::Text(t.to_string()),
            ValueRef::Null => Value::Null,
        }
    }

    /// [`Policy::value`] without copying text.
    pub fn value_ref<'a>(&'a self, facts: &'a Facts, index: u16) -> ValueRef<'a> {
        match facts.get(index) {
            Some(Fact::Bool(b)) => ValueRef::Bool(*b),
            Some(Fact::Int(i)) => ValueRef::Int(*i),
            Some(Fact::Choice(Some(c))) => self
                .option_value(index, *c)
                .map_or(ValueRef::Null, ValueRef::Text),
            Some(Fact::Text(Some(t))) => ValueRef::Text(t),
            _ => ValueRef::Null,
        }
    }

    /// Appends how input `index` reads in a message: `yes`/`no`, the number
    /// grouped by thousands (`250,000`), the option or text, or
    /// `(not answered)`.
    pub fn write_display(&self, facts: &Facts, index: u16, out: &mut String) {
        match facts.get(index) {
            Some(Fact::Bool(b)) => out.push_str(if *b { "yes" } else { "no" }),
            Some(Fact::Int(i)) => write_grouped(*i, out),
            Some(Fact::Choice(Some(c))) => {
                out.push_str(self.option_value(index, *c).unwrap_or("(not answered)"))
            }
            Some(Fact::Text(Some(t))) => out.push_str(t),
            _ => out.push_str("(not answered)"),
        }
    }

    /// `template` with every placeholder replaced by the incident's answer,
    /// appended to `out`.
    pub fn render_into(&self, template: &Template, facts: &Facts, out: &mut String) {
        for part in &template.parts {
            match part {
                template::Part::Text(text) => out.push_str(text),
                template::Part::Input(index) => self.write_display(facts, *index, out),
            }
        }
    }

    /// [`Policy::render_into`] as a new string.
    pub fn render(&self, template: &Template, facts: &Facts) -> String {
        let mut out = String::new();
        self.render_into(template, facts, &mut out);
        out
    }

    fn option_value(&self, input: u16, option: u16) -> Option<&str> {
        match &self.inputs.get(usize::from(input))?.kind {
            InputKind::Choice { options } => {
                options.get(usize::from(option)).map(|o| o.value.as_str())
            }
            _ => None,
        }
    }

    /// How many items of `kind` the policy declares.
    pub fn count(&self, kind: ItemKind) -> usize {
        match kind {
            ItemKind::Approvers => self.approvers.len(),
            ItemKind::Tests => self.tests.len(),
            ItemKind::Communications => self.communications.len(),
            ItemKind::Blockers => self.blockers.len(),
            ItemKind::Deadlines => self.deadlines.len(),
            ItemKind::FollowUps => self.follow_ups.len(),
        }
    }

    /// Item `index` of `kind`.
    pub fn item(&self, kind: ItemKind, index: usize) -> Option<Item<'_>> {
        Some(match kind {
            ItemKind::Approvers => Item::Approver(self.approvers.get(index)?),
            ItemKind::Tests => Item::Test(self.tests.get(index)?),
            ItemKind::Communications => Item::Communication(self.communications.get(index)?),
            ItemKind::Blockers => Item::Blocker(self.blockers.get(index)?),
            ItemKind::Deadlines => Item::Deadline(self.deadlines.get(index)?),
            ItemKind::FollowUps => Item::FollowUp(self.follow_ups.get(index)?),
        })
    }

    /// The items of `kind`, in the policy file's order.
    pub fn items(&self, kind: ItemKind) -> impl Iterator<Item = Item<'_>> {
        (0..self.count(kind)).filter_map(move |i| self.item(kind, i))
    }

    /// The id of the input `[policy] title_input` names.
    pub fn title_id(&self) -> Option<&str> {
        self.input_id(self.title_input)
    }

    /// The id of the input `[policy] severity_input` names.
    pub fn severity_id(&self) -> Option<&str> {
        self.input_id(self.severity_input)
    }

    fn input_id(&self, index: Option<u16>) -> Option<&str> {
        let input = self.inputs.get(usize::from(index?))?;
        Some(&input.id)
    }

    pub fn input_index(&self, id: &str) -> Option<u16> {
        self.inputs
            .iter()
            .position(|i| &*i.id == id)
            .and_then(|i| u16::try_from(i).ok())
    }
}

/// One incident question.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub id: Rc<str>,
    pub label: String,
    pub help: String,
    pub kind: InputKind,
    pub required: bool,
    /// Asked only when this holds; otherwise its answer is ignored.
    pub ask_when: Option<Condition>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum InputKind {
    Bool,
    Int { min: i64, max: i64 },
    Choice { options: Vec<ChoiceOption> },
    Text { max_length: usize, multiline: bool },
}

impl InputKind {
    /// What an unanswered input of this kind counts as.
    pub fn unanswered(&self) -> Fact {
        match self {
            InputKind::Bool => Fact::Bool(false),
            InputKind::Int { .. } => Fact::Int(0),
            InputKind::Choice { .. } => Fact::Choice(None),
            InputKind::Text { .. } => Fact::Text(None),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            InputKind::Bool => "bool",
            InputKind::Int { .. } => "int",
            InputKind::Choice { .. } => "choice",
            InputKind::Text { .. } => "text",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Qualification {
    /// Tried in order; the first that holds gives the verdict.
    pub rules: Vec<QualificationRule>,
    pub default_verdict: Verdict,
    pub default_reason: Rc<str>,
    /// How *why* names the default (`qualification.default`).
    pub default_rule: Rc<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QualificationRule {
    pub id: String,
    pub when: Condition,
    pub verdict: Verdict,
    pub reason: Rc<str>,
    /// `qualification.p1`
    pub rule: Rc<str>,
}

/// What every requirement has: an id, words for people, and a condition.
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub description: Rc<str>,
    /// `approvers.sre-avp`: how decisions name the rule (see `Why::rule`).
    pub rule: Rc<str>,
    /// Applies only when this holds; always when absent.
    pub when: Option<Condition>,
}

/// One requirement of a policy, of any kind.
#[derive(Clone, Copy, Debug)]
pub enum Item<'a> {
    Approver(&'a Approver),
    Test(&'a TestRequirement),
    Communication(&'a Communication),
    Blocker(&'a Blocker),
    Deadline(&'a Deadline),
    FollowUp(&'a FollowUp),
}

impl<'a> Item<'a> {
    /// The item's conditions in the order a decision's *why* numbers them:
    /// its `when`, then a deadline's cases.
    pub fn conditions(self) -> Vec<Option<&'a Condition>> {
        let mut out = vec![self.requirement().when.as_ref()];
        if let Item::Deadline(d) = self {
            out.extend(d.cases.iter().map(|(c, _)| Some(c)));
        }
        out
    }

    pub fn requirement(self) -> &'a Requirement {
        match self {
            Item::Approver(x) => &x.requirement,
            Item::Test(x) => &x.requirement,
            Item::Communication(x) => &x.requirement,
            Item::Blocker(x) => &x.requirement,
            Item::Deadline(x) => &x.requirement,
            Item::FollowUp(x) => &x.requirement,
        }
    }
}

/// A role whose approval is required; its id is the role.
/// Two roles one person must not both hold on a draft (`[[separate]]`):
/// approver roles, or the duties every hotfix has ([`DUTIES`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Separation {
    pub roles: [Rc<str>; 2],
    /// Why, for people; may be empty.
    pub reason: String,
}

/// The duties every hotfix has, which `[[separate]]` may name besides the
/// approver roles: (id, label).
pub const DUTIES: [(&str, &str); 3] = [
    ("author", "author of the fix"),
    ("deployer", "person deploying"),
    ("verifier", "person verifying"),
];

#[derive(Clone, Debug, PartialEq)]
pub struct Approver {
    pub requirement: Requirement,
    /// How many different people of the role must approve.
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TestRequirement {
    pub requirement: Requirement,
    /// The role that may waive this test, with a reason; none: it cannot be waived.
    pub waiver_role: Option<Rc<str>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Communication {
    pub requirement: Requirement,
    pub audience: Rc<str>,
    pub channel: Rc<str>,
    pub phase: Phase,
    pub template: Template,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Blocker {
    pub requirement: Requirement,
    /// The role whose sign-off clears this blocker, if any.
    pub cleared_by: Option<Rc<str>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Deadline {
    pub requirement: Requirement,
    pub starts: DeadlineStart,
    /// Tried in order; the first that holds gives the minutes.
    pub cases: Vec<(Condition, u32)>,
    /// The minutes when no case holds.
    pub minutes: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FollowUp {
    pub requirement: Requirement,
    pub due_days: Option<u32>,
    pub business_days: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecordField {
    pub id: Rc<str>,
    pub label: Rc<str>,
    pub help: Rc<str>,
    pub required: Required,
    pub multiline: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Required {
    Always,
    Never,
    When(Condition),
}

/// FNV-1a, 64 bits, as 16 hex digits: small, stable, and the same on every target.
pub fn fnv1a_hex(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}
