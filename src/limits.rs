//! Limits on what a policy or an incident may ask of the engine.
//!
//! Every input a user controls is bounded, so that a hostile or broken policy
//! gets a diagnostic instead of a hang, a stack overflow or a panic. There is
//! no clock in `wasm32-unknown-unknown`; evaluation work is bounded by
//! construction instead: conditions are trees without loops or calls, and the
//! total number of expression nodes in a policy is capped, so one decision
//! visits at most `MAX_POLICY_NODES` nodes (twice, with the explanation pass).

/// Largest policy source, in bytes.
pub const MAX_POLICY_BYTES: usize = 256 * 1024;
/// Deepest nesting of arrays and inline tables, and most parts of one
/// dotted key, in the policy's TOML.
pub const MAX_TOML_NESTING: usize = 64;
/// Longest single condition, in bytes.
pub const MAX_EXPR_BYTES: usize = 4 * 1024;
/// Deepest nesting of parentheses, operators and lists in one condition.
pub const MAX_EXPR_DEPTH: usize = 32;
/// Most items in one list literal.
pub const MAX_LIST_ITEMS: usize = 256;
/// Most expression nodes in a whole policy: the bound on evaluation work.
pub const MAX_POLICY_NODES: usize = 20_000;
/// Most items of one kind (inputs, approvers, tests...) in a policy.
pub const MAX_ITEMS: usize = 256;
/// Most options of one choice input.
pub const MAX_OPTIONS: usize = 64;
/// Longest id, in bytes.
pub const MAX_ID_BYTES: usize = 64;
/// Longest label, help text, reason or template, in bytes.
pub const MAX_TEXT_BYTES: usize = 16 * 1024;
/// Most people a role may be asked to provide.
pub const MAX_APPROVER_COUNT: i64 = 10;
/// Longest text answer in an incident, unless the input sets `max_length`.
pub const DEFAULT_TEXT_ANSWER_CHARS: usize = 10_000;
/// Most fields one incident may carry (known or not).
pub const MAX_INCIDENT_FIELDS: usize = 1_024;
