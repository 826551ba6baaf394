//! The Communication step: the messages grouped by when they go out, each
//! with its audience and channel, to copy and mark sent.

use super::super::super::browser::local_time;
use super::super::super::dom::El;
use super::super::super::state::PageState;
use super::super::super::ui::{self, Act, FieldRef};
use super::super::panel::why;
use crate::decision::CommunicationItem;
use crate::vocab::Phase;
use crate::wizard::Wizard;

pub fn view(state: &PageState, wizard: &Wizard) -> El {
    let communications = &wizard.assessment().decision.communications;
    let mut out = El::new("div").class("hg-form");
    // Grouped by phase, in the order they go out.
    for phase in Phase::ALL {
        let mut group = communications
            .iter()
            .filter(|c| c.phase == phase)
            .peekable();
        if group.peek().is_none() {
            continue;
        }
        out = out.child(El::new("h2").text(phase.label()));
        for c in group {
            out = out.child(card(state, wizard, c));
        }
    }
    out
}

/// The message: editable until it is sent, then as it went out.
fn message(state: &PageState, wizard: &Wizard, c: &CommunicationItem) -> El {
    let draft = wizard.draft();
    let text = draft.messages.get(&c.id).unwrap_or(&c.message);
    let id = state.id(&ui::message(&c.id));
    if draft.sent.contains_key(&c.id) {
        return El::new("blockquote").class("hg-message").id(&id).text(text);
    }
    let edited = draft.messages.contains_key(&c.id);
    El::new("div")
        .class("hg-field")
        .child(
            El::new("label")
                .attr("for", &id)
                .text("Message (edit it before copying if needed)"),
        )
        .child(
            El::new("textarea")
                .class("hg-message")
                .id(&id)
                .attr("rows", "4")
                .field(&FieldRef::Message(c.id.to_string()))
                .text(text),
        )
        .maybe(edited.then(|| {
            El::new("p")
                .class("hg-help")
                .text("Edited; kept with the draft and in the record. ")
                .child(
                    El::button(
                        "Use the policy's text again",
                        &Act::ResetMessage(c.id.to_string()),
                    )
                    .class("hg-link"),
                )
        }))
}

fn card(state: &PageState, wizard: &Wizard, c: &CommunicationItem) -> El {
    let draft = wizard.draft();
    let sent = draft.sent.get(&c.id);
    let card = El::new("div")
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
                .child(El::new("dd").text(c.phase.label())),
        )
        .child(why(wizard, &c.why))
        .child(message(state, wizard, c))
        .child(El::button("Copy message", &Act::Copy(c.id.to_string())).class("hg-secondary"))
        .child(
            El::new("span")
                .class("hg-help")
                .attr("role", "status")
                .id(&state.id(&ui::copy_status(&c.id))),
        );
    // Not due yet is not missing: an after-deploy message before deployment.
    let due = c.phase != Phase::AfterDeploy || draft.deployment.is_some();
    card.child(match sent {
        Some(at) => El::new("p")
            .class("hg-ok")
            .text(&format!("✓ Sent {}", local_time(*at)))
            .child(El::button("Undo", &Act::Unsent(c.id.to_string())).class("hg-link")),
        None if !due => El::new("p").child(
            El::new("span")
                .class("hg-help")
                .text("To send after deployment: it can be marked sent once the fix is deployed."),
        ),
        None => El::new("p")
            .child(El::new("span").class("hg-missing").text("Not sent yet. "))
            .child(El::button("Mark as sent", &Act::Sent(c.id.to_string())).class("hg-primary")),
    })
}
