//! Last-resort recovery. A panic in wasm stops the module for the whole
//! page, so the view the user then sees is built by `browser.js`, plain
//! JavaScript that needs no wasm: what happened, a download of every stored
//! draft plus the open draft as of its last change, and a reload link.
//! This module tells it what is mounted and what the open draft holds, and
//! installs the panic hook that calls it.

use std::sync::Once;

use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(module = "/src/web/browser.js")]
extern "C" {
    fn hotgate_register(root: &Element, prefix: &str);
    fn hotgate_unregister(root: &Element);
    fn hotgate_snapshot(json: &str);
    fn hotgate_recover(message: &str);
}

pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|info| hotgate_recover(&info.to_string()))));
}

/// A mounted wizard's root, and the storage prefix of its drafts.
pub fn register(root: &Element, prefix: &str) {
    hotgate_register(root, prefix);
}

pub fn unregister(root: &Element) {
    hotgate_unregister(root);
}

/// The open draft's JSON at its last change (it may not be saved yet).
pub fn snapshot(json: &str) {
    hotgate_snapshot(json);
}

/// Fault injection for the recovery test: panics on purpose.
#[wasm_bindgen(js_name = _panicForRecoveryTest)]
#[allow(clippy::panic)]
pub fn panic_for_recovery_test() {
    panic!("a panic requested by the recovery test");
}
