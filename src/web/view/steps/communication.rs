//! The Communication step: each message with its audience, channel and phase, to copy and mark sent.

use super::super::super::browser::local_time;
use super::super::super::dom::El;
use super::super::super::state::PageState;
use super::super::super::ui::{self, Act};
use super::super::panel::why;
use crate::wizard::Wizard;

pub fn view(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let mut out = El::new("div").class("hg-form");
    for c in &wizard.assessment().decision.communications {
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
                    .id(&state.id(&ui::message(&c.id)))
                    .text(&c.message),
            )
            .child(El::button("Copy message", &Act::Copy(c.id.to_string())).class("hg-secondary"))
            .child(
                El::new("span")
                    .class("hg-help")
                    .attr("role", "status")
                    .id(&state.id(&ui::copy_status(&c.id))),
            );
        card = card.child(match sent {
            Some(at) => El::new("p")
                .class("hg-ok")
                .text(&format!("✓ Sent {}", local_time(*at)))
                .child(El::button("Undo", &Act::Unsent(c.id.to_string())).class("hg-link")),
            None => El::new("p")
                .child(El::new("span").class("hg-missing").text("Not sent yet. "))
                .child(
                    El::button("Mark as sent", &Act::Sent(c.id.to_string())).class("hg-primary"),
                ),
        });
        out = out.child(card);
    }
    out
}
