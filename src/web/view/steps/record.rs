//! The Record step: the hotfix record, to export and print.

use super::super::super::dom::El;
use super::super::super::ui::Act;
use crate::wizard::Wizard;
use crate::wizard::record::markdown;

pub fn view(wizard: &Wizard) -> El {
    El::new("div")
        .class("hg-form")
        .child(
            El::new("div")
                .class("hg-actions")
                .child(El::button("Export Markdown", &Act::ExportMarkdown).class("hg-primary"))
                .child(El::button("Export JSON", &Act::ExportJson).class("hg-secondary"))
                .child(El::button("Print", &Act::Print).class("hg-secondary"))
                .child(El::button("Export draft", &Act::ExportCurrent).class("hg-secondary")),
        )
        .child(
            El::new("pre")
                .class("hg-record")
                .attr("tabindex", "0")
                .attr("aria-label", "Hotfix record")
                .text(&markdown(wizard)),
        )
}
