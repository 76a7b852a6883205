//! Changing an entry: its text, its pin, or deleting it (it stays as a
//! row, so that open streams learn it went).

use dateline_domain::UnixTime;

use super::{entry_on, next_seq, LiveEntry};
use crate::audit::NewAudit;
use crate::{Result, Store, StoreError};

/// What happens to an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryChange {
    /// New text (source and its sanitised HTML).
    Edit {
        body_source: String,
        body_html: String,
    },
    Pin,
    Unpin,
    Delete,
}

impl Store {
    /// Applies `change` to entry `entry_id` of `article_id`. `NotFound` when
    /// there is no such entry or it was deleted.
    pub async fn change_live_entry(
        &self,
        article_id: i64,
        entry_id: i64,
        change: &EntryChange,
        at: UnixTime,
        audit: &NewAudit,
    ) -> Result<LiveEntry> {
        let mut tx = self.begin_write().await?;
        let seq = next_seq(&mut tx, article_id, false)
            .await
            .map_err(|_| StoreError::NotFound)?;
        let done = match change {
            EntryChange::Edit {
                body_source,
                body_html,
            } => sqlx::query(
                "UPDATE live_entries SET body_source = $3, body_html = $4, updated_at = $5, \
                 seq = $6 WHERE id = $1 AND article_id = $2 AND deleted_at IS NULL",
            )
            .bind(entry_id)
            .bind(article_id)
            .bind(body_source.as_str())
            .bind(body_html.as_str())
            .bind(at)
            .bind(seq),
            EntryChange::Pin | EntryChange::Unpin => sqlx::query(
                "UPDATE live_entries SET pinned = $3, seq = $4 \
                 WHERE id = $1 AND article_id = $2 AND deleted_at IS NULL",
            )
            .bind(entry_id)
            .bind(article_id)
            .bind(i64::from(*change == EntryChange::Pin))
            .bind(seq),
            EntryChange::Delete => sqlx::query(
                "UPDATE live_entries SET deleted_at = $3, pinned = 0, seq = $4 \
                 WHERE id = $1 AND article_id = $2 AND deleted_at IS NULL",
            )
            .bind(entry_id)
            .bind(article_id)
            .bind(at)
            .bind(seq),
        }
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let entry = entry_on(&mut tx, entry_id).await?;
        let audit = super::with_entry(audit, entry_id);
        self.finish_live_write(tx, article_id, seq, &audit).await?;
        Ok(entry)
    }
}
