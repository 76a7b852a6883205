//! What every handler can reach: the store, the typed configuration and the
//! reader site's renderer.

use std::path::PathBuf;
use std::sync::Arc;

use dateline_render::Renderer;
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
    /// Templates, catalogs and static files, built once from the embedded
    /// theme and `config.theme_dir`.
    pub renderer: Arc<Renderer>,
}

impl AppState {
    /// Builds the renderer from `config.theme_dir`; call
    /// `state.renderer.check()` at start-up to fail fast on a broken theme.
    pub fn new(store: Store, config: WebConfig) -> Self {
        let renderer = Arc::new(Renderer::new(config.theme_dir.as_deref()));
        Self {
            store,
            config: Arc::new(config),
            renderer,
        }
    }
}
