//! Reading the files a command names.

/// Reads a file for a command, with a message that names it.
pub fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))
}
