//! The home view: saved drafts, *New hotfix*, *Import*, and entries that
//! could not be read (kept, exportable).

use super::super::browser::local_time;
use super::super::dom::El;
use super::super::state::PageState;
use super::super::ui::{Act, FieldRef};
use crate::decision::assess;
use crate::incident::Answer;
use crate::policy::Policy;
use crate::wizard::route::Route;
use crate::wizard::store::{Listed, Listing};
use crate::wizard::upgrade::upgrade;
use crate::wizard::words::verdict_text;
use crate::wizard::{Basis, Draft, SCHEMA_VERSION, status_of};

pub fn view(state: &PageState, listing: &Listing) -> El {
    let actions = El::new("div")
        .class("hg-actions")
        .child(El::button("New hotfix", &Act::New).class("hg-primary"))
        .child(El::button("Import a draft…", &Act::Import).class("hg-secondary"))
        .child(
            El::new("input")
                .attr("type", "file")
                .attr("accept", ".json,application/json")
                .field(&FieldRef::ImportFile)
                .attr("aria-label", "Draft file to import")
                .attr("hidden", "")
                .id(&state.id("import-file")),
        );
    let mut section = El::new("section")
        .class("hg-home")
        .attr(
            "aria-labelledby",
            // With the policy: two wizards on one page name their views apart.
            &format!("{} {}", state.id("heading"), state.id("policy")),
        )
        .child(
            El::new("h1")
                .id(&state.id("heading"))
                .attr("tabindex", "-1")
                .text("Hotfix drafts"),
        )
        .child(actions);
    if let Some(draft) = &state.pending_import {
        let title = draft.title(&state.policy);
        section = section.child(
            El::new("div")
                .class("hg-confirm")
                .attr("role", "alertdialog")
                .attr("aria-label", "Import")
                .child(El::new("p").text(&format!(
                    "“{title}” is already here, as a different version. Replace the one here with the imported one, or keep both?"
                )))
                .child(
                    El::button("Replace it", &Act::ImportReplace)
                        .class("hg-danger")
                        .id(&state.id("import-replace")),
                )
                .child(El::button("Keep both", &Act::ImportKeepBoth).class("hg-primary"))
                .child(El::button("Cancel", &Act::ImportCancel).class("hg-secondary")),
        );
    }

    if listing.drafts.is_empty() {
        section = section.child(El::new("p").class("hg-empty").text(
            "No drafts yet. Start one with New hotfix; it is saved in this browser as you work.",
        ));
    } else {
        let mut list = El::new("ul")
            .class("hg-drafts")
            .attr("aria-label", "Saved drafts");
        // Each row's line of facts was made before rendering
        // (`PageState::refresh_rows`).
        for Listed { draft, .. } in &listing.drafts {
            let facts = state
                .rows
                .get(&draft.id)
                .map_or("", |(_, facts)| facts.as_str());
            list = list.child(draft_row(state, draft, facts));
        }
        section = section.child(list);
    }

    if !listing.unreadable.is_empty() {
        let mut list = El::new("ul").class("hg-drafts");
        for entry in &listing.unreadable {
            let confirming = state.pending_delete.as_deref() == Some(entry.key.as_str());
            let mut row = El::new("li")
                .class("hg-draft")
                .class("hg-unreadable")
                .child(El::new("p").class("hg-draft-title").text(&entry.key))
                .child(El::new("p").class("hg-warn").text(&entry.error.message()));
            row = row.child(if confirming {
                confirm(state, "Remove this entry? Export it first if it matters.")
            } else {
                El::new("div")
                    .class("hg-row-actions")
                    .child(El::button(
                        "Export raw text",
                        &Act::ExportRaw(entry.key.clone()),
                    ))
                    .child(El::button("Remove", &Act::Delete(entry.key.clone())).class("hg-danger"))
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
    El::new("div").class("hg-main").child(section)
}

/// Severity, verdict, progress and when it was saved, in one line.
pub fn facts_line(policy: &Policy, draft: &Draft) -> String {
    // One evaluation per row: what the wizard would show for the draft.
    let decision = assess(policy, &draft.answers);
    let basis = Basis::of(policy, &decision.facts, &decision.decision);
    // A draft of an earlier format is listed as it will open.
    let upgraded;
    let draft = if draft.schema < SCHEMA_VERSION {
        let mut copy = draft.clone();
        upgrade(policy, &mut copy, &decision, &basis, draft.updated_at);
        upgraded = copy;
        &upgraded
    } else {
        draft
    };
    let status = status_of(policy, draft, &decision, &basis);
    let (done, total) = status.progress();
    let severity = match policy.severity_id().and_then(|id| draft.answers.get(id)) {
        Some(Answer::Text(s)) => s.clone(),
        _ => "—".into(),
    };
    let verdict = if crate::wizard::verdict_stands(policy, &decision) {
        verdict_text(decision.decision.verdict)
    } else {
        "Incomplete"
    };
    format!(
        "Severity {severity} · {verdict} · {} · {done} of {total} steps · saved {}",
        status.stage_text(&local_time),
        local_time(draft.updated_at)
    )
}

fn draft_row(state: &PageState, draft: &Draft, facts: &str) -> El {
    let confirming = state.pending_delete.as_deref() == Some(draft.id.as_str());
    // One line of facts: a row is built for every draft, so it stays small.
    let facts = El::new("p").class("hg-facts-line").text(facts);
    let mut row = El::new("li")
        .class("hg-draft")
        .attr("data-draft", &draft.id)
        .child(
            El::new("p")
                .class("hg-draft-title")
                .text(draft.title(&state.policy)),
        )
        .child(facts);
    if draft.policy.hash != state.policy.hash {
        row = row.child(El::new("p").class("hg-help").text(&format!(
            "Made under policy {} {}; opening it re-evaluates it under the policy in force.",
            draft.policy.id, draft.policy.version
        )));
    }
    row.child(if confirming {
        confirm(
            state,
            &format!(
                "Delete “{}”? This cannot be undone.",
                draft.title(&state.policy)
            ),
        )
    } else {
        El::new("div")
            .class("hg-row-actions")
            .child(if state.urls {
                // A link: it opens in a new tab too (the two-tab rule holds there).
                let route = Route::Draft {
                    id: draft.id.clone(),
                    step: None,
                };
                El::new("a")
                    .attr("href", &route.hash())
                    .class("hg-primary")
                    .text("Resume")
            } else {
                El::button("Resume", &Act::Resume(draft.id.clone())).class("hg-primary")
            })
            .child(El::button("Duplicate", &Act::Duplicate(draft.id.clone())).class("hg-secondary"))
            .child(El::button("Export", &Act::Export(draft.id.clone())).class("hg-secondary"))
            .child(El::button("Delete", &Act::Delete(draft.id.clone())).class("hg-danger"))
    })
}

fn confirm(state: &PageState, question: &str) -> El {
    El::new("div")
        .class("hg-confirm")
        .attr("role", "alertdialog")
        .attr("aria-label", "Confirm")
        .child(El::new("p").text(question))
        .child(
            El::button("Yes, delete", &Act::ConfirmDelete)
                .class("hg-danger")
                .id(&state.id("confirm-delete")),
        )
        .child(El::button("Cancel", &Act::CancelDelete).class("hg-secondary"))
}
