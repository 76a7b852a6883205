//! What most API handlers share: the editions (a tiny table, read once per
//! request) and the URL builder for the configured public address.

use std::sync::Arc;

use dateline_domain::EditionCode;
use dateline_store::Edition;

use crate::error::{ApiError, ErrorCode};
use crate::urls::Urls;
use crate::{AppState, WebConfig};

pub struct ApiContext {
    config: Arc<WebConfig>,
    editions: Vec<Edition>,
}

impl ApiContext {
    pub async fn load(state: &AppState) -> Result<Self, ApiError> {
        Ok(Self {
            config: Arc::clone(&state.config),
            editions: state.store.editions().await?,
        })
    }

    /// The same from the page cache's copy of the editions (see
    /// `cache/site.rs`), which a change reaches a moment after its commit:
    /// for reads that do not follow a write of their own, such as searches.
    pub async fn cached(state: &AppState) -> Result<Self, ApiError> {
        let site = state.cache.site(&state.store).await?;
        Ok(Self {
            config: Arc::clone(&state.config),
            editions: site.editions.clone(),
        })
    }

    /// Absolute URLs under the site's public address.
    pub fn urls(&self) -> Urls<'_> {
        Urls::new(&self.config.base_url)
    }

    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// The edition with this code, or 404 `unknown_edition`.
    pub fn edition(&self, code: &EditionCode) -> Result<&Edition, ApiError> {
        self.editions
            .iter()
            .find(|e| &e.code == code)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::UnknownEdition,
                    format!("there is no edition \"{code}\""),
                )
            })
    }

    pub fn edition_by_id(&self, id: i64) -> Option<&Edition> {
        self.editions.iter().find(|e| e.id == id)
    }
}
