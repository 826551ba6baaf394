//! The CLI's contract: output shapes and exit codes.

use std::process::Command;

use crate::support::root;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn hotgate(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_hotgate"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("hotgate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn check_accepts_every_shipped_policy() {
    let run = hotgate(&[
        "check",
        "policies/default.toml",
        "policies/enterprise.toml",
        "policies/small-team.toml",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("policies/default.toml: ok (default 1.0.0, 12 inputs)"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_renders_diagnostics_like_rustc_and_exits_1() {
    let path = temp_file(
        "bad.toml",
        &std::fs::read_to_string(root().join("policies/default.toml"))
            .unwrap()
            .replace(
                "when = \"severity == 'P1'\"\nverdict",
                "when = \"severity == 'P5'\"\nverdict",
            ),
    );
    let run = hotgate(&["check", &path]);
    assert_eq!(run.code, 1);
    let expected_head = format!("{path}:120:21: error: `'P5'` is not an option of `severity`\n");
    assert!(run.stderr.starts_with(&expected_head), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("120 | when = \"severity == 'P5'\"\n    |                     ^^^^\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("= help: did you mean 'P1'?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_policy_that_is_not_utf8_gets_a_located_diagnostic_and_exit_1() {
    let dir = std::env::temp_dir().join(format!("hotgate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("latin1.toml");
    // "Décrit" in Latin-1: 0xE9 cannot start a UTF-8 character.
    std::fs::write(&path, b"[policy]\nid = \"x\"\nname = \"D\xe9crit\"\n").unwrap();
    let path = path.display().to_string();
    for args in [
        vec!["check", &path],
        vec!["eval", &path, "policies/tests/default.toml"],
    ] {
        let run = hotgate(&args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        let head = format!("{path}:3:10: error: the file is not UTF-8 text: byte 0xe9");
        assert!(run.stderr.starts_with(&head), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("= help: save the file as UTF-8"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("usage:"), "{}", run.stderr);
    }
}

#[test]
fn eval_prints_the_decision_json() {
    let incident = temp_file(
        "p1.json",
        r#"{"title": "Checkout down", "severity": "P1", "customer_facing": true}"#,
    );
    let run = hotgate(&["eval", "policies/default.toml", &incident]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let decision: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(decision["policy"]["id"], "default");
    assert_eq!(decision["policy"]["version"], "1.0.0");
    assert_eq!(decision["verdict"], "qualifies");
    assert_eq!(decision["why"]["rule"], "qualification.p1");
    assert_eq!(decision["why"]["inputs"]["severity"], "P1");
    let approver = &decision["approvers"][3];
    assert_eq!(approver["id"], "product-owner");
    assert_eq!(approver["why"]["condition"], "customer_facing");
    assert_eq!(approver["why"]["inputs"]["customer_facing"], true);
    let status = decision["communications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "status-page")
        .unwrap();
    assert_eq!(status["phase"], "before_deploy");
    assert_eq!(status["audience"], "Customers and end users");
    assert!(
        status["message"]
            .as_str()
            .unwrap()
            .contains("Checkout down")
    );
    assert_eq!(decision["deadlines"][0]["id"], "deploy");
    assert_eq!(decision["deadlines"][0]["minutes"], 240);
    assert_eq!(decision["deadlines"][1]["id"], "monitor");
    assert_eq!(decision["deadlines"][1]["minutes"], 60);
    for key in ["tests", "blockers", "follow_ups"] {
        for item in decision[key].as_array().unwrap() {
            assert!(
                item["id"].is_string() && item["label"].is_string() && item["why"].is_object(),
                "{item}"
            );
        }
    }
}

#[test]
fn eval_reports_every_field_error_and_exits_1() {
    let incident = temp_file(
        "bad.json",
        r#"{"severity": "P9", "affected_users": -3, "colour": "red"}"#,
    );
    let run = hotgate(&["eval", "policies/default.toml", &incident]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stderr);
    for field in ["severity:", "affected_users:", "colour:", "title:"] {
        assert!(
            run.stderr.contains(field),
            "{field} missing from {}",
            run.stderr
        );
    }
}

#[test]
fn unreadable_files_and_bad_usage_exit_2() {
    assert_eq!(
        hotgate(&["eval", "policies/default.toml", "/nonexistent.json"]).code,
        2
    );
    assert_eq!(hotgate(&["check", "/nonexistent.toml"]).code, 2);
    assert_eq!(hotgate(&["eval", "policies/default.toml"]).code, 2);
    assert_eq!(hotgate(&["frobnicate"]).code, 2);
    assert_eq!(hotgate(&[]).code, 2);
}

#[test]
fn test_runs_cases_and_closes_with_a_count() {
    let run = hotgate(&["test", "policies/tests"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let last = run.stdout.lines().last().unwrap();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");

    let cases = temp_file(
        "cases.toml",
        &format!(
            "policy = \"{}\"\n[[cases]]\nname = \"wrong\"\nincident = {{ title = \"x\", severity = \"P3\" }}\nverdict = \"qualifies\"\n[[cases]]\nname = \"right\"\nincident = {{ title = \"x\", severity = \"P3\" }}\nverdict = \"rejected\"\n",
            root().join("policies/default.toml").display()
        ),
    );
    let run = hotgate(&["test", &cases]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!(
            "FAIL {cases}:3 wrong: verdict: expected `qualifies`, got `rejected` (qualification.default)\n1 passed, 1 failed\n"
        )
    );
}

#[test]
fn audit_says_what_it_cannot_read_and_exits_2() {
    let record = "tests/data/audit/complete.json";
    for args in [
        vec!["audit", "policies/default.toml"],
        vec!["audit", "policies/default.toml", record, "--until", "later"],
        vec![
            "audit",
            "policies/default.toml",
            record,
            "--as-of",
            "yesterday",
        ],
        vec!["audit", "policies/default.toml", record, "--verbose"],
    ] {
        let run = hotgate(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("usage: hotgate"), "{}", run.stderr);
    }
    let broken = temp_file("broken.toml", "[policy]\nid = 3\n");
    let run = hotgate(&["audit", &broken, record]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("the policy has errors; nothing was audited"),
        "{}",
        run.stderr
    );
    let run = hotgate(&[
        "audit",
        "policies/default.toml",
        "tests/data/audit/not-json.json",
        "--json",
    ]);
    assert_eq!(run.code, 2);
    let answer: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(answer["status"], "failure");
}
