//! `hotgate audit POLICY RECORD.json [--until ready] [--as-of TIME] [--json]`:
//! every problem of a hotfix record (an exported record or a draft) under
//! the policy. Exit 0 for a complete, consistent record (or, with `--until
//! ready`, one that may be deployed), 1 when it finds problems, 2 when the
//! policy or the record cannot be read.

use std::io::Write;
use std::rc::Rc;

use super::file::{read, read_source};
use hotgate::api::{self, AuditAnswer};
use hotgate::diagnostic::render;
use hotgate::policy;
use hotgate::wizard::audit::Until;
use hotgate::wizard::time::parse_utc;

pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, String> {
    let mut until = Until::Closed;
    let mut json = false;
    let mut as_of = None;
    let mut paths = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--until" => {
                until = match args.next().map(String::as_str) {
                    Some("ready") => Until::Ready,
                    Some("closed") => Until::Closed,
                    _ => return Err("--until takes `ready` or `closed`".into()),
                }
            }
            "--as-of" => {
                let time = args.next().map(String::as_str).unwrap_or_default();
                as_of = Some(parse_utc(time).ok_or_else(|| {
                    format!("--as-of takes a UTC time such as 2026-11-22T14:02Z, found `{time}`")
                })?);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            path => paths.push(path),
        }
    }
    let [policy_path, record_path] = paths[..] else {
        return Err("audit takes POLICY and RECORD.json".into());
    };
    let file = read_source(policy_path)?;
    let loaded = match file.invalid {
        Some(invalid) => Err(vec![invalid]),
        None => policy::load(&file.text),
    };
    let policy = match loaded {
        Ok(policy) => Rc::new(policy),
        Err(diagnostics) => {
            let _ = write!(err, "{}", render(policy_path, &file.text, &diagnostics));
            let _ = writeln!(
                err,
                "{policy_path}: the policy has errors; nothing was audited"
            );
            return Ok(2);
        }
    };
    let now = as_of.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    });
    let answer = api::audit(&policy, &read(record_path)?, until, now);
    let (stage, problems) = match &answer {
        AuditAnswer::Success {
            stage, problems, ..
        } => (*stage, problems),
        AuditAnswer::Failure { error } => {
            if json {
                let text = serde_json::to_string_pretty(&answer).map_err(|e| e.to_string())?;
                let _ = writeln!(out, "{text}");
            }
            let _ = writeln!(err, "{record_path}: {error}");
            return Ok(2);
        }
    };
    if json {
        let text = serde_json::to_string_pretty(&answer).map_err(|e| e.to_string())?;
        let _ = writeln!(out, "{text}");
    } else {
        for p in problems {
            let _ = writeln!(out, "{record_path}: {}: {}: {}", p.at, p.code, p.message);
        }
        let checked = match until {
            Until::Ready => "ready to deploy",
            Until::Closed => "a complete record",
        };
        let _ = match problems.len() {
            0 => writeln!(
                out,
                "{record_path}: ok: {checked} (stage: {})",
                stage.as_str()
            ),
            n => writeln!(
                out,
                "{record_path}: {n} problem{} found; not {checked} (stage: {})",
                if n == 1 { "" } else { "s" },
                stage.as_str()
            ),
        };
    }
    Ok(u8::from(!problems.is_empty()))
}
