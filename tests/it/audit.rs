//! `hotgate audit`, case by case: each `tests/data/audit/NAME.json` is a
//! record audited under `policies/default.toml` (or `NAME.toml` beside
//! it, with the extra arguments in `NAME.args`) as of 2026-11-22 05:00
//! UTC; `NAME.expected` holds the exit status and what was printed.
//!
//! `complete.json` is a record the wizard exported for a P1 hotfix taken
//! from the first answer to closed (`wizard::record::json`); every other
//! file is it with one change made by hand, named after the problem the
//! change makes: the severity edited after the approvals, a deployment
//! past its deadline, an event recorded out of order, and so on.
//! `ready.json` stops before deployment: it passes `--until ready`, and as
//! `ready-not-closed.json` it fails the full audit.

use std::process::Command;

use crate::support::{expect_file, files, read, root};

#[test]
fn every_audit_case_gives_its_expected_report() {
    let dir = root().join("tests/data/audit");
    let cases = files(&dir, "json");
    assert!(cases.len() >= 15, "{} cases", cases.len());
    for path in cases {
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let policy = dir.join(format!("{name}.toml"));
        let policy = if policy.exists() {
            format!("tests/data/audit/{name}.toml")
        } else {
            "policies/default.toml".to_string()
        };
        let args_file = dir.join(format!("{name}.args"));
        let extra: Vec<String> = if args_file.exists() {
            read(&args_file)
                .split_whitespace()
                .map(str::to_string)
                .collect()
        } else {
            Vec::new()
        };
        let record = format!("tests/data/audit/{name}.json");
        let output = Command::new(env!("CARGO_BIN_EXE_hotgate"))
            .args(["audit", &policy, &record, "--as-of", "2026-11-22T05:00Z"])
            .args(&extra)
            .current_dir(root())
            .output()
            .unwrap();
        let report = format!(
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap()
        );
        expect_file(&dir.join(format!("{name}.expected")), &report);
    }
}
