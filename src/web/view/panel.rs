//! The live decision panel: the verdict and every requirement with *why*,
//! readiness, and deadlines. Rebuilt on every change (it holds no fields).

use super::super::browser::local_time;
use super::super::dom::El;
use super::super::state::PageState;
use super::super::ui::Act;
use crate::decision::Why;
use crate::policy::{DeadlineStart, Verdict};
use crate::wizard::time::format_duration;
use crate::wizard::words::{self, verdict_text};
use crate::wizard::{Step, Wizard};

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

fn item(id: &str, label: &str, detail: El) -> El {
    El::new("li")
        .attr("data-id", id)
        .child(El::new("span").text(label))
        .text(" ")
        .child(detail)
}

pub fn content(state: &PageState, wizard: &Wizard) -> El {
    let assessment = wizard.assessment();
    let d = &assessment.decision;
    let status = wizard.status();
    let incomplete = !assessment.errors.is_empty();
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
    }
    let ready = status.ready_to_deploy;
    panel = panel.child(
        El::new("p")
            .class("hg-readiness")
            .attr("data-ready", if ready { "true" } else { "false" })
            .id(&state.id("readiness"))
            .attr("data-stage", status.stage.as_str())
            .text(&status.stage_text()),
    );
    let approvers = d
        .approvers
        .iter()
        .map(|a| {
            let label = if a.count > 1 {
                format!("{} ×{}", a.label, a.count)
            } else {
                a.label.to_string()
            };
            item(&a.id, &label, why(wizard, &a.why))
        })
        .collect();
    let tests = d
        .tests
        .iter()
        .map(|t| item(&t.id, &t.label, why(wizard, &t.why)))
        .collect();
    let communications = d
        .communications
        .iter()
        .map(|c| {
            item(
                &c.id,
                &format!("{} ({})", c.label, c.phase.label()),
                why(wizard, &c.why),
            )
        })
        .collect();
    let blockers = d
        .blockers
        .iter()
        .map(|b| item(&b.id, &b.label, why(wizard, &b.why)))
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
                El::new("span").class("hg-why").text(&when),
            )
        })
        .collect();
    let follow_ups = d
        .follow_ups
        .iter()
        .map(|f| item(&f.id, &f.label, why(wizard, &f.why)))
        .collect();
    panel
        .child(group("Approvers", approvers))
        .child(group("Minimum testing", tests))
        .child(group("Communications", communications))
        .child(group("Policy blockers", blockers))
        .child(group("Deadlines", deadlines))
        .child(group("Follow-ups", follow_ups))
        .maybe(
            (wizard.draft().step != Step::DeployVerify && !ready).then(|| {
                El::button("See what blocks deployment", &Act::GoTo(Step::DeployVerify))
                    .class("hg-link")
            }),
        )
}
