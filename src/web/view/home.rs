//! The home view: saved drafts, *New hotfix*, *Import*, and entries that
//! could not be read (kept, exportable).

use super::super::app::App;
use super::super::browser::local_time;
use super::super::dom::El;
use crate::api::assess;
use crate::incident::Answer;
use crate::wizard::idmap::IdMap;
use crate::wizard::record::verdict_text;
use crate::wizard::store::{Listed, Listing};
use crate::wizard::{Draft, status_of};

pub fn view(app: &App, listing: &Listing) -> El {
    let actions = El::new("div")
        .class("hg-actions")
        .child(El::button("New hotfix", "new").class("hg-primary"))
        .child(El::button("Import a draft…", "import").class("hg-secondary"))
        .child(
            El::new("input")
                .attr("type", "file")
                .attr("accept", ".json,application/json")
                .attr("data-field", "import-file")
                .attr("aria-label", "Draft file to import")
                .attr("hidden", "")
                .id(&app.id("import-file")),
        );
    let mut section = El::new("section")
        .class("hg-home")
        .attr("aria-labelledby", &app.id("heading"))
        .child(
            El::new("h1")
                .id(&app.id("heading"))
                .attr("tabindex", "-1")
                .text("Hotfix drafts"),
        )
        .child(actions);

    if listing.drafts.is_empty() {
        section = section.child(El::new("p").class("hg-empty").text(
            "No drafts yet. Start one with New hotfix; it is saved in this browser as you work.",
        ));
    } else {
        let mut list = El::new("ul")
            .class("hg-drafts")
            .attr("aria-label", "Saved drafts");
        // Rows of drafts unchanged since the last listing reuse their line
        // of facts (an evaluation and a date format each); the rest are
        // computed, and drafts no longer listed are forgotten.
        let mut previous = app.row_facts.take();
        let mut current = IdMap::new();
        for Listed { draft, raw } in &listing.drafts {
            let facts = match previous.remove(&draft.id) {
                Some((seen, facts)) if seen == *raw => facts,
                _ => facts_line(app, draft),
            };
            list = list.child(draft_row(app, draft, &facts));
            current.insert(draft.id.clone(), (raw.clone(), facts));
        }
        app.row_facts.replace(current);
        section = section.child(list);
    }

    if !listing.unreadable.is_empty() {
        let mut list = El::new("ul").class("hg-drafts");
        for entry in &listing.unreadable {
            let confirming = app.pending_delete.as_deref() == Some(entry.key.as_str());
            let mut row = El::new("li")
                .class("hg-draft")
                .class("hg-unreadable")
                .child(El::new("p").class("hg-draft-title").text(&entry.key))
                .child(El::new("p").class("hg-warn").text(&entry.error.message()));
            row = row.child(if confirming {
                confirm(app, "Remove this entry? Export it first if it matters.")
            } else {
                El::new("div")
                    .class("hg-row-actions")
                    .child(El::button(
                        "Export raw text",
                        &format!("export-raw:{}", entry.key),
                    ))
                    .child(
                        El::button("Remove", &format!("delete:{}", entry.key)).class("hg-danger"),
                    )
            });
            list = list.child(row);
        }
        section = section
            .child(El::new("h2").text("Entries that could not be read"))
            .child(El::new("p").class("hg-help").text(
                "They are kept as they are. Export the raw text to recover them, or remove them.",
            ))
            .child(list);
    }
    El::new("main").class("hg-main").child(section)
}

/// Severity, verdict, progress and when it was saved, in one line.
fn facts_line(app: &App, draft: &Draft) -> String {
    // One evaluation per row: what the wizard would show for the draft.
    let decision = assess(&app.policy, &draft.answers);
    let (done, total) = status_of(&app.policy, draft, &decision).progress();
    let severity = match draft.answers.get("severity") {
        Some(Answer::Text(s)) => s.clone(),
        _ => "—".into(),
    };
    let verdict = if decision.errors.is_empty() {
        verdict_text(decision.decision.verdict)
    } else {
        "Incomplete"
    };
    format!(
        "Severity {severity} · {verdict} · {done} of {total} steps · saved {}",
        local_time(draft.updated_at)
    )
}

fn draft_row(app: &App, draft: &Draft, facts: &str) -> El {
    let confirming = app.pending_delete.as_deref() == Some(draft.id.as_str());
    // One line of facts: a row is built for every draft, so it stays small.
    let facts = El::new("p").class("hg-facts-line").text(facts);
    let mut row = El::new("li")
        .class("hg-draft")
        .attr("data-draft", &draft.id)
        .child(El::new("p").class("hg-draft-title").text(draft.title()))
        .child(facts);
    if draft.policy.hash != app.policy.hash {
        row = row.child(El::new("p").class("hg-help").text(&format!(
            "Made under policy {} {}; opening it re-evaluates it under the policy in force.",
            draft.policy.id, draft.policy.version
        )));
    }
    row.child(if confirming {
        confirm(
            app,
            &format!("Delete “{}”? This cannot be undone.", draft.title()),
        )
    } else {
        El::new("div")
            .class("hg-row-actions")
            .child(El::button("Resume", &format!("resume:{}", draft.id)).class("hg-primary"))
            .child(
                El::button("Duplicate", &format!("duplicate:{}", draft.id)).class("hg-secondary"),
            )
            .child(El::button("Export", &format!("export:{}", draft.id)).class("hg-secondary"))
            .child(El::button("Delete", &format!("delete:{}", draft.id)).class("hg-danger"))
    })
}

fn confirm(app: &App, question: &str) -> El {
    El::new("div")
        .class("hg-confirm")
        .attr("role", "alertdialog")
        .attr("aria-label", "Confirm")
        .child(El::new("p").text(question))
        .child(
            El::button("Yes, delete", "confirm-delete")
                .class("hg-danger")
                .id(&app.id("confirm-delete")),
        )
        .child(El::button("Cancel", "cancel-delete").class("hg-secondary"))
}
