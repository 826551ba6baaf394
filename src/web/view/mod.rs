//! Views: pure functions from app state to elements. `page` builds the
//! whole mounted page; `update_live` refreshes the parts that change while
//! the user types (decision panel, step list, question visibility and
//! inline errors) without replacing the field being typed in.

mod home;
mod panel;
mod steps;

use super::dom::{El, by_id, replace_if_changed};
use super::state::{PageState, Screen};
use super::ui::Act;
pub use home::facts_line as home_facts;
pub use steps::record_laid_out;

pub fn page(state: &PageState) -> El {
    let policy = &state.policy;
    let mut header = El::new("header").class("hg-bar").child(
        El::new("div")
            .class("hg-brand")
            .child(El::new("span").class("hg-logo").attr("aria-hidden", "true"))
            .child(El::new("span").class("hg-name").text("Hotgate")),
    );
    header = header.child(
        El::new("p")
            .class("hg-policy")
            .id(&state.id("policy"))
            .text("Policy in force: ")
            .child(El::new("strong").text(&policy.name))
            .text(&format!(" ({} {})", policy.id, policy.version)),
    );
    if state.wizard().is_some() {
        header = header.child(El::button("All drafts", &Act::Home).class("hg-link"));
    }
    let main = match &state.screen {
        Screen::Home(listing) => home::view(state, listing),
        Screen::Wizard(wizard) => steps::view(state, wizard),
    };
    El::new("div")
        .class("hg")
        .child(header)
        .child(notices(state))
        .child(main)
}

fn notices(state: &PageState) -> El {
    let mut messages: Vec<&str> = Vec::new();
    if let Some(problem) = &state.storage_problem {
        messages.push(problem);
    }
    if let Some(problem) = &state.save_problem {
        messages.push(problem);
    }
    let box_ = El::new("div")
        .class("hg-notices")
        .id(&state.id("notices"))
        .attr("role", "status");
    if messages.is_empty() && state.notices.is_empty() && !state.sync.conflict() {
        return box_;
    }
    let mut list = El::new("ul");
    for message in messages {
        list = list.child(El::new("li").class("hg-warn").text(message));
    }
    for message in &state.notices {
        list = list.child(El::new("li").text(message));
    }
    let mut box_ = box_.child(list);
    if state.sync.conflict() {
        box_ = box_
            .child(El::new("p").class("hg-warn").text(
                "This draft was changed in another tab while you were editing it here. \
                 Nothing from this tab is saved until you choose.",
            ))
            .child(El::button("Keep mine as a copy", &Act::ConflictCopy).class("hg-primary"))
            .child(
                El::button("Use the other tab's version", &Act::ConflictTheirs)
                    .class("hg-secondary"),
            );
    }
    if !state.notices.is_empty() {
        box_ = box_.child(El::button("Dismiss", &Act::Dismiss).class("hg-link"));
    }
    if state.save_problem.is_some() {
        box_ =
            box_.child(El::button("Export this draft", &Act::ExportCurrent).class("hg-secondary"));
    }
    box_
}

/// Refreshes the incident start's reading and refusal (after it is typed).
pub fn update_start(state: &PageState) {
    if let Screen::Wizard(wizard) = &state.screen {
        steps::update_start(state, wizard);
    }
}

/// Refreshes what changes while the user types or time passes. A part
/// that came out the same is left alone; one that changed keeps the focus
/// on the same control. Returns false if the focus was on a control that
/// is gone.
pub fn update_live(state: &PageState) -> bool {
    let Screen::Wizard(wizard) = &state.screen else {
        return true;
    };
    let mut kept = true;
    let mut refresh = |id: &str, new: El| {
        if let Some(old) = by_id(&state.id(id)).and_then(|e| e.first_element_child()) {
            kept &= replace_if_changed(&old, new);
        }
    };
    refresh("panel", panel::content(state, wizard));
    refresh("status", panel::status_bar(wizard));
    refresh("steps", steps::step_list(wizard));
    if let Some(old) = by_id(&state.id("notices")) {
        kept &= replace_if_changed(&old, notices(state));
    }
    steps::update_fields(state, wizard);
    kept
}
