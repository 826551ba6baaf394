//! The Qualification step: the verdict with its rule, and the blockers the policy raises, with sign-off forms.

use super::super::super::dom::El;
use super::super::super::state::PageState;
use super::super::super::ui::{Act, Form};
use super::super::panel::why;
use super::form::{given_text, person_form, stale_note};
use crate::wizard::Wizard;
use crate::wizard::words::verdict_text;

pub fn view(state: &PageState, wizard: &Wizard) -> El {
    let d = &wizard.assessment().decision;
    let draft = wizard.draft();
    let policy = &wizard.policy;
    let mut out = El::new("div").class("hg-form");
    if !crate::wizard::verdict_stands(&wizard.policy, wizard.assessment()) {
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
        .child(why(wizard, &d.why));
    if d.blockers.is_empty() {
        return out.child(El::new("p").text("The policy raises no blocker for this incident."));
    }
    out = out.child(El::new("h2").text("What the policy requires first"));
    for blocker in &d.blockers {
        let mut card = El::new("div")
            .class("hg-card")
            .attr("data-blocker", &blocker.id)
            .child(El::new("h3").text(&blocker.label))
            .child(why(wizard, &blocker.why));
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
                let stale = stale_note(
                    wizard,
                    sign_off.basis.as_ref(),
                    &sign_off.name,
                    Act::ReconfirmSignOff(blocker.id.to_string()),
                );
                card = card.child(
                    El::new("p")
                        .class(if stale.is_some() { "hg-muted" } else { "hg-ok" })
                        .text(&format!(
                            "✓ Signed off by {} ({}) on {}{}",
                            sign_off.name,
                            policy.role_label(&sign_off.role),
                            given_text(sign_off.at, sign_off.recorded_at),
                            if sign_off.comment.is_empty() {
                                String::new()
                            } else {
                                format!(": {}", sign_off.comment)
                            }
                        )),
                );
                card = card
                    .child(
                        El::button(
                            "Remove sign-off",
                            &Act::RemoveSignOff(blocker.id.to_string()),
                        )
                        .class("hg-link"),
                    )
                    .maybe(stale);
            }
            None => {
                let role = policy.role_label(role);
                let form = Form::SignOff(blocker.id.to_string());
                let act = Act::SignOff(blocker.id.to_string());
                card = card
                    .child(El::new("p").class("hg-missing").text(&format!(
                        "Needs the sign-off of the {role}, as recorded on the Approvals step."
                    )))
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
