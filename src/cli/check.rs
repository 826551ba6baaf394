//! `hotgate check POLICY...`: every diagnostic of every policy.

use std::io::Write;

use super::file::read_source;
use hotgate::diagnostic::render;
use hotgate::policy;

pub fn run(paths: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, String> {
    let mut failed = false;
    for path in paths {
        let file = read_source(path)?;
        let source = file.text;
        let loaded = match file.invalid {
            Some(invalid) => Err(vec![invalid]),
            None => policy::load(&source),
        };
        match loaded {
            Ok(policy) => {
                let _ = writeln!(
                    out,
                    "{path}: ok ({} {}, {} inputs)",
                    policy.id,
                    policy.version,
                    policy.inputs.len()
                );
            }
            Err(diagnostics) => {
                failed = true;
                let _ = write!(err, "{}", render(path, &source, &diagnostics));
                let n = diagnostics.len();
                let _ = writeln!(err, "{path}: {n} error{}", if n == 1 { "" } else { "s" });
            }
        }
    }
    Ok(u8::from(failed))
}
