//! JSON text through the page's own `JSON` object and serde-wasm-bindgen:
//! the browser's parser is native code, and no JSON library is compiled
//! into the bundle. The checks on what is read are the engine's
//! ([`draft::check_schema`], [`draft::checked`]).

use js_sys::JSON;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::browser::describe;
use crate::wizard::Wizard;
use crate::wizard::draft::{self, Draft, DraftError, DraftJson, Version};
use crate::wizard::record::RecordJson;

/// Drafts as JSON text, for `localStorage`, export and import.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserJson;

impl DraftJson for BrowserJson {
    fn to_json(&self, draft: &Draft) -> String {
        text(draft, None)
    }

    fn parse(&self, text: &str) -> Result<Draft, DraftError> {
        let malformed = |e: serde_wasm_bindgen::Error| DraftError::Malformed(e.to_string());
        let value = JSON::parse(text).map_err(|e| DraftError::Malformed(describe(e)))?;
        // `null`, numbers and arrays are not drafts (and would read as
        // defaults or fail less clearly).
        if !value.is_object() || js_sys::Array::is_array(&value) {
            return Err(DraftError::Malformed("it is not a JSON object".into()));
        }
        // The version alone, read directly: a serde pass would visit every key.
        let schema = js_sys::Reflect::get(&value, &"schema".into())
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|s| s.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(s));
        let Some(schema) = schema else {
            return Err(DraftError::Malformed(
                "it has no format version (a whole number `schema`)".into(),
            ));
        };
        draft::check_schema(Version {
            schema: schema as u32,
        })?;
        draft::checked(serde_wasm_bindgen::from_value(value).map_err(malformed)?)
    }
}

/// The hotfix record as indented JSON text.
pub fn record(wizard: &Wizard) -> String {
    text(&RecordJson::of(wizard), Some(2))
}

fn text<T: Serialize>(value: &T, indent: Option<u32>) -> String {
    let value = super::to_js(value);
    let text = match indent {
        Some(n) => JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &n.into()),
        None => JSON::stringify(&value),
    };
    text.ok().and_then(|t| t.as_string()).unwrap_or_default()
}
