//! What every handler can reach: the store, the typed configuration and the
//! reader site's renderer.

use std::path::PathBuf;
use std::sync::Arc;

use dateline_media::{BlobSink, Limits, LocalBlobs, MediaService};
use dateline_render::Renderer;
use dateline_store::Store;

use crate::auth::{AuthPolicy, AuthState};
use crate::cache::{CacheConfig, PageCache};

/// The part of the configuration the web layer needs, passed in by the CLI.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Public address of the site, without a trailing slash (`https://news.example`).
    pub base_url: String,
    /// Where media files live (originals and renditions under `media/`).
    pub data_dir: PathBuf,
    /// A folder whose templates and static files override the built-in theme.
    pub theme_dir: Option<PathBuf>,
    /// Page cache size, CDN purge hook and `Cache-Control` lifetimes.
    pub cache: CacheConfig,
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    /// Templates, catalogs and static files, built once from the embedded
    /// theme and `config.theme_dir`.
    pub renderer: Arc<Renderer>,
    /// Session and login policy, cookie names (secure when `base_url` is
    /// HTTPS) and the in-memory login limiters.
    pub auth: Arc<AuthState>,
    /// Rendered reader pages and site metadata, purged by store events.
    pub cache: Arc<PageCache>,
    /// Media-bank uploads: checks, metadata, storage, queued renditions.
    pub media: Arc<MediaService>,
}

impl AppState {
    /// Builds the renderer from `config.theme_dir`; call
    /// `state.renderer.check()` at start-up to fail fast on a broken theme.
    pub fn new(store: Store, config: WebConfig) -> Self {
        let renderer = Arc::new(Renderer::new(config.theme_dir.as_deref()));
        let auth = Arc::new(AuthState::new(&config.base_url, AuthPolicy::default()));
        let cache = PageCache::new(&store, &config.cache);
        // Local files under the data folder until `with_media` says otherwise.
        let blobs: Arc<dyn BlobSink> = Arc::new(LocalBlobs::new(config.data_dir.join("media")));
        let media = Arc::new(MediaService::new(store.clone(), blobs, Limits::default()));
        Self {
            store,
            config: Arc::new(config),
            renderer,
            auth,
            cache,
            media,
        }
    }

    /// Uploads go through `media` (its blob store and limits) instead.
    pub fn with_media(mut self, media: Arc<MediaService>) -> Self {
        self.media = media;
        self
    }
}
