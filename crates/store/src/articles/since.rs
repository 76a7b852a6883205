//! What a live newsfeed missed: the public articles of an edition published
//! at or after a moment, oldest first.

use dateline_domain::UnixTime;

use super::{card_from_row, CARD_COLUMNS, CARD_JOINS};
use crate::records::ArticleCard;
use crate::{Result, Store};

/// Most cards one call returns.
pub const MAX_SINCE: u32 = 200;

impl Store {
    /// Public articles of `edition_id` with `published_at >= since`, oldest
    /// first (ties by id), at most `limit` (clamped to 1..=[`MAX_SINCE`]).
    /// One range scan of the edition's listing index, read backwards.
    pub async fn articles_published_since(
        &self,
        edition_id: i64,
        since: UnixTime,
        limit: u32,
    ) -> Result<Vec<ArticleCard>> {
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM articles a {CARD_JOINS} \
             WHERE a.edition_id = $1 AND a.is_public = 1 AND a.published_at >= $2 \
             ORDER BY a.published_at ASC, a.id ASC LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(edition_id)
            .bind(since)
            .bind(i64::from(limit.clamp(1, MAX_SINCE)))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(card_from_row).collect()
    }
}
