//! Stored counters: comment counts, the drift check and the full recount.

use sqlx::Row;

use crate::records::CounterDrift;
use crate::{Result, Store, StoreError};

/// `(table, counter column, SQL of the true count per id as columns k, n)`.
/// Visibility is read from `articles` itself, not from the join tables'
/// copies, so that a stale copy shows up as drift.
const COUNTERS: [(&str, &str, &str); 7] = [
    (
        "editions",
        "article_count",
        "SELECT edition_id AS k, COUNT(*) AS n FROM articles WHERE is_public = 1 GROUP BY edition_id",
    ),
    (
        "sections",
        "article_count",
        "SELECT section_id AS k, COUNT(*) AS n FROM articles WHERE is_public = 1 GROUP BY section_id",
    ),
    (
        "authors",
        "article_count",
        "SELECT j.author_id AS k, COUNT(*) AS n FROM article_authors j \
         JOIN articles a ON a.id = j.article_id WHERE a.is_public = 1 GROUP BY j.author_id",
    ),
    (
        "tags",
        "article_count",
        "SELECT j.tag_id AS k, COUNT(*) AS n FROM article_tags j \
         JOIN articles a ON a.id = j.article_id WHERE a.is_public = 1 GROUP BY j.tag_id",
    ),
    (
        "media_assets",
        "usage_count",
        "SELECT media_id AS k, COUNT(*) AS n FROM article_media GROUP BY media_id",
    ),
    (
        "media_assets",
        "public_use_count",
        "SELECT u.media_id AS k, COUNT(*) AS n FROM article_media u \
         JOIN articles a ON a.id = u.article_id WHERE a.is_public = 1 GROUP BY u.media_id",
    ),
    // The visibility flag, from its true inputs rather than the stored
    // counter, so that either being off shows up.
    (
        "media_assets",
        "is_public",
        "SELECT id AS k, COUNT(*) AS n FROM media_assets WHERE is_released = 1 OR id IN \
         (SELECT u.media_id FROM article_media u JOIN articles a ON a.id = u.article_id \
         WHERE a.is_public = 1) GROUP BY id",
    ),
];

/// Rows `(id, stored, actual)` of `table` whose counter is off.
fn drift_sql(table: &str, column: &str, truth: &str) -> String {
    format!(
        "SELECT t.id, t.{column} AS stored, COALESCE(c.n, 0) AS actual FROM {table} t \
         LEFT JOIN ({truth}) c ON c.k = t.id WHERE t.{column} <> COALESCE(c.n, 0)"
    )
}

/// Articles whose rows in a join table carry a stale publication time or
/// visibility, as `(id, rows off)`.
fn stale_join_sql(table: &str) -> String {
    format!(
        "SELECT j.article_id AS id, COUNT(*) AS n FROM {table} j JOIN articles a ON a.id = j.article_id \
         WHERE j.is_public <> a.is_public OR j.published_at IS DISTINCT FROM a.published_at GROUP BY j.article_id"
    )
}

const JOIN_TABLES: [&str; 2] = ["article_authors", "article_tags"];

impl Store {
    /// Adds `delta` to an article's comment counter.
    ///
    /// The counter never goes below zero; unknown article → `NotFound`.
    pub async fn add_comment_count(&self, article_id: i64, delta: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE articles SET comment_count = CASE WHEN comment_count + $1 < 0 THEN 0 \
             ELSE comment_count + $1 END WHERE id = $2",
        )
        .bind(delta)
        .bind(article_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let events = crate::events::comments_changed(self.node_id(), article_id);
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(())
    }

    /// Compares every stored counter with a true count.
    ///
    /// Also reports join-table rows whose copied publication time or
    /// visibility disagrees with their article (see [`CounterDrift`]).
    /// Reads whole tables: for checks and repair, never for a page.
    pub async fn counter_drift(&self) -> Result<CounterDrift> {
        let mut mismatches = Vec::new();
        for (table, column, truth) in COUNTERS {
            let sql = format!("{} ORDER BY t.id", drift_sql(table, column, truth));
            for row in sqlx::query(&sql).fetch_all(&self.pool).await? {
                mismatches.push((
                    table,
                    row.try_get("id")?,
                    row.try_get("stored")?,
                    row.try_get("actual")?,
                ));
            }
        }
        for table in JOIN_TABLES {
            let sql = format!("{} ORDER BY j.article_id", stale_join_sql(table));
            for row in sqlx::query(&sql).fetch_all(&self.pool).await? {
                mismatches.push((table, row.try_get("id")?, row.try_get("n")?, 0));
            }
        }
        Ok(CounterDrift { mismatches })
    }

    /// Recomputes every counter from the rows (after bulk loads or repair).
    ///
    /// First re-copies publication time and visibility onto join rows that
    /// disagree with their article, then rewrites only the counters that
    /// are off, all in one transaction.
    pub async fn recount_counters(&self) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for table in JOIN_TABLES {
            let sql = format!(
                "UPDATE {table} SET is_public = a.is_public, published_at = a.published_at FROM articles a \
                 WHERE a.id = {table}.article_id \
                 AND ({table}.is_public <> a.is_public OR {table}.published_at IS DISTINCT FROM a.published_at)"
            );
            sqlx::query(&sql).execute(&mut *tx).await?;
        }
        for (table, column, truth) in COUNTERS {
            let sql = format!(
                "UPDATE {table} SET {column} = d.actual FROM ({}) d WHERE {table}.id = d.id",
                drift_sql(table, column, truth)
            );
            sqlx::query(&sql).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
