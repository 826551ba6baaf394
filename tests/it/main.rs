//! Native integration tests, one binary: shipped policies and their cases,
//! data-driven diagnostics, decision snapshots, the CLI contract.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    // Tests are not in the bundle: its size rules do not apply.
    clippy::disallowed_methods
)]

mod audit;
mod cli;
mod diagnostics;
mod golden;
mod hostile;
mod layers;
mod limits;
mod outcome;
mod policies;
mod record;
mod support;
mod toml;
mod wizard;
