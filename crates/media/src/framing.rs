//! Framing a picture in the newsroom: the preview a crop is drawn on (the
//! whole picture, upright, kept in the blob store once made), and saving
//! a crop and focal point, which queues the renditions again.

use dateline_domain::Framing;
use dateline_store::{MediaAsset, NewAudit, StoreError};

use crate::renditions::preview_jpeg;
use crate::service::blocking;
use crate::{memory_needed, preview_key, MediaError, MediaService};

/// Width of the framing preview (px); narrower pictures keep their own.
pub const PREVIEW_WIDTH: u32 = 1280;

impl MediaService {
    /// The JPEG the newsroom draws `asset`'s crop on: made from the
    /// original on first use (under the decode budget) and stored.
    pub async fn framing_preview(&self, asset: &MediaAsset) -> Result<Vec<u8>, MediaError> {
        let key = preview_key(&asset.sha256, PREVIEW_WIDTH);
        if let Some(bytes) = self.blobs.get(&key).await? {
            return Ok(bytes);
        }
        let original = self
            .blobs
            .get(&asset.storage_key)
            .await?
            .ok_or_else(|| MediaError::MissingBlob(asset.storage_key.clone()))?;
        let max_pixels = self.limits.max_pixels;
        let reserved = self
            .budget
            .reserve(memory_needed(&original, max_pixels)?)
            .await?;
        let preview = blocking(move || preview_jpeg(&original, max_pixels, PREVIEW_WIDTH)).await?;
        drop(reserved);
        self.blobs.put(&key, preview.bytes.clone()).await?;
        Ok(preview.bytes)
    }

    /// Saves an asset's crop and focal point (see `Store::set_media_framing`)
    /// and wakes the worker for the renditions a new crop queued.
    pub async fn set_framing(
        &self,
        media_id: i64,
        framing: &Framing,
        audit: &NewAudit,
    ) -> Result<MediaAsset, StoreError> {
        let asset = self
            .store
            .set_media_framing(media_id, framing, audit)
            .await?;
        self.wake.notify_one();
        Ok(asset)
    }
}
