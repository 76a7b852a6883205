//! The media bank: assets, their renditions, browsing the archive.

use dateline_domain::{NewMediaAsset, NewRendition};

use crate::records::{MediaAsset, MediaQuery, Page};
use crate::{Result, Store};

impl Store {
    /// Stores an asset; an identical file (same sha256) returns the existing
    /// asset and `false` instead of a duplicate.
    pub async fn create_media(&self, new: &NewMediaAsset) -> Result<(MediaAsset, bool)> {
        unimplemented!()
    }

    /// Adds or replaces the rendition of (media, format, width).
    pub async fn add_rendition(&self, new: &NewRendition) -> Result<()> {
        unimplemented!()
    }

    pub async fn media_by_id(&self, id: i64) -> Result<Option<MediaAsset>> {
        unimplemented!()
    }

    /// Assets for the given ids with renditions, in the order of `ids`, skipping unknown ids.
    pub async fn media_by_ids(&self, ids: &[i64]) -> Result<Vec<MediaAsset>> {
        unimplemented!()
    }

    /// The archive, newest first, filtered and keyset-paginated.
    pub async fn list_media(&self, query: &MediaQuery) -> Result<Page<MediaAsset>> {
        unimplemented!()
    }
}
