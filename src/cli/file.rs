//! Reading the files a command names.

use hotgate::diagnostic::{Diagnostic, utf8};

/// A file's text. A file that is not UTF-8 has its bad bytes replaced in
/// `text` (for showing where they are) and `invalid` says where the first
/// one is.
pub struct Source {
    pub text: String,
    pub invalid: Option<Diagnostic>,
}

/// Reads a file for a command, with a message that names it when it
/// cannot be read.
pub fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))
}

/// Reads a policy or case file: its text, also when it is not UTF-8.
pub fn read_source(path: &str) -> Result<Source, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
    let invalid = utf8(&bytes).err();
    // The replacement starts at the first bad byte: every offset before it,
    // the diagnostic's included, is the same in `text`.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(Source { text, invalid })
}
