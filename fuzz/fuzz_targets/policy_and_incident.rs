//! Fuzzes policy loading and incident evaluation: the input is policy text,
//! then a NUL byte, then an incident as JSON. The policy is loaded (and its
//! diagnostics rendered); the incident is evaluated against every shipped
//! policy and against the fuzzed one when it loads. Any panic is a finding.
#![no_main]

use hotgate::api::{evaluate, to_api_diagnostics};
use hotgate::decision::decide;
use hotgate::diagnostic::render;
use hotgate::incident::{Incident, validate};
use hotgate::outcome::{outcome, outcome_by_tree};
use hotgate::policy::{self, Policy};
use libfuzzer_sys::fuzz_target;

thread_local! {
    // Policies share texts through `Rc`, so they live per thread.
    static SHIPPED: Vec<Policy> = [
        include_str!("../../policies/default.toml"),
        include_str!("../../policies/enterprise.toml"),
        include_str!("../../policies/small-team.toml"),
    ]
    .into_iter()
    .map(|text| policy::load(text).expect("shipped policies load"))
    .collect();
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
    SHIPPED.with(|shipped| {
        for policy in shipped.iter().chain(loaded.as_ref()) {
            let answer = evaluate(policy, &incident);
            let _ = serde_json::to_string(&answer).expect("answers serialize");
            // A live form evaluates even while answers are invalid.
            let validated = validate(policy, &incident);
            let _ = decide(policy, &validated.facts);
            // The compiled fast path agrees with the condition trees.
            assert_eq!(outcome(policy, &validated.facts), outcome_by_tree(policy, &validated.facts));
        }
    });
});
