//! Integration tests of dateline-demo: the pictures a reader sees, the demo
//! installed into a real SQLite store, and bulk generation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bulk;
mod install;
mod pictures;

/// A fixed "now" so that runs are comparable.
pub const NOW: i64 = 1_760_000_000;
