//! What the step forms share: labelled fields, person forms, refusal slots.

use super::super::super::browser::{local_time, now, typed_time_form, zone};
use super::super::super::dom::El;
use super::super::super::state::PageState;
use super::super::super::ui::{Act, Form};
use crate::incident::FieldErrorKind;
use crate::wizard::{Basis, Wizard};

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

/// When something happened: one text field, empty for now (the form's `at`).
pub fn when_field(state: &PageState, form: &Form, act: Option<&Act>, label: &str) -> El {
    let at = form.part("at");
    let mut input = text_input(state, &at, state.typed(form, "at"))
        .attr("autocomplete", "off")
        .attr("placeholder", "now");
    if let Some(act) = act {
        input = input.on_enter(act);
    }
    field(
        state,
        &at,
        label,
        input,
        &format!(
            "Leave empty for now; if it happened earlier, e.g. by phone, write when: {} (local time, {}).",
            typed_time_form(now()),
            zone()
        ),
    )
}

/// A person's name, a comment and when, a button, and the refusal slot:
/// the form of a sign-off or an approval. Enter in a field presses the button.
pub fn person_form(
    state: &PageState,
    form: &Form,
    act: &Act,
    name_label: &str,
    comment_help: &str,
    button: &str,
) -> [El; 5] {
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
        when_field(state, form, Some(act), "When was it given?"),
        El::button(button, act).class("hg-primary"),
        refusal(state, form),
    ]
}

/// When something was given, and when it was recorded if later: "22 Nov
/// 2026, 14:02 GMT+1 (recorded 14:30 …)".
pub fn given_text(at: i64, recorded_at: i64) -> String {
    if recorded_at > at + 60_000 {
        format!("{} (recorded {})", local_time(at), local_time(recorded_at))
    } else {
        local_time(at)
    }
}

/// For an approval, sign-off or waiver given on other facts than the
/// current ones: the warning, what changed, and the button that confirms
/// it again; `None` while it holds.
pub fn stale_note(wizard: &Wizard, basis: Option<&Basis>, who: &str, act: Act) -> Option<El> {
    let changes = wizard.changes_since(basis);
    if changes.is_empty() {
        return None;
    }
    let mut list = El::new("ul");
    for change in &changes {
        list = list.child(El::new("li").text(change));
    }
    Some(
        El::new("div")
            .class("hg-stale")
            .attr("role", "note")
            .child(
                El::new("p")
                    .class("hg-warn")
                    .text("⚠ Given on different facts, so it no longer counts. Changed since:"),
            )
            .child(list)
            .child(El::button(&format!("Confirm again as {who}"), &act).class("hg-secondary")),
    )
}

pub fn text_input(state: &PageState, id: &str, value: &str) -> El {
    El::new("input")
        .attr("type", "text")
        .id(&state.id(id))
        .attr("value", value)
}
