//! The few browser services the page needs: the clock, ids, timers,
//! downloads, the clipboard, reading a chosen file. Each returns plain Rust
//! values; failures are reported, never thrown.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Date, Function, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

use super::dom::{El, document};

pub fn now() -> i64 {
    Date::now() as i64
}

/// A draft id: time and randomness in base 36, unique enough for one
/// person's drafts and safe in storage keys.
pub fn new_id() -> String {
    let time = now().max(0) as u64;
    let random = (js_sys::Math::random() * 2_176_782_336.0) as u64; // 36^6
    format!("d{}{}", base36(time), base36(random))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS.get((n % 36) as usize).copied().unwrap_or(b'0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.iter().rev().map(|&digit| char::from(digit)).collect()
}

/// Local date and time for people: `22 Nov 2026, 04:07` in their locale.
/// The formatter is made once: building one per call is slow with many rows.
pub fn local_time(ms: i64) -> String {
    thread_local! {
        static FORMAT: js_sys::Function = {
            let options = js_sys::Object::new();
            for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
                let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
            }
            js_sys::Intl::DateTimeFormat::new(&Array::new(), &options).format()
        };
    }
    FORMAT.with(|format| {
        format
            .call1(&JsValue::NULL, &Date::new(&JsValue::from_f64(ms as f64)))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    })
}

/// The `datetime-local` form of an instant, in local time.
pub fn datetime_local(ms: i64) -> String {
    let d = Date::new(&JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Parses a `datetime-local` value (local time); `None` when empty or invalid.
pub fn parse_datetime_local(value: &str) -> Option<i64> {
    if value.is_empty() {
        return None;
    }
    let ms = Date::new(&JsValue::from_str(value)).get_time();
    ms.is_finite().then_some(ms as i64)
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
    let parts = Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let anchor: HtmlAnchorElement = El::new("a")
        .attr("href", &url)
        .attr("download", name)
        .0
        .unchecked_into();
    if let Some(body) = document().and_then(|d| d.body()) {
        let _ = body.append_child(&anchor);
        anchor.click();
        anchor.remove();
    }
    // Revoke later: the download may read the URL asynchronously.
    let _ = set_timeout(
        10_000,
        Box::new(move || {
            let _ = Url::revoke_object_url(&url);
        }),
    );
    Ok(())
}

/// Copies `text`; `done` hears whether it worked.
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        done(false);
        return;
    };
    let promise: Promise = window.navigator().clipboard().write_text(text);
    settle(promise, Box::new(move |result| done(result.is_ok())));
}

/// Reads a chosen file as text.
pub fn read_text(file: &File, done: impl FnOnce(Result<String, String>) + 'static) {
    settle(
        file.text(),
        Box::new(move |result| {
            done(result.and_then(|v| {
                v.as_string()
                    .ok_or_else(|| "the file is not text".to_string())
            }));
        }),
    );
}

/// Calls `done` once when `promise` settles.
fn settle(promise: Promise, done: Box<dyn FnOnce(Result<JsValue, String>)>) {
    let done = Rc::new(RefCell::new(Some(done)));
    let on_ok = {
        let done = done.clone();
        Closure::once_into_js(move |value: JsValue| {
            if let Some(done) = done.borrow_mut().take() {
                done(Ok(value));
            }
        })
    };
    let on_err = Closure::once_into_js(move |error: JsValue| {
        if let Some(done) = done.borrow_mut().take() {
            done(Err(describe(error)));
        }
    });
    // `then` through the object: the one-shot closures free themselves when
    // called (the one not called stays, a few bytes per copy or import).
    if let Ok(then) =
        js_sys::Reflect::get(&promise, &"then".into()).and_then(|t| t.dyn_into::<Function>())
    {
        let _ = then.call2(&promise, &on_ok, &on_err);
    }
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
