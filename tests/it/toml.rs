//! Conformance of the TOML reader with the toml-test suite
//! (`tests/data/toml-test/`, TOML 1.0, MIT licence in `COPYING` there):
//! every valid document reads to the expected values, every invalid one
//! gets at least one located error and no panic.

use std::path::{Path, PathBuf};

use hotgate::toml::{DatetimeKind, Kind, Table, Value, parse};
use serde_json::Value as Json;

/// Invalid in TOML 1.0 but accepted on purpose: TOML 1.1 allows them, and
/// policies written for earlier releases of Hotgate may use them.
const TOML_1_1: &[&str] = &[
    "datetime/no-secs.toml",
    "inline-table/linebreak-1.toml",
    "inline-table/linebreak-2.toml",
    "inline-table/linebreak-3.toml",
    "inline-table/linebreak-4.toml",
    "inline-table/trailing-comma.toml",
    "string/basic-byte-escapes.toml",
];

fn files(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/toml-test")
        .join(dir);
    let mut out = Vec::new();
    walk(&root, &mut out);
    out.sort();
    out
}

fn name(path: &Path, dir: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/toml-test")
        .join(dir);
    path.strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// Compares a value with toml-test's tagged JSON; answers what differs.
fn compare(value: &Value<'_>, expected: &Json, at: &str) -> Result<(), String> {
    let tagged = |ty: &str| -> Result<&str, String> {
        match (
            expected.get("type").and_then(Json::as_str),
            expected.get("value").and_then(Json::as_str),
        ) {
            (Some(t), Some(v)) if t == ty => Ok(v),
            _ => Err(format!("{at}: found {ty}, expected {expected}")),
        }
    };
    match &value.kind {
        Kind::Table(table) => compare_table(table, expected, at),
        Kind::Array(items) => {
            let Some(expected) = expected.as_array() else {
                return Err(format!("{at}: found an array, expected {expected}"));
            };
            if items.len() != expected.len() {
                return Err(format!(
                    "{at}: {} items, expected {}",
                    items.len(),
                    expected.len()
                ));
            }
            for (i, (item, want)) in items.iter().zip(expected).enumerate() {
                compare(item, want, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        Kind::String(s) => (tagged("string")? == s.as_ref())
            .then_some(())
            .ok_or_else(|| format!("{at}: string {s:?}, expected {expected}")),
        Kind::Integer(i) => (tagged("integer")?.parse::<i64>().ok() == Some(*i))
            .then_some(())
            .ok_or_else(|| format!("{at}: integer {i}, expected {expected}")),
        Kind::Boolean(b) => (tagged("bool")? == b.to_string())
            .then_some(())
            .ok_or_else(|| format!("{at}: bool {b}, expected {expected}")),
        Kind::Float(f) => {
            let want = tagged("float")?;
            let want = match want.trim_start_matches('+') {
                "inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                "nan" | "-nan" => f64::NAN,
                other => other.parse::<f64>().map_err(|e| format!("{at}: {e}"))?,
            };
            let same = (f.is_nan() && want.is_nan()) || *f == want;
            same.then_some(())
                .ok_or_else(|| format!("{at}: float {f}, expected {want}"))
        }
        Kind::Datetime(kind) => {
            let ty = match kind {
                DatetimeKind::OffsetDatetime => "datetime",
                DatetimeKind::LocalDatetime => "datetime-local",
                DatetimeKind::LocalDate => "date-local",
                DatetimeKind::LocalTime => "time-local",
            };
            tagged(ty).map(|_| ())
        }
    }
}

fn compare_table(table: &Table<'_>, expected: &Json, at: &str) -> Result<(), String> {
    let Some(expected) = expected.as_object() else {
        return Err(format!("{at}: found a table, expected {expected}"));
    };
    if table.len() != expected.len() {
        let keys: Vec<_> = table.iter().map(|(k, _)| k.name.to_string()).collect();
        return Err(format!(
            "{at}: keys {keys:?}, expected {:?}",
            expected.keys().collect::<Vec<_>>()
        ));
    }
    for (key, want) in expected {
        let Some(value) = table.get(key) else {
            return Err(format!("{at}: no key {key:?}"));
        };
        compare(value, want, &format!("{at}.{key}"))?;
    }
    Ok(())
}

#[test]
fn valid_documents_read_to_the_expected_values() {
    let mut failures = Vec::new();
    let paths = files("valid");
    assert!(paths.len() > 90, "the valid suite is missing");
    for path in &paths {
        let name = name(path, "valid");
        let text = std::fs::read_to_string(path).unwrap();
        let expected: Json =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap())
                .unwrap();
        let (table, errors) = parse(&text);
        if !errors.is_empty() {
            failures.push(format!("{name}: rejected: {}", errors[0].message));
            continue;
        }
        if let Err(why) = compare_table(&table, &expected, "") {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} valid documents:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}

#[test]
fn invalid_documents_get_located_errors() {
    let mut failures = Vec::new();
    let paths = files("invalid");
    assert!(paths.len() > 150, "the invalid suite is missing");
    let mut checked = 0;
    for path in &paths {
        let name = name(path, "invalid");
        // Not UTF-8: these never reach the parser (callers hold `&str`).
        let Ok(text) = String::from_utf8(std::fs::read(path).unwrap()) else {
            continue;
        };
        let (_, errors) = parse(&text);
        if TOML_1_1.contains(&name.as_str()) {
            assert!(errors.is_empty(), "{name}: TOML 1.1 accepts it: {errors:?}");
            continue;
        }
        checked += 1;
        match errors.first() {
            None => failures.push(format!("{name}: accepted")),
            Some(e) if e.span.end > text.len() || e.span.start > e.span.end => {
                failures.push(format!("{name}: span {:?} outside the text", e.span));
            }
            Some(_) => {}
        }
    }
    assert!(checked > 150);
    assert!(
        failures.is_empty(),
        "{} of {checked} invalid documents:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
