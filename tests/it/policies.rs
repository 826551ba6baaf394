//! Every shipped policy loads cleanly, and every case file passes.

use hotgate::{cases, policy};

use crate::support::{files, read, root};

#[test]
fn every_shipped_policy_loads() {
    let policies = files(&root().join("policies"), "toml");
    assert!(
        policies.len() >= 3,
        "expected at least three shipped policies, found {policies:?}"
    );
    for path in policies {
        let source = read(&path);
        if let Err(diagnostics) = policy::load(&source) {
            panic!(
                "{}",
                hotgate::diagnostic::render(&path.display().to_string(), &source, &diagnostics)
            );
        }
    }
}

#[test]
fn every_shipped_policy_has_passing_cases() {
    let dir = root().join("policies/tests");
    let case_files = files(&dir, "toml");
    for policy_path in files(&root().join("policies"), "toml") {
        let name = policy_path.file_name().unwrap();
        assert!(
            case_files.iter().any(|c| c.file_name() == Some(name)),
            "policies/tests/{} is missing: every shipped policy is tested",
            name.to_string_lossy()
        );
    }
    let mut failures = Vec::new();
    let mut total = 0;
    for path in case_files {
        let case_file =
            cases::parse(&read(&path)).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        let policy = policy::load(&read(&dir.join(&case_file.policy))).unwrap();
        assert!(
            !case_file.cases.is_empty(),
            "{} has no cases",
            path.display()
        );
        for case in &case_file.cases {
            total += 1;
            let diffs = cases::run(&policy, case);
            if !diffs.is_empty() {
                failures.push(format!(
                    "{}:{} {}: {}",
                    path.display(),
                    case.line,
                    case.name,
                    diffs.join("; ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_default_policy_has_at_least_25_cases() {
    let case_file = cases::parse(&read(&root().join("policies/tests/default.toml"))).unwrap();
    assert!(case_file.cases.len() >= 25, "{}", case_file.cases.len());
}

#[test]
fn a_wrong_expectation_fails_with_what_differed() {
    let policy = policy::load(&read(&root().join("policies/default.toml"))).unwrap();
    let case_file = cases::parse(
        r#"
policy = "x"
[[cases]]
name = "wrong on purpose"
incident = { title = "x", severity = "P2", workaround_available = true, has_rollback_plan = true }
verdict = "qualifies"
approvers = ["sre-avp", "dev-lead", "security-lead"]
blockers = []
deadlines = { deploy = 240 }
"#,
    )
    .unwrap();
    let diffs = cases::run(&policy, &case_file.cases[0]);
    assert_eq!(
        diffs,
        vec![
            "verdict: expected `qualifies`, got `needs_review` (qualification.p2-with-workaround)",
            "approvers: missing security-lead",
            "approvers: unexpected ops-lead",
            "blockers: unexpected qualification-review",
            "deadline `deploy`: expected 240 minutes, got 1440",
        ]
    );
}

#[test]
fn conditions_compare_with_negative_integers() {
    let source = r#"
[policy]
id = "t"
name = "Test"
version = "1"

[[inputs]]
id = "balance"
label = "Balance"
type = "int"
min = -1000

[qualification]
default = "rejected"
default_reason = "No."

[[qualification.rules]]
id = "above"
when = "balance > -5"
verdict = "qualifies"
reason = "Above -5."
"#;
    let policy = policy::load(source).unwrap_or_else(|d| panic!("{d:?}"));
    for (balance, verdict) in [
        (-3, "qualifies"),
        (-5, "rejected"),
        (-10, "rejected"),
        (0, "qualifies"),
    ] {
        let incident = hotgate::incident::Incident {
            answers: vec![("balance".into(), hotgate::incident::Answer::Int(balance))],
        };
        let validated = hotgate::incident::validate(&policy, &incident);
        assert!(validated.errors.is_empty(), "{:?}", validated.errors);
        let decision = hotgate::decision::decide(&policy, &validated.facts);
        assert_eq!(decision.verdict.as_str(), verdict, "balance {balance}");
        assert_eq!(
            hotgate::outcome::outcome(&policy, &validated.facts),
            hotgate::outcome::outcome_by_tree(&policy, &validated.facts)
        );
    }
}
