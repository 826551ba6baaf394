//! Hotgate: a hotfix-release policy engine.
//!
//! A declarative policy (TOML) is loaded and type-checked ([`policy`]), an
//! incident is validated against its questions ([`incident`]), and the two
//! are evaluated into a [`decision::Decision`] that explains itself. The
//! engine is plain Rust: no browser types, clocks or storage. [`api`] is the
//! one boundary the CLI and the browser bindings (`web`, wasm32 only) share.
//! See ARCHITECTURE.md for the map.

pub mod api;
pub mod cases;
pub mod decision;
pub mod diagnostic;
pub mod expr;
pub mod float;
pub mod incident;
pub mod json;
pub mod limits;
pub mod lowercase;
pub mod outcome;
pub mod policy;
pub mod sort;
pub mod text;
pub mod toml;
pub mod vec;
pub mod wizard;

#[cfg(target_arch = "wasm32")]
pub mod web;
