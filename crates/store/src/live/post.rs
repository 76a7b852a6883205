//! Posting an entry to open live coverage.

use dateline_domain::UnixTime;
use sqlx::Row;

use super::{entry_on, next_seq, LiveEntry};
use crate::audit::NewAudit;
use crate::{Result, Store, StoreError};

/// A checked entry to store; the web layer has rendered `body_html`.
#[derive(Debug, Clone)]
pub struct NewLiveEntry {
    pub article_id: i64,
    pub body_source: String,
    pub body_html: String,
    pub author_user_id: Option<i64>,
    pub at: UnixTime,
    pub audit: NewAudit,
}

impl Store {
    /// Posts an entry. Refused (`Invalid`, code `live_not_open`) unless the
    /// article's coverage is open.
    pub async fn post_live_entry(&self, new: &NewLiveEntry) -> Result<LiveEntry> {
        let mut tx = self.begin_write().await?;
        let seq = next_seq(&mut tx, new.article_id, true).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO live_entries (article_id, body_source, body_html, author_user_id, \
             posted_at, updated_at, seq) VALUES ($1, $2, $3, $4, $5, $5, $6) RETURNING id",
        )
        .bind(new.article_id)
        .bind(&new.body_source)
        .bind(&new.body_html)
        .bind(new.author_user_id)
        .bind(new.at)
        .bind(seq)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::on_constraint("author"))?
        .try_get("id")?;
        let entry = entry_on(&mut tx, id).await?;
        let audit = super::with_entry(&new.audit, id);
        self.finish_live_write(tx, new.article_id, seq, &audit)
            .await?;
        Ok(entry)
    }
}
