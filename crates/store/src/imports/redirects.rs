//! Old addresses of imported stories. A path is kept as the old site had
//! it (path and query, without scheme and host); the reader site answers a
//! request for it with 301 to the story's address.

use dateline_domain::UnixTime;
use sqlx::AnyConnection;

use crate::{Result, Store};

/// Longest old address kept, in bytes.
pub const REDIRECT_PATH_MAX_BYTES: usize = 2000;

/// Points each of `paths` at `article_id` (a path another story had moves).
pub(crate) async fn upsert_redirects(
    conn: &mut AnyConnection,
    article_id: i64,
    paths: &[String],
    now: UnixTime,
) -> Result<()> {
    for path in paths {
        sqlx::query(
            "INSERT INTO redirects (path, article_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id",
        )
        .bind(path)
        .bind(article_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

impl Store {
    /// The story an old address (path and query) now lives at.
    pub async fn redirect_target(&self, path: &str) -> Result<Option<i64>> {
        if path.len() > REDIRECT_PATH_MAX_BYTES {
            return Ok(None);
        }
        Ok(
            sqlx::query_scalar("SELECT article_id FROM redirects WHERE path = $1")
                .bind(path)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// The old addresses of a story, oldest first.
    pub async fn redirects_of(&self, article_id: i64) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT path FROM redirects WHERE article_id = $1 ORDER BY created_at, path",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
