//! Hand-written replacements of std kept because each saves at least 2 KB
//! of the gzipped wasm bundle (measured: BENCHMARKS.md lists each with its
//! saving). `clippy.toml` disallows the std methods they replace in the
//! bundle's code, with a reason that points here; native-only code (the
//! CLI, test cases, tests, benches) uses std.
//!
//! Each is checked against the std function it replaces (`tests/`).

pub mod float;
pub mod lowercase;
pub mod sort;
pub mod text;

#[cfg(test)]
mod tests;
