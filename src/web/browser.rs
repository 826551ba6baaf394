//! The few browser services the page needs: the clock, ids, timers,
//! downloads, the clipboard, reading a chosen file. Each returns plain Rust
//! values; failures are reported, never thrown.

use js_sys::Date;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::wizard::time;

// Services that are JavaScript APIs anyway are written in JavaScript
// (`browser.js`): one call each instead of one per JS method, and no glue
// for them in the bundle.
#[wasm_bindgen(module = "/src/web/browser.js")]
extern "C" {
    fn hotgate_new_id() -> String;
    fn hotgate_local_time(ms: f64) -> String;
    fn hotgate_datetime_local(ms: f64) -> String;
    fn hotgate_local_instant(wall: f64) -> Option<f64>;
    fn hotgate_zone() -> String;
    fn hotgate_download(name: &str, mime: &str, text: &str) -> Option<String>;
    fn hotgate_copy(text: &str, status_id: &str, copied: &str, failed: &str);
    fn hotgate_choose_file(input: &web_sys::Element);
    fn hotgate_read_file(input: &web_sys::Element);
}

pub fn now() -> i64 {
    Date::now() as i64
}

/// A draft id: `d`, the time and a random number below 36^6, in base 36:
/// unique enough for one person's drafts and safe in storage keys.
pub fn new_id() -> String {
    hotgate_new_id()
}

/// Local date and time for people: `22 Nov 2026, 04:07` in their locale.
pub fn local_time(ms: i64) -> String {
    hotgate_local_time(ms as f64)
}

/// A time typed as `2026-11-22 14:02`, local time (UTC with ` UTC` or
/// `Z` after it): `Ok(None)` when left empty (meaning now), `Err` with a
/// message when it is not a time, or not one the local clocks show.
pub fn typed_time(value: &str) -> Result<Option<i64>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let Some(wall) = time::parse_utc(value) else {
        return Err(format!(
            "write the time as year-month-day hours:minutes, e.g. {}",
            typed_time_form(now())
        ));
    };
    if value.ends_with(" UTC") || value.ends_with('Z') {
        return Ok(Some(wall));
    }
    hotgate_local_instant(wall as f64)
        .map(|ms| Some(ms as i64))
        .ok_or_else(|| {
            format!(
                "{value} does not exist in {} (the clocks went forward then)",
                zone()
            )
        })
}

/// An instant as a time field shows it: `2026-11-22 14:02`, local time.
pub fn typed_time_form(ms: i64) -> String {
    hotgate_datetime_local(ms as f64).replacen('T', " ", 1)
}

/// The local time zone by name, `Europe/Berlin` (today's offset,
/// `UTC+01:00`, where the browser has no name for it).
pub fn zone() -> String {
    hotgate_zone()
}

/// The page's URL fragment, with its `#` ("" without one).
pub fn url_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Sets the URL fragment to `hash`: a new history entry, or, if `replace`,
/// in place of the current one.
pub fn set_url_hash(hash: &str, replace: bool) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    let _ = if replace {
        location.replace(hash)
    } else {
        location.set_hash(hash)
    };
}

/// Runs `f` once after `ms`; returns the timer id for [`clear_timeout`].
///
/// The callbacks here are boxed: wasm-bindgen's glue for a one-shot
/// closure is compiled once per closure type, about 0.5 KB each.
pub fn set_timeout(ms: i32, f: Box<dyn FnOnce()>) -> Option<i32> {
    let callback = Closure::once_into_js(f);
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms)
        .ok()
}

pub fn clear_timeout(id: i32) {
    if let Some(window) = web_sys::window() {
        window.clear_timeout_with_handle(id);
    }
}

/// Runs `f` every `ms` until [`clear_interval`]. The closure lives as long
/// as the interval (it is kept by the caller).
pub fn set_interval(ms: i32, callback: &Closure<dyn FnMut()>) -> Option<i32> {
    web_sys::window()?
        .set_interval_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            ms,
        )
        .ok()
}

pub fn clear_interval(id: i32) {
    if let Some(window) = web_sys::window() {
        window.clear_interval_with_handle(id);
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    match hotgate_download(name, mime, text) {
        None => Ok(()),
        Some(error) => Err(error),
    }
}

/// Copies `text`, then shows `copied` or `failed` in the element
/// `status_id` (looked up then: the page may have re-rendered).
pub fn copy(text: &str, status_id: &str, copied: &str, failed: &str) {
    hotgate_copy(text, status_id, copied, failed);
}

/// Opens the file chooser of the file input `input`.
pub fn choose_file(input: &web_sys::Element) {
    hotgate_choose_file(input);
}

/// Reads the file chosen in `input` as text; it arrives as a
/// `hotgate-file` event on `input` (see [`file_read`]).
pub fn read_file(input: &web_sys::Element) {
    hotgate_read_file(input);
}

/// What a `hotgate-file` event carries: the file's name, and its text or
/// why it could not be read.
pub fn file_read(event: &JsValue) -> (String, Result<String, String>) {
    let detail = js_sys::Reflect::get(event, &"detail".into()).unwrap_or(JsValue::UNDEFINED);
    let field = |key: &str| {
        js_sys::Reflect::get(&detail, &key.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let name = field("name").unwrap_or_default();
    let text = match (field("text"), field("error")) {
        (Some(text), _) => Ok(text),
        (None, error) => Err(error.unwrap_or_else(|| "unknown error".to_string())),
    };
    (name, text)
}

/// A JS error as text.
pub fn describe(error: JsValue) -> String {
    if let Some(e) = error.dyn_ref::<js_sys::Error>() {
        let name: String = e.name().into();
        let message: String = e.message().into();
        return format!("{name}: {message}");
    }
    error
        .as_string()
        .unwrap_or_else(|| "unknown error".to_string())
}

/// The `name` of a JS error (`QuotaExceededError`, `SecurityError`...).
pub fn error_name(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}
