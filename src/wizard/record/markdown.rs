//! The record's [`Document`] as Markdown (CommonMark with GitHub's tables
//! and task lists), for the export a team pastes into its tracker.

use std::fmt::Write as _;

use super::{Block, Document, Wizard, document, line};

/// The record of `wizard`'s draft as Markdown.
pub fn markdown(wizard: &Wizard) -> String {
    render(&document(wizard))
}

fn render(doc: &Document) -> String {
    // Writing to a `String` cannot fail: the `fmt::Result`s are dropped.
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", doc.title);
    for (label, value) in &doc.about {
        // Two trailing spaces: a line break, one field per line.
        let _ = writeln!(md, "{label}: {value}  ");
    }
    for section in &doc.sections {
        let _ = writeln!(md, "\n## {}", section.heading);
        for block in &section.blocks {
            md.push('\n');
            block_to(&mut md, block);
        }
    }
    md
}

fn block_to(md: &mut String, block: &Block) {
    match block {
        Block::Lead(lead, rest) => {
            let _ = writeln!(md, "**{lead}** {rest}");
        }
        Block::Fields(fields) => {
            for (label, value) in fields {
                let _ = writeln!(md, "- {label}: {value}");
            }
        }
        Block::Text { label, text } => {
            let _ = writeln!(md, "### {label}\n\n{text}");
        }
        Block::Table(table) => {
            row(md, table.head.iter().map(|c| c.name));
            row(md, table.head.iter().map(|_| "---"));
            for cells in &table.rows {
                row(md, cells.iter().map(String::as_str));
            }
        }
        Block::List { label, items } => {
            let _ = writeln!(md, "{label}:\n");
            for item in items {
                let _ = writeln!(md, "- {}", line(item));
            }
        }
        Block::Checklist(items) => {
            for (done, item) in items {
                let _ = writeln!(md, "- [{}] {item}", if *done { "x" } else { " " });
            }
        }
        Block::Message {
            label,
            details,
            text,
            edited,
        } => {
            let _ = writeln!(
                md,
                "### {label}\n\n{details}\n\n> {}{}",
                line(text),
                if *edited { " (edited)" } else { "" }
            );
        }
    }
}

/// One table row; a `|` in a cell is escaped, so user text cannot add a
/// column.
fn row<'a>(md: &mut String, cells: impl Iterator<Item = &'a str>) {
    md.push('|');
    for cell in cells {
        let _ = write!(md, " {} |", line(cell).replace('|', "\\|"));
    }
    md.push('\n');
}
