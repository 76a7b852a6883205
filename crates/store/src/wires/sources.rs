//! Where wire copy comes from: a folder to watch or an address to poll,
//! how often, and how the last poll went. Every node runs the poller; a
//! claim (`claimed_until`) makes one node at a time poll a source.

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::{record_audit_on, NewAudit};
use crate::{Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireSourceKind {
    /// A folder on the node (or a mount every node shares) where files are
    /// dropped; taken files move to `processed/`, refused ones to `failed/`.
    Folder,
    /// An http(s) address polled with conditional GET.
    Url,
}

impl WireSourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Folder => "folder",
            Self::Url => "url",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "folder" => Some(Self::Folder),
            "url" => Some(Self::Url),
            _ => None,
        }
    }
}

/// A source as the newsroom shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireSource {
    pub id: i64,
    pub name: String,
    pub kind: WireSourceKind,
    pub location: String,
    pub poll_seconds: i64,
    pub enabled: bool,
    /// What the address answered last, sent back on the next poll.
    pub etag: String,
    pub last_modified: String,
    pub next_poll_at: UnixTime,
    pub last_polled_at: Option<UnixTime>,
    pub last_ok_at: Option<UnixTime>,
    /// Why the last poll (or a file of it) failed; empty after a clean one.
    pub last_error: String,
    pub created_at: UnixTime,
    /// Items in the queue from this source.
    pub items: i64,
}

/// What an admin sets on a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireSourceInput {
    pub name: String,
    pub kind: WireSourceKind,
    pub location: String,
    pub poll_seconds: i64,
    pub enabled: bool,
}

/// How a poll ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PollResult {
    /// Empty when all went well.
    pub error: String,
    /// New validators from the answer; `None` keeps the stored ones.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

const COLUMNS: &str = "s.id, s.name, s.kind, s.location, s.poll_seconds, s.enabled, s.etag, \
     s.last_modified, s.next_poll_at, s.last_polled_at, s.last_ok_at, s.last_error, s.created_at, \
     (SELECT COUNT(*) FROM wire_items i WHERE i.source_id = s.id) AS items";

fn source_from(row: &AnyRow) -> Result<WireSource> {
    let kind: String = row.try_get("kind")?;
    Ok(WireSource {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        kind: WireSourceKind::parse(&kind).ok_or_else(|| StoreError::Corrupt {
            table: "wire_sources",
            detail: format!("kind {kind:?}"),
        })?,
        location: row.try_get("location")?,
        poll_seconds: row.try_get("poll_seconds")?,
        enabled: row.try_get::<i64, _>("enabled")? != 0,
        etag: row.try_get("etag")?,
        last_modified: row.try_get("last_modified")?,
        next_poll_at: row.try_get("next_poll_at")?,
        last_polled_at: row.try_get("last_polled_at")?,
        last_ok_at: row.try_get("last_ok_at")?,
        last_error: row.try_get("last_error")?,
        created_at: row.try_get("created_at")?,
        items: row.try_get("items")?,
    })
}

impl Store {
    /// Every source, by name.
    pub async fn wire_sources(&self) -> Result<Vec<WireSource>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM wire_sources s ORDER BY s.name, s.id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(source_from).collect()
    }

    pub async fn wire_source(&self, id: i64) -> Result<WireSource> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM wire_sources s WHERE s.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        source_from(&row)
    }

    /// Adds a source, due at once; a taken name is `Duplicate { what: "source" }`.
    pub async fn create_wire_source(
        &self,
        input: &WireSourceInput,
        audit: &NewAudit,
    ) -> Result<WireSource> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO wire_sources (name, kind, location, poll_seconds, enabled, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&input.name)
        .bind(input.kind.as_str())
        .bind(&input.location)
        .bind(input.poll_seconds)
        .bind(i64::from(input.enabled))
        .bind(audit.at)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::on_constraint("source"))?
        .try_get("id")?;
        record_audit_on(&mut tx, &audit.clone().on_item(id)).await?;
        tx.commit().await?;
        self.wire_source(id).await
    }

    /// Changes a source. A new location forgets the old one's validators
    /// and is polled at once.
    pub async fn update_wire_source(
        &self,
        id: i64,
        input: &WireSourceInput,
        audit: &NewAudit,
    ) -> Result<WireSource> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE wire_sources SET \
             etag = CASE WHEN location = $4 AND kind = $3 THEN etag ELSE '' END, \
             last_modified = CASE WHEN location = $4 AND kind = $3 THEN last_modified ELSE '' END, \
             next_poll_at = CASE WHEN location = $4 AND kind = $3 THEN next_poll_at ELSE 0 END, \
             name = $2, kind = $3, location = $4, poll_seconds = $5, enabled = $6 WHERE id = $1",
        )
        .bind(id)
        .bind(&input.name)
        .bind(input.kind.as_str())
        .bind(&input.location)
        .bind(input.poll_seconds)
        .bind(i64::from(input.enabled))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_constraint("source"))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        record_audit_on(&mut tx, &audit.clone().on_item(id)).await?;
        tx.commit().await?;
        self.wire_source(id).await
    }

    /// Removes a source and its queued items; drafts made from them keep
    /// their provenance.
    pub async fn delete_wire_source(&self, id: i64, audit: &NewAudit) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // Drafts keep the item's provenance; their link to it goes first.
        sqlx::query(
            "UPDATE wire_drafts SET item_id = NULL \
             WHERE item_id IN (SELECT id FROM wire_items WHERE source_id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE wire_items SET duplicate_of = NULL WHERE duplicate_of IN \
             (SELECT id FROM wire_items WHERE source_id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM wire_items WHERE source_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM wire_sources WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        record_audit_on(&mut tx, &audit.clone().on_item(id)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes source `id` due now (the newsroom's "Poll now").
    pub async fn poll_wire_source_soon(&self, id: i64) -> Result<()> {
        let done = sqlx::query("UPDATE wire_sources SET next_poll_at = 0 WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Claims the enabled source due longest, for `lease` seconds, if any
    /// is due and no other node holds it.
    pub async fn claim_due_wire_source(
        &self,
        now: UnixTime,
        lease: i64,
    ) -> Result<Option<WireSource>> {
        let row = sqlx::query(
            "UPDATE wire_sources SET claimed_until = $2 WHERE id = (\
               SELECT id FROM wire_sources WHERE enabled = 1 AND next_poll_at <= $1 \
               AND (claimed_until IS NULL OR claimed_until < $1) \
               ORDER BY next_poll_at, id LIMIT 1) \
             AND (claimed_until IS NULL OR claimed_until < $1) RETURNING id",
        )
        .bind(now)
        .bind(now.saturating_add(lease))
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => Ok(Some(self.wire_source(row.try_get("id")?).await?)),
            None => Ok(None),
        }
    }

    /// Records how the poll of a claimed source went, releases the claim
    /// and makes the source due again after its interval.
    pub async fn finish_wire_poll(
        &self,
        id: i64,
        result: &PollResult,
        now: UnixTime,
    ) -> Result<()> {
        let ok = result.error.is_empty();
        sqlx::query(
            "UPDATE wire_sources SET claimed_until = NULL, last_polled_at = $2, \
             last_ok_at = CASE WHEN $3 = 1 THEN $2 ELSE last_ok_at END, last_error = $4, \
             etag = COALESCE($5, etag), last_modified = COALESCE($6, last_modified), \
             next_poll_at = $2 + poll_seconds WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .bind(i64::from(ok))
        .bind(&result.error)
        .bind(result.etag.as_deref())
        .bind(result.last_modified.as_deref())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
