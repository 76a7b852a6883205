//! Case folding done in Rust, the same on both backends: SQLite's `lower()`
//! and `LIKE` fold only ASCII, PostgreSQL's follow the server's locale. The
//! store keeps folded copies (`users.email_key`, `articles.search_text`) and
//! matches on them; here is how an address is folded and how rows from
//! before migration 0011 get their copies.

use dateline_domain::EmailAddress;
use sqlx::Row;

use crate::articles::search_text;
use crate::{Result, Store, StoreError};

/// How a staff address is matched: the whole address lower-cased, so that
/// `Москва@example.org` and `москва@example.org` are one account.
pub(crate) fn email_key(email: &EmailAddress) -> String {
    email.as_str().to_lowercase()
}

/// Rows folded per statement batch while filling in old rows.
const BATCH: i64 = 500;

impl Store {
    /// Fills the folded copies that SQL could not compute: articles without
    /// `search_text`, and staff addresses whose key SQLite folded as ASCII
    /// only. Runs after every migration; once done it costs two queries.
    pub(crate) async fn fold_old_rows(&self) -> Result<()> {
        while self.backfill_article_search().await? > 0 {}
        // The staff table is small: every row is checked.
        let rows = sqlx::query("SELECT id, email, email_key FROM users")
            .fetch_all(&self.pool)
            .await?;
        for row in &rows {
            let email: String = row.try_get("email")?;
            let key: String = row.try_get("email_key")?;
            if email.to_lowercase() != key {
                sqlx::query("UPDATE users SET email_key = $1 WHERE id = $2")
                    .bind(email.to_lowercase())
                    .bind(row.try_get::<i64, _>("id")?)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::on_constraint("e-mail address"))?;
            }
        }
        Ok(())
    }

    /// Computes `search_text` for up to [`BATCH`] articles without one;
    /// returns how many it filled.
    async fn backfill_article_search(&self) -> Result<u64> {
        let rows = sqlx::query(
            "SELECT id, headline, lead FROM articles WHERE search_text IS NULL ORDER BY id LIMIT $1",
        )
        .bind(BATCH)
        .fetch_all(&self.pool)
        .await?;
        let mut filled = 0;
        for row in &rows {
            let text = search_text(
                &row.try_get::<String, _>("headline")?,
                &row.try_get::<String, _>("lead")?,
            );
            filled += sqlx::query(
                "UPDATE articles SET search_text = $1 WHERE id = $2 AND search_text IS NULL",
            )
            .bind(text)
            .bind(row.try_get::<i64, _>("id")?)
            .execute(&self.pool)
            .await?
            .rows_affected();
        }
        Ok(filled)
    }
}
