//! The store's error type.

use dateline_domain::ParseError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// An optimistic-concurrency check failed: someone saved first.
    #[error("stale version: the {what} was changed by someone else")]
    Conflict { what: &'static str },
    /// A unique key is already taken (slug, e-mail, …); `what` names it.
    #[error("{what} already exists")]
    Duplicate { what: &'static str },
    /// A reference points at a row that does not exist (section, author, …).
    #[error("{what} does not exist")]
    MissingReference { what: &'static str },
    /// Input failed domain validation.
    #[error(transparent)]
    Invalid(#[from] ParseError),
    /// A value read back from the database did not parse; the data is corrupt.
    #[error("corrupt row in {table}: {detail}")]
    Corrupt { table: &'static str, detail: String },
    #[error(transparent)]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Maps a unique-key violation to [`StoreError::Duplicate`] and a
    /// foreign-key violation to [`StoreError::MissingReference`], so callers
    /// can answer 409/422 on purpose; anything else stays a database error.
    pub(crate) fn on_constraint(what: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |err| match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate { what },
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::MissingReference { what }
            }
            _ => StoreError::Database(err),
        }
    }
}
