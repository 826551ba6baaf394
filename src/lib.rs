//! Hotgate: a hotfix-release policy engine.
//!
//! A declarative policy (TOML) is loaded and type-checked ([`policy`]), an
//! incident is validated against its questions ([`incident`]), and the two
//! are evaluated into a [`decision::Decision`] that explains itself. The
//! engine is plain Rust: no browser types, clocks or storage. [`api`] is the
//! one boundary the CLI and the browser bindings (`web`, wasm32 only) share.
//! See ARCHITECTURE.md for the map.

// The size rules of `clippy.toml` (`disallowed-methods`) hold for what is
// compiled into the wasm bundle; native builds and tests use plain std.
#![cfg_attr(
    any(test, not(target_arch = "wasm32")),
    allow(clippy::disallowed_methods)
)]
// `str::parse` is one of them (for `f64`), so integers are read with
// `from_str_radix(s, 10)`, which this lint would turn back into `parse`.
#![allow(clippy::from_str_radix_10)]

pub mod api;
pub mod cases;
pub mod decision;
pub mod diagnostic;
pub mod expr;
pub mod facts;
pub mod incident;
pub mod json;
pub mod limits;
pub mod outcome;
pub mod policy;
// Crate-private; the fuzz targets (built with `--cfg fuzzing`) check it too.
#[cfg(not(fuzzing))]
mod support;
#[cfg(fuzzing)]
pub mod support;
pub mod toml;
pub mod vocab;
pub mod wizard;

#[cfg(target_arch = "wasm32")]
pub mod web;
