//! Housekeeping: rows nobody can use any more. Every node's scheduler runs
//! it now and then; the deletes are idempotent, so nodes may overlap.

use dateline_domain::UnixTime;

use crate::{Result, Store, SEARCH_CHANGES_KEPT_SECS};

impl Store {
    /// Deletes expired staff and reader sessions, spent or expired mail
    /// tokens, failure counters that ran out, search changes older than
    /// [`SEARCH_CHANGES_KEPT_SECS`] (a node further behind rebuilds its
    /// index), newsletter sign-ups never confirmed and wire items untouched
    /// for [`crate::wires::WIRE_ITEMS_KEPT_SECS`], and webhook deliveries
    /// settled for [`crate::webhooks::WEBHOOK_DELIVERIES_KEPT_SECS`]; returns
    /// how many rows went.
    pub async fn purge_expired(&self, now: UnixTime) -> Result<u64> {
        let mut removed = self.purge_reader_tokens(now).await?;
        for table in ["reader_sessions", "sessions", "failure_counts"] {
            removed += sqlx::query(&format!("DELETE FROM {table} WHERE expires_at <= $1"))
                .bind(now)
                .execute(&self.pool)
                .await?
                .rows_affected();
        }
        removed += self
            .prune_search_changes(now - SEARCH_CHANGES_KEPT_SECS)
            .await?;
        removed += self.purge_unconfirmed_newsletters(now).await?;
        removed += self.purge_old_wire_items(now).await?;
        removed += self.purge_old_webhook_deliveries(now).await?;
        Ok(removed)
    }
}
