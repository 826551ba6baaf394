//! The Record step: the hotfix record laid out as a document (headings,
//! tables, no Markdown), the same on screen and on paper, with its
//! exports and a Print button.

use super::super::super::dom::El;
use super::super::super::ui::Act;
use crate::wizard::Wizard;
use crate::wizard::record::{Block, Document, Table, document};

pub fn view(wizard: &Wizard) -> El {
    El::new("div")
        .class("hg-form")
        .child(
            El::new("div")
                .class("hg-actions")
                .child(El::button("Print", &Act::Print).class("hg-primary"))
                .child(El::button("Export Markdown", &Act::ExportMarkdown).class("hg-secondary"))
                .child(El::button("Export JSON", &Act::ExportJson).class("hg-secondary"))
                .child(El::button("Export draft", &Act::ExportCurrent).class("hg-secondary")),
        )
        .child(laid_out(&document(wizard)))
}

/// The record as an article: its title an `h1` (printed, it is the
/// document's; on screen it follows the step's), sections `h2`.
pub fn laid_out(doc: &Document) -> El {
    let mut article = El::new("article")
        .class("hg-record")
        .child(El::new("h1").text(&doc.title))
        .child(fields(&doc.about));
    for section in &doc.sections {
        article = article.child(
            El::new("section")
                .child(El::new("h2").text(section.heading))
                .children(section.blocks.iter().map(block)),
        );
    }
    article
}

fn block(block: &Block) -> El {
    match block {
        Block::Lead(lead, rest) => El::new("p")
            .class("hg-record-lead")
            .child(El::new("strong").text(lead))
            .text(" ")
            .text(rest),
        Block::Fields(list) => fields(list),
        Block::Text { label, text } => El::new("div")
            .child(El::new("h3").text(label))
            .child(El::new("p").class("hg-record-text").text(text)),
        Block::Table(t) => table(t),
        Block::List { label, items } => El::new("div")
            .child(El::new("h3").text(label))
            .child(El::new("ul").children(items.iter().map(|i| El::new("li").text(i)))),
        Block::Checklist(items) => {
            El::new("ul")
                .class("hg-record-checks")
                .children(items.iter().map(|(done, item)| {
                    El::new("li")
                        .attr("data-done", if *done { "true" } else { "false" })
                        .child(
                            El::new("span")
                                .class("hg-mark")
                                .attr("aria-hidden", "true")
                                .text(if *done { "☑" } else { "☐" }),
                        )
                        .child(El::new("span").class("hg-sr").text(if *done {
                            "Done: "
                        } else {
                            "Not done: "
                        }))
                        .text(item)
                }))
        }
        Block::Message {
            label,
            details,
            text,
            edited,
        } => El::new("div")
            .class("hg-record-message")
            .child(El::new("h3").text(label))
            .child(El::new("p").text(details))
            .child(El::new("blockquote").class("hg-record-text").text(text))
            .maybe(edited.then(|| {
                El::new("p")
                    .class("hg-record-note")
                    .text("Edited before sending.")
            })),
    }
}

/// Labelled values: a table of two columns, a row header each.
fn fields(list: &[(String, String)]) -> El {
    El::new("table")
        .class("hg-record-fields")
        .child(El::new("tbody").children(list.iter().map(|(label, value)| {
            El::new("tr")
                .child(El::new("th").attr("scope", "row").text(label))
                .child(El::new("td").text(value))
        })))
}

fn table(t: &Table) -> El {
    El::new("table")
        .class("hg-record-table")
        .child(
            El::new("thead").child(
                El::new("tr").children(
                    t.head
                        .iter()
                        .map(|c| El::new("th").attr("scope", "col").text(c.name)),
                ),
            ),
        )
        .child(El::new("tbody").children(t.rows.iter().map(|cells| {
            El::new("tr").children(cells.iter().zip(t.head).map(|(cell, column)| {
                // The column's name, for the phone layout, where each row is a card.
                let td = El::new("td").attr("data-label", column.name).text(cell);
                if column.short {
                    td.class("hg-short")
                } else {
                    td
                }
            }))
        })))
}
