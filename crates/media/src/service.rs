//! The media bank's upload path and its rendition worker: what the newsroom
//! calls with an uploaded file, and the background loop that turns queued
//! uploads into public renditions.
//!
//! An upload is checked whole ([`crate::ingest`]) before anything is
//! written; the original goes to the blob store under its content hash, then
//! one INSERT records the asset with its renditions `pending` — an identical
//! file returns the existing asset. The worker claims one job at a time
//! from the database (see `Store::claim_rendition_job`), so any number of
//! nodes can run it against one PostgreSQL database.

use std::sync::Arc;
use std::time::Duration;

use dateline_domain::{NewMediaAsset, NewRendition, UnixTime};
use dateline_store::{
    Backend, JobOutcome, MediaAsset, MediaTextUpdate, NewAudit, NewUpload, RenditionJob, Store,
    StoreError, MAX_RENDITION_ATTEMPTS,
};
use tokio::sync::{watch, Notify};

use crate::{
    ingest, key_for, make_public_renditions, memory_needed, original_key, BlobSink, Credits,
    DecodeBudget, EmbeddedMetadata, Limits, MediaError,
};

/// How long a claimed job is a worker's before another may take it over.
const LEASE: Duration = Duration::from_secs(300);
/// How often an idle worker looks for jobs queued by other nodes.
const POLL: Duration = Duration::from_secs(5);
/// How long a rendition replaced by a new crop or credit line stays
/// servable: pages rendered before the change (a CDN's copy, an open tab, a
/// feed reader's) keep working that long.
pub const RETIRED_RENDITIONS_KEPT: Duration = Duration::from_secs(7 * 24 * 3600);
/// How often the worker deletes the files of renditions retired longer ago.
const RETIRED_SWEEP: Duration = Duration::from_secs(3600);

/// An uploaded file and where it is filed.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    pub bytes: Vec<u8>,
    /// The name the uploader's computer gave the file.
    pub filename: String,
    pub uploaded_by: Option<i64>,
    pub edition_id: Option<i64>,
    pub section_id: Option<i64>,
    pub is_file_photo: bool,
}

/// The stored asset, whether this upload created it, and what the file said
/// (for the form the editor checks next).
#[derive(Debug, Clone)]
pub struct Uploaded {
    pub asset: MediaAsset,
    /// `false` when an identical file was already in the media bank.
    pub created: bool,
    pub metadata: EmbeddedMetadata,
}

/// Uploads and renditions over one store and one blob sink; cheap to share
/// behind an `Arc`.
pub struct MediaService {
    pub(crate) store: Store,
    pub(crate) blobs: Arc<dyn BlobSink>,
    pub(crate) limits: Limits,
    /// Memory for decodes, shared by uploads and the rendition worker.
    pub(crate) budget: DecodeBudget,
    pub(crate) wake: Notify,
    /// Rendition jobs this process finished: made, and given up on
    /// (`/metrics`).
    jobs_done: [std::sync::atomic::AtomicU64; 2],
}

impl std::fmt::Debug for MediaService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MediaService")
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

fn now() -> UnixTime {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, MediaError> + Send + 'static,
) -> Result<T, MediaError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| MediaError::Io(std::io::Error::other(e.to_string())))?
}

impl MediaService {
    pub fn new(store: Store, blobs: Arc<dyn BlobSink>, limits: Limits) -> Self {
        Self {
            store,
            blobs,
            limits,
            budget: DecodeBudget::default(),
            wake: Notify::new(),
            jobs_done: Default::default(),
        }
    }

    /// Rendition jobs this process finished since it started: `(made,
    /// failed)`.
    pub fn rendition_jobs_done(&self) -> (u64, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (
            self.jobs_done[0].load(Relaxed),
            self.jobs_done[1].load(Relaxed),
        )
    }

    /// Decodes share `budget` instead of the default 1 GiB.
    pub fn with_decode_budget(mut self, budget: DecodeBudget) -> Self {
        self.budget = budget;
        self
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    pub fn blobs(&self) -> &Arc<dyn BlobSink> {
        &self.blobs
    }

    /// Checks, stores and records an upload, and queues its renditions.
    /// A refused file leaves nothing behind; caption, credit, copyright,
    /// by-line, keywords and capture time are pre-filled from the file.
    pub async fn upload(&self, upload: Upload) -> Result<Uploaded, MediaError> {
        self.upload_recorded(upload, None).await
    }

    async fn upload_recorded(
        &self,
        upload: Upload,
        audit: Option<&(dyn Fn(i64, bool) -> NewAudit + Sync)>,
    ) -> Result<Uploaded, MediaError> {
        let limits = self.limits;
        let Upload {
            bytes,
            filename,
            uploaded_by,
            edition_id,
            section_id,
            is_file_photo,
        } = upload;
        // Refused over the limit here (the header says what it costs), and
        // held back while other decodes use the memory it needs.
        let needed = crate::probe::check_memory(&bytes, &limits)?;
        let reserved = self.budget.reserve(needed).await?;
        let (ingested, bytes) = blocking(move || {
            let ingested = ingest(&bytes, &filename, &limits)?;
            Ok((ingested, bytes))
        })
        .await?;
        drop(reserved);
        let p = &ingested.probed;
        let key = original_key(&p.sha256, p.format);
        self.blobs.put(&key, bytes).await?;
        let m = &ingested.metadata;
        let new = NewUpload {
            asset: NewMediaAsset {
                storage_key: key.clone(),
                format: p.format,
                width: p.width,
                height: p.height,
                byte_size: p.byte_size,
                sha256: p.sha256.clone(),
                caption: ingested.suggested_caption().to_owned(),
                alt_text: m.alt_text.clone(),
                credit: ingested.suggested_credit(),
                copyright: m.copyright.clone(),
                source: m.source.clone(),
                is_file_photo,
                created_at: now(),
                edition_id,
                section_id,
            },
            creator: m.creator.clone(),
            keywords: m.keywords.clone(),
            uploaded_by,
            original_name: ingested.original_name.clone(),
            taken_at: m.taken_at,
        };
        let (asset, created) = match self.store.create_upload_audited(&new, audit).await {
            Ok(done) => done,
            Err(e) => {
                // Nothing half-saved: drop the original unless an identical
                // upload recorded it meanwhile (keys are content hashes).
                if self.store.storage_key_in_use(&key).await.unwrap_or(true) {
                    tracing::warn!(%key, "upload not recorded; the original is kept, another asset uses it");
                } else if let Err(cleanup) = self.blobs.delete(&key).await {
                    tracing::warn!(%key, error = %cleanup, "cannot remove the original of a failed upload");
                }
                return Err(e.into());
            }
        };
        if created {
            self.wake.notify_one();
        }
        Ok(Uploaded {
            asset,
            created,
            metadata: ingested.metadata,
        })
    }

    /// Makes up for a previous run: on SQLite (one node) every job left
    /// `working` by a crash is queued again at once; on PostgreSQL other
    /// nodes may be working, so such jobs wait for their lease to run out.
    /// Also fills the search text of assets from before the upload schema.
    pub async fn recover(&self) -> Result<u64, MediaError> {
        let released = match self.store.backend() {
            Backend::Sqlite => self.store.release_rendition_leases().await?,
            Backend::Postgres => 0,
        };
        while self.store.backfill_media_search(500).await? > 0 {}
        Ok(released)
    }

    /// Deletes the files of renditions retired more than
    /// [`RETIRED_RENDITIONS_KEPT`] before `now` that no asset names any
    /// more; returns how many went. Idempotent, so nodes may overlap.
    pub async fn remove_retired_renditions(&self, now: UnixTime) -> Result<usize, MediaError> {
        let kept = i64::try_from(RETIRED_RENDITIONS_KEPT.as_secs()).unwrap_or(i64::MAX);
        let keys = self.store.take_retired_renditions(now - kept).await?;
        for key in &keys {
            self.blobs.delete(key).await?;
        }
        Ok(keys.len())
    }

    /// [`Self::upload`] by a staff member: records `audit` (its actor and
    /// address; the action becomes `media.upload`, or
    /// `media.upload_duplicate` when the bank already had the file).
    pub async fn upload_audited(
        &self,
        upload: Upload,
        audit: NewAudit,
    ) -> Result<Uploaded, MediaError> {
        let filename = upload.filename.clone();
        // Written by the transaction that records the upload.
        let entry = move |id: i64, created: bool| {
            let action = if created {
                "media.upload"
            } else {
                "media.upload_duplicate"
            };
            NewAudit {
                action: action.to_owned(),
                item_type: "media".to_owned(),
                ..audit.clone()
            }
            .on_item(id)
            .details(serde_json::json!({ "file": filename }))
        };
        self.upload_recorded(upload, Some(&entry)).await
    }

    /// Changes an asset's texts; new rights (credit, copyright, creator)
    /// queue its renditions again and wake the worker, so that the public
    /// copies say what the media bank says.
    pub async fn update_text(
        &self,
        media_id: i64,
        update: &MediaTextUpdate,
        audit: &NewAudit,
    ) -> Result<MediaAsset, StoreError> {
        let asset = self
            .store
            .update_media_text(media_id, update, audit)
            .await?;
        self.wake.notify_one();
        Ok(asset)
    }

    /// Claims and processes one job; the asset id, or `None` when no job
    /// was waiting.
    pub async fn run_once(&self) -> Result<Option<i64>, MediaError> {
        let started = now();
        let lease_until = started + i64::try_from(LEASE.as_secs()).unwrap_or(300);
        let Some(job) = self.store.claim_rendition_job(started, lease_until).await? else {
            return Ok(None);
        };
        let id = job.media_id;
        // A job claimed this often kept killing its worker (or its node).
        let outcome = if job.attempt > MAX_RENDITION_ATTEMPTS {
            JobOutcome::Failed(format!(
                "gave up after {MAX_RENDITION_ATTEMPTS} attempts that did not finish"
            ))
        } else {
            match self.render(&job).await {
                Ok(()) => JobOutcome::Ready,
                Err(e) if e.is_permanent() => JobOutcome::Failed(e.to_string()),
                // Storage or database trouble: the lease runs out and the
                // job is tried again.
                Err(e) => return Err(e),
            }
        };
        if let JobOutcome::Failed(why) = &outcome {
            tracing::warn!(media_id = id, error = %why, "renditions failed");
        }
        self.store.finish_rendition_job(id, &outcome).await?;
        let done = usize::from(matches!(outcome, JobOutcome::Failed(_)));
        self.jobs_done[done].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Some(id))
    }

    async fn render(&self, job: &RenditionJob) -> Result<(), MediaError> {
        let original = self
            .blobs
            .get(&job.storage_key)
            .await?
            .ok_or_else(|| MediaError::MissingBlob(job.storage_key.clone()))?;
        let credits = Credits {
            credit: job.credit.clone(),
            copyright: job.copyright.clone(),
            creator: job.creator.clone(),
        };
        let framing = job.framing.clone();
        let max_pixels = self.limits.max_pixels;
        let reserved = self
            .budget
            .reserve(memory_needed(&original, max_pixels)?)
            .await?;
        let named = credits.clone();
        let renditions =
            blocking(move || make_public_renditions(&original, &credits, &framing, max_pixels))
                .await?;
        drop(reserved);
        let mut made = Vec::with_capacity(renditions.len());
        for r in renditions {
            let key = key_for(&job.sha256, &named, job.framing.crop(), &r);
            let byte_size = r.bytes.len() as u64;
            self.blobs.put(&key, r.bytes).await?;
            made.push(NewRendition {
                media_id: job.media_id,
                shape: r.shape,
                width: r.width,
                height: r.height,
                format: r.format,
                storage_key: key,
                byte_size,
            });
        }
        // Recorded together, and not at all when an edit meanwhile asked
        // for other credits or another framing (the job is queued again).
        if !self.store.record_renditions(job, &made, now()).await? {
            tracing::info!(
                media_id = job.media_id,
                "renditions made stale by an edit; not recorded"
            );
        }
        Ok(())
    }

    /// The worker: recovers, then processes jobs until `stop` turns true,
    /// waking on local uploads and polling for other nodes' ones.
    pub async fn run_worker(self: Arc<Self>, mut stop: watch::Receiver<bool>) {
        match self.recover().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(jobs = n, "resuming rendition jobs left by the last run"),
            Err(e) => tracing::warn!(error = %e, "rendition recovery failed"),
        }
        let mut swept: Option<std::time::Instant> = None;
        while !*stop.borrow() {
            if swept.is_none_or(|at| at.elapsed() >= RETIRED_SWEEP) {
                swept = Some(std::time::Instant::now());
                match self.remove_retired_renditions(now()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(files = n, "retired renditions deleted"),
                    Err(e) => tracing::warn!(error = %e, "deleting retired renditions failed"),
                }
            }
            let idle = match self.run_once().await {
                Ok(Some(_)) => false,
                Ok(None) => true,
                Err(e) => {
                    tracing::warn!(error = %e, "rendition job interrupted; it will be retried");
                    true
                }
            };
            if idle {
                tokio::select! {
                    () = self.wake.notified() => {}
                    () = tokio::time::sleep(POLL) => {}
                    _ = stop.changed() => {}
                }
            }
        }
    }
}
