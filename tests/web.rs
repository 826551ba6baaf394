//! Browser tests (wasm32, headless Chromium): the wasm build's JS API gives
//! the same decisions as the native engine, and reports problems as data.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    // Tests are not in the bundle: its size rules do not apply.
    clippy::disallowed_methods
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
        let engine = Engine::load(policy).unwrap();
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
    let engine = Engine::load(SHIPPED[0].0).unwrap();
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

    let loaded = to_json(&hotgate::web::load_policy("not toml =="));
    assert_eq!(loaded["status"], "failure");
    assert_eq!(loaded["diagnostics"][0]["kind"], "toml-syntax");
}

#[wasm_bindgen_test]
fn hostile_incidents_get_errors_not_crashes() {
    let engine = Engine::load(SHIPPED[0].0).unwrap();
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

// ---- Drafts in the real localStorage, and the wizard in the real DOM ----

mod page {
    use hotgate::policy;
    use hotgate::web::storage::LocalStore;
    use hotgate::wizard::Draft;
    use hotgate::wizard::store::{DraftStore, Drafts};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;
    use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

    fn document() -> web_sys::Document {
        web_sys::window().unwrap().document().unwrap()
    }

    fn local_storage() -> web_sys::Storage {
        web_sys::window().unwrap().local_storage().unwrap().unwrap()
    }

    #[wasm_bindgen_test]
    fn drafts_round_trip_through_local_storage_and_foreign_keys_are_left_alone() {
        let storage = local_storage();
        storage.set_item("not-ours", "keep").unwrap();
        storage.set_item("webtest.draft.broken", "{oops").unwrap();
        let policy = policy::load(super::SHIPPED[0].0).unwrap();
        let mut drafts = Drafts::new(
            LocalStore::open().unwrap(),
            "webtest",
            hotgate::web::json::BrowserJson,
        );
        let draft = Draft::new("w1".into(), &policy, 1_000);
        drafts.save(&draft).unwrap();
        let listing = drafts.list().unwrap();
        assert_eq!(listing.drafts.len(), 1);
        assert_eq!(*listing.drafts[0].draft, draft);
        assert_eq!(
            listing.drafts[0].raw,
            storage.get_item("webtest.draft.w1").unwrap().unwrap()
        );
        assert_eq!(listing.unreadable.len(), 1);
        assert_eq!(listing.unreadable[0].raw, "{oops");
        drafts.delete("w1").unwrap();
        drafts.remove_key("webtest.draft.broken").unwrap();
        assert!(
            drafts
                .store
                .keys()
                .unwrap()
                .contains(&"not-ours".to_string())
        );
        assert_eq!(
            storage.get_item("not-ours").unwrap().as_deref(),
            Some("keep")
        );
        storage.remove_item("not-ours").unwrap();
    }

    /// The page writes drafts with the browser's JSON; the CLI, the tests
    /// and older exports use serde_json. Each must read the other's.
    #[wasm_bindgen_test]
    fn browser_json_drafts_match_serde_json_and_bad_ones_are_refused() {
        use hotgate::incident::Answer;
        use hotgate::incident::Incident;
        use hotgate::policy::Verdict;
        use hotgate::web::json::BrowserJson;
        use hotgate::wizard::draft::{
            Approval, Basis, Done, DraftError, DraftJson, TestResult, TestStatus, Waiver,
        };
        use hotgate::wizard::read as draft;

        let policy = policy::load(super::SHIPPED[0].0).unwrap();
        let mut draft = Draft::new("j1".into(), &policy, 1_700_000_000_000);
        draft
            .answers
            .set("title", Answer::Text("Checkout \"down\" <b>é</b>".into()));
        draft.answers.set("affected_users", Answer::Int(120_000));
        draft.answers.set("customer_facing", Answer::Bool(true));
        let basis = Basis {
            decision: "0123456789abcdef".into(),
            facts: "fedcba9876543210".into(),
            verdict: Verdict::NeedsReview,
            answers: Incident {
                answers: vec![
                    ("severity".into(), Answer::Text("P2".into())),
                    ("customer_facing".into(), Answer::Bool(true)),
                    ("change_size_lines".into(), Answer::Int(600)),
                ],
            },
        };
        draft.approvals.push(Approval {
            role: "sre-avp".into(),
            name: "Ana".into(),
            at: 1_700_000_100_000,
            recorded_at: 1_700_000_150_000,
            comment: "ok".into(),
            basis: Some(basis.clone()),
        });
        draft.deployment = Some(Done {
            by: "Dee".into(),
            at: 1_700_000_400_000,
            recorded_at: 1_700_000_400_000,
        });
        draft.tests.insert(
            "staging".into(),
            TestResult {
                status: TestStatus::Waived,
                evidence: String::new(),
                waiver: Some(Waiver {
                    reason: "no staging for this service".into(),
                    by: "Bo".into(),
                    role: "dev-lead".into(),
                    at: 1_700_000_200_000,
                    recorded_at: 1_700_000_200_000,
                    basis: Some(basis),
                }),
                at: 1_700_000_200_000,
            },
        );
        draft.sent.insert("status-page".into(), 1_700_000_300_000);
        draft.incident_start = Some(1_699_999_000_000);

        let text = BrowserJson.to_json(&draft);
        let browser: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(browser, serde_json::to_value(&draft).unwrap());
        assert_eq!(draft::parse(&text).unwrap(), draft);
        assert_eq!(
            draft::parse(&serde_json::to_string(&draft).unwrap()).unwrap(),
            draft
        );

        assert_eq!(
            draft::parse(r#"{"schema": 99, "id": "x", "whatever": true}"#),
            Err(DraftError::NewerSchema { found: 99 })
        );
        for bad in [
            "",
            "{",
            "[]",
            "null",
            "7",
            r#"{"schema": 1}"#,
            r#"{"schema": "1"}"#,
        ] {
            assert!(
                matches!(draft::parse(bad), Err(DraftError::Malformed(_))),
                "{bad}"
            );
        }
    }

    fn click(root: &web_sys::Element, selector: &str) {
        let button: HtmlElement = root
            .query_selector(selector)
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap();
        button.click();
    }

    fn type_into(root: &web_sys::Element, selector: &str, text: &str) {
        let input: HtmlInputElement = root
            .query_selector(selector)
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap();
        input.set_value(text);
        let init = EventInit::new();
        init.set_bubbles(true);
        input
            .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
    }

    #[wasm_bindgen_test]
    fn the_wizard_renders_from_rust_and_saves_what_is_typed() {
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        // Without a policy there is nothing to run: an answer, not a throw.
        let refused = hotgate::web::mount(root.clone(), None);
        assert_eq!(
            js_sys::Reflect::get(&refused, &"status".into()).unwrap(),
            "failure"
        );
        let error = js_sys::Reflect::get(&refused, &"error".into())
            .unwrap()
            .as_string()
            .unwrap();
        assert!(error.contains("no policy was given"), "{error}");
        assert_eq!(root.child_element_count(), 0, "nothing rendered");

        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"policy".into(), &super::SHIPPED[0].0.into()).unwrap();
        js_sys::Reflect::set(&options, &"namespace".into(), &"rendertest".into()).unwrap();
        let mounted = hotgate::web::mount(root.clone(), Some(options.unchecked_into()));
        let handle = js_sys::Reflect::get(&mounted, &"handle".into())
            .unwrap()
            .as_f64()
            .unwrap() as u32;
        assert!(root.text_content().unwrap().contains("Hotfix drafts"));
        assert!(
            root.text_content()
                .unwrap()
                .contains("Default hotfix policy")
        );

        click(&root, "[data-act=new]");
        let heading = root
            .query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert_eq!(heading, "Step 1 of 8: Incident");
        let verdict = || {
            root.query_selector(".hg-verdict")
                .unwrap()
                .unwrap()
                .get_attribute("data-verdict")
                .unwrap()
        };
        assert_eq!(verdict(), "incomplete");

        type_into(
            &root,
            "[data-field='answer:title']",
            "<img src=x onerror=alert(1)>",
        );
        let select: web_sys::HtmlSelectElement = root
            .query_selector("[data-field='answer:severity']")
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap();
        select.set_value("P2");
        let init = EventInit::new();
        init.set_bubbles(true);
        select
            .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
            .unwrap();
        assert_eq!(verdict(), "qualifies");
        // The title is text in the step list, never markup.
        assert!(root.query_selector("img").unwrap().is_none());
        assert!(
            root.text_content()
                .unwrap()
                .contains("<img src=x onerror=alert(1)>")
        );

        // Unmounting flushes the pending autosave and empties the root.
        assert!(hotgate::web::unmount(handle));
        assert_eq!(root.child_element_count(), 0);
        assert!(!hotgate::web::unmount(handle), "already unmounted");
        let storage = local_storage();
        let keys: Vec<String> = (0..storage.length().unwrap())
            .filter_map(|i| storage.key(i).unwrap())
            .collect();
        let key = keys
            .iter()
            .find(|k| k.starts_with("rendertest.draft."))
            .expect("the draft was saved");
        let saved = storage.get_item(key).unwrap().unwrap();
        assert!(saved.contains("onerror=alert(1)"));
        assert!(saved.contains("\"severity\":\"P2\""));
        storage.remove_item(key).unwrap();
        root.remove();
    }
}
