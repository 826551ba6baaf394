//! `hotgate test PATH`: runs policy test cases from a file or a folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::file::read_source;
use hotgate::diagnostic::render;
use hotgate::{cases, policy};

pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, String> {
    let [path] = args else {
        return Err("test takes one PATH".into());
    };
    let files = case_files(Path::new(path))?;
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        let shown = file.display().to_string();
        let file_source = read_source(&shown)?;
        let source = file_source.text;
        let parsed = match file_source.invalid {
            Some(invalid) => Err(vec![invalid]),
            None => cases::parse(&source),
        };
        let case_file = match parsed {
            Ok(case_file) => case_file,
            Err(diagnostics) => {
                let _ = write!(err, "{}", render(&shown, &source, &diagnostics));
                failed += 1;
                continue;
            }
        };
        let policy_path = file
            .parent()
            .unwrap_or(Path::new("."))
            .join(&case_file.policy);
        let policy_shown = policy_path.display().to_string();
        let policy_file = read_source(&policy_shown)?;
        let policy_source = policy_file.text;
        let loaded = match policy_file.invalid {
            Some(invalid) => Err(vec![invalid]),
            None => policy::load(&policy_source),
        };
        let policy = match loaded {
            Ok(policy) => policy,
            Err(diagnostics) => {
                let _ = write!(
                    err,
                    "{}",
                    render(&policy_shown, &policy_source, &diagnostics)
                );
                failed += case_file.cases.len().max(1);
                continue;
            }
        };
        for case in &case_file.cases {
            let diffs = cases::run(&policy, case);
            if diffs.is_empty() {
                passed += 1;
            } else {
                failed += 1;
                let _ = writeln!(
                    out,
                    "FAIL {shown}:{} {}: {}",
                    case.line,
                    case.name,
                    diffs.join("; ")
                );
            }
        }
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    Ok(u8::from(failed > 0))
}

/// The case files at `path`: the file itself, or the `.toml` files in the
/// folder, sorted.
fn case_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries =
        std::fs::read_dir(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no case files (*.toml) in `{}`", path.display()));
    }
    Ok(files)
}
