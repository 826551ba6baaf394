//! The Deploy & verify step: blockers, deployment, deadlines, the verification checklist and follow-ups.

use super::super::super::browser::local_time;
use super::super::super::dom::El;
use super::super::super::state::PageState;
use super::super::super::ui::{Act, FieldRef, Form, slug};
use super::form::refusal;
use crate::wizard::time::format_duration;
use crate::wizard::{BlockerKind, CHECKLIST, Wizard};

pub fn view(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let status = wizard.status();
    let mut out = El::new("div").class("hg-form");
    if status.blockers.is_empty() {
        out = out.child(
            El::new("p")
                .class("hg-verdict-big")
                .attr("data-verdict", "qualifies")
                .text("✔ Ready to deploy"),
        );
    } else {
        let mut list = El::new("ul").class("hg-blockers");
        for blocker in &status.blockers {
            list = list.child(
                El::new("li")
                    .attr("data-kind", blocker.kind.as_str())
                    .text(&blocker.message)
                    .text(" ")
                    .child(
                        match blocker.kind {
                            BlockerKind::Incident | BlockerKind::Unanswered => {
                                El::button("Answer it", &Act::Question(blocker.id.clone()))
                            }
                            _ => El::button(
                                &format!("Go to {}", blocker.step.title()),
                                &Act::GoTo(blocker.step),
                            ),
                        }
                        .class("hg-link"),
                    ),
            );
        }
        out = out
            .child(El::new("h2").text(&format!("Blockers ({})", status.blockers.len())))
            .child(
                El::new("p")
                    .class("hg-help")
                    .text("Deployment is not ready while any of these remains."),
            )
            .child(list);
    }
    out = out.child(El::new("h2").text("Deployment"));
    out = out.child(match draft.deployed_at {
        Some(at) => El::new("p")
            .class("hg-ok")
            .text(&format!("✓ Deployed {}", local_time(at)))
            .child(El::button("Undo", &Act::Undeploy).class("hg-link")),
        None => El::new("p")
            .child(
                El::button("Mark as deployed", &Act::Deploy)
                    .class("hg-primary")
                    .flag("disabled", !status.ready_to_deploy),
            )
            .child(refusal(state, &Form::Deploy)),
    });
    let now = super::super::super::browser::now();
    let mut deadlines = El::new("ul").class("hg-deadlines");
    for d in wizard.deadlines(now) {
        let text = match (d.due_at, d.remaining_ms) {
            (Some(due), Some(ms)) if ms >= 0 => format!(
                "{} — due {} ({} left)",
                d.label,
                local_time(due),
                format_duration(ms)
            ),
            (Some(due), Some(ms)) => format!(
                "{} — was due {} (overdue by {})",
                d.label,
                local_time(due),
                format_duration(-ms)
            ),
            _ => format!(
                "{} — {}, starting at deployment",
                d.label,
                format_duration(i64::from(d.minutes) * 60_000)
            ),
        };
        deadlines = deadlines.child(El::new("li").attr("data-deadline", &d.id).text(&text));
    }
    out = out.child(El::new("h2").text("Deadlines")).child(deadlines);
    let mut checklist = El::new("div").class("hg-checklist");
    for (id, label) in CHECKLIST {
        let control_id = state.id(&format!("verify-{id}"));
        checklist = checklist.child(
            El::new("div")
                .class("hg-check")
                .child(
                    El::new("input")
                        .attr("type", "checkbox")
                        .id(&control_id)
                        .field(&FieldRef::Verify(id.to_string()))
                        .flag("checked", draft.verified.contains_key(id))
                        .flag("disabled", draft.deployed_at.is_none()),
                )
                .child(El::new("label").attr("for", &control_id).text(label)),
        );
    }
    out = out
        .child(El::new("h2").text("Verification"))
        .child(
            El::new("p")
                .class("hg-help")
                .text("Tick each check after deployment."),
        )
        .child(checklist);
    let mut follow_ups = El::new("div").class("hg-checklist");
    for f in &wizard.assessment().decision.follow_ups {
        let control_id = state.id(&format!("follow-up-{}", slug(&f.id)));
        let due = f
            .due_days
            .map(|d| {
                format!(
                    " (within {d} {}days)",
                    if f.business_days { "business " } else { "" }
                )
            })
            .unwrap_or_default();
        follow_ups = follow_ups.child(
            El::new("div")
                .class("hg-check")
                .child(
                    El::new("input")
                        .attr("type", "checkbox")
                        .id(&control_id)
                        .field(&FieldRef::FollowUp(f.id.to_string()))
                        .flag("checked", draft.follow_ups_done.contains_key(&f.id)),
                )
                .child(
                    El::new("label")
                        .attr("for", &control_id)
                        .text(&format!("{}{due}", f.label)),
                ),
        );
    }
    out.child(El::new("h2").text("Follow-ups"))
        .child(follow_ups)
}
