//! Command dispatch and the exit-code contract: 0 success, 1 the input is
//! wrong (policy errors, invalid incident, failing cases), 2 usage or I/O.

mod audit;
mod check;
mod eval;
mod file;
mod test;

use std::io::Write;

pub const USAGE: &str = "\
usage: hotgate <command> [args]

commands:
  check POLICY...            check policies; diagnostics like rustc's
  eval POLICY INCIDENT.json  evaluate an incident; the decision as JSON
  test PATH                  run policy test cases (a file or a folder)
  audit POLICY RECORD.json   every problem of a hotfix record (an exported
                             record or a draft) under the policy
      --until ready          only what deployment needs (a pipeline's gate)
      --as-of TIME           as of a UTC time, e.g. 2026-11-22T14:02Z (default now)
      --json                 the problems as JSON

exit status: 0 ok, 1 errors in the input (audit: problems found),
2 usage or unreadable file";

pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let code = match args.split_first() {
        Some((command, rest)) => match command.as_str() {
            "check" if !rest.is_empty() => check::run(rest, out, err),
            "eval" if rest.len() == 2 => eval::run(rest, out, err),
            "test" if rest.len() == 1 => test::run(rest, out, err),
            "audit" => audit::run(rest, out, err),
            "help" | "--help" | "-h" => {
                let _ = writeln!(out, "{USAGE}");
                Ok(0)
            }
            _ => Err(format!("wrong command or arguments: `{}`", args.join(" "))),
        },
        None => Err("no command given".to_string()),
    };
    match code {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "hotgate: {message}\n\n{USAGE}");
            2
        }
    }
}
