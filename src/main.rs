//! The `hotgate` command line: check policies, evaluate incidents, run
//! policy test cases. Native only; in a wasm build it is an empty program.
// Native code: the bundle's size rules (`clippy.toml`) do not apply.
#![allow(clippy::disallowed_methods)]

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let code = cli::run(&args, &mut stdout, &mut stderr);
    std::process::ExitCode::from(code)
}

#[cfg(target_arch = "wasm32")]
fn main() {}
