//! The Deploy & verify step: blockers, deployment, deadlines, the verification checklist and follow-ups.

use super::super::super::browser::local_time;
use super::super::super::dom::El;
use super::super::super::state::PageState;
use super::super::super::ui::{Act, FieldRef, Form, slug};
use super::super::panel::blocker_act;
use super::form::{field, given_text, refusal, text_input, when_field};
use crate::policy::DeadlineStart;
use crate::wizard::draft::{Done, Draft};
use crate::wizard::time::format_duration;
use crate::wizard::{BlockerKind, CHECKLIST, MONITORING, Wizard};

pub fn view(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let status = wizard.status();
    let mut out = El::new("div").class("hg-form");
    if status.blockers.is_empty() {
        out = out.child(
            El::new("p")
                .class("hg-verdict-big")
                .attr("data-verdict", "qualifies")
                .attr("data-stage", status.stage.as_str())
                .text(&format!("✔ {}", status.stage_text(&local_time))),
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
                        El::button(
                            &match blocker.kind {
                                BlockerKind::Incident | BlockerKind::Unanswered => {
                                    "Answer it".to_string()
                                }
                                _ => format!("Go to {}", blocker.step.title()),
                            },
                            &blocker_act(blocker),
                        )
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
    out = out.child(match &draft.deployment {
        Some(d) => El::new("p")
            .class("hg-ok")
            .text(&format!(
                "✓ Deployed by {} — {}",
                who(d),
                given_text(d.at, d.recorded_at)
            ))
            .child(El::button("Undo", &Act::Undeploy).class("hg-link")),
        None => {
            let form = Form::Deploy;
            let by = form.part("by");
            El::new("div")
                .class("hg-form")
                .child(field(
                    state,
                    &by,
                    "Who is deploying?",
                    text_input(state, &by, state.typed(&form, "by")).on_enter(&Act::Deploy),
                    "",
                ))
                .child(when_field(
                    state,
                    &form,
                    Some(&Act::Deploy),
                    "When was it deployed?",
                ))
                .child(
                    El::new("p").child(
                        El::button("Mark as deployed", &Act::Deploy)
                            .class("hg-primary")
                            .flag("disabled", !status.ready_to_deploy),
                    ),
                )
                .child(refusal(state, &form))
        }
    });
    let now = super::super::super::browser::now();
    let mut deadlines = El::new("ul").class("hg-deadlines");
    for d in wizard.deadlines(now) {
        let within = format_duration(i64::from(d.minutes) * 60_000);
        let text = match (d.met, d.due_at, d.remaining_ms) {
            (Some((at, true)), Some(due), _) => format!(
                "{} — met: deployed {}, due {}",
                d.label,
                local_time(at),
                local_time(due)
            ),
            (Some((at, false)), Some(due), _) => format!(
                "{} — missed: deployed {}, was due {}",
                d.label,
                local_time(at),
                local_time(due)
            ),
            (None, Some(due), Some(ms)) if d.starts == DeadlineStart::Deployment && ms >= 0 => {
                format!(
                    "{} — until {} ({} left)",
                    d.label,
                    local_time(due),
                    format_duration(ms)
                )
            }
            (None, Some(due), Some(_)) if d.starts == DeadlineStart::Deployment => {
                format!("{} — ended {}", d.label, local_time(due))
            }
            (None, Some(due), Some(ms)) if ms >= 0 => format!(
                "{} — due {} ({} left)",
                d.label,
                local_time(due),
                format_duration(ms)
            ),
            (None, Some(due), Some(ms)) => format!(
                "{} — was due {} (overdue by {})",
                d.label,
                local_time(due),
                format_duration(-ms)
            ),
            _ => format!("{} — {within}, starting at deployment", d.label),
        };
        deadlines = deadlines.child(El::new("li").attr("data-deadline", &d.id).text(&text));
    }
    out = out.child(El::new("h2").text("Deadlines")).child(deadlines);
    let deployed = draft.deployment.is_some();
    let waiting = status.monitoring_until.filter(|until| *until > now);
    let mut checklist = El::new("div").class("hg-checklist");
    for (id, label) in CHECKLIST {
        let control_id = state.id(&format!("verify-{id}"));
        let check = draft.checks.get(id);
        let too_early = id == MONITORING && waiting.is_some() && check.is_none();
        let done = check.map(|c| {
            El::new("span").class("hg-help").text(&format!(
                " — {}, {}",
                who(c),
                given_text(c.at, c.recorded_at)
            ))
        });
        let mut input = El::new("input")
            .attr("type", "checkbox")
            .id(&control_id)
            .field(&FieldRef::Verify(id.to_string()))
            .flag("checked", check.is_some())
            .flag("disabled", !deployed || too_early);
        if let Some(until) = waiting.filter(|_| too_early) {
            // The page opens it then (`App::tick`).
            input = input.attr("data-opens-at", &until.to_string());
        }
        checklist = checklist.child(
            El::new("div").class("hg-check").child(input).child(
                El::new("label")
                    .attr("for", &control_id)
                    .text(label)
                    .maybe(done),
            ),
        );
    }
    let form = Form::Verify;
    let by = form.part("by");
    out = out.child(El::new("h2").text("Verification"));
    out = out.child(El::new("p").class("hg-help").text(&match (deployed, waiting) {
        (false, _) => "The checks open once the fix is deployed.".to_string(),
        (true, Some(until)) => format!(
            "Tick each check as it is done. The monitoring window runs until {} ({} left); its check opens then.",
            local_time(until),
            format_duration(until - now)
        ),
        (true, None) => "Tick each check as it is done.".to_string(),
    }));
    if deployed {
        out = out
            .child(field(
                state,
                &by,
                "Who is verifying?",
                text_input(
                    state,
                    &by,
                    match state.typed(&form, "by") {
                        "" => last_verifier(draft),
                        typed => typed,
                    },
                ),
                "Each check is recorded with this name.",
            ))
            .child(when_field(state, &form, None, "When was it checked?"));
    }
    out = out.child(checklist).child(refusal(state, &form));
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

/// Who made the latest check: the name the next one starts from.
fn last_verifier(draft: &Draft) -> &str {
    let mut last: Option<&Done> = None;
    for (_, check) in draft.checks.iter() {
        if last.is_none_or(|l| check.recorded_at >= l.recorded_at) {
            last = Some(check);
        }
    }
    last.map_or("", |c| c.by.as_str())
}

/// Who did it, or that it was not recorded (a format 1 draft).
fn who(done: &Done) -> &str {
    if done.by.is_empty() {
        "(not recorded)"
    } else {
        &done.by
    }
}
