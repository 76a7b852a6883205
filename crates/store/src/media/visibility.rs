//! Who may see a picture: readers see an asset when a public story uses it
//! (`public_use_count > 0`) or an editor released it to the bank
//! (`is_released`); `is_public` caches that rule on the row.
//!
//! Every statement that moves `public_use_count` or `is_released` rewrites
//! `is_public` from the same row in the same `UPDATE`, so concurrent writers
//! (serialised by the row lock on PostgreSQL, by the write lock on SQLite)
//! can never leave the flag disagreeing with its inputs.

use sqlx::{AnyConnection, Row};

use crate::articles::placeholders;
use crate::audit::{record_audit_on, NewAudit};
use crate::events::{CacheKey, Event, NodeId};
use crate::records::MediaAsset;
use crate::search::{note_search_changes, SearchEntity};
use crate::{Result, Store, StoreError};

/// The owner of a media file, as a request for `/media/{key}` needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileOwner {
    pub media_id: i64,
    /// The picture's `is_public`.
    pub is_public: bool,
}

/// Adds `uses` to the usage counter and `public_uses` to the public-use
/// counter of each asset in `ids` (each at most once), and returns the ids
/// whose visibility changed (a count that left or reached zero on an asset
/// no editor released).
pub(crate) async fn shift_uses(
    conn: &mut AnyConnection,
    ids: &[i64],
    uses: i64,
    public_uses: i64,
) -> Result<Vec<i64>> {
    if ids.is_empty() || (uses == 0 && public_uses == 0) {
        return Ok(Vec::new());
    }
    let sql = format!(
        "UPDATE media_assets SET usage_count = usage_count + $1, \
         public_use_count = public_use_count + $2, \
         is_public = CASE WHEN public_use_count + $2 > 0 OR is_released = 1 THEN 1 ELSE 0 END \
         WHERE id IN ({}) RETURNING id, public_use_count, is_released",
        placeholders(3, ids.len())
    );
    let mut query = sqlx::query(&sql).bind(uses).bind(public_uses);
    for id in ids {
        query = query.bind(*id);
    }
    let mut flipped = Vec::new();
    for row in query.fetch_all(&mut *conn).await? {
        let count: i64 = row.try_get("public_use_count")?;
        let released: i64 = row.try_get("is_released")?;
        // RETURNING shows the new values: the count crossed zero when it
        // now equals the shift (it was 0) or is 0 after a negative shift.
        let crossed = match public_uses {
            0 => false,
            d if d > 0 => count == d,
            _ => count == 0,
        };
        if crossed && released == 0 {
            flipped.push(row.try_get("id")?);
        }
    }
    Ok(flipped)
}

/// Adds the keys of pictures that became visible or hidden to the write's
/// purge (their pages, the pages showing them, and through `Surrogate-Key`
/// their files on a CDN): one purge per write, as subscribers expect.
pub(crate) fn purge_flipped(events: &mut Vec<Event>, node: NodeId, flipped: &[i64]) {
    if flipped.is_empty() {
        return;
    }
    let media = flipped.iter().copied().map(CacheKey::Media);
    match events.iter_mut().find(|e| matches!(e, Event::Purge { .. })) {
        Some(Event::Purge { keys, .. }) => {
            for key in media.map(|k| k.to_string()) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        _ => events.insert(0, Event::purge(node, media)),
    }
}

impl Store {
    /// Releases an asset to the public media bank (`released = true`), or
    /// withdraws the release, writing `audit` in the same transaction. A
    /// picture a public story uses stays public either way. Setting what is
    /// already set changes nothing and records nothing. Unknown asset →
    /// `NotFound`.
    pub async fn release_media(
        &self,
        id: i64,
        released: bool,
        audit: &NewAudit,
    ) -> Result<MediaAsset> {
        let flag = i64::from(released);
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE media_assets SET is_released = $1, \
             is_public = CASE WHEN public_use_count > 0 OR $1 = 1 THEN 1 ELSE 0 END \
             WHERE id = $2 AND is_released <> $1",
        )
        .bind(flag)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            drop(tx);
            return self.media_by_id(id).await?.ok_or(StoreError::NotFound);
        }
        record_audit_on(&mut tx, audit).await?;
        let changes = [(SearchEntity::Media, id)];
        note_search_changes(&mut tx, self.backend, &changes, audit.at).await?;
        let events = vec![Event::purge(
            self.node_id(),
            [CacheKey::Media(id), CacheKey::MediaUse(id)],
        )];
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        self.media_by_id(id).await?.ok_or(StoreError::NotFound)
    }

    /// Which asset a rendition file belongs to, by its storage key, and
    /// whether readers may see it. Renditions replaced by a new crop or
    /// credit line still answer until housekeeping lets them go; other keys
    /// (originals, files no row names) → `None`.
    pub async fn rendition_owner(&self, storage_key: &str) -> Result<Option<FileOwner>> {
        let row = sqlx::query(
            "SELECT m.id, m.is_public FROM media_assets m WHERE m.id IN \
             (SELECT media_id FROM media_renditions WHERE storage_key = $1 UNION ALL \
              SELECT media_id FROM retired_renditions WHERE storage_key = $1) \
             ORDER BY m.id LIMIT 1",
        )
        .bind(storage_key)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| -> Result<FileOwner> {
            Ok(FileOwner {
                media_id: row.try_get("id")?,
                is_public: row.try_get::<i64, _>("is_public")? != 0,
            })
        })
        .transpose()
    }
}
