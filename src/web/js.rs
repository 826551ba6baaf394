//! Rust values into plain JS values, for every answer the JS API gives.

use serde::Serialize;
use wasm_bindgen::JsValue;

/// Plain JS objects out: objects, not `Map`s; `null`, not `undefined`.
///
/// The value goes through a [`crate::json`] tree, so serde-wasm-bindgen
/// is compiled once, for the tree, instead of once per result type: the
/// per-type code is the tree serializer's, a fraction of the size.
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    crate::json::to_tree(value)
        .map_err(|e| e.to_string())
        .and_then(|tree| tree.serialize(&serializer).map_err(|e| e.to_string()))
        .unwrap_or_else(|e| JsValue::from_str(&format!("hotgate: could not convert a result: {e}")))
}
