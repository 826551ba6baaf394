//! The Approvals step: each required role, who approved and when, and the approval form.

use super::super::super::dom::El;
use super::super::super::state::PageState;
use super::super::super::ui::{Act, Form};
use super::super::panel::why;
use super::form::{given_text, person_form, stale_note};
use crate::incident::FieldErrorKind;
use crate::wizard::{Wizard, words};

pub fn view(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let policy = &state.policy;
    let mut out = El::new("div").class("hg-form").child(check_answers(wizard));
    if draft.author.is_empty() && !policy.author_may_approve {
        out =
            out.child(El::new("p").class("hg-warn").text(
                "Record who wrote the fix (step Fix & risk) first: the author may not approve.",
            ));
    }
    for approver in &wizard.assessment().decision.approvers {
        let valid =
            crate::wizard::status_valid_approvers(policy, draft, wizard.basis(), &approver.id);
        let missing = (approver.count as usize).saturating_sub(valid.len());
        let mut card = El::new("div")
            .class("hg-card")
            .attr("data-role", &approver.id)
            .attr("data-missing", &missing.to_string())
            .child(El::new("h2").text(&approver.label))
            .child(why(wizard, &approver.why));
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
            let stale = stale_note(
                wizard,
                approval.basis.as_ref(),
                &approval.name,
                Act::ReconfirmApproval(index),
            );
            let mut line = El::new("li")
                .attr("data-stale", if stale.is_some() { "true" } else { "false" })
                .child(
                    El::new("span")
                        .class(if stale.is_some() { "hg-muted" } else { "hg-ok" })
                        .text(&format!(
                            "✓ {} — {}",
                            approval.name,
                            given_text(approval.at, approval.recorded_at)
                        )),
                );
            if !approval.comment.is_empty() {
                line = line.child(
                    El::new("span")
                        .class("hg-help")
                        .text(&format!(": {}", approval.comment)),
                );
            }
            if !counts && stale.is_none() {
                line = line.child(
                    El::new("span")
                        .class("hg-error")
                        .text(" (does not count: the author of the fix)"),
                );
            }
            list = list.child(
                line.child(El::button("Remove", &Act::RemoveApproval(index)).class("hg-link"))
                    .maybe(stale),
            );
        }
        card = card.child(list);
        if missing > 0 {
            let form = Form::Approve(approver.id.to_string());
            let act = Act::Approve(approver.id.to_string());
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

/// "Check your answers": what the approvers approve, each answer with a
/// link to change it, the unanswered and invalid ones flagged.
fn check_answers(wizard: &Wizard) -> El {
    let policy = &wizard.policy;
    let assessment = wizard.assessment();
    let decision = &assessment.decision;
    let mut list = El::new("dl").class("hg-facts hg-answers");
    for (i, input) in policy.inputs.iter().enumerate() {
        if assessment.hidden.iter().any(|h| **h == *input.id) {
            continue;
        }
        let error = assessment.errors.iter().find(|e| *e.field == *input.id);
        let unanswered = decision.unanswered.iter().any(|u| **u == *input.id);
        let text = match (error, unanswered) {
            (Some(e), _) if e.kind != FieldErrorKind::Missing => {
                format!("⚠ Invalid: {}", e.message)
            }
            (_, true) => "⚠ Not answered".to_string(),
            _ => u16::try_from(i).map_or(String::new(), |i| {
                words::answer(
                    policy,
                    &decision.unanswered,
                    &input.id,
                    &policy.value(&assessment.facts, i),
                )
            }),
        };
        let flagged = error.is_some() || unanswered;
        list = list.child(El::new("dt").text(&input.label)).child(
            El::new("dd")
                .attr("data-input", &input.id)
                .class(if flagged { "hg-warn" } else { "hg-answer" })
                .text(&text)
                .text(" ")
                .child(
                    El::button("Change", &Act::Question(input.id.to_string()))
                        .class("hg-link")
                        .attr("aria-label", &format!("Change: {}", input.label)),
                ),
        );
    }
    El::new("details")
        .class("hg-check-answers")
        .flag("open", wizard.draft().approvals.is_empty())
        .child(El::new("summary").text("Check your answers before approving"))
        .child(list)
}
