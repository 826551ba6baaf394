//! Data-driven diagnostics: each `tests/data/invalid/NAME.toml` is a broken
//! policy; `NAME.expected` holds every diagnostic, rendered like rustc's.

use hotgate::diagnostic::render;
use hotgate::policy;

use crate::support::{expect_file, files, read, root};

#[test]
fn invalid_policies_get_every_diagnostic_with_line_and_column() {
    let dir = root().join("tests/data/invalid");
    let inputs = files(&dir, "toml");
    assert!(inputs.len() >= 20, "only {} invalid policies", inputs.len());
    for path in inputs {
        let source = read(&path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let diagnostics = match policy::load(&source) {
            Ok(_) => panic!("{name} loaded, but it is invalid"),
            Err(d) => d,
        };
        expect_file(
            &path.with_extension("expected"),
            &render(&name, &source, &diagnostics),
        );
    }
}

#[test]
fn a_duplicate_id_points_at_the_first_definition_too() {
    let source = read(&root().join("tests/data/invalid/duplicate-ids.toml"));
    let diagnostics = hotgate::api::load_policy(&source).unwrap_err();
    let first = diagnostics
        .iter()
        .find(|d| d.message == "two inputs are called `severity`")
        .unwrap();
    assert_eq!((first.line, first.column), (34, 6));
    let related = first.related.as_ref().unwrap();
    assert_eq!(related.label, "the first is defined here");
    assert_eq!(
        (
            related.line,
            related.column,
            related.end_line,
            related.end_column
        ),
        (7, 6, 7, 16)
    );
    // Other diagnostics have no second place.
    let source = read(&root().join("tests/data/invalid/lists-compared.toml"));
    let diagnostics = hotgate::api::load_policy(&source).unwrap_err();
    assert!(diagnostics.iter().all(|d| d.related.is_none()));
}
