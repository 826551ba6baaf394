//! The Incident step: the policy's questions (shown as `ask_when` allows) and when the incident started.

use super::super::super::browser::{local_time, typed_time_form, zone};
use super::super::super::dom::{El, by_id};
use super::super::super::state::PageState;
use super::super::super::ui::{self, FieldRef};
use super::form::error_text;
use crate::incident::{Answer, FieldErrorKind};
use crate::policy::InputKind;
use crate::wizard::{Step, Wizard};

pub fn view(state: &PageState, wizard: &Wizard) -> El {
    let draft = wizard.draft();
    let assessment = wizard.assessment();
    let mut form = El::new("div").class("hg-form");
    form = form.child(El::new("p").class("hg-help").text("Answer what you know now; the decision on the right updates as you type. Questions marked * are required; a question left unanswered counts as no until it is answered."));
    for input in &state.policy.inputs {
        let id = |part: &str| state.id(&ui::question(&input.id, part));
        let (control_id, error_id, help_id) = (id(""), id("-error"), id("-help"));
        let answer = draft.answers.get(&input.id);
        let label = if input.required {
            format!("{} *", input.label)
        } else {
            input.label.clone()
        };
        let described = format!("{help_id} {error_id}");
        let field = FieldRef::Answer(input.id.to_string());
        let question = match &input.kind {
            // Yes, No, or neither: not answered is not "no".
            InputKind::Bool => {
                let radio = |value: bool, text: &str, radio_id: &str| {
                    El::new("label")
                        .class("hg-choice")
                        .child(
                            El::new("input")
                                .attr("type", "radio")
                                .attr("name", &control_id)
                                .attr("value", if value { "true" } else { "false" })
                                .flag("checked", answer == Some(&Answer::Bool(value)))
                                .id(radio_id)
                                .field(&field),
                        )
                        .text(text)
                };
                El::new("fieldset")
                    .class("hg-yesno")
                    .id(&control_id)
                    .attr("aria-describedby", &described)
                    .attr("tabindex", "-1")
                    .child(El::new("legend").text(&label))
                    .child(radio(true, "Yes", &id("-yes")))
                    .child(radio(false, "No", &id("-no")))
            }
            kind => El::new("div")
                .class("hg-field")
                .child(El::new("label").attr("for", &control_id).text(&label))
                .child(
                    control(kind, answer)
                        .id(&control_id)
                        .field(&field)
                        .attr("aria-describedby", &described)
                        .attr(
                            "aria-required",
                            if input.required { "true" } else { "false" },
                        ),
                ),
        };
        let error = assessment.errors.iter().find(|e| *e.field == *input.id);
        let row = El::new("div")
            .class("hg-q")
            .id(&id("-row"))
            .flag("hidden", assessment.hidden.iter().any(|h| **h == *input.id))
            .child(question)
            .child(El::new("p").class("hg-help").id(&help_id).text(&input.help))
            .child(
                El::new("p")
                    .class(
                        if error.is_some_and(|e| e.kind == FieldErrorKind::Missing) {
                            "hg-hint"
                        } else {
                            "hg-error"
                        },
                    )
                    .id(&error_id)
                    .text(
                        &error
                            .map(|e| error_text(e.kind, &e.message))
                            .unwrap_or_default(),
                    ),
            );
        form = form.child(row);
    }
    let typed = state.typed_start.as_ref();
    let why = typed.and_then(|t| t.why.as_deref());
    let value = typed.map_or_else(
        || typed_time_form(incident_start(wizard)),
        |t| t.text.clone(),
    );
    let (help_id, error_id) = (
        state.id("incident-start-help"),
        state.id("incident-start-error"),
    );
    form.child(
        El::new("div")
            .class("hg-field")
            .child(
                El::new("label")
                    .attr("for", &state.id("incident-start"))
                    .text("When did the incident start?"),
            )
            .child(
                // One text field in the format of every time the wizard
                // asks for (a date-time control is seven Tab stops).
                El::new("input")
                    .attr("type", "text")
                    .attr("autocomplete", "off")
                    .attr("value", &value)
                    .attr("aria-describedby", &format!("{help_id} {error_id}"))
                    .attr("aria-invalid", if why.is_some() { "true" } else { "false" })
                    .field(&FieldRef::IncidentStart)
                    .id(&state.id("incident-start")),
            )
            .child(
                El::new("p")
                    .class("hg-help")
                    .id(&help_id)
                    .text(&start_help(wizard)),
            )
            .child(
                El::new("p")
                    .class("hg-error")
                    .id(&error_id)
                    .attr("aria-live", "polite")
                    .text(why.unwrap_or_default()),
            ),
    )
}

/// When the incident started, as the wizard counts it.
fn incident_start(wizard: &Wizard) -> i64 {
    let draft = wizard.draft();
    draft.incident_start.unwrap_or(draft.created_at)
}

/// The incident start's help: the format, the zone, and how the stored
/// time reads, with that day's zone ("CEST" in summer, "CET" in winter).
fn start_help(wizard: &Wizard) -> String {
    format!(
        "Year-month-day hours:minutes, local time ({}): read as {}. Deadlines count from here; empty, from when this draft was created.",
        zone(),
        local_time(incident_start(wizard))
    )
}

/// The control of a question that is not yes/no, showing `answer`.
fn control(kind: &InputKind, answer: Option<&Answer>) -> El {
    match kind {
        // Yes/no questions are radio groups (see `view`).
        InputKind::Bool => El::new("span"),
        InputKind::Int { min, max } => {
            let mut e = El::new("input")
                .attr("type", "number")
                .attr("inputmode", "numeric")
                .attr("step", "1");
            if *min != i64::MIN {
                e = e.attr("min", &min.to_string());
            }
            if *max != i64::MAX {
                e = e.attr("max", &max.to_string());
            }
            let value = match answer {
                Some(Answer::Int(i)) => i.to_string(),
                Some(Answer::Text(t)) => t.clone(),
                _ => String::new(),
            };
            e.attr("value", &value)
        }
        InputKind::Choice { options } => {
            let chosen = match answer {
                Some(Answer::Text(t)) => t.as_str(),
                _ => "",
            };
            let mut select =
                El::new("select").child(El::new("option").attr("value", "").text("— choose —"));
            for option in options {
                select = select.child(
                    El::new("option")
                        .attr("value", &option.value)
                        .flag("selected", option.value == chosen)
                        .text(&option.label),
                );
            }
            select
        }
        InputKind::Text {
            multiline,
            max_length,
        } => {
            let value = match answer {
                Some(Answer::Text(t)) => t.as_str(),
                _ => "",
            };
            if *multiline {
                El::new("textarea").attr("rows", "3").text(value)
            } else {
                El::new("input")
                    .attr("type", "text")
                    .attr("value", value)
                    .attr("maxlength", &max_length.to_string())
            }
        }
    }
}

/// Refreshes question visibility and inline errors on the Incident step.
pub fn update_fields(state: &PageState, wizard: &Wizard) {
    if wizard.draft().step != Step::Incident {
        return;
    }
    let assessment = wizard.assessment();
    for input in &state.policy.inputs {
        let id = |part: &str| state.id(&ui::question(&input.id, part));
        if let Some(row) = by_id(&id("-row")) {
            let hidden = assessment.hidden.iter().any(|h| **h == *input.id);
            if hidden {
                let _ = row.set_attribute("hidden", "");
            } else {
                let _ = row.remove_attribute("hidden");
            }
        }
        if let Some(slot) = by_id(&id("-error")) {
            let error = assessment.errors.iter().find(|e| *e.field == *input.id);
            slot.set_text_content(error.map(|e| error_text(e.kind, &e.message)).as_deref());
            let _ = slot.set_attribute(
                "class",
                if error.is_some_and(|e| e.kind == FieldErrorKind::Missing) {
                    "hg-hint"
                } else {
                    "hg-error"
                },
            );
        }
    }
}

/// Refreshes what the incident's start was read as, or why it was not
/// taken: only when it was typed, not at every keystroke elsewhere.
pub fn update_start(state: &PageState, wizard: &Wizard) {
    if let Some(help) = by_id(&state.id("incident-start-help")) {
        help.set_text_content(Some(&start_help(wizard)));
    }
    let why = state.typed_start.as_ref().and_then(|t| t.why.as_deref());
    if let Some(slot) = by_id(&state.id("incident-start-error")) {
        slot.set_text_content(why);
    }
    if let Some(input) = by_id(&state.id("incident-start")) {
        let _ = input.set_attribute("aria-invalid", if why.is_some() { "true" } else { "false" });
    }
}
