//! Uploads into the media bank and the rendition jobs they queue: the job
//! is the asset row's `renditions_state`, claimed with a lease so that on
//! PostgreSQL several nodes never work on one asset at a time and work in
//! flight at a crash is taken up again once its lease runs out.

use dateline_domain::{Framing, ImageFormat, NewMediaAsset, UnixTime};
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{
    byte_size, format_col, framing_from_row, media_from_row, search_text, validate, MEDIA_COLUMNS,
};
use crate::audit::{record_audit_on, NewAudit};
use crate::events::{CacheKey, Event};
use crate::records::MediaAsset;
use crate::search::{note_search_changes, SearchEntity};
use crate::{Backend, Result, Store, StoreError};

/// Attempts after which a job that keeps dying (the process crashed or was
/// killed while on it) is marked failed instead of claimed again.
pub const MAX_RENDITION_ATTEMPTS: u32 = 3;

/// An upload entering the media bank, with what the file and the uploader said.
#[derive(Debug, Clone, PartialEq)]
pub struct NewUpload {
    pub asset: NewMediaAsset,
    /// By-line: who took the picture.
    pub creator: String,
    pub keywords: Vec<String>,
    pub uploaded_by: Option<i64>,
    /// The file name the uploader's computer gave it (display only).
    pub original_name: String,
    pub taken_at: Option<UnixTime>,
}

/// Where an asset's renditions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenditionsState {
    /// Queued, no worker on it.
    Pending,
    /// A worker holds the lease.
    Working,
    Ready,
    /// Given up; `renditions_error` says why.
    Failed,
}

impl RenditionsState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Working => "working",
            Self::Ready => "ready",
            Self::Failed => "failed",
        }
    }

    fn parse(raw: &str) -> Result<Self> {
        Ok(match raw {
            "pending" => Self::Pending,
            "working" => Self::Working,
            "ready" => Self::Ready,
            "failed" => Self::Failed,
            other => {
                return Err(StoreError::Corrupt {
                    table: "media_assets",
                    detail: format!("renditions_state: {other:?}"),
                })
            }
        })
    }
}

/// What the media bank knows of an asset beyond [`MediaAsset`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadInfo {
    pub media_id: i64,
    pub creator: String,
    pub keywords: Vec<String>,
    pub uploaded_by: Option<i64>,
    pub original_name: String,
    pub taken_at: Option<UnixTime>,
    pub renditions_state: RenditionsState,
    pub renditions_error: String,
    pub renditions_attempts: u32,
}

/// A claimed rendition job: what the worker needs to make the renditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenditionJob {
    pub media_id: i64,
    /// Key of the original in the blob store.
    pub storage_key: String,
    pub sha256: String,
    pub format: ImageFormat,
    /// Rights written into the public renditions.
    pub credit: String,
    pub copyright: String,
    pub creator: String,
    /// The crop, focal point and shape crops the renditions are made from.
    pub framing: Framing,
    /// This claim included (1 the first time).
    pub attempt: u32,
}

/// How a rendition job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    Ready,
    Failed(String),
}

pub(super) fn keywords_text(keywords: &[String]) -> String {
    keywords
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

const INFO_COLUMNS: &str = "id, creator, keywords, uploaded_by, original_name, taken_at, \
     renditions_state, renditions_error, renditions_attempts";

fn info_from_row(row: &AnyRow) -> Result<UploadInfo> {
    let keywords: String = row.try_get("keywords")?;
    let attempts: i64 = row.try_get("renditions_attempts")?;
    Ok(UploadInfo {
        media_id: row.try_get("id")?,
        creator: row.try_get("creator")?,
        keywords: keywords
            .lines()
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect(),
        uploaded_by: row.try_get("uploaded_by")?,
        original_name: row.try_get("original_name")?,
        taken_at: row.try_get("taken_at")?,
        renditions_state: RenditionsState::parse(&row.try_get::<String, _>("renditions_state")?)?,
        renditions_error: row.try_get("renditions_error")?,
        renditions_attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
    })
}

/// Jobs a worker may claim: queued, or held under a lease that ran out.
/// The `IN` term matches the partial index `media_assets_rendition_jobs`.
const CLAIMABLE: &str = "renditions_state IN ('pending', 'working') \
     AND (renditions_state = 'pending' OR renditions_lease_until < $2)";

impl Store {
    /// Records an upload with its renditions queued (`pending`). An
    /// identical file (same sha256) returns the existing asset and `false`,
    /// leaving it as it was.
    pub async fn create_upload(&self, new: &NewUpload) -> Result<(MediaAsset, bool)> {
        self.create_upload_audited(new, None).await
    }

    /// [`Self::create_upload`], with the audit entry `audit` makes from the
    /// asset's id and whether it is new, written in the same transaction:
    /// a recorded upload always has its entry.
    pub async fn create_upload_audited(
        &self,
        new: &NewUpload,
        audit: Option<&(dyn Fn(i64, bool) -> NewAudit + Sync)>,
    ) -> Result<(MediaAsset, bool)> {
        let sha256 = validate(&new.asset)?;
        let a = &new.asset;
        let keywords = keywords_text(&new.keywords);
        let search = search_text(&[
            &a.caption,
            &a.alt_text,
            &a.credit,
            &a.copyright,
            &a.source,
            &new.creator,
            &keywords,
        ]);
        let sql = format!(
            "INSERT INTO media_assets (storage_key, format, width, height, byte_size, sha256, caption, alt_text, \
             credit, copyright, source, is_file_photo, created_at, edition_id, section_id, \
             creator, keywords, uploaded_by, original_name, taken_at, renditions_state, search_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
             $16, $17, $18, $19, $20, 'pending', $21) \
             ON CONFLICT (sha256) DO NOTHING RETURNING {MEDIA_COLUMNS}"
        );
        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query(&sql)
            .bind(a.storage_key.as_str())
            .bind(a.format.as_str())
            .bind(i64::from(a.width))
            .bind(i64::from(a.height))
            .bind(byte_size(a.byte_size)?)
            .bind(sha256.as_str())
            .bind(a.caption.trim())
            .bind(a.alt_text.trim())
            .bind(a.credit.trim())
            .bind(a.copyright.trim())
            .bind(a.source.trim())
            .bind(i64::from(a.is_file_photo))
            .bind(a.created_at)
            .bind(a.edition_id)
            .bind(a.section_id)
            .bind(new.creator.trim())
            .bind(keywords.as_str())
            .bind(new.uploaded_by)
            .bind(new.original_name.trim())
            .bind(new.taken_at)
            .bind(search.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(StoreError::on_constraint("uploader"))?;
        let (id, created) = match &inserted {
            Some(row) => (row.try_get::<i64, _>("id")?, true),
            None => (
                sqlx::query_scalar("SELECT id FROM media_assets WHERE sha256 = $1")
                    .bind(sha256.as_str())
                    .fetch_one(&mut *tx)
                    .await?,
                false,
            ),
        };
        if let Some(audit) = audit {
            record_audit_on(&mut tx, &audit(id, created)).await?;
        }
        if created {
            let changes = [(SearchEntity::Media, id)];
            note_search_changes(&mut tx, self.backend, &changes, a.created_at).await?;
        }
        tx.commit().await?;
        let asset = match inserted {
            Some(row) => media_from_row(&row)?,
            None => self.media_by_id(id).await?.ok_or(StoreError::NotFound)?,
        };
        Ok((asset, created))
    }

    /// Whether an asset's original is stored under `key`, so that a failed
    /// upload knows whether it may remove the object it wrote.
    pub async fn storage_key_in_use(&self, key: &str) -> Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM media_assets WHERE storage_key = $1 LIMIT 1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
        Ok(found.is_some())
    }

    /// Upload details and rendition state of an asset.
    pub async fn upload_info(&self, media_id: i64) -> Result<Option<UploadInfo>> {
        let sql = format!("SELECT {INFO_COLUMNS} FROM media_assets WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(media_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(info_from_row).transpose()
    }

    /// Takes the oldest claimable rendition job, holding it until
    /// `lease_until`. On PostgreSQL concurrent claimers skip each other's
    /// locked rows (`FOR UPDATE SKIP LOCKED`), and the outer condition is
    /// re-checked on the locked row, so no job is handed out twice.
    pub async fn claim_rendition_job(
        &self,
        now: UnixTime,
        lease_until: UnixTime,
    ) -> Result<Option<RenditionJob>> {
        let lock = match self.backend {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE media_assets SET renditions_state = 'working', renditions_lease_until = $1, \
             renditions_attempts = renditions_attempts + 1 \
             WHERE id = (SELECT id FROM media_assets WHERE {CLAIMABLE} ORDER BY id LIMIT 1 {lock}) \
             AND {CLAIMABLE} \
             RETURNING id, storage_key, sha256, format, credit, copyright, creator, renditions_attempts, \
             crop_left, crop_top, crop_width, crop_height, focal_x, focal_y, shape_crops"
        );
        let row = sqlx::query(&sql)
            .bind(lease_until)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let attempts: i64 = row.try_get("renditions_attempts")?;
        Ok(Some(RenditionJob {
            media_id: row.try_get("id")?,
            storage_key: row.try_get("storage_key")?,
            sha256: row.try_get("sha256")?,
            format: format_col(&row, "media_assets")?,
            credit: row.try_get("credit")?,
            copyright: row.try_get("copyright")?,
            creator: row.try_get("creator")?,
            framing: framing_from_row(&row)?,
            attempt: u32::try_from(attempts).unwrap_or(u32::MAX),
        }))
    }

    /// Ends a claimed job. Only a job still `working` is changed (`false`
    /// otherwise: another worker's lease ended it). Pages showing the asset
    /// are purged, since its pictures changed.
    pub async fn finish_rendition_job(&self, media_id: i64, outcome: &JobOutcome) -> Result<bool> {
        let (state, error) = match outcome {
            JobOutcome::Ready => (RenditionsState::Ready, ""),
            JobOutcome::Failed(why) => (RenditionsState::Failed, why.as_str()),
        };
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE media_assets SET renditions_state = $1, renditions_error = $2, \
             renditions_lease_until = NULL WHERE id = $3 AND renditions_state = 'working'",
        )
        .bind(state.as_str())
        .bind(error)
        .bind(media_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        let events = if changed {
            vec![Event::purge(self.node_id(), [CacheKey::Media(media_id)])]
        } else {
            Vec::new()
        };
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(changed)
    }

    /// Queues an asset's renditions again (after a failure, or when its
    /// credit changed and the public copies should say so).
    pub async fn requeue_renditions(&self, media_id: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE media_assets SET renditions_state = 'pending', renditions_error = '', \
             renditions_attempts = 0, renditions_lease_until = NULL \
             WHERE id = $1 AND renditions_state IN ('ready', 'failed')",
        )
        .bind(media_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Releases every lease: for start-up of a single-node deployment
    /// (SQLite), where no other process can be working. Returns how many
    /// jobs went back to `pending`.
    pub async fn release_rendition_leases(&self) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE media_assets SET renditions_state = 'pending', renditions_lease_until = NULL \
             WHERE renditions_state = 'working'",
        )
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Assets whose renditions failed (the worker gave up), newest first:
    /// what the newsroom's dashboard asks someone to look at.
    pub async fn failed_renditions(&self, limit: u32) -> Result<Vec<UploadInfo>> {
        let sql = format!(
            "SELECT {INFO_COLUMNS} FROM media_assets \
             WHERE renditions_state = 'failed' ORDER BY id DESC LIMIT $1"
        );
        let rows = sqlx::query(&sql)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(info_from_row).collect()
    }

    /// Assets whose renditions are not ready yet, oldest first: what the
    /// worker still has to do (for status pages and tests).
    pub async fn pending_renditions(&self, limit: u32) -> Result<Vec<UploadInfo>> {
        let sql = format!(
            "SELECT {INFO_COLUMNS} FROM media_assets \
             WHERE renditions_state IN ('pending', 'working') ORDER BY id LIMIT $1"
        );
        let rows = sqlx::query(&sql)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(info_from_row).collect()
    }
}
