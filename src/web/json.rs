//! JSON text written through the page's own `JSON.stringify` and
//! serde-wasm-bindgen, so no JSON writer is compiled into the bundle.
//! Reading is the engine's (`wizard::read::parse`).

use js_sys::JSON;
use serde::Serialize;
use wasm_bindgen::JsValue;

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
    let value = super::js::to_js(value);
    let text = match indent {
        Some(n) => JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &n.into()),
        None => JSON::stringify(&value),
    };
    text.ok().and_then(|t| t.as_string()).unwrap_or_default()
}
