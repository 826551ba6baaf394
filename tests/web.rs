//! Browser tests (wasm32, headless Chromium): the wasm build's JS API gives
//! the same decisions as the native engine, and reports problems as data.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use hotgate::cases;
use hotgate::incident::Answer;
use hotgate::web::{Engine, check_policy};
use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// (policy, case file, native decision snapshot) for every shipped policy.
const SHIPPED: [(&str, &str, &str); 3] = [
    (
        include_str!("../policies/default.toml"),
        include_str!("../policies/tests/default.toml"),
        include_str!("data/decisions/default.json"),
    ),
    (
        include_str!("../policies/enterprise.toml"),
        include_str!("../policies/tests/enterprise.toml"),
        include_str!("data/decisions/enterprise.json"),
    ),
    (
        include_str!("../policies/small-team.toml"),
        include_str!("../policies/tests/small-team.toml"),
        include_str!("data/decisions/small-team.json"),
    ),
];

/// A case's incident as the plain JS object a page would pass.
fn js_incident(answers: &[(String, Answer)]) -> JsValue {
    let object = Object::new();
    for (key, answer) in answers {
        let value = match answer {
            Answer::Null => JsValue::NULL,
            Answer::Bool(b) => JsValue::from_bool(*b),
            Answer::Int(i) => JsValue::from_f64(*i as f64),
            Answer::Float(f) => JsValue::from_f64(*f),
            Answer::Text(t) => JsValue::from_str(t),
            Answer::List => Array::new().into(),
            Answer::Object => Object::new().into(),
        };
        Reflect::set(&object, &JsValue::from_str(key), &value).unwrap();
    }
    object.into()
}

fn to_json(value: &JsValue) -> serde_json::Value {
    let text: String = JSON::stringify(value).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

#[wasm_bindgen_test]
fn wasm_decisions_equal_the_native_snapshots_field_for_field() {
    let mut compared = 0;
    for (policy, case_text, snapshot) in SHIPPED {
        let engine = Engine::new(policy).map_err(|e| to_json(&e)).unwrap();
        let case_file = cases::parse(case_text).unwrap();
        let snapshot: Vec<serde_json::Value> = serde_json::from_str(snapshot).unwrap();
        assert_eq!(case_file.cases.len(), snapshot.len());
        for (case, native) in case_file.cases.iter().zip(&snapshot) {
            assert_eq!(native["case"], case.name.as_str());
            let wasm = to_json(&engine.evaluate(js_incident(&case.incident.answers)));
            assert_eq!(wasm, native["answer"], "case `{}`", case.name);
            compared += 1;
        }
    }
    assert!(compared >= 50, "only {compared} cases compared");
}

#[wasm_bindgen_test]
fn decisions_are_plain_objects() {
    let engine = Engine::new(SHIPPED[0].0).map_err(|e| to_json(&e)).unwrap();
    let incident = js_incident(&[
        ("title".into(), Answer::Text("Checkout down".into())),
        ("severity".into(), Answer::Text("P1".into())),
    ]);
    let answer = engine.evaluate(incident);
    let decision = Reflect::get(&answer, &"decision".into()).unwrap();
    let why = Reflect::get(&decision, &"why".into()).unwrap();
    let inputs = Reflect::get(&why, &"inputs".into()).unwrap();
    // An object with a plain prototype: not a Map, readable as inputs.severity.
    assert!(inputs.is_object() && !inputs.is_instance_of::<js_sys::Map>());
    assert_eq!(Reflect::get(&inputs, &"severity".into()).unwrap(), "P1");
    let approvers = Reflect::get(&decision, &"approvers".into()).unwrap();
    assert!(Array::is_array(&approvers));
    let waiver = Reflect::get(
        &Array::from(&Reflect::get(&decision, &"tests".into()).unwrap()).get(0),
        &"waiver_role".into(),
    )
    .unwrap();
    assert!(waiver.is_null(), "absent values are null, not undefined");
}

#[wasm_bindgen_test]
fn a_broken_policy_answers_with_diagnostics_not_exceptions() {
    let answer = to_json(&check_policy(
        "[policy]\nid = \"x\"\nname = \"X\"\nversion = \"1\"\nbogus = 1\n",
    ));
    assert_eq!(answer["status"], "failure");
    let diagnostics = answer["diagnostics"].as_array().unwrap();
    let bogus = diagnostics
        .iter()
        .find(|d| d["kind"] == "unknown-key")
        .unwrap();
    assert_eq!(
        (bogus["line"].as_u64(), bogus["column"].as_u64()),
        (Some(5), Some(1))
    );
    assert!(
        diagnostics
            .iter()
            .any(|d| d["kind"] == "no-qualification-rule")
    );

    let thrown = Engine::new("not toml ==").err().unwrap();
    assert_eq!(to_json(&thrown)["status"], "failure");
}

#[wasm_bindgen_test]
fn hostile_incidents_get_errors_not_crashes() {
    let engine = Engine::new(SHIPPED[0].0).map_err(|e| to_json(&e)).unwrap();
    for incident in [
        JsValue::NULL,
        JsValue::UNDEFINED,
        Array::new().into(),
        JsValue::from_f64(3.0),
        JsValue::from_str("P1"),
    ] {
        let answer = to_json(&engine.evaluate(incident));
        assert_eq!(answer["status"], "failure");
        assert_eq!(answer["errors"][0]["field"], "");
    }
    let answer = to_json(&engine.evaluate(js_incident(&[(
        "__proto__".into(),
        Answer::Text("x".into()),
    )])));
    assert_eq!(answer["status"], "failure");
    // The engine still works after all of that.
    let ok = to_json(&engine.evaluate(js_incident(&[
        ("title".into(), Answer::Text("x".into())),
        ("severity".into(), Answer::Text("P2".into())),
    ])));
    assert_eq!(ok["decision"]["verdict"], "qualifies");
}
