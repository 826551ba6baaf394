//! Fuzzes policy loading and incident evaluation: the input is policy text,
//! then a NUL byte, then an incident as JSON. The policy is loaded (and its
//! diagnostics rendered); the incident is evaluated against every shipped
//! policy and against the fuzzed one when it loads. Any panic is a finding.
#![no_main]

use std::sync::OnceLock;

use hotgate::api::{evaluate, to_api_diagnostics};
use hotgate::decision::decide;
use hotgate::diagnostic::render;
use hotgate::incident::{Incident, validate};
use hotgate::policy::{self, Policy};
use libfuzzer_sys::fuzz_target;

fn shipped() -> &'static [Policy] {
    static SHIPPED: OnceLock<Vec<Policy>> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        [
            include_str!("../../policies/default.toml"),
            include_str!("../../policies/enterprise.toml"),
            include_str!("../../policies/small-team.toml"),
        ]
        .into_iter()
        .map(|text| policy::load(text).expect("shipped policies load"))
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let (policy_bytes, incident_bytes) = match data.iter().position(|b| *b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let source = String::from_utf8_lossy(policy_bytes);
    let loaded = match policy::load(&source) {
        Ok(policy) => Some(policy),
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            let _ = render("fuzz.toml", &source, &diagnostics);
            let _ = to_api_diagnostics(&source, &diagnostics);
            None
        }
    };
    let incident: Incident = serde_json::from_slice(incident_bytes).unwrap_or_default();
    for policy in shipped().iter().chain(loaded.as_ref()) {
        let answer = evaluate(policy, &incident);
        let _ = serde_json::to_string(&answer).expect("answers serialize");
        // A live form evaluates even while answers are invalid.
        let validated = validate(policy, &incident);
        let _ = decide(policy, &validated.facts);
    }
});
