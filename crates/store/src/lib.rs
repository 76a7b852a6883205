//! Dateline's storage: one `Store` with the same behaviour on an embedded
//! SQLite file and on PostgreSQL, picked at run time from the database URL.
//!
//! Queries go through sqlx's `Any` driver with `$n` placeholders, which both
//! backends accept; each backend keeps its own migrations tree. Where the SQL
//! dialects differ the store branches on [`Backend`].
//!
//! Counters (`article_count`, `usage_count`) are kept by the writes that
//! change them, so that pages never count rows; `counter_drift` checks them
//! and `recount_counters` repairs them. Listings are keyset pages over
//! partial `WHERE is_public = 1` indexes.
//!
//! The `testing` feature adds [`testing::TestDb`] and [`testing::Fixtures`];
//! the conformance suite in `tests/it` runs every test on both backends.

mod articles;
mod connect;
mod cursor;
mod editions;
mod error;
mod media;
mod people;
mod records;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use connect::{Backend, Store};
pub use cursor::Cursor;
pub use error::StoreError;
pub use records::*;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
