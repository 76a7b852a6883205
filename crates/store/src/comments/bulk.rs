//! Bulk comments for load tests (`dateline gen --comments`): published
//! top-level comments with their replies, in multi-row inserts. Counters
//! are left alone: call [`Store::recount_comment_counters`] afterwards.

use dateline_domain::UnixTime;
use sqlx::Row;

use crate::{Result, Store};

/// One published top-level comment and its level-1 replies.
#[derive(Debug, Clone)]
pub struct BulkComment {
    pub body_source: String,
    pub body_html: String,
    pub at: UnixTime,
    /// `(source, html, time)` of each reply.
    pub replies: Vec<(String, String, UnixTime)>,
}

/// Rows per INSERT statement (5 binds a row, far below either backend's limit).
const ROWS_PER_INSERT: usize = 500;

impl Store {
    /// Inserts `comments` by `reader_id` under `article_id`, in one transaction.
    pub async fn insert_comments_bulk(
        &self,
        article_id: i64,
        reader_id: i64,
        comments: &[BulkComment],
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for chunk in comments.chunks(ROWS_PER_INSERT) {
            let rows = values_sql(chunk.len(), 5, "'published'");
            let sql = format!(
                "INSERT INTO comments (article_id, reader_id, body_source, body_html, created_at, status) \
                 VALUES {rows} RETURNING id"
            );
            let mut q = sqlx::query(&sql);
            for c in chunk {
                q = q
                    .bind(article_id)
                    .bind(reader_id)
                    .bind(&c.body_source)
                    .bind(&c.body_html)
                    .bind(c.at);
            }
            let mut ids = q
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|row| row.try_get::<i64, _>("id"))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            // RETURNING lists rows in insertion order on both backends in
            // practice, but nothing promises it: match by ascending id.
            ids.sort_unstable();
            let replies: Vec<(i64, &(String, String, UnixTime))> = ids
                .iter()
                .zip(chunk)
                .flat_map(|(id, c)| c.replies.iter().map(move |r| (*id, r)))
                .collect();
            for part in replies.chunks(ROWS_PER_INSERT) {
                let rows = values_sql(part.len(), 7, "'published', 1");
                let sql = format!(
                    "INSERT INTO comments (article_id, reader_id, parent_id, root_id, body_source, \
                     body_html, created_at, status, depth) VALUES {rows}"
                );
                let mut q = sqlx::query(&sql);
                for (parent, (source, html, at)) in part {
                    q = q
                        .bind(article_id)
                        .bind(reader_id)
                        .bind(*parent)
                        .bind(*parent)
                        .bind(source)
                        .bind(html)
                        .bind(*at);
                }
                q.execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}

/// `($1, …, $k, fixed), (…)` for `rows` rows of `k` binds each.
fn values_sql(rows: usize, k: usize, fixed: &str) -> String {
    (0..rows)
        .map(|r| {
            let binds = (1..=k)
                .map(|i| format!("${}", r * k + i))
                .collect::<Vec<_>>()
                .join(", ");
            format!("({binds}, {fixed})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// The reader bulk comments are written by (created on first use).
    pub async fn bulk_reader(&self, at: UnixTime) -> Result<i64> {
        const EMAIL: &str = "bulk-comments@readers.invalid";
        sqlx::query(
            "INSERT INTO readers (email, display_name, language, created_at, email_verified_at) \
             VALUES ($1, 'Bulk Reader', 'en', $2, $2) ON CONFLICT (email) DO NOTHING",
        )
        .bind(EMAIL)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(sqlx::query("SELECT id FROM readers WHERE email = $1")
            .bind(EMAIL)
            .fetch_one(&self.pool)
            .await?
            .try_get("id")?)
    }
}
