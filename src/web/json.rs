//! JSON text written through the page's own `JSON.stringify` (from a
//! [`super::tape`]), so no JSON writer is compiled into the bundle.
//! Reading is the engine's ([`draft::parse`]).

use serde::Serialize;

use crate::wizard::Wizard;
use crate::wizard::draft::{Draft, DraftJson};
use crate::wizard::record::RecordJson;

/// Drafts as JSON text, for `localStorage`, export and import.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserJson;

impl DraftJson for BrowserJson {
    fn to_json(&self, draft: &Draft) -> String {
        text(draft, None)
    }
}

/// The hotfix record as indented JSON text.
pub fn record(wizard: &Wizard) -> String {
    text(&RecordJson::of(wizard), Some(2))
}

fn text<T: Serialize>(value: &T, indent: Option<u32>) -> String {
    super::tape::to_json(value, indent.unwrap_or(0))
}
