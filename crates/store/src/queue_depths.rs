//! How much background work is waiting, for `/metrics`: one statement of
//! counts, each over a partial index that holds only the waiting rows
//! (`media_assets_rendition_jobs`, `media_assets_failed_renditions`,
//! `newsletter_deliveries_due`, `newsletter_deliveries_claimed`,
//! `articles_due`), so a scrape never walks a large table.

use sqlx::Row;

use crate::{Result, Store};

/// Rows waiting in each queue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueDepths {
    /// Pictures whose renditions are pending or being made.
    pub renditions_pending: i64,
    /// Pictures whose renditions the worker gave up on.
    pub renditions_failed: i64,
    /// Newsletter and alert deliveries queued (including retries).
    pub mail_queued: i64,
    /// Deliveries a worker has claimed and is sending.
    pub mail_sending: i64,
    /// Stories scheduled and not yet published.
    pub scheduled_articles: i64,
}

impl Store {
    pub async fn queue_depths(&self) -> Result<QueueDepths> {
        let row = sqlx::query(
            "SELECT \
             (SELECT COUNT(*) FROM media_assets \
              WHERE renditions_state IN ('pending', 'working')) AS renditions_pending, \
             (SELECT COUNT(*) FROM media_assets \
              WHERE renditions_state = 'failed') AS renditions_failed, \
             (SELECT COUNT(*) FROM newsletter_deliveries WHERE state = 'queued') AS mail_queued, \
             (SELECT COUNT(*) FROM newsletter_deliveries WHERE state = 'sending') AS mail_sending, \
             (SELECT COUNT(*) FROM articles WHERE status = 'scheduled') AS scheduled_articles",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(QueueDepths {
            renditions_pending: row.try_get("renditions_pending")?,
            renditions_failed: row.try_get("renditions_failed")?,
            mail_queued: row.try_get("mail_queued")?,
            mail_sending: row.try_get("mail_sending")?,
            scheduled_articles: row.try_get("scheduled_articles")?,
        })
    }
}
