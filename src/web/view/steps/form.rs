//! What the step forms share: labelled fields, person forms, refusal slots.

use super::super::super::dom::El;
use super::super::super::state::PageState;
use super::super::super::ui::{Act, Form};
use crate::incident::FieldErrorKind;

pub fn error_text(kind: FieldErrorKind, message: &str) -> String {
    if kind == FieldErrorKind::Missing {
        "Required.".to_string()
    } else {
        message.to_string()
    }
}

/// An inline message slot for refusals of `form`.
pub fn refusal(state: &PageState, form: &Form) -> El {
    let message = state.refusal_of(form);
    let mut slot = El::new("p")
        .class("hg-error")
        .id(&state.id(&form.part("error")))
        .attr("tabindex", "-1");
    if let Some(message) = message {
        slot = slot.attr("role", "alert").text(message);
    }
    slot
}

pub fn field(state: &PageState, id: &str, label: &str, control: El, help: &str) -> El {
    let help_id = state.id(&format!("{id}-help"));
    El::new("div")
        .class("hg-field")
        .child(El::new("label").attr("for", &state.id(id)).text(label))
        .child(control.attr("aria-describedby", &help_id))
        .child(El::new("p").class("hg-help").id(&help_id).text(help))
}

/// A person's name and a comment, a button, and the refusal slot: the form
/// of a sign-off or an approval. Enter in either field presses the button.
pub fn person_form(
    state: &PageState,
    form: &Form,
    act: &Act,
    name_label: &str,
    comment_help: &str,
    button: &str,
) -> [El; 4] {
    let name = form.part("name");
    let comment = form.part("comment");
    [
        field(
            state,
            &name,
            name_label,
            text_input(state, &name, state.typed(form, "name")).on_enter(act),
            "",
        ),
        field(
            state,
            &comment,
            "Comment",
            text_input(state, &comment, state.typed(form, "comment")).on_enter(act),
            comment_help,
        ),
        El::button(button, act).class("hg-primary"),
        refusal(state, form),
    ]
}

pub fn text_input(state: &PageState, id: &str, value: &str) -> El {
    El::new("input")
        .attr("type", "text")
        .id(&state.id(id))
        .attr("value", value)
}
