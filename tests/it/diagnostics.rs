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
