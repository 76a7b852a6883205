//! What the article page, the newsroom and the live streams read.

use dateline_domain::UnixTime;

use super::{
    coverage_from_row, entry_from_row, LiveCoverage, LiveEntry, COVERAGE_COLUMNS, ENTRY_COLUMNS,
    ENTRY_FROM,
};
use crate::comments::{comment_from_row, Comment, COMMENT_COLUMNS, COMMENT_FROM};
use crate::{Result, Store};

/// Entries a page shows at most (a very long day of coverage).
pub const MAX_LIVE_ENTRIES: i64 = 1000;
/// Changes one catch-up reads at most; a stream further behind reads again.
pub const MAX_LIVE_CHANGES: i64 = 500;
/// Comments one catch-up reads at most.
const MAX_COMMENTS_SINCE: i64 = 200;

impl Store {
    /// The article's live coverage, if it ever had any.
    pub async fn live_coverage(&self, article_id: i64) -> Result<Option<LiveCoverage>> {
        let sql = format!("SELECT {COVERAGE_COLUMNS} FROM live_coverage WHERE article_id = $1");
        sqlx::query(&sql)
            .bind(article_id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(coverage_from_row)
            .transpose()
    }

    /// The entries readers see, newest first (deleted ones left out).
    pub async fn live_entries(&self, article_id: i64) -> Result<Vec<LiveEntry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.article_id = $1 \
             AND e.deleted_at IS NULL ORDER BY e.posted_at DESC, e.id DESC LIMIT $2"
        );
        sqlx::query(&sql)
            .bind(article_id)
            .bind(MAX_LIVE_ENTRIES)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(entry_from_row)
            .collect()
    }

    /// One entry, deleted or not, or `None`.
    pub async fn live_entry(&self, entry_id: i64) -> Result<Option<LiveEntry>> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.id = $1");
        sqlx::query(&sql)
            .bind(entry_id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(entry_from_row)
            .transpose()
    }

    /// Entries changed after change number `after` (deleted ones too), in
    /// the order of their last change; at most [`MAX_LIVE_CHANGES`]. An
    /// entry changed twice comes once, as it is now.
    pub async fn live_changes(&self, article_id: i64, after: i64) -> Result<Vec<LiveEntry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.article_id = $1 AND e.seq > $2 \
             ORDER BY e.seq LIMIT $3"
        );
        sqlx::query(&sql)
            .bind(article_id)
            .bind(after)
            .bind(MAX_LIVE_CHANGES)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(entry_from_row)
            .collect()
    }

    /// Published comments of the article posted since `since`, oldest
    /// first, for a live stream catching up after a break.
    pub async fn comments_published_since(
        &self,
        article_id: i64,
        since: UnixTime,
    ) -> Result<Vec<Comment>> {
        let sql = format!(
            "SELECT {COMMENT_COLUMNS} FROM {COMMENT_FROM} WHERE c.article_id = $1 \
             AND c.status = 'published' AND c.created_at >= $2 \
             ORDER BY c.created_at, c.id LIMIT $3"
        );
        sqlx::query(&sql)
            .bind(article_id)
            .bind(since)
            .bind(MAX_COMMENTS_SINCE)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(comment_from_row)
            .collect()
    }
}
