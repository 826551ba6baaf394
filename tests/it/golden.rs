//! Decision snapshots: the full decision JSON for every shipped case, kept in
//! `tests/data/decisions/`. The browser test compares the wasm build's
//! decisions with the same files, so native and wasm agree field for field.

use hotgate::api::evaluate;
use hotgate::{cases, policy};

use crate::support::{expect_file, files, read, root};

#[test]
fn decisions_match_their_snapshots() {
    let dir = root().join("policies/tests");
    for path in files(&dir, "toml") {
        let case_file = cases::parse(&read(&path)).unwrap();
        let policy = policy::load(&read(&dir.join(&case_file.policy))).unwrap();
        let answers: Vec<serde_json::Value> = case_file
            .cases
            .iter()
            .map(|case| {
                serde_json::json!({
                    "case": case.name,
                    "answer": evaluate(&policy, &case.incident),
                })
            })
            .collect();
        let json = serde_json::to_string_pretty(&answers).unwrap() + "\n";
        let snapshot = root()
            .join("tests/data/decisions")
            .join(path.file_name().unwrap())
            .with_extension("json");
        expect_file(&snapshot, &json);
    }
}
