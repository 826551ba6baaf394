//! The browser edge (wasm32 only): JS bindings over [`crate::api`].
//!
//! This layer only converts `JsValue`s to and from the API's serde types;
//! every rule lives in the engine and is tested natively.

mod app;
mod browser;
mod dom;
pub mod storage;
mod view;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::api::{self, EvaluationAnswer, PolicyAnswer};
use crate::incident::{FieldError, FieldErrorKind, Incident};
use crate::policy::Policy;

/// The policy shipped with the page, used when no other is given.
const DEFAULT_POLICY: &str = include_str!("../../policies/default.toml");

/// Plain JS objects out: objects, not `Map`s; `null`, not `undefined`.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .unwrap_or_else(|e| JsValue::from_str(&format!("hotgate: could not convert a result: {e}")))
}

/// The text of the default policy.
#[wasm_bindgen(js_name = defaultPolicy)]
pub fn default_policy() -> String {
    DEFAULT_POLICY.to_string()
}

/// Checks a policy: `{status: "success", policy}` or
/// `{status: "failure", diagnostics: [{kind, message, help, line, column, ...}]}`.
#[wasm_bindgen(js_name = checkPolicy)]
pub fn check_policy(source: &str) -> JsValue {
    to_js(&api::check_policy(source))
}

/// A loaded policy that evaluates incidents.
#[wasm_bindgen]
pub struct Engine {
    policy: Policy,
}

#[wasm_bindgen]
impl Engine {
    /// Loads `source`; throws `{status: "failure", diagnostics}` when it has errors.
    #[wasm_bindgen(constructor)]
    pub fn new(source: &str) -> Result<Engine, JsValue> {
        match api::load_policy(source) {
            Ok(policy) => Ok(Engine { policy }),
            Err(diagnostics) => Err(to_js(&PolicyAnswer::Failure { diagnostics })),
        }
    }

    /// The policy's id, name, version, hash and questions.
    pub fn summary(&self) -> JsValue {
        to_js(&api::summary(&self.policy))
    }

    /// The live view of an incident being typed: `{decision, errors, hidden}`;
    /// the decision uses the valid answers so far. `null` for a non-object.
    pub fn assess(&self, incident: JsValue) -> JsValue {
        if !incident.is_object() || js_sys::Array::is_array(&incident) {
            return JsValue::NULL;
        }
        match serde_wasm_bindgen::from_value::<Incident>(incident) {
            Ok(incident) => to_js(&api::assess(&self.policy, &incident)),
            Err(_) => JsValue::NULL,
        }
    }

    /// Evaluates a plain incident object: `{status: "success", decision}` or
    /// `{status: "failure", errors: [{field, kind, message}]}`.
    pub fn evaluate(&self, incident: JsValue) -> JsValue {
        let not_an_object = |detail: String| EvaluationAnswer::Failure {
            errors: vec![FieldError {
                field: String::new(),
                kind: FieldErrorKind::NotAnObject,
                message: format!(
                    "the incident must be an object of answers, like {{ severity: 'P1' }}{detail}"
                ),
            }],
        };
        // Arrays are objects to JS and would read as an empty incident.
        let answer = if !incident.is_object() || js_sys::Array::is_array(&incident) {
            not_an_object(String::new())
        } else {
            match serde_wasm_bindgen::from_value::<Incident>(incident) {
                Ok(incident) => api::evaluate(&self.policy, &incident),
                Err(e) => not_an_object(format!(": {e}")),
            }
        };
        to_js(&answer)
    }
}

/// Mounts the whole wizard into `root`. `policy` is TOML text (the default
/// policy when absent); drafts are stored under `namespace` (default
/// `hotgate`), so wizards with different namespaces never share drafts.
/// Returns a handle for [`unmount`]; a broken policy is an error carrying
/// `{status: "failure", diagnostics}`.
#[wasm_bindgen]
pub fn mount(
    root: web_sys::Element,
    policy: Option<String>,
    namespace: Option<String>,
) -> Result<u32, JsValue> {
    let source = policy.unwrap_or_else(|| DEFAULT_POLICY.to_string());
    let policy = api::load_policy(&source)
        .map_err(|diagnostics| to_js(&PolicyAnswer::Failure { diagnostics }))?;
    let namespace = namespace
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "hotgate".to_string());
    let index = app::mount(root, policy, &namespace);
    u32::try_from(index).map_err(|_| JsValue::from_str("hotgate: too many wizards"))
}

/// Saves pending changes and removes the wizard `handle`; false if it was
/// not mounted.
#[wasm_bindgen]
pub fn unmount(handle: u32) -> bool {
    app::unmount(handle as usize)
}
