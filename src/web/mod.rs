//! The browser edge (wasm32 only): the public JS API over [`crate::api`],
//! and the page (`app`, `view`) that mounts the wizard.
//!
//! The API functions only convert `JsValue`s to and from the API's serde
//! types; every rule lives in the engine and is tested natively. Problems
//! come back as answers (`status: "failure"`), not exceptions. The
//! TypeScript shapes are in `types.rs`.

mod app;
mod browser;
mod dom;
mod js;
pub mod json;
pub mod panic;
mod state;
pub mod storage;
mod types;
mod ui;
mod view;
mod wire;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::api::{self, ApiDiagnostic, EvaluationAnswer};
use crate::incident::{Answer, FieldError, FieldErrorKind};
use crate::policy::Policy;
use js::to_js;

/// Talc instead of the default dlmalloc: 2.5 KB less of the bundle after
/// gzip, at the same speed within this machine's noise (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// `{status: "failure", ...fields}` as a plain object.
fn failure(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    let _ = Reflect::set(&object, &"status".into(), &"failure".into());
    for (key, value) in fields {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

fn success(key: &str, value: JsValue) -> JsValue {
    let object = Object::new();
    let _ = Reflect::set(&object, &"status".into(), &"success".into());
    let _ = Reflect::set(&object, &key.into(), &value);
    object.into()
}

/// The version of this build (the crate's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Checks policy text: its summary, or every diagnostic with line and column.
#[wasm_bindgen(js_name = checkPolicy, unchecked_return_type = "PolicyCheck")]
pub fn check_policy(source: &str) -> JsValue {
    to_js(&api::check_policy(source))
}

/// Loads policy text into a [`HotgatePolicy`] that evaluates incidents, or
/// answers with every diagnostic.
#[wasm_bindgen(js_name = loadPolicy, unchecked_return_type = "PolicyLoad")]
pub fn load_policy(source: &str) -> JsValue {
    match Engine::load(source) {
        Ok(engine) => success("policy", JsValue::from(engine)),
        Err(diagnostics) => failure(&[("diagnostics", to_js(&diagnostics))]),
    }
}

/// A loaded, checked policy.
#[wasm_bindgen(js_name = HotgatePolicy)]
pub struct Engine {
    policy: std::rc::Rc<Policy>,
    /// The fixed texts of every decision, as JS objects (see `wire`), made
    /// at the first evaluation so that loading stays cheap.
    templates: std::cell::OnceCell<JsValue>,
}

impl Engine {
    /// The policy in `source`, or its diagnostics (for Rust callers and tests).
    pub fn load(source: &str) -> Result<Engine, Vec<ApiDiagnostic>> {
        api::load_policy(source).map(|policy| Engine {
            templates: std::cell::OnceCell::new(),
            policy: std::rc::Rc::new(policy),
        })
    }
}

#[wasm_bindgen(js_class = HotgatePolicy)]
impl Engine {
    /// The policy's id, name, version, hash and questions.
    #[wasm_bindgen(unchecked_return_type = "PolicySummary")]
    pub fn summary(&self) -> JsValue {
        to_js(&api::summary(&self.policy))
    }

    /// The questions, for portals that render their own form.
    #[wasm_bindgen(unchecked_return_type = "InputSummary[]")]
    pub fn inputs(&self) -> JsValue {
        to_js(&api::summary(&self.policy).inputs)
    }

    /// Evaluates a plain incident object into the decision (the CLI's JSON
    /// shape), or every field error.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Incident")] incident: JsValue,
    ) -> JsValue {
        let answers = match self.answers(&incident) {
            Ok(answers) => answers,
            Err(error) => {
                return to_js(&EvaluationAnswer::Failure {
                    errors: vec![error],
                });
            }
        };
        let templates = self.templates.get_or_init(|| wire::templates(&self.policy));
        let validated = wire::validate(&self.policy, &answers);
        if !validated.errors.is_empty() {
            return to_js(&EvaluationAnswer::Failure {
                errors: validated.errors,
            });
        }
        let outcome = crate::outcome::outcome(&self.policy, &validated.facts);
        wire::decision(templates, &self.policy, &validated.facts, &outcome)
    }

    /// Audits a hotfix record (an exported record's JSON text, or a
    /// draft's) under this policy: what `hotgate audit` reports. Options:
    /// `until` (`"ready"`: only what deployment needs; default
    /// `"closed"`), `asOf` (ms since the epoch; default now).
    #[wasm_bindgen(unchecked_return_type = "AuditResult")]
    pub fn audit(
        &self,
        record: &str,
        #[wasm_bindgen(unchecked_param_type = "AuditOptions | undefined")] options: JsValue,
    ) -> JsValue {
        let option = |key: &str| js_sys::Reflect::get(&options, &key.into()).ok();
        let until = match option("until").and_then(|v| v.as_string()).as_deref() {
            Some("ready") => crate::wizard::audit::Until::Ready,
            _ => crate::wizard::audit::Until::Closed,
        };
        let now = option("asOf")
            .and_then(|v| v.as_f64())
            .map_or_else(browser::now, |ms| ms as i64);
        to_js(&api::audit(&self.policy, record, until, now))
    }

    /// The live view of an incident being typed: the decision on the valid
    /// answers so far, every error, and the questions not asked.
    #[wasm_bindgen(unchecked_return_type = "Assessment | null")]
    pub fn assess(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Incident")] incident: JsValue,
    ) -> JsValue {
        match self.answers(&incident) {
            Ok(answers) => to_js(&api::assess(
                &self.policy,
                &wire::incident(&self.policy, answers),
            )),
            Err(_) => JsValue::NULL,
        }
    }
}

/// Built only for `scripts/bench.sh` (feature `bench-hooks`): not part of
/// the shipped API or bundle.
#[cfg(feature = "bench-hooks")]
#[wasm_bindgen(js_class = HotgatePolicy)]
impl Engine {
    /// For benchmarks: validates `incidents` once, then decides each of
    /// them `rounds` times inside wasm with the engine's fast path (verdict
    /// and requirements, no text). Answers the mean microseconds per
    /// decision, or -1 if an incident is invalid.
    pub fn benchmark(&self, incidents: js_sys::Array, rounds: u32) -> f64 {
        let mut facts = Vec::new();
        for value in incidents.iter() {
            match self.answers(&value) {
                Ok(answers) => {
                    let validated = wire::validate(&self.policy, &answers);
                    if !validated.errors.is_empty() {
                        return -1.0;
                    }
                    facts.push(validated.facts);
                }
                Err(_) => return -1.0,
            }
        }
        let now = performance_now();
        let started = now();
        let mut qualifies = 0u32;
        for _ in 0..rounds {
            for f in &facts {
                let outcome = crate::outcome::outcome(&self.policy, f);
                qualifies += u32::from(outcome.verdict == crate::policy::Verdict::Qualifies);
            }
        }
        let elapsed_ms = now() - started;
        // Keep the result alive so the loop cannot be optimised away.
        std::hint::black_box(qualifies);
        let decisions = f64::from(rounds) * facts.len() as f64;
        if decisions == 0.0 {
            0.0
        } else {
            elapsed_ms * 1000.0 / decisions
        }
    }
}

/// `performance.now()` of the global object (a page or Node).
#[cfg(feature = "bench-hooks")]
fn performance_now() -> impl Fn() -> f64 {
    let performance = Reflect::get(&js_sys::global(), &"performance".into()).ok();
    let now = performance
        .as_ref()
        .and_then(|p| Reflect::get(p, &"now".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    move || match (&performance, &now) {
        (Some(p), Some(f)) => f.call0(p).ok().and_then(|v| v.as_f64()).unwrap_or(0.0),
        _ => js_sys::Date::now(),
    }
}

fn not_an_object(detail: String) -> FieldError {
    FieldError {
        field: String::new(),
        kind: FieldErrorKind::NotAnObject,
        message: format!(
            "the incident must be an object of answers, like {{ severity: 'P1' }}{detail}"
        ),
    }
}

impl Engine {
    /// A JS value's answers, or the error saying it is not an incident.
    fn answers(&self, value: &JsValue) -> Result<Vec<(wire::Key, Answer)>, FieldError> {
        // Arrays are objects to JS and would read as an empty incident.
        if js_sys::Array::is_array(value) {
            return Err(not_an_object("; found an array".into()));
        }
        if value.is_null() || !value.is_object() {
            let found = if value.is_null() {
                "null".to_string()
            } else {
                value.js_typeof().as_string().unwrap_or_default()
            };
            return Err(not_an_object(format!("; found {found}")));
        }
        let templates = self.templates.get_or_init(|| wire::templates(&self.policy));
        Ok(wire::answers(templates, value))
    }
}

#[wasm_bindgen]
extern "C" {
    /// The options of [`mount`] (a plain object; see the TypeScript types).
    #[wasm_bindgen(typescript_type = "MountOptions")]
    pub type MountOptions;
}

/// Mounts the whole wizard into `root`. Options: `policy` (TOML text,
/// required), `namespace` (drafts are stored under it, default `hotgate`),
/// `url` (the wizard keeps its view in the URL fragment; default false),
/// `onChange` and `onReadyToDeploy` callbacks.
/// Answers `{status: "success", handle}` for [`unmount`], or a failure
/// with `error` and the policy's `diagnostics`.
#[wasm_bindgen(unchecked_return_type = "MountResult")]
pub fn mount(root: web_sys::Element, options: Option<MountOptions>) -> JsValue {
    let option = |key: &str| -> JsValue {
        options
            .as_ref()
            .and_then(|o| Reflect::get(o.as_ref(), &key.into()).ok())
            .unwrap_or(JsValue::UNDEFINED)
    };
    // The policy is data the page fetches (the package ships the default
    // as `policies/default.toml`): the module carries no policy of its own.
    let Some(source) = option("policy").as_string() else {
        return failure(&[
            (
                "error",
                "no policy was given: pass the policy's TOML text as `policy` \
                 (the default policy is policies/default.toml in the package)"
                    .into(),
            ),
            ("diagnostics", js_sys::Array::new().into()),
        ]);
    };
    let policy = match api::load_policy(&source) {
        Ok(policy) => policy,
        Err(diagnostics) => {
            return failure(&[
                ("error", "the policy has errors".into()),
                ("diagnostics", to_js(&diagnostics)),
            ]);
        }
    };
    let namespace = option("namespace")
        .as_string()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "hotgate".to_string());
    let callbacks = app::Callbacks {
        on_change: option("onChange").dyn_into().ok(),
        on_ready: option("onReadyToDeploy").dyn_into().ok(),
    };
    // Only a wizard that has the page to itself should own its URL.
    let urls = option("url").as_bool().unwrap_or(false);
    match app::mount(root, policy, &namespace, callbacks, urls) {
        Ok(index) => success("handle", JsValue::from(index as u32)),
        Err(error) => failure(&[
            ("error", error.into()),
            ("diagnostics", js_sys::Array::new().into()),
        ]),
    }
}

/// Saves pending changes and removes the wizard `handle`, emptying its
/// element; false if it was not mounted.
#[wasm_bindgen]
pub fn unmount(handle: u32) -> bool {
    app::unmount(handle as usize)
}
