//! The Fix & risk step: who wrote the fix, and the record fields the policy asks for.

use super::super::super::dom::El;
use super::super::super::state::PageState;
use super::super::super::ui::{FieldRef, slug};
use super::form::{field, text_input};
use crate::wizard::Wizard;

pub fn view(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let mut out = El::new("div").class("hg-form").child(field(
        state,
        "author",
        "Who wrote the fix? *",
        text_input(state, "author", &draft.author)
            .field(&FieldRef::Author)
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
            .field(&FieldRef::Record(f.id.to_string()));
        let label = if f.required {
            format!("{} *", f.label)
        } else {
            f.label.to_string()
        };
        out = out.child(field(state, &id, &label, control, &f.help));
    }
    out
}
