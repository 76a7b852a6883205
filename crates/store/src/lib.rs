//! Dateline's storage: one `Store` with the same behaviour on an embedded
//! SQLite file and on PostgreSQL, picked at run time from the database URL.
//!
//! Queries go through sqlx's `Any` driver with `$n` placeholders, which both
//! backends accept; each backend keeps its own migrations tree. Where the SQL
//! dialects differ the store branches on [`Backend`].

mod articles;
mod connect;
mod cursor;
mod editions;
mod error;
mod media;
mod people;
mod records;

pub use connect::{Backend, Store};
pub use cursor::Cursor;
pub use error::StoreError;
pub use records::*;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
