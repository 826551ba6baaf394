//! Hostile policies: each gets a diagnostic (never a hang, a stack overflow
//! or a panic), and a policy at the edge of the limits still loads.

use hotgate::diagnostic::ErrorKind;
use hotgate::limits::{MAX_EXPR_BYTES, MAX_ITEMS, MAX_POLICY_BYTES};
use hotgate::policy;

const HEAD: &str = r#"
[policy]
id = "t"
name = "T"
version = "1"

[[inputs]]
id = "c"
label = "C"
type = "bool"

[qualification]
default = "rejected"
default_reason = "No."

[[qualification.rules]]
id = "r"
when = "c"
verdict = "qualifies"
reason = "C."
"#;

fn with_tests(whens: &[String]) -> String {
    let mut text = HEAD.to_string();
    for (i, when) in whens.iter().enumerate() {
        text.push_str(&format!(
            "\n[[tests]]\nid = \"t{i}\"\nlabel = \"T\"\nwhen = \"{when}\"\n"
        ));
    }
    text
}

fn kinds(source: &str) -> Vec<ErrorKind> {
    match policy::load(source) {
        Ok(_) => vec![],
        Err(diagnostics) => diagnostics.into_iter().map(|d| d.kind).collect(),
    }
}

#[test]
fn the_base_policy_loads() {
    assert!(policy::load(HEAD).is_ok());
    // A long chain stays flat and within every limit.
    let chain = vec!["c"; 800].join(" && ");
    assert!(chain.len() < MAX_EXPR_BYTES);
    assert!(policy::load(&with_tests(&[chain])).is_ok());
}

#[test]
fn an_oversized_policy_is_refused_before_parsing() {
    let huge = format!("{HEAD}\n# {}\n", "x".repeat(MAX_POLICY_BYTES));
    assert_eq!(kinds(&huge), vec![ErrorKind::LimitExceeded]);
}

#[test]
fn an_overlong_condition_is_refused() {
    let long = vec!["c"; MAX_EXPR_BYTES / 4 + 10].join(" || ");
    assert_eq!(kinds(&with_tests(&[long])), vec![ErrorKind::LimitExceeded]);
}

#[test]
fn deep_nesting_is_refused_at_every_level_of_the_format() {
    let bangs = format!("{}c", "!".repeat(2000));
    let parens = format!("{}c{}", "(".repeat(1000), ")".repeat(1000));
    let lists = format!("c in {}1{}", "[".repeat(1000), "]".repeat(1000));
    for when in [bangs, parens, lists] {
        assert_eq!(kinds(&with_tests(&[when])), vec![ErrorKind::LimitExceeded]);
    }
    // Deeply nested TOML arrays and inline tables: toml's own recursion guard.
    let arrays = format!("{HEAD}\nx = {}1{}\n", "[".repeat(5000), "]".repeat(5000));
    assert_eq!(kinds(&arrays), vec![ErrorKind::TomlSyntax]);
    let tables = format!(
        "{HEAD}\nx = {}1{}\n",
        "{ a = ".repeat(5000),
        " }".repeat(5000)
    );
    assert!(kinds(&tables).iter().all(|k| *k == ErrorKind::TomlSyntax));
}

#[test]
fn too_many_items_or_condition_nodes_are_refused() {
    let many: Vec<String> = (0..=MAX_ITEMS).map(|_| "c".to_string()).collect();
    assert_eq!(kinds(&with_tests(&many)), vec![ErrorKind::LimitExceeded]);
    // Each condition is within its own limit; together they exceed the budget.
    let big = vec!["c"; 1300].join("||");
    let whens: Vec<String> = (0..20).map(|_| big.clone()).collect();
    assert_eq!(kinds(&with_tests(&whens)), vec![ErrorKind::LimitExceeded]);
}

#[test]
fn huge_numbers_and_long_strings_get_diagnostics() {
    let huge_int = format!(
        "{HEAD}\n[[approvers]]\nrole = \"r\"\nlabel = \"R\"\ncount = 99999999999999999999\n"
    );
    assert!(!kinds(&huge_int).is_empty());
    let long_id = format!(
        "{HEAD}\n[[tests]]\nid = \"{}\"\nlabel = \"T\"\n",
        "a".repeat(10_000)
    );
    assert_eq!(kinds(&long_id), vec![ErrorKind::InvalidValue]);
    let long_literal = with_tests(&[format!("c == '{}'", "x".repeat(3000))]);
    assert_eq!(kinds(&long_literal), vec![ErrorKind::TypeMismatch]);
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_fine() {
    let crlf = format!("\u{feff}{}", HEAD.replace('\n', "\r\n"));
    assert!(policy::load(&crlf).is_ok());
    let broken = format!(
        "\u{feff}{}",
        with_tests(&["c ==".to_string()]).replace('\n', "\r\n")
    );
    let diagnostics = policy::load(&broken).unwrap_err();
    let rendered = hotgate::diagnostic::render("p.toml", &broken, &diagnostics);
    assert!(
        rendered.starts_with("p.toml:25:13: error: condition ends too early"),
        "{rendered}"
    );
}
