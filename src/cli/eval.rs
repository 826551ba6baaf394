//! `hotgate eval POLICY INCIDENT.json`: the decision as JSON.

use std::io::Write;

use super::file::{read, read_source};
use hotgate::api::{EvaluationAnswer, evaluate};
use hotgate::diagnostic::render;
use hotgate::incident::Incident;
use hotgate::policy;

pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, String> {
    let [policy_path, incident_path] = args else {
        return Err("eval takes POLICY and INCIDENT.json".into());
    };
    let file = read_source(policy_path)?;
    let source = file.text;
    let incident_text = read(incident_path)?;
    let loaded = match file.invalid {
        Some(invalid) => Err(vec![invalid]),
        None => policy::load(&source),
    };
    let policy = match loaded {
        Ok(policy) => policy,
        Err(diagnostics) => {
            let _ = write!(err, "{}", render(policy_path, &source, &diagnostics));
            return Ok(1);
        }
    };
    let incident: Incident = match serde_json::from_str(&incident_text) {
        Ok(incident) => incident,
        Err(e) => {
            let _ = writeln!(err, "{incident_path}: not an incident: {e}");
            return Ok(1);
        }
    };
    match evaluate(&policy, &incident) {
        EvaluationAnswer::Success { decision } => {
            let json = serde_json::to_string_pretty(&decision).map_err(|e| e.to_string())?;
            let _ = writeln!(out, "{json}");
            Ok(0)
        }
        EvaluationAnswer::Failure { errors } => {
            for e in &errors {
                let _ = writeln!(err, "{incident_path}: {}: {}", e.field, e.message);
            }
            Ok(1)
        }
    }
}
