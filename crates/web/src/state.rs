//! What every handler can reach: the store and the typed configuration.

use std::path::PathBuf;
use std::sync::Arc;

use dateline_store::Store;

/// The part of the configuration the web layer needs, passed in by the CLI.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Public address of the site, without a trailing slash (`https://news.example`).
    pub base_url: String,
    /// Where media files live (originals and renditions under `media/`).
    pub data_dir: PathBuf,
    /// A folder whose templates and static files override the built-in theme.
    pub theme_dir: Option<PathBuf>,
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self {
            store,
            config: Arc::new(config),
        }
    }
}
