//! `hotgate audit` and `policy.audit()`: a hotfix record checked against
//! the policy, weeks later, by someone who was not there. The draft's
//! answers are evaluated again and every problem is listed, located by
//! its place in the file: what is missing (answers, approvals, tests,
//! messages, deployment, verification, follow-ups), what no longer holds
//! (approvals on other facts, waivers and sign-offs by someone who does
//! not hold the role, roles that must differ held by one person), what
//! happened out of order (messages sent out of phase, checks before their
//! time, missed deadlines), and what the audit trail does not account for
//! (events out of order, state no event explains, answers changed outside
//! Hotgate, a policy text other than the one the draft was decided under).

use std::rc::Rc;

use serde::Serialize;

use super::draft::{Basis, EventKind, SCHEMA_VERSION, answer_detail};
use super::people::same_person;
use super::read::Audited;
use super::status::{self, BlockerKind, CHECKLIST, MONITORING, Stage};
use super::time::format_utc;
use super::{Wizard, words};
use crate::policy::{Phase, Policy};

/// How far the record must be: `Ready` checks what deployment needs (a
/// pipeline's gate before the deploy step); `Closed`, a complete record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Until {
    Ready,
    Closed,
}

/// One problem: a stable code, where in the file, and what, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: &'static str,
    /// A path into the file: `draft.approvals[0]`, `draft.answers.severity`.
    pub at: String,
    pub message: String,
}

/// The audit of one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Audit {
    pub until: Until,
    pub stage: Stage,
    pub problems: Vec<Problem>,
}

struct Findings {
    /// `draft.` for a record export, "" for a draft.
    prefix: &'static str,
    problems: Vec<Problem>,
}

impl Findings {
    fn push(&mut self, code: &'static str, at: impl AsRef<str>, message: impl Into<String>) {
        self.problems.push(Problem {
            code,
            at: format!("{}{}", self.prefix, at.as_ref()),
            message: message.into(),
        });
    }
}

/// Audits `record` under `policy` as of `now` (for deadlines still open).
pub fn audit(policy: &Rc<Policy>, record: Audited, until: Until, now: i64) -> Audit {
    let mut f = Findings {
        prefix: if record.export { "draft." } else { "" },
        problems: Vec::new(),
    };
    let stamp = record.draft.policy.clone();
    if stamp.hash != policy.hash {
        f.push(
            "policy-changed",
            "policy.hash",
            format!(
                "the draft was last decided under policy {} {} (text hash {}); this policy is {} {} (text hash {})",
                stamp.id, stamp.version, stamp.hash, policy.id, policy.version, policy.hash
            ),
        );
    }
    let old_format = record.draft.schema < SCHEMA_VERSION;
    if old_format {
        f.push(
            "old-format",
            "schema",
            format!(
                "the draft is in format {}, from before approvals were bound to their facts: whether they still hold cannot be checked; open it in Hotgate to bring it up to date",
                record.draft.schema
            ),
        );
    }
    let (w, _) = Wizard::open(policy.clone(), record.draft, now);
    if let Some(stated) = &record.stated_verdict {
        let verdict = w.assessment().decision.verdict.as_str();
        if stated != verdict {
            f.problems.push(Problem {
                code: "decision-differs",
                at: "decision.verdict".into(),
                message: format!(
                    "the record states the verdict `{stated}`, but its answers give `{verdict}` under this policy"
                ),
            });
        }
    }
    readiness(&w, &mut f);
    people(&w, &mut f);
    if until == Until::Closed {
        completion(&w, &mut f);
    }
    timing(&w, &mut f, now);
    if !old_format {
        trail(&w, &mut f);
    }
    Audit {
        until,
        stage: w.status().stage,
        problems: f.problems,
    }
}

/// What blocks deployment, each where it is in the file.
fn readiness(w: &Wizard, f: &mut Findings) {
    for b in w.status().blockers {
        let (code, at) = match b.kind {
            BlockerKind::Unanswered => ("unanswered", format!("answers.{}", b.id)),
            BlockerKind::Incident => ("invalid-answer", format!("answers.{}", b.id)),
            BlockerKind::Policy => ("blocker", format!("sign_offs.{}", b.id)),
            BlockerKind::Author => ("no-author", "author".to_string()),
            BlockerKind::Record => ("record-field", format!("record.{}", b.id)),
            BlockerKind::Approval => ("approval-missing", "approvals".to_string()),
            BlockerKind::Test | BlockerKind::TestFailed => {
                ("test-not-passed", format!("tests.{}", b.id))
            }
            BlockerKind::Communication => ("not-sent", format!("sent.{}", b.id)),
        };
        f.push(code, at, b.message);
    }
}

/// Approvals, sign-offs and waivers: on the facts as they are, by the
/// people who may give them; roles the policy separates held apart.
fn people(w: &Wizard, f: &mut Findings) {
    let policy = &w.policy;
    let draft = w.draft();
    let basis = w.basis();
    let author = |name: &str| !policy.author_may_approve && same_person(name, &draft.author);
    let bound = |what: &str, at: &str, given: Option<&Basis>, f: &mut Findings| {
        if let Some(b) = given {
            if !b.is_consistent() {
                f.push(
                    "basis-edited",
                    at,
                    format!("{what}: the facts it records do not match their digest; the file was edited outside Hotgate"),
                );
                return;
            }
        }
        let changes = w.changes_since(given);
        if !changes.is_empty() {
            f.push(
                "stale",
                at,
                format!(
                    "{what} was given on different facts and does not count: {}",
                    changes.join("; ")
                ),
            );
        }
    };
    for (i, a) in draft.approvals.iter().enumerate() {
        let at = format!("approvals[{i}]");
        let what = format!(
            "the approval by {} as {}",
            a.name,
            policy.role_label(&a.role)
        );
        if author(&a.name) {
            f.push(
                "self-approval",
                &at,
                format!("{what}: {} wrote the fix", a.name),
            );
        }
        bound(&what, &at, a.basis.as_ref(), f);
    }
    // Sign-offs and waivers: by the role's holder, never the author.
    let by_role = draft
        .sign_offs
        .iter()
        .map(|(blocker, s)| {
            (
                format!("sign_offs.{blocker}"),
                "sign-off",
                &s.name,
                &s.role,
                s.basis.as_ref(),
            )
        })
        .chain(draft.tests.iter().filter_map(|(test, result)| {
            let w = result.waiver.as_ref()?;
            Some((
                format!("tests.{test}.waiver"),
                "waiver",
                &w.by,
                &w.role,
                w.basis.as_ref(),
            ))
        }));
    for (at, kind, name, role, given) in by_role {
        let what = format!("the {kind} by {name} as {}", policy.role_label(role));
        if author(name) {
            f.push(
                "self-approval",
                &at,
                format!("{what}: {name} wrote the fix"),
            );
        }
        holder(w, f, &at, &what, role, name);
        bound(&what, &at, given, f);
    }
    for pair in &policy.separate {
        let [a, b] = &pair.roles;
        let of_b = status::people(policy, draft, basis, b);
        for person in status::people(policy, draft, basis, a) {
            if !person.trim().is_empty() && of_b.iter().any(|p| same_person(p, person)) {
                f.push(
                    "separation",
                    "approvals",
                    format!(
                        "{person} is both the {} and the {}; the policy requires different people",
                        policy.role_label(a),
                        policy.role_label(b)
                    ),
                );
            }
        }
    }
}

/// A waiver or sign-off by `who` as `role` must be by a current approver
/// in that role.
fn holder(w: &Wizard, f: &mut Findings, at: &str, what: &str, role: &str, who: &str) {
    let holders = status::valid_approvers(&w.policy, w.draft(), w.basis(), role);
    if !holders.iter().any(|h| same_person(h, who)) {
        let held = if holders.is_empty() {
            "nobody holds the role on this record".to_string()
        } else {
            format!("the role is held by {}", holders.join(", "))
        };
        f.push(
            "not-role-holder",
            at,
            format!(
                "{what}: {who} is not a recorded {}; {held}",
                w.policy.role_label(role)
            ),
        );
    }
}

/// What a complete record has after deployment.
fn completion(w: &Wizard, f: &mut Findings) {
    let draft = w.draft();
    let decision = &w.assessment().decision;
    if draft.deployment.is_none() {
        f.push(
            "not-deployed",
            "deployment",
            "the fix is not recorded as deployed",
        );
    }
    for (id, label) in CHECKLIST {
        if !draft.checks.contains_key(id) {
            f.push(
                "not-verified",
                format!("checks.{id}"),
                format!("not checked: {label}"),
            );
        }
    }
    for c in &decision.communications {
        if c.phase != Phase::BeforeDeploy && !draft.sent.contains_key(&c.id) {
            f.push(
                "not-sent",
                format!("sent.{}", c.id),
                format!("not sent: {}", c.label),
            );
        }
    }
    for x in &decision.follow_ups {
        if !draft.follow_ups_done.contains_key(&x.id) {
            f.push(
                "follow-up-open",
                format!("follow_ups_done.{}", x.id),
                format!("follow-up not done: {}", x.label),
            );
        }
    }
}

/// Things done before their time, and deadlines missed.
fn timing(w: &Wizard, f: &mut Findings, now: i64) {
    let draft = w.draft();
    let decision = &w.assessment().decision;
    let deployed = draft.deployment.as_ref();
    for c in &decision.communications {
        let Some(sent) = draft.sent.get(&c.id) else {
            continue;
        };
        if c.phase == Phase::AfterDeploy && deployed.is_none_or(|d| *sent < d.at) {
            f.push(
                "sent-early",
                format!("sent.{}", c.id),
                format!(
                    "“{}” goes out after deployment but was marked sent {}{}",
                    c.label,
                    format_utc(*sent),
                    deployed.map_or(", and the fix is not deployed".to_string(), |d| format!(
                        ", before the deployment ({})",
                        format_utc(d.at)
                    ))
                ),
            );
        }
    }
    if let Some(d) = deployed {
        if d.by.trim().is_empty() {
            f.push(
                "deployer-unknown",
                "deployment.by",
                "who deployed the fix is not recorded",
            );
        }
        for (i, a) in draft.approvals.iter().enumerate() {
            if a.at > d.at {
                f.push(
                    "approved-after-deployment",
                    format!("approvals[{i}]"),
                    format!(
                        "the approval by {} ({}) is after the deployment ({})",
                        a.name,
                        format_utc(a.at),
                        format_utc(d.at)
                    ),
                );
            }
        }
        let until = status::monitoring_until(draft, decision);
        for (id, check) in draft.checks.iter() {
            let at = format!("checks.{id}");
            if check.at < d.at {
                f.push(
                    "checked-early",
                    &at,
                    format!(
                        "checked {} before the deployment ({})",
                        format_utc(check.at),
                        format_utc(d.at)
                    ),
                );
            }
            if id == MONITORING {
                if let Some(until) = until.filter(|u| check.at < *u) {
                    f.push(
                        "verified-early",
                        &at,
                        format!(
                            "the monitoring window was confirmed {}, before it ended ({})",
                            format_utc(check.at),
                            format_utc(until)
                        ),
                    );
                }
            }
            if check.by.trim().is_empty() {
                f.push(
                    "verifier-unknown",
                    format!("{at}.by"),
                    "who made this check is not recorded",
                );
            }
        }
    } else if !draft.checks.is_empty() {
        f.push(
            "checked-early",
            "checks",
            "checks are recorded but the fix is not deployed",
        );
    }
    for d in w.deadlines(now) {
        match (d.met, d.due_at) {
            (Some((at, false)), Some(due)) => f.push(
                "deadline-missed",
                "deployment.at",
                format!(
                    "“{}” was due {} but the fix was deployed {}",
                    d.label,
                    format_utc(due),
                    format_utc(at)
                ),
            ),
            (None, Some(due)) if deployed.is_none() && due < now => f.push(
                "deadline-missed",
                "deployment",
                format!(
                    "“{}” was due {} and the fix is not deployed",
                    d.label,
                    format_utc(due)
                ),
            ),
            _ => {}
        }
    }
}

/// The audit trail accounts for the record: in order, and an event for
/// every approval, sign-off, waiver, message, deployment, check and answer.
fn trail(w: &Wizard, f: &mut Findings) {
    let policy = &w.policy;
    let draft = w.draft();
    let events = &draft.events;
    for (i, pair) in events.windows(2).enumerate() {
        if let [before, after] = pair {
            if after.recorded_at < before.recorded_at {
                f.push(
                    "events-out-of-order",
                    format!("events[{}]", i + 1),
                    format!(
                        "recorded {}, before the event before it ({})",
                        format_utc(after.recorded_at),
                        format_utc(before.recorded_at)
                    ),
                );
            }
        }
    }
    for (i, e) in events.iter().enumerate() {
        if e.at > e.recorded_at {
            f.push(
                "event-time",
                format!("events[{i}]"),
                format!(
                    "it happened {}, after it was recorded ({})",
                    format_utc(e.at),
                    format_utc(e.recorded_at)
                ),
            );
        }
    }
    let has = |kinds: &[EventKind], subject: &str, by: &str, at: i64| {
        events.iter().any(|e| {
            kinds.contains(&e.what)
                && e.subject == subject
                && e.at == at
                && (by.is_empty() || same_person(&e.by, by))
        })
    };
    let mut unexplained = |at: String, what: String| {
        f.push(
            "no-event",
            at,
            format!("{what} has no event in the audit trail"),
        );
    };
    for (i, a) in draft.approvals.iter().enumerate() {
        if !has(
            &[EventKind::Approved, EventKind::Reconfirmed],
            &a.role,
            &a.name,
            a.at,
        ) {
            unexplained(
                format!("approvals[{i}]"),
                format!(
                    "the approval by {} as {} ({})",
                    a.name,
                    policy.role_label(&a.role),
                    format_utc(a.at)
                ),
            );
        }
    }
    for (blocker, s) in draft.sign_offs.iter() {
        if !has(
            &[EventKind::SignedOff, EventKind::Reconfirmed],
            blocker,
            &s.name,
            s.at,
        ) {
            unexplained(
                format!("sign_offs.{blocker}"),
                format!("the sign-off by {}", s.name),
            );
        }
    }
    for (test, result) in draft.tests.iter() {
        if let Some(waiver) = &result.waiver {
            if !has(
                &[EventKind::Waived, EventKind::Reconfirmed],
                test,
                &waiver.by,
                waiver.at,
            ) {
                unexplained(
                    format!("tests.{test}.waiver"),
                    format!("the waiver by {}", waiver.by),
                );
            }
        }
    }
    for (id, at) in draft.sent.iter() {
        if !has(&[EventKind::Sent], id, "", *at) {
            unexplained(
                format!("sent.{id}"),
                format!("marking `{id}` sent ({})", format_utc(*at)),
            );
        }
    }
    if let Some(d) = &draft.deployment {
        if !has(&[EventKind::Deployed], "", &d.by, d.at) {
            unexplained(
                "deployment".into(),
                format!("the deployment ({})", format_utc(d.at)),
            );
        }
    }
    for (id, check) in draft.checks.iter() {
        if !has(&[EventKind::Checked], id, &check.by, check.at) {
            unexplained(format!("checks.{id}"), format!("the check `{id}`"));
        }
    }
    // Each answer is the last one the trail recorded for its question.
    for (input, answer) in &draft.answers.answers {
        let last = events
            .iter()
            .rev()
            .find(|e| e.what == EventKind::Answered && e.subject == *input);
        let label = policy
            .inputs
            .iter()
            .find(|i| *i.id == **input)
            .map_or(input.as_str(), |i| i.label.as_str());
        let shown = answer_detail(answer);
        match last {
            Some(e) if e.detail == shown => {}
            Some(e) => f.push(
                "answer-changed",
                format!("answers.{input}"),
                format!(
                    "the answer to “{label}” is {}, but the audit trail's last answer to it is {}: it was changed outside Hotgate",
                    words::quoted(&shown),
                    words::quoted(&e.detail)
                ),
            ),
            None if !events.iter().any(|e| e.what == EventKind::Upgraded) => f.push(
                "answer-changed",
                format!("answers.{input}"),
                format!("the answer to “{label}” ({}) has no event in the audit trail", words::quoted(&shown)),
            ),
            None => {}
        }
    }
    // And a question the trail answered last has that answer still.
    for input in &policy.inputs {
        let last = events
            .iter()
            .rev()
            .find(|e| e.what == EventKind::Answered && *e.subject == *input.id);
        let cleared = answer_detail(&crate::incident::Answer::Null);
        if let Some(e) = last {
            if draft.answers.get(&input.id).is_none() && e.detail != cleared {
                f.push(
                    "answer-changed",
                    format!("answers.{}", input.id),
                    format!(
                        "“{}” has no answer, but the audit trail's last answer to it is {}: it was removed outside Hotgate",
                        input.label,
                        words::quoted(&e.detail)
                    ),
                );
            }
        }
    }
}
