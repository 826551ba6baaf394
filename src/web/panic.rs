//! Last-resort recovery. A panic in wasm stops the module for the whole
//! page, so the hook replaces every mounted wizard with a plain-DOM view
//! that needs no wasm: what happened, a download of every stored draft
//! plus the open draft as of its last change, and a reload link.

use std::cell::RefCell;
use std::sync::Once;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, Element, Url};

use super::dom::El;

thread_local! {
    /// Mounted roots and the storage prefix of their drafts.
    static ROOTS: RefCell<Vec<(Element, String)>> = const { RefCell::new(Vec::new()) };
    /// The open draft's JSON at its last change (it may not be saved yet).
    static SNAPSHOT: RefCell<Option<String>> = const { RefCell::new(None) };
}

pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|info| recover(&info.to_string()))));
}

pub fn register(root: &Element, prefix: &str) {
    ROOTS.with(|r| {
        if let Ok(mut roots) = r.try_borrow_mut() {
            roots.push((root.clone(), prefix.to_string()));
        }
    });
}

pub fn unregister(root: &Element) {
    ROOTS.with(|r| {
        if let Ok(mut roots) = r.try_borrow_mut() {
            roots.retain(|(e, _)| !js_sys::Object::is(e, root));
        }
    });
}

pub fn snapshot(json: String) {
    SNAPSHOT.with(|s| {
        if let Ok(mut slot) = s.try_borrow_mut() {
            *slot = Some(json);
        }
    });
}

/// Every stored draft under `prefix`, raw, as a JSON array of strings.
fn stored_drafts(prefix: &str) -> Vec<String> {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Vec::new();
    };
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .filter_map(|key| storage.get_item(&key).ok().flatten())
        .collect()
}

fn recover(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!(
        "hotgate: internal error: {message}"
    )));
    let snapshot = SNAPSHOT.with(|s| s.try_borrow().ok().and_then(|s| s.clone()));
    let roots = ROOTS.with(|r| r.try_borrow().map(|r| r.clone()).unwrap_or_default());
    for (root, prefix) in roots {
        let mut drafts: Vec<String> = stored_drafts(&prefix);
        if let Some(open) = &snapshot {
            drafts.push(open.clone());
        }
        // A JSON array of the drafts' own JSON texts, kept verbatim.
        let body = format!(
            "{{\"hotgate_recovery\": 1, \"drafts\": [{}]}}",
            crate::text::join(&drafts, ",")
        );
        let link = recovery_link(&body);
        let view = El::new("div").class("hg").child(
            El::new("div")
                .class("hg-main")
                .class("hg-crash")
                .attr("role", "alert")
                .child(El::new("h1").text("Hotgate stopped working"))
                .child(El::new("p").text(
                    "An internal error stopped the wizard on this page. Your drafts are saved in this browser; \
                     the download below also holds your latest changes.",
                ))
                .maybe(link)
                .text(" ")
                .child(El::new("a").attr("href", "").text("Reload the page"))
                .child(
                    El::new("details")
                        .child(El::new("summary").text("Technical details"))
                        .child(El::new("pre").text(message)),
                ),
        );
        root.set_text_content(None);
        let _ = root.append_child(&view.0);
    }
}

fn recovery_link(body: &str) -> Option<El> {
    let parts = Array::of1(&JsValue::from_str(body));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    Some(
        El::new("a")
            .class("hg-primary")
            .attr("href", &url)
            .attr("download", "hotgate-recovery.json")
            .text("Download your drafts"),
    )
}

/// Fault injection for the recovery test: panics on purpose.
#[wasm_bindgen(js_name = _panicForRecoveryTest)]
#[allow(clippy::panic)]
pub fn panic_for_recovery_test() {
    panic!("a panic requested by the recovery test");
}
