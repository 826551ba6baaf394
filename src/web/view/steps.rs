//! The wizard: the step list, the current step's form, the decision panel.

use super::super::browser::{datetime_local, local_time};
use super::super::dom::{El, by_id, slug};
use super::super::state::PageState;
use super::panel::{self, why};
use crate::incident::{Answer, FieldErrorKind};
use crate::policy::InputKind;
use crate::wizard::record::{markdown, verdict_text};
use crate::wizard::time::format_duration;
use crate::wizard::{CHECKLIST, Step, TestStatus, Wizard};

pub fn view(state: &PageState, wizard: &Wizard) -> El {
    let step = wizard.draft().step;
    let nav = El::new("nav")
        .class("hg-steps")
        .attr("aria-label", "Wizard steps")
        .child(
            El::new("div")
                .id(&state.id("steps"))
                .child(step_list(wizard)),
        );
    let heading = El::new("h1")
        .id(&state.id("heading"))
        .attr("tabindex", "-1")
        .child(El::new("span").class("hg-step-no").text(&format!(
            "Step {} of {}: ",
            step.index() + 1,
            Step::ALL.len()
        )))
        .text(step.title());
    let body = match step {
        Step::Incident => incident(state, wizard),
        Step::Qualification => qualification(state, wizard),
        Step::FixRisk => fix_risk(state, wizard),
        Step::Approvals => approvals(state, wizard),
        Step::Testing => testing(state, wizard),
        Step::Communication => communication(state, wizard),
        Step::DeployVerify => deploy(state, wizard),
        Step::Record => record(wizard),
    };
    let mut step_nav = El::new("div").class("hg-step-nav");
    if let Some(previous) = step.previous() {
        step_nav = step_nav
            .child(El::button(&format!("← {}", previous.title()), "back").class("hg-secondary"));
    }
    if let Some(next) = step.next() {
        step_nav =
            step_nav.child(El::button(&format!("{} →", next.title()), "next").class("hg-primary"));
    }
    let section = El::new("section")
        .class("hg-step")
        .attr("data-step", step.slug())
        .attr("aria-labelledby", &state.id("heading"))
        .child(heading)
        .child(body)
        .child(step_nav);
    let aside = El::new("aside")
        .class("hg-panel")
        .id(&state.id("panel"))
        .attr("aria-label", "Decision")
        // It scrolls on its own: keyboard users must be able to scroll it.
        .attr("tabindex", "0")
        .child(panel::content(state, wizard));
    El::new("main")
        .class("hg-main")
        .class("hg-wizard")
        .child(nav)
        .child(section)
        .child(aside)
}

pub fn step_list(wizard: &Wizard) -> El {
    let status = wizard.status();
    let current = wizard.draft().step;
    let (done, total) = status.progress();
    let mut list = El::new("ol");
    for step in Step::ALL {
        let complete = status.is_complete(step);
        let state = if complete { "complete" } else { "incomplete" };
        let mut button = El::button("", &format!("goto:{}", step.slug()))
            .attr("data-state", state)
            .child(
                El::new("span")
                    .class("hg-mark")
                    .attr("aria-hidden", "true")
                    .text(if complete { "✓" } else { "○" }),
            )
            .text(step.title())
            .child(El::new("span").class("hg-sr").text(if complete {
                " (complete)"
            } else {
                " (not complete)"
            }));
        if step == current {
            button = button.attr("aria-current", "step");
        }
        list = list.child(El::new("li").child(button));
    }
    El::new("div")
        .child(
            El::new("p")
                .class("hg-draft-name")
                .text(wizard.draft().title()),
        )
        .child(
            El::new("p")
                .class("hg-progress")
                .text(&format!("{done} of {total} steps complete")),
        )
        .child(list)
}

/// Refreshes question visibility and inline errors on the Incident step.
pub fn update_fields(state: &PageState, wizard: &Wizard) {
    if wizard.draft().step != Step::Incident {
        return;
    }
    let assessment = wizard.assessment();
    for input in &state.policy.inputs {
        let base = state.id(&format!("q-{}", slug(&input.id)));
        if let Some(row) = by_id(&format!("{base}-row")) {
            let hidden = assessment.hidden.iter().any(|h| **h == *input.id);
            if hidden {
                let _ = row.set_attribute("hidden", "");
            } else {
                let _ = row.remove_attribute("hidden");
            }
        }
        if let Some(slot) = by_id(&format!("{base}-error")) {
            let error = assessment.errors.iter().find(|e| *e.field == *input.id);
            slot.set_text_content(error.map(|e| error_text(e.kind, &e.message)).as_deref());
            let _ = slot.set_attribute(
                "class",
                if error.is_some_and(|e| e.kind == FieldErrorKind::Missing) {
                    "hg-hint"
                } else {
                    "hg-error"
                },
            );
        }
    }
}

fn error_text(kind: FieldErrorKind, message: &str) -> String {
    if kind == FieldErrorKind::Missing {
        "Required.".to_string()
    } else {
        message.to_string()
    }
}

/// An inline message slot for refusals of `form`.
fn refusal(state: &PageState, form: &str) -> El {
    let message = state
        .refusal
        .as_ref()
        .filter(|(f, _)| f == form)
        .map(|(_, m)| m.as_str());
    let mut slot = El::new("p")
        .class("hg-error")
        .id(&state.id(&format!("{form}-error")))
        .attr("tabindex", "-1");
    if let Some(message) = message {
        slot = slot.attr("role", "alert").text(message);
    }
    slot
}

fn field(state: &PageState, id: &str, label: &str, control: El, help: &str) -> El {
    let help_id = state.id(&format!("{id}-help"));
    El::new("div")
        .class("hg-field")
        .child(El::new("label").attr("for", &state.id(id)).text(label))
        .child(control.attr("aria-describedby", &help_id))
        .child(El::new("p").class("hg-help").id(&help_id).text(help))
}

/// A person's name and a comment, a button, and the refusal slot: the form
/// of a sign-off or an approval. Enter in either field presses the button.
fn person_form(
    state: &PageState,
    form: &str,
    act: &str,
    name_label: &str,
    comment_help: &str,
    button: &str,
) -> [El; 4] {
    let name = format!("{form}-name");
    let comment = format!("{form}-comment");
    [
        field(
            state,
            &name,
            name_label,
            text_input(state, &name, "").attr("data-enter", act),
            "",
        ),
        field(
            state,
            &comment,
            "Comment",
            text_input(state, &comment, "").attr("data-enter", act),
            comment_help,
        ),
        El::button(button, act).class("hg-primary"),
        refusal(state, form),
    ]
}

fn text_input(state: &PageState, id: &str, value: &str) -> El {
    El::new("input")
        .attr("type", "text")
        .id(&state.id(id))
        .attr("value", value)
}

fn incident(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let assessment = wizard.assessment();
    let mut form = El::new("div").class("hg-form");
    form = form.child(El::new("p").class("hg-help").text("Answer what you know now; the decision on the right updates as you type. Questions marked * are required."));
    for input in &state.policy.inputs {
        let base = format!("q-{}", slug(&input.id));
        let control_id = state.id(&base);
        let error_id = state.id(&format!("{base}-error"));
        let help_id = state.id(&format!("{base}-help"));
        let answer = draft.answers.get(&input.id);
        let label = if input.required {
            format!("{} *", input.label)
        } else {
            input.label.clone()
        };
        let control = match &input.kind {
            InputKind::Bool => El::new("input")
                .attr("type", "checkbox")
                .flag("checked", matches!(answer, Some(Answer::Bool(true)))),
            InputKind::Int { min, max } => {
                let mut e = El::new("input")
                    .attr("type", "number")
                    .attr("inputmode", "numeric")
                    .attr("step", "1");
                if *min != i64::MIN {
                    e = e.attr("min", &min.to_string());
                }
                if *max != i64::MAX {
                    e = e.attr("max", &max.to_string());
                }
                let value = match answer {
                    Some(Answer::Int(i)) => i.to_string(),
                    Some(Answer::Text(t)) => t.clone(),
                    _ => String::new(),
                };
                e.attr("value", &value)
            }
            InputKind::Choice { options } => {
                let chosen = match answer {
                    Some(Answer::Text(t)) => t.as_str(),
                    _ => "",
                };
                let mut select =
                    El::new("select").child(El::new("option").attr("value", "").text("— choose —"));
                for option in options {
                    select = select.child(
                        El::new("option")
                            .attr("value", &option.value)
                            .flag("selected", option.value == chosen)
                            .text(&option.label),
                    );
                }
                select
            }
            InputKind::Text {
                multiline,
                max_length,
            } => {
                let value = match answer {
                    Some(Answer::Text(t)) => t.as_str(),
                    _ => "",
                };
                if *multiline {
                    El::new("textarea").attr("rows", "3").text(value)
                } else {
                    El::new("input")
                        .attr("type", "text")
                        .attr("value", value)
                        .attr("maxlength", &max_length.to_string())
                }
            }
        };
        let control = control
            .id(&control_id)
            .attr("data-field", &format!("answer:{}", input.id))
            .attr("aria-describedby", &format!("{help_id} {error_id}"))
            .attr(
                "aria-required",
                if input.required { "true" } else { "false" },
            );
        let label_el = El::new("label").attr("for", &control_id).text(&label);
        let row = if matches!(input.kind, InputKind::Bool) {
            El::new("div")
                .class("hg-check")
                .child(control)
                .child(label_el)
        } else {
            El::new("div")
                .class("hg-field")
                .child(label_el)
                .child(control)
        };
        let error = assessment.errors.iter().find(|e| *e.field == *input.id);
        let row = El::new("div")
            .class("hg-q")
            .id(&state.id(&format!("{base}-row")))
            .flag("hidden", assessment.hidden.iter().any(|h| **h == *input.id))
            .child(row)
            .child(El::new("p").class("hg-help").id(&help_id).text(&input.help))
            .child(
                El::new("p")
                    .class(
                        if error.is_some_and(|e| e.kind == FieldErrorKind::Missing) {
                            "hg-hint"
                        } else {
                            "hg-error"
                        },
                    )
                    .id(&error_id)
                    .text(
                        &error
                            .map(|e| error_text(e.kind, &e.message))
                            .unwrap_or_default(),
                    ),
            );
        form = form.child(row);
    }
    let start = draft.incident_start.unwrap_or(draft.created_at);
    form.child(field(
        state,
        "incident-start",
        "When did the incident start?",
        El::new("input")
            .attr("type", "datetime-local")
            .attr("value", &datetime_local(start))
            .attr("data-field", "incident-start")
            .id(&state.id("incident-start")),
        "Deadlines count from here. Leave it to count from when this draft was created.",
    ))
}

fn qualification(state: &PageState, wizard: &Wizard) -> El {
    let d = &wizard.assessment().decision;
    let draft = wizard.draft();
    let mut out = El::new("div").class("hg-form");
    if !wizard.assessment().errors.is_empty() {
        out = out.child(
            El::new("p")
                .class("hg-warn")
                .text("The incident is not complete yet: the verdict below is provisional."),
        );
    }
    out = out
        .child(
            El::new("p")
                .class("hg-verdict-big")
                .attr("data-verdict", d.verdict.as_str())
                .text(verdict_text(d.verdict)),
        )
        .child(El::new("p").text(&d.reason))
        .child(El::new("p").class("hg-why").text(&format!(
            "Rule {}: {}",
            d.why.rule,
            panel::why_text(&d.why)
        )));
    if d.blockers.is_empty() {
        return out.child(El::new("p").text("The policy raises no blocker for this incident."));
    }
    out = out.child(El::new("h2").text("What the policy requires first"));
    for blocker in &d.blockers {
        let mut card = El::new("div")
            .class("hg-card")
            .attr("data-blocker", &blocker.id)
            .child(El::new("h3").text(&blocker.label))
            .child(why(&blocker.why));
        if !blocker.description.is_empty() {
            card = card.child(El::new("p").class("hg-help").text(&blocker.description));
        }
        let Some(role) = &blocker.cleared_by else {
            card = card.child(
                El::new("p")
                    .class("hg-help")
                    .text("This clears when the facts change (see the Incident step)."),
            );
            out = out.child(card);
            continue;
        };
        match draft.sign_offs.get(&blocker.id) {
            Some(sign_off) => {
                card = card.child(El::new("p").class("hg-ok").text(&format!(
                    "✓ Signed off by {} ({}) on {}{}",
                    sign_off.name,
                    sign_off.role,
                    local_time(sign_off.at),
                    if sign_off.comment.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", sign_off.comment)
                    }
                )));
                card = card.child(
                    El::button(
                        "Remove sign-off",
                        &format!("remove-sign-off:{}", blocker.id),
                    )
                    .class("hg-link"),
                );
            }
            None => {
                let form = format!("sign-off-{}", slug(&blocker.id));
                let act = format!("sign-off:{}", blocker.id);
                card = card
                    .child(
                        El::new("p")
                            .class("hg-missing")
                            .text(&format!("Needs the sign-off of the {role}.")),
                    )
                    .children(person_form(
                        state,
                        &form,
                        &act,
                        &format!("Name of the {role} signing off"),
                        "What was checked, what was decided.",
                        "Sign off",
                    ));
            }
        }
        out = out.child(card);
    }
    out
}

fn fix_risk(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let mut out = El::new("div").class("hg-form").child(field(
        state,
        "author",
        "Who wrote the fix? *",
        text_input(state, "author", &draft.author)
            .attr("data-field", "author")
            .attr("autocomplete", "name"),
        if state.policy.author_may_approve {
            "Recorded in the hotfix record."
        } else {
            "The author of the fix may not approve it, sign it off or waive its tests."
        },
    ));
    for f in &wizard.assessment().decision.record_fields {
        let id = format!("record-{}", slug(&f.id));
        let value = draft.record.get(&f.id).map(String::as_str).unwrap_or("");
        let control = if f.multiline {
            El::new("textarea").attr("rows", "4").text(value)
        } else {
            text_input(state, &id, value)
        };
        let control = control
            .id(&state.id(&id))
            .attr("data-field", &format!("record:{}", f.id));
        let label = if f.required {
            format!("{} *", f.label)
        } else {
            f.label.to_string()
        };
        out = out.child(field(state, &id, &label, control, &f.help));
    }
    out
}

fn approvals(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let policy = &state.policy;
    let mut out = El::new("div").class("hg-form");
    if draft.author.is_empty() && !policy.author_may_approve {
        out =
            out.child(El::new("p").class("hg-warn").text(
                "Record who wrote the fix (step Fix & risk) first: the author may not approve.",
            ));
    }
    for approver in &wizard.assessment().decision.approvers {
        let valid = crate::wizard::status_valid_approvers(policy, draft, &approver.id);
        let missing = (approver.count as usize).saturating_sub(valid.len());
        let mut card = El::new("div")
            .class("hg-card")
            .attr("data-role", &approver.id)
            .attr("data-missing", &missing.to_string())
            .child(El::new("h3").text(&approver.label))
            .child(why(&approver.why));
        if !approver.description.is_empty() {
            card = card.child(El::new("p").class("hg-help").text(&approver.description));
        }
        let mut list = El::new("ul").class("hg-approvals");
        for (index, approval) in draft
            .approvals
            .iter()
            .enumerate()
            .filter(|(_, a)| *a.role == *approver.id)
        {
            let counts = valid.iter().any(|n| *n == approval.name);
            let mut line = El::new("li").child(El::new("span").class("hg-ok").text(&format!(
                "✓ {} — {}",
                approval.name,
                local_time(approval.at)
            )));
            if !approval.comment.is_empty() {
                line = line.child(
                    El::new("span")
                        .class("hg-help")
                        .text(&format!(": {}", approval.comment)),
                );
            }
            if !counts {
                line = line.child(
                    El::new("span")
                        .class("hg-error")
                        .text(" (does not count: the author of the fix)"),
                );
            }
            list =
                list.child(line.child(
                    El::button("Remove", &format!("remove-approval:{index}")).class("hg-link"),
                ));
        }
        card = card.child(list);
        if missing > 0 {
            let form = format!("approve-{}", slug(&approver.id));
            let act = format!("approve:{}", approver.id);
            card = card
                .child(El::new("p").class("hg-missing").text(&format!(
                    "⚠ Missing: {missing} of {} approval{}",
                    approver.count,
                    if approver.count == 1 { "" } else { "s" }
                )))
                .children(person_form(
                    state,
                    &form,
                    &act,
                    &format!("Approver's name ({})", approver.label),
                    "",
                    "Record approval",
                ));
        } else {
            card = card.child(El::new("p").class("hg-ok").text("✓ Approved"));
        }
        out = out.child(card);
    }
    out
}

fn testing(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let mut out = El::new("div").class("hg-form");
    for test in &wizard.assessment().decision.tests {
        let result = draft.tests.get(&test.id);
        let status = result.map_or(TestStatus::Pending, |r| r.status);
        let s = slug(&test.id);
        let status_id = format!("test-{s}-status");
        let mut select = El::new("select")
            .id(&state.id(&status_id))
            .attr("data-field", &format!("test-status:{}", test.id));
        for option in [TestStatus::Pending, TestStatus::Passed, TestStatus::Failed] {
            select = select.child(
                El::new("option")
                    .attr("value", option.as_str())
                    .flag("selected", option == status)
                    .text(option.as_str()),
            );
        }
        if status == TestStatus::Waived {
            select = select.child(
                El::new("option")
                    .attr("value", "waived")
                    .flag("selected", true)
                    .text("waived"),
            );
        }
        let mut card = El::new("div")
            .class("hg-card")
            .attr("data-test", &test.id)
            .attr("data-status", status.as_str())
            .child(El::new("h3").text(&test.label))
            .child(why(&test.why));
        if !test.description.is_empty() {
            card = card.child(El::new("p").class("hg-help").text(&test.description));
        }
        let evidence_id = format!("test-{s}-evidence");
        card = card
            .child(
                El::new("p")
                    .class(match status {
                        TestStatus::Passed | TestStatus::Waived => "hg-ok",
                        TestStatus::Failed => "hg-error",
                        TestStatus::Pending => "hg-missing",
                    })
                    .text(&format!("Status: {}", status.as_str())),
            )
            .child(field(state, &status_id, "Status", select, ""))
            .child(field(
                state,
                &evidence_id,
                "Evidence (link or note)",
                text_input(
                    state,
                    &evidence_id,
                    result.map_or("", |r| r.evidence.as_str()),
                )
                .attr("data-field", &format!("test-evidence:{}", test.id)),
                "",
            ));
        if let Some(waiver) = result.and_then(|r| r.waiver.as_ref()) {
            card = card.child(El::new("p").class("hg-ok").text(&format!(
                "Waived by {} ({}): {}",
                waiver.by, waiver.role, waiver.reason
            )));
        } else if let Some(role) = &test.waiver_role {
            let form = format!("waive-{s}");
            let act = format!("waive:{}", test.id);
            card = card.child(
                El::new("details")
                    .child(El::new("summary").text(&format!("Waive (needs the {role})")))
                    .child(field(
                        state,
                        &format!("{form}-reason"),
                        "Reason for the waiver",
                        text_input(state, &format!("{form}-reason"), "").attr("data-enter", &act),
                        "",
                    ))
                    .child(field(
                        state,
                        &format!("{form}-by"),
                        &format!("Name of the {role} waiving"),
                        text_input(state, &format!("{form}-by"), "").attr("data-enter", &act),
                        "",
                    ))
                    .child(El::button("Waive this test", &act).class("hg-secondary"))
                    .flag(
                        "open",
                        state.refusal.as_ref().is_some_and(|(f, _)| *f == form),
                    ),
            );
            card = card.child(refusal(state, &form));
        }
        out = out.child(card);
    }
    out
}

fn communication(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let mut out = El::new("div").class("hg-form");
    for c in &wizard.assessment().decision.communications {
        let s = slug(&c.id);
        let sent = draft.sent.get(&c.id);
        let mut card = El::new("div")
            .class("hg-card")
            .attr("data-communication", &c.id)
            .attr("data-sent", if sent.is_some() { "true" } else { "false" })
            .child(El::new("h3").text(&c.label))
            .child(
                El::new("dl")
                    .class("hg-facts")
                    .child(El::new("dt").text("Audience"))
                    .child(El::new("dd").text(&c.audience))
                    .child(El::new("dt").text("Channel"))
                    .child(El::new("dd").text(&c.channel))
                    .child(El::new("dt").text("When"))
                    .child(El::new("dd").text(&c.phase.as_str().replace('_', " "))),
            )
            .child(why(&c.why))
            .child(
                El::new("blockquote")
                    .class("hg-message")
                    .id(&state.id(&format!("message-{s}")))
                    .text(&c.message),
            )
            .child(El::button("Copy message", &format!("copy:{}", c.id)).class("hg-secondary"))
            .child(
                El::new("span")
                    .class("hg-help")
                    .attr("role", "status")
                    .id(&state.id(&format!("copy-{s}-status"))),
            );
        card = card.child(match sent {
            Some(at) => El::new("p")
                .class("hg-ok")
                .text(&format!("✓ Sent {}", local_time(*at)))
                .child(El::button("Undo", &format!("unsent:{}", c.id)).class("hg-link")),
            None => El::new("p")
                .child(El::new("span").class("hg-missing").text("Not sent yet. "))
                .child(El::button("Mark as sent", &format!("sent:{}", c.id)).class("hg-primary")),
        });
        out = out.child(card);
    }
    out
}

fn deploy(state: &PageState, wizard: &Wizard) -> El {
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
                        El::button(
                            &format!("Go to {}", blocker.step.title()),
                            &format!("goto:{}", blocker.step.slug()),
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
    out = out.child(match draft.deployed_at {
        Some(at) => El::new("p")
            .class("hg-ok")
            .text(&format!("✓ Deployed {}", local_time(at)))
            .child(El::button("Undo", "undeploy").class("hg-link")),
        None => El::new("p")
            .child(
                El::button("Mark as deployed", "deploy")
                    .class("hg-primary")
                    .flag("disabled", !status.ready_to_deploy),
            )
            .child(refusal(state, "deploy")),
    });
    let now = super::super::browser::now();
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
            _ => format!("{} — {} min, starting at deployment", d.label, d.minutes),
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
                        .attr("data-field", &format!("verify:{id}"))
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
                        .attr("data-field", &format!("follow-up:{}", f.id))
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

fn record(wizard: &Wizard) -> El {
    El::new("div")
        .class("hg-form")
        .child(
            El::new("div")
                .class("hg-actions")
                .child(El::button("Export Markdown", "export-md").class("hg-primary"))
                .child(El::button("Export JSON", "export-json").class("hg-secondary"))
                .child(El::button("Print", "print").class("hg-secondary"))
                .child(El::button("Export draft", "export-current").class("hg-secondary")),
        )
        .child(
            El::new("pre")
                .class("hg-record")
                .attr("tabindex", "0")
                .attr("aria-label", "Hotfix record")
                .text(&markdown(wizard)),
        )
}
