//! The Testing step: each required test with its status, evidence and waiver.

use super::super::super::dom::El;
use super::super::super::state::PageState;
use super::super::super::ui::{self, Act, FieldRef, Form};
use super::super::panel::why;
use super::form::{field, given_text, refusal, stale_note, text_input, when_field};
use crate::wizard::{TestStatus, Wizard};

pub fn view(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let mut out = El::new("div").class("hg-form");
    for test in &wizard.assessment().decision.tests {
        let result = draft.tests.get(&test.id);
        let status = result.map_or(TestStatus::Pending, |r| r.status);
        let mut card = El::new("div")
            .class("hg-card")
            .attr("data-test", &test.id)
            .attr("data-status", status.as_str())
            .child(El::new("h2").text(&test.label))
            .child(why(wizard, &test.why));
        if !test.description.is_empty() {
            card = card.child(El::new("p").class("hg-help").text(&test.description));
        }
        let evidence_id = ui::test_field(&test.id, "evidence");
        card = card
            .child(
                El::new("p")
                    .class(match status {
                        TestStatus::Passed | TestStatus::Waived => "hg-ok",
                        TestStatus::Failed => "hg-error",
                        TestStatus::Pending => "hg-muted",
                    })
                    .attr("role", "status")
                    .text(match status {
                        TestStatus::Passed => "✓ Passed",
                        TestStatus::Failed => "✖ Failed: this blocks deployment",
                        TestStatus::Waived => "✓ Waived",
                        TestStatus::Pending => "Not done yet",
                    }),
            )
            .child(field(
                state,
                &evidence_id,
                "Evidence (link or note)",
                text_input(
                    state,
                    &evidence_id,
                    result.map_or("", |r| r.evidence.as_str()),
                )
                .field(&FieldRef::TestEvidence(test.id.to_string())),
                "",
            ));
        let id = test.id.to_string();
        let mut buttons = El::new("p").class("hg-actions");
        if status != TestStatus::Passed && status != TestStatus::Waived {
            buttons = buttons
                .child(El::button("Passed", &Act::TestPassed(id.clone())).class("hg-primary"));
        }
        if status != TestStatus::Failed && status != TestStatus::Waived {
            buttons = buttons
                .child(El::button("Failed", &Act::TestFailed(id.clone())).class("hg-danger"));
        }
        if status != TestStatus::Pending {
            buttons = buttons.child(
                El::button(
                    if status == TestStatus::Waived {
                        "Withdraw the waiver"
                    } else {
                        "Undo"
                    },
                    &Act::TestPending(id),
                )
                .class("hg-link"),
            );
        }
        card = card.child(buttons);
        if let Some(waiver) = result.and_then(|r| r.waiver.as_ref()) {
            let stale = stale_note(
                wizard,
                waiver.basis.as_ref(),
                &waiver.by,
                Act::ReconfirmWaiver(test.id.to_string()),
            );
            card = card
                .child(
                    El::new("p")
                        .class(if stale.is_some() { "hg-muted" } else { "hg-ok" })
                        .text(&format!(
                            "Waived by {} ({}), {}: {}",
                            waiver.by,
                            wizard.policy.role_label(&waiver.role),
                            given_text(waiver.at, waiver.recorded_at),
                            waiver.reason
                        )),
                )
                .maybe(stale);
        } else if let Some(role) = &test.waiver_role {
            let role = wizard.policy.role_label(role);
            let form = Form::Waive(test.id.to_string());
            let act = Act::Waive(test.id.to_string());
            card = card.child(
                El::new("details")
                    .child(El::new("summary").text(&format!("Waive (by the {role})")))
                    .child(field(
                        state,
                        &form.part("reason"),
                        "Reason for the waiver",
                        text_input(state, &form.part("reason"), state.typed(&form, "reason"))
                            .on_enter(&act),
                        "",
                    ))
                    .child(field(
                        state,
                        &form.part("by"),
                        &format!("Name of the {role} waiving"),
                        text_input(state, &form.part("by"), state.typed(&form, "by"))
                            .on_enter(&act),
                        "",
                    ))
                    .child(when_field(state, &form, Some(&act), "When was it waived?"))
                    .child(El::button("Waive this test", &act).class("hg-secondary"))
                    .flag("open", state.refusal_of(&form).is_some()),
            );
            card = card.child(refusal(state, &form));
        }
        out = out.child(card);
    }
    out
}
