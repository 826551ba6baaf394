//! The live decision panel: the verdict and every requirement with *why*,
//! readiness, and deadlines. Rebuilt on every change (it holds no fields).

use super::super::browser::local_time;
use super::super::dom::El;
use super::super::state::PageState;
use super::super::ui::Act;
use crate::decision::Why;
use crate::policy::{DeadlineStart, Phase, Verdict};
use crate::wizard::time::format_duration;
use crate::wizard::words::{self, verdict_text};
use crate::wizard::{
    Blocker, BlockerKind, TestStatus, Wizard, holds, left_out, status_valid_approvers,
    verdict_stands,
};

/// Why an item is there, in words (see `wizard::words::why`).
pub fn why(wizard: &Wizard, why: &Why) -> El {
    El::new("span").class("hg-why").text(&words::why(
        &wizard.policy,
        &wizard.assessment().decision,
        why,
    ))
}

fn group(title: &str, items: Vec<El>) -> El {
    let count = items.len();
    let mut list = El::new("ul");
    if items.is_empty() {
        list = list.child(El::new("li").class("hg-muted").text("none"));
    }
    El::new("section")
        .class("hg-group")
        .child(El::new("h3").text(&format!("{title} ({count})")))
        .child(list.children(items))
}

/// A requirement: its label, its state now, and why it is there.
fn item(id: &str, label: &str, state: El, why: El) -> El {
    El::new("li")
        .attr("data-id", id)
        .child(El::new("span").class("hg-item").text(label))
        .text(" ")
        .child(state)
        .text(" ")
        .child(why)
}

fn state(kind: &str, text: &str) -> El {
    El::new("span")
        .class("hg-state")
        .attr("data-state", kind)
        .text(&format!("— {text}"))
}

fn done(text: &str) -> El {
    state("done", text)
}

fn todo(text: &str) -> El {
    state("todo", text)
}

fn failed(text: &str) -> El {
    state("failed", text)
}

/// The compact bar pinned above the form on phones: the verdict, what is
/// left to do, and the next step.
pub fn status_bar(wizard: &Wizard) -> El {
    let assessment = wizard.assessment();
    let status = wizard.status();
    let stands = verdict_stands(&wizard.policy, assessment);
    let verdict = if stands {
        verdict_text(assessment.decision.verdict)
    } else {
        "Incomplete"
    };
    let key = if stands {
        assessment.decision.verdict.as_str()
    } else {
        "incomplete"
    };
    let left = match status.blockers.len() {
        0 => status.stage_text(&local_time),
        1 => "1 thing to do".to_string(),
        n => format!("{n} things to do"),
    };
    let next = status.next_step();
    let mut bar = El::new("p")
        .child(El::new("strong").attr("data-verdict", key).text(verdict))
        .text(&format!(" · {left}"));
    if next != wizard.draft().step {
        bar = bar.text(" · ").child(
            El::button(&format!("Next: {}", next.title()), &Act::GoTo(next)).class("hg-link"),
        );
    }
    bar
}

/// Where a blocker is cleared: its question, or its step.
pub fn blocker_act(blocker: &Blocker) -> Act {
    match blocker.kind {
        BlockerKind::Incident | BlockerKind::Unanswered => Act::Question(blocker.id.clone()),
        _ => Act::GoTo(blocker.step),
    }
}

pub fn content(state: &PageState, wizard: &Wizard) -> El {
    let assessment = wizard.assessment();
    let d = &assessment.decision;
    let status = wizard.status();
    let incomplete = !verdict_stands(&wizard.policy, assessment);
    let (verdict_key, verdict_label) = if incomplete {
        ("incomplete", "Incomplete: answer the required questions")
    } else {
        (
            match d.verdict {
                Verdict::Qualifies => "qualifies",
                Verdict::NeedsReview => "needs_review",
                Verdict::Rejected => "rejected",
            },
            verdict_text(d.verdict),
        )
    };
    let symbol = match verdict_key {
        "qualifies" => "✔",
        "needs_review" => "◐",
        "rejected" => "✖",
        _ => "…",
    };
    let mut panel = El::new("div").child(El::new("h2").text("Decision")).child(
        El::new("p")
            .class("hg-verdict")
            .id(&state.id("verdict"))
            .attr("data-verdict", verdict_key)
            .attr("aria-live", "polite")
            .child(
                El::new("span")
                    .attr("aria-hidden", "true")
                    .text(&format!("{symbol} ")),
            )
            .text(verdict_label),
    );
    if !incomplete {
        panel = panel
            .child(
                El::new("p")
                    .class("hg-reason")
                    .id(&state.id("reason"))
                    .text(&d.reason),
            )
            .child(why(wizard, &d.why));
        let skipped = left_out(&wizard.policy, assessment);
        if !skipped.is_empty() {
            panel = panel.child(El::new("p").class("hg-warn").text(&format!(
                "Decided without the invalid answer to: {}.",
                skipped.join("; ")
            )));
        }
    }
    let ready = status.ready_to_deploy;
    panel = panel.child(
        El::new("p")
            .class("hg-readiness")
            .attr("data-ready", if ready { "true" } else { "false" })
            .id(&state.id("readiness"))
            .attr("data-stage", status.stage.as_str())
            .text(&status.stage_text(&local_time)),
    );
    let next = status.next_step();
    if next != wizard.draft().step {
        panel = panel.child(El::new("p").class("hg-next").child(
            El::button(&format!("Next: {}", next.title()), &Act::GoTo(next)).class("hg-link"),
        ));
    } else {
        panel = panel.child(
            El::new("p")
                .class("hg-next")
                .text(&format!("Next: {} (this step)", next.title())),
        );
    }
    if !status.blockers.is_empty() {
        let mut todo = El::new("ul").class("hg-todo");
        for b in &status.blockers {
            todo = todo.child(
                El::new("li").attr("data-kind", b.kind.as_str()).child(
                    El::button(&b.message, &blocker_act(b))
                        .class("hg-link")
                        .attr("data-blocker", &b.id),
                ),
            );
        }
        panel = panel.child(
            El::new("section")
                .class("hg-group hg-todo-group")
                .child(El::new("h3").text(&format!(
                    "To do before deployment ({})",
                    status.blockers.len()
                )))
                .child(todo),
        );
    }
    let draft = wizard.draft();
    let open = |kind: BlockerKind, id: &str| {
        status
            .blockers
            .iter()
            .any(|b| b.kind == kind && *b.id == *id)
    };
    let approvers = d
        .approvers
        .iter()
        .map(|a| {
            let label = if a.count > 1 {
                format!("{} ×{}", a.label, a.count)
            } else {
                a.label.to_string()
            };
            let valid = status_valid_approvers(&wizard.policy, draft, wizard.basis(), &a.id);
            let stale = draft
                .approvals
                .iter()
                .any(|x| *x.role == *a.id && !holds(x.basis.as_ref(), wizard.basis()));
            let state = if valid.len() >= a.count as usize {
                done(&format!("approved by {}", valid.join(", ")))
            } else if stale {
                todo("given on different facts: to confirm again")
            } else if valid.is_empty() {
                todo("not approved yet")
            } else {
                todo(&format!(
                    "{} of {}: {}",
                    valid.len(),
                    a.count,
                    valid.join(", ")
                ))
            };
            item(&a.id, &label, state, why(wizard, &a.why))
        })
        .collect();
    let tests = d
        .tests
        .iter()
        .map(|t| {
            let result = draft.tests.get(&t.id);
            let state = match result.map(|r| r.status) {
                Some(TestStatus::Passed) => done("passed"),
                Some(TestStatus::Failed) => failed("failed"),
                Some(TestStatus::Waived) if !open(BlockerKind::Test, &t.id) => {
                    let by = result
                        .and_then(|r| r.waiver.as_ref())
                        .map_or("", |w| w.by.as_str());
                    done(&format!("waived by {by}"))
                }
                Some(TestStatus::Waived) => todo("waiver to confirm again"),
                _ => todo("not done yet"),
            };
            item(&t.id, &t.label, state, why(wizard, &t.why))
        })
        .collect();
    let communications = d
        .communications
        .iter()
        .map(|c| {
            let state = match draft.sent.get(&c.id) {
                Some(at) => done(&format!("sent {}", local_time(*at))),
                None if c.phase == Phase::AfterDeploy && draft.deployment.is_none() => {
                    todo("after deployment")
                }
                None => todo("not sent yet"),
            };
            item(
                &c.id,
                &format!("{} ({})", c.label, c.phase.label()),
                state,
                why(wizard, &c.why),
            )
        })
        .collect();
    let blockers = d
        .blockers
        .iter()
        .map(|b| {
            let state = match (open(BlockerKind::Policy, &b.id), draft.sign_offs.get(&b.id)) {
                (false, Some(s)) => done(&format!("signed off by {}", s.name)),
                (false, None) => done("cleared"),
                (true, _) if b.cleared_by.is_some() => todo("to sign off"),
                (true, _) => todo("holds until what causes it changes"),
            };
            item(&b.id, &b.label, state, why(wizard, &b.why))
        })
        .collect();
    let now = super::super::browser::now();
    let deadlines = wizard
        .deadlines(now)
        .into_iter()
        .map(|dl| {
            let when = match (dl.met, dl.remaining_ms) {
                (Some((at, true)), _) => format!("met: deployed {}", local_time(at)),
                (Some((at, false)), _) => format!("missed: deployed {}", local_time(at)),
                (None, None) => format!(
                    "{} after deployment",
                    format_duration(i64::from(dl.minutes) * 60_000)
                ),
                (None, Some(ms)) if ms < 0 && dl.starts == DeadlineStart::Deployment => {
                    "ended".to_string()
                }
                (None, Some(ms)) if ms < 0 => format!("overdue by {}", format_duration(-ms)),
                (None, Some(ms)) => format!("{} left", format_duration(ms)),
            };
            item(
                &dl.id,
                &format!(
                    "{} within {}",
                    dl.label,
                    format_duration(i64::from(dl.minutes) * 60_000)
                ),
                El::new("span").class("hg-state").text(&when),
                El::new("span"),
            )
        })
        .collect();
    let follow_ups = d
        .follow_ups
        .iter()
        .map(|f| {
            let state = if draft.follow_ups_done.contains_key(&f.id) {
                done("done")
            } else {
                todo("open")
            };
            item(&f.id, &f.label, state, why(wizard, &f.why))
        })
        .collect();
    panel
        .child(group("Approvers", approvers))
        .child(group("Minimum testing", tests))
        .child(group("Communications", communications))
        .child(group("Policy blockers", blockers))
        .child(group("Deadlines", deadlines))
        .child(group("Follow-ups", follow_ups))
}
