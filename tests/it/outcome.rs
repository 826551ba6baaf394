//! The compiled fast path (`outcome`, a bit-mask program per policy) gives
//! exactly what walking every condition's tree gives (`outcome_by_tree`),
//! on every shipped and every odd-but-valid policy, for many incidents.

use hotgate::incident::{Answer, Incident, validate};
use hotgate::outcome::{outcome, outcome_by_tree};
use hotgate::policy::{self, InputKind, Policy};

use crate::support::{Rng, files, read, root};

/// An incident answering each question at random, boundaries included,
/// sometimes not at all.
fn incident(policy: &Policy, rng: &mut Rng) -> Incident {
    let mut answers = Vec::new();
    for input in &policy.inputs {
        if rng.below(5) == 0 {
            continue;
        }
        let answer = match &input.kind {
            InputKind::Bool => Answer::Bool(rng.below(2) == 0),
            InputKind::Int { min, max } => {
                let picks = [*min, *max, 0, 1, 100, 101, 500, 501, 1_000];
                let pick = picks[rng.below(picks.len() as u64) as usize];
                Answer::Int(pick.clamp(*min, *max))
            }
            InputKind::Choice { options } => {
                let option = &options[rng.below(options.len() as u64) as usize];
                Answer::Text(option.value.clone())
            }
            InputKind::Text { .. } => Answer::Text(format!("text {}", rng.below(3))),
        };
        answers.push((input.id.to_string(), answer));
    }
    Incident { answers }
}

fn agree_on_random_incidents(name: &str, policy: &Policy, count: usize) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut checked = 0;
    for _ in 0..count {
        let validated = validate(policy, &incident(policy, &mut rng));
        if !validated.errors.is_empty() {
            continue;
        }
        assert_eq!(
            outcome(policy, &validated.facts),
            outcome_by_tree(policy, &validated.facts),
            "{name}"
        );
        checked += 1;
    }
    assert!(
        checked > count / 4,
        "{name}: only {checked} valid incidents"
    );
}

#[test]
fn the_compiled_program_agrees_with_the_trees_on_every_policy() {
    let mut policies = files(&root().join("policies"), "toml");
    policies.extend(
        files(&root().join("tests/data/hostile"), "toml")
            .into_iter()
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("ok-")),
    );
    assert!(policies.len() > 5);
    for path in policies {
        let policy = policy::load(&read(&path)).unwrap();
        agree_on_random_incidents(&path.display().to_string(), &policy, 3_000);
    }
}

/// More distinct comparisons than the program numbers, and conditions of
/// every shape: the overflow walks the tree and still agrees.
#[test]
fn conditions_of_every_shape_and_more_than_64_comparisons_agree() {
    let mut text = String::from(
        r#"[policy]
id = "shapes"
name = "Shapes"
version = "1"

[[inputs]]
id = "n"
label = "N"
type = "int"
min = 0
max = 1000

[[inputs]]
id = "a"
label = "A"
type = "bool"

[[inputs]]
id = "b"
label = "B"
type = "bool"

[[inputs]]
id = "s"
label = "S"
type = "choice"
options = ["P1", "P2", "P3"]

[qualification]
default = "rejected"
default_reason = "no rule matched"
"#,
    );
    let shapes = [
        "a && !b",
        "a || !b",
        "!(a || b)",
        "!(a && s == 'P1')",
        "(a && b) || s in ['P2', 'P3']",
        "a == b",
        "a != (n > 3)",
        "!a",
        "true",
        "false || a",
    ];
    for (i, shape) in shapes.iter().enumerate() {
        text.push_str(&format!(
            "\n[[qualification.rules]]\nid = \"shape-{i}\"\nwhen = \"{shape}\"\nverdict = \"needs_review\"\nreason = \"r\"\n"
        ));
    }
    for i in 0..80 {
        text.push_str(&format!(
            "\n[[qualification.rules]]\nid = \"n-{i}\"\nwhen = \"n > {} && a\"\nverdict = \"qualifies\"\nreason = \"r\"\n",
            i * 12
        ));
    }
    for (i, shape) in [
        "verdict == 'qualifies' && a",
        "!(verdict in ['rejected']) || b",
        "n >= 990",
    ]
    .iter()
    .enumerate()
    {
        text.push_str(&format!(
            "\n[[approvers]]\nrole = \"r{i}\"\nlabel = \"R\"\nwhen = \"{shape}\"\n"
        ));
    }
    // Past 64 items of a kind, unconditional ones among them, and a
    // condition that is not a clause. (The rules above number all 64
    // atoms, so these conditions reuse theirs: new comparisons would walk
    // their tree.)
    let clauses = ["a", "!b", "s == 'P1' || b", "a && !(s in ['P2', 'P3'])"];
    for i in 3..75 {
        let when = match i % 3 {
            0 => String::new(),
            1 => format!("when = \"{}\"\n", clauses[i % clauses.len()]),
            _ => "when = \"a == (s == 'P2')\"\n".to_string(),
        };
        text.push_str(&format!(
            "\n[[approvers]]\nrole = \"r{i}\"\nlabel = \"R\"\n{when}"
        ));
    }
    let policy = policy::load(&text)
        .unwrap_or_else(|d| panic!("{}", hotgate::diagnostic::render("shapes.toml", &text, &d)));
    assert_eq!(policy.approvers.len(), 75);
    agree_on_random_incidents("shapes", &policy, 5_000);
}
