//! The wizard: the step list, the current step's form (one module per
//! step), the decision panel.

mod approvals;
mod communication;
mod deploy;
mod fix_risk;
mod form;
mod incident;
mod qualification;
mod record;
mod testing;

pub use incident::{update_fields, update_start};
pub use record::laid_out as record_laid_out;

use super::super::dom::El;
use super::super::state::PageState;
use super::super::ui::Act;
use super::panel;
use crate::wizard::{Step, Wizard};

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
        Step::Incident => incident::view(state, wizard),
        Step::Qualification => qualification::view(state, wizard),
        Step::FixRisk => fix_risk::view(state, wizard),
        Step::Approvals => approvals::view(state, wizard),
        Step::Testing => testing::view(state, wizard),
        Step::Communication => communication::view(state, wizard),
        Step::DeployVerify => deploy::view(state, wizard),
        Step::Record => record::view(wizard),
    };
    let mut step_nav = El::new("div").class("hg-step-nav");
    let back_to = state.back_to.filter(|_| step == Step::Incident);
    if let Some(previous) = step.previous() {
        step_nav = step_nav.child(
            El::button(&format!("← {}", previous.title()), &Act::Back).class("hg-secondary"),
        );
    }
    if let Some(next) = step.next() {
        step_nav = step_nav.child(
            El::button(&format!("{} →", next.title()), &Act::Next).class(if back_to.is_some() {
                "hg-secondary"
            } else {
                "hg-primary"
            }),
        );
    }
    // After a *Change* link: the way back is the main action, last.
    if let Some(back) = back_to {
        step_nav = step_nav.child(
            El::button(&format!("Back to {}", back.title()), &Act::GoTo(back))
                .class("hg-primary")
                .attr("data-back-to", back.slug()),
        );
    }
    let section = El::new("section")
        .class("hg-step")
        .attr("data-step", step.slug())
        .attr(
            "aria-labelledby",
            // With the policy: two wizards on one page name their views apart.
            &format!("{} {}", state.id("heading"), state.id("policy")),
        )
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
    let bar = El::new("div")
        .class("hg-status")
        .id(&state.id("status"))
        .child(panel::status_bar(wizard));
    El::new("div")
        .class("hg-main")
        .class("hg-wizard")
        .child(bar)
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
        let mut button = El::button("", &Act::GoTo(step))
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
                .text(wizard.draft().title(&wizard.policy)),
        )
        .child(
            El::new("p")
                .class("hg-progress")
                .text(&format!("{done} of {total} steps complete")),
        )
        .child(list)
}
