//! A picture's crop, focal point and shape crops, and recording the
//! renditions a job made from them: a changed framing queues the
//! renditions again, and a job's files are recorded only while the asset
//! still wants what it made.

use dateline_domain::{Crop, Framing, NewRendition, Shape};

use super::uploads::RenditionJob;
use super::{byte_size, framing_from_row, shape_crops_json, MEDIA_COLUMNS};
use crate::audit::{record_audit_on, NewAudit};
use crate::events::{CacheKey, Event};
use crate::records::MediaAsset;
use dateline_domain::UnixTime;

use crate::{Result, Store, StoreError};

/// Binds of a crop's four columns, all `NULL` for none.
fn crop_columns(crop: Option<Crop>) -> [Option<i64>; 4] {
    match crop {
        Some(c) => [c.left, c.top, c.width, c.height].map(|v| Some(i64::from(v))),
        None => [None; 4],
    }
}

impl Store {
    /// Sets an asset's framing (checked against its size by the caller,
    /// [`Framing::new`]) and records `audit`. A changed framing queues the
    /// renditions again in the same transaction (the focal point places
    /// the shapes without a crop of their own); the current files keep
    /// serving until the new ones are recorded, and files whose part of
    /// the picture did not change keep their addresses. Pages showing the
    /// picture are purged, since the focal point moves it in every card.
    pub async fn set_media_framing(
        &self,
        media_id: i64,
        framing: &Framing,
        audit: &NewAudit,
    ) -> Result<MediaAsset> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&format!(
            "SELECT {MEDIA_COLUMNS} FROM media_assets WHERE id = $1"
        ))
        .bind(media_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let recrop = framing_from_row(&row)? != *framing;
        let [left, top, width, height] = crop_columns(framing.crop());
        let focal = framing.focal_point();
        let done = sqlx::query(
            "UPDATE media_assets SET crop_left = $1, crop_top = $2, crop_width = $3, \
             crop_height = $4, focal_x = $5, focal_y = $6, shape_crops = $9, \
             renditions_state = CASE WHEN $8 = 1 THEN 'pending' ELSE renditions_state END, \
             renditions_attempts = CASE WHEN $8 = 1 THEN 0 ELSE renditions_attempts END, \
             renditions_error = CASE WHEN $8 = 1 THEN '' ELSE renditions_error END, \
             renditions_lease_until = CASE WHEN $8 = 1 THEN NULL ELSE renditions_lease_until END \
             WHERE id = $7",
        )
        .bind(left)
        .bind(top)
        .bind(width)
        .bind(height)
        .bind(focal.map(|p| i64::from(p.x)))
        .bind(focal.map(|p| i64::from(p.y)))
        .bind(media_id)
        .bind(i64::from(recrop))
        .bind(shape_crops_json(framing)?)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        record_audit_on(&mut tx, audit).await?;
        let events = vec![Event::purge(self.node_id(), [CacheKey::Media(media_id)])];
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        self.media_by_id(media_id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Replaces an asset's renditions with those `job` made, in one
    /// transaction (so a page never mixes files of two crops), but only
    /// while the asset is still claimed and still asks for the credits and
    /// the framing the job worked from: an edit meanwhile queued the job
    /// again, and these files would be stale. Returns whether they were
    /// recorded. The files replaced are retired at `now` (still served
    /// until [`Store::take_retired_renditions`] lets them go).
    pub async fn record_renditions(
        &self,
        job: &RenditionJob,
        renditions: &[NewRendition],
        now: UnixTime,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let [left, top, width, height] = crop_columns(job.framing.crop());
        let focal = job.framing.focal_point();
        // A no-op write: it takes the row's lock until the commit.
        let current = sqlx::query(
            "UPDATE media_assets SET renditions_state = renditions_state \
             WHERE id = $1 AND renditions_state = 'working' AND credit = $2 AND copyright = $3 \
             AND creator = $4 AND crop_left IS NOT DISTINCT FROM $5 \
             AND crop_top IS NOT DISTINCT FROM $6 AND crop_width IS NOT DISTINCT FROM $7 \
             AND crop_height IS NOT DISTINCT FROM $8 AND focal_x IS NOT DISTINCT FROM $9 \
             AND focal_y IS NOT DISTINCT FROM $10 AND shape_crops = $11",
        )
        .bind(job.media_id)
        .bind(job.credit.as_str())
        .bind(job.copyright.as_str())
        .bind(job.creator.as_str())
        .bind(left)
        .bind(top)
        .bind(width)
        .bind(height)
        .bind(focal.map(|p| i64::from(p.x)))
        .bind(focal.map(|p| i64::from(p.y)))
        .bind(shape_crops_json(&job.framing)?)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !current {
            return Ok(false);
        }
        // The replaced files stay servable for a while: pages already
        // rendered (open in a browser, cached by a CDN) still name them.
        sqlx::query(
            "INSERT INTO retired_renditions (storage_key, media_id, retired_at) \
             SELECT storage_key, media_id, $2 FROM media_renditions WHERE media_id = $1 \
             ON CONFLICT (storage_key, media_id) DO UPDATE SET retired_at = excluded.retired_at",
        )
        .bind(job.media_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM media_renditions WHERE media_id = $1")
            .bind(job.media_id)
            .execute(&mut *tx)
            .await?;
        for r in renditions {
            sqlx::query(
                "INSERT INTO media_renditions \
                 (media_id, format, width, height, storage_key, byte_size, shape) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(job.media_id)
            .bind(r.format.as_str())
            .bind(i64::from(r.width))
            .bind(i64::from(r.height))
            .bind(r.storage_key.as_str())
            .bind(byte_size(r.byte_size)?)
            .bind(r.shape.map_or("", Shape::as_str))
            .execute(&mut *tx)
            .await
            .map_err(StoreError::on_constraint("media asset"))?;
        }
        // A file made again (a crop put back) is current, not retired.
        sqlx::query(
            "DELETE FROM retired_renditions WHERE media_id = $1 AND storage_key IN \
             (SELECT storage_key FROM media_renditions WHERE media_id = $1)",
        )
        .bind(job.media_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }
    /// Lets go of renditions retired before `before`: deletes their rows
    /// and returns the storage keys no asset names any more (current or
    /// retired), whose files the caller may now delete.
    pub async fn take_retired_renditions(&self, before: UnixTime) -> Result<Vec<String>> {
        let mut tx = self.begin_write().await?;
        let old: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT storage_key FROM retired_renditions WHERE retired_at < $1",
        )
        .bind(before)
        .fetch_all(&mut *tx)
        .await?;
        if old.is_empty() {
            return Ok(old);
        }
        sqlx::query("DELETE FROM retired_renditions WHERE retired_at < $1")
            .bind(before)
            .execute(&mut *tx)
            .await?;
        let mut unused = Vec::with_capacity(old.len());
        for key in old {
            let named: Option<i64> = sqlx::query_scalar(
                "SELECT 1 FROM media_renditions WHERE storage_key = $1 UNION ALL \
                 SELECT 1 FROM retired_renditions WHERE storage_key = $1 LIMIT 1",
            )
            .bind(key.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            if named.is_none() {
                unused.push(key);
            }
        }
        tx.commit().await?;
        Ok(unused)
    }
}
