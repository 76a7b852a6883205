//! Test support (feature `testing`): reader rows written with plain SQL, for
//! comment tests that run before and apart from the reader-accounts API.

use dateline_domain::UnixTime;
use sqlx::Row;

use crate::Store;

impl Store {
    /// Inserts an active reader named `name` (`{name}@readers.test`),
    /// created at `created_at`, verified or not; returns the id.
    /// Panics on failure: tests only.
    pub async fn insert_test_reader(
        &self,
        name: &str,
        created_at: UnixTime,
        verified: bool,
    ) -> i64 {
        let row = sqlx::query(
            "INSERT INTO readers (email, display_name, language, created_at, email_verified_at) \
             VALUES ($1, $2, 'en', $3, $4) RETURNING id",
        )
        .bind(format!("{}@readers.test", name.to_lowercase()))
        .bind(name)
        .bind(created_at)
        .bind(verified.then_some(created_at))
        .fetch_one(&self.pool)
        .await
        .unwrap_or_else(|e| panic!("cannot insert reader {name}: {e}"));
        row.try_get("id")
            .unwrap_or_else(|e| panic!("reader id: {e}"))
    }
}
