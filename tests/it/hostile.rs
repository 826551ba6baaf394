//! The hostile policy corpus (`tests/data/hostile/`): every file is refused
//! with diagnostics that carry a line and a column, quickly, without a
//! crash. The same corpus goes through the JS API in the browser
//! (`tests/e2e/hostile.test.mjs`).

use std::time::{Duration, Instant};

use hotgate::api::{assess, load_policy};
use hotgate::incident::{Answer, Incident};

use crate::support::{files, read, root};

#[test]
fn every_hostile_policy_gets_located_diagnostics_in_bounded_time() {
    let corpus = files(&root().join("tests/data/hostile"), "toml");
    assert!(
        corpus.len() >= 100,
        "the corpus has {} policies",
        corpus.len()
    );
    let mut slowest = (Duration::ZERO, String::new());
    for path in &corpus {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let source = read(path);
        let started = Instant::now();
        let result = load_policy(&source);
        let took = started.elapsed();
        if took > slowest.0 {
            slowest = (took, name.clone());
        }
        if name.starts_with("ok-") {
            let policy = result.unwrap_or_else(|d| panic!("{name} is odd but valid: {d:?}"));
            let incident = Incident {
                answers: vec![
                    ("severity".into(), Answer::Text("P1".into())),
                    ("flag".into(), Answer::Bool(true)),
                ],
            };
            assert!(assess(&policy, &incident).errors.is_empty(), "{name}");
            continue;
        }
        let diagnostics = match result {
            Ok(_) => panic!("{name} loaded, but it is hostile"),
            Err(d) => d,
        };
        assert!(!diagnostics.is_empty(), "{name}");
        let lines = source.lines().count().max(1);
        for d in &diagnostics {
            assert!(d.line >= 1 && d.column >= 1, "{name}: {d:?}");
            assert!(d.line <= lines + 1, "{name}: line {} of {lines}", d.line);
            assert!(!d.message.is_empty(), "{name}");
        }
    }
    // A guard against hangs, not a benchmark: the slowest is reported.
    eprintln!("slowest hostile policy: {} in {:?}", slowest.1, slowest.0);
    assert!(
        slowest.0 < Duration::from_secs(2),
        "{} took {:?}",
        slowest.1,
        slowest.0
    );
}
