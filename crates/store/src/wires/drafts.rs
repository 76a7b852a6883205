//! Stories begun from wire items. The draft keeps where it came from
//! (source, provider id, version, credit, the provider's other ids) even
//! after the item or its source is gone; when the item moves to a higher
//! version, the draft is flagged until an editor has looked.

use dateline_domain::{NewArticle, UnixTime};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::{record_audit_on, NewAudit};
use crate::records::Article;
use crate::search::note_search_changes;
use crate::{Result, Store, StoreError};

/// Where a story came from, as its newsroom page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireOrigin {
    pub article_id: i64,
    /// `None` once the item (or its source) was removed from the queue.
    pub item_id: Option<i64>,
    pub source_name: String,
    pub guid: String,
    /// The version the draft was made from (or last acknowledged).
    pub item_version: i64,
    /// The item's version now, when it is still queued.
    pub current_version: Option<i64>,
    pub credit: String,
    /// The provider's other ids, as JSON.
    pub alt_ids: String,
    pub created_at: UnixTime,
}

impl WireOrigin {
    /// The item has moved on since the draft took (or acknowledged) it.
    pub fn has_update(&self) -> bool {
        self.current_version
            .is_some_and(|current| current > self.item_version)
    }
}

/// A story begun from an item, as the item's page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireDraft {
    pub article_id: i64,
    pub headline: String,
    pub status: String,
    pub item_version: i64,
    pub created_at: UnixTime,
}

fn origin_from(row: &AnyRow) -> Result<WireOrigin> {
    Ok(WireOrigin {
        article_id: row.try_get("article_id")?,
        item_id: row.try_get("item_id")?,
        source_name: row.try_get("source_name")?,
        guid: row.try_get("guid")?,
        item_version: row.try_get("item_version")?,
        current_version: row.try_get("current_version")?,
        credit: row.try_get("credit")?,
        alt_ids: row.try_get("alt_ids")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Store {
    /// Creates `new` (a draft) from wire item `item_id` on behalf of
    /// `actor`, recording its provenance and `audit` in the same
    /// transaction.
    pub async fn create_wire_draft(
        &self,
        item_id: i64,
        new: &NewArticle,
        actor: i64,
        audit: &NewAudit,
    ) -> Result<Article> {
        new.validate()?;
        let mut tx = self.begin_write().await?;
        let item = sqlx::query(
            "SELECT i.guid, i.version, i.credit, i.alt_ids, s.name FROM wire_items i \
             JOIN wire_sources s ON s.id = i.source_id WHERE i.id = $1",
        )
        .bind(item_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let inserted = self.insert_article(&mut tx, new, Some(actor)).await?;
        let article = inserted.article;
        sqlx::query(
            "INSERT INTO wire_drafts (article_id, item_id, source_name, guid, item_version, \
             credit, alt_ids, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(article.id)
        .bind(item_id)
        .bind(item.try_get::<String, _>("name")?)
        .bind(item.try_get::<String, _>("guid")?)
        .bind(item.try_get::<i64, _>("version")?)
        .bind(item.try_get::<String, _>("credit")?)
        .bind(item.try_get::<String, _>("alt_ids")?)
        .bind(actor)
        .bind(new.updated_at)
        .execute(&mut *tx)
        .await?;
        record_audit_on(&mut tx, &audit.clone().on_item(article.id)).await?;
        note_search_changes(&mut tx, self.backend, &inserted.search, new.updated_at).await?;
        let staged = self.stage_events(&mut tx, inserted.events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(article)
    }

    /// Where story `article_id` came from, if it began as a wire item.
    pub async fn wire_origin(&self, article_id: i64) -> Result<Option<WireOrigin>> {
        let row = sqlx::query(
            "SELECT d.article_id, d.item_id, d.source_name, d.guid, d.item_version, d.credit, \
             d.alt_ids, d.created_at, i.version AS current_version FROM wire_drafts d \
             LEFT JOIN wire_items i ON i.id = d.item_id WHERE d.article_id = $1",
        )
        .bind(article_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(origin_from).transpose()
    }

    /// The editor has seen the item's latest version: the draft is no
    /// longer flagged (until the next one).
    pub async fn acknowledge_wire_update(&self, article_id: i64) -> Result<()> {
        let done = sqlx::query(
            "UPDATE wire_drafts SET item_version = COALESCE(\
               (SELECT version FROM wire_items WHERE id = wire_drafts.item_id), item_version) \
             WHERE article_id = $1",
        )
        .bind(article_id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The stories begun from item `item_id`, oldest first.
    pub async fn wire_drafts_of(&self, item_id: i64) -> Result<Vec<WireDraft>> {
        let rows = sqlx::query(
            "SELECT d.article_id, a.headline, a.status, d.item_version, d.created_at \
             FROM wire_drafts d JOIN articles a ON a.id = d.article_id \
             WHERE d.item_id = $1 ORDER BY d.created_at, d.article_id",
        )
        .bind(item_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(WireDraft {
                    article_id: row.try_get("article_id")?,
                    headline: row.try_get("headline")?,
                    status: row.try_get("status")?,
                    item_version: row.try_get("item_version")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// How many stories have a newer wire version waiting.
    pub async fn flagged_wire_drafts(&self) -> Result<i64> {
        Ok(sqlx::query(
            "SELECT COUNT(*) AS n FROM wire_drafts d JOIN wire_items i ON i.id = d.item_id \
             WHERE i.version > d.item_version",
        )
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?)
    }
}
