//! What every handler can reach: the store, the typed configuration and the
//! reader site's renderer.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use dateline_media::{BlobSink, Limits, LocalBlobs, MediaService};
use dateline_render::Renderer;
use dateline_store::Store;

use crate::auth::{AuthPolicy, AuthState};
use crate::cache::{CacheConfig, PageCache};
// Reader accounts and their mail.
use crate::account::ReaderAuth;
use crate::mail::{MailConfig, MailError, Mailer};

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
    /// Mail to readers (SMTP, or `.eml` files under `data_dir/mail` until
    /// `with_mail` configures a server).
    pub mailer: Arc<Mailer>,
    /// Reader-account cookies, lifetimes and limiters.
    pub readers: Arc<ReaderAuth>,
    /// Limits new comments are checked against (links, repeats, rates,
    /// new accounts, the edit window).
    pub comment_policy: Arc<dateline_domain::comment::CommentPolicy>,
    /// Newly published stories for open newsfeed streams (see `live/`).
    pub live: Arc<crate::live::LiveHub>,
    /// Live coverage entries and new comments for open article pages.
    pub article_live: Arc<crate::live::ArticleHub>,
    /// Chat messages, deletions and presence for this node's sockets.
    pub chats: Arc<crate::chats::ChatHub>,
    /// Chat sockets open on this node per reader (or address), capped.
    pub chat_sockets: Arc<crate::chats::SocketSlots>,
    /// Set while the site has no staff account and `serve` printed a setup
    /// token: the front page and the newsroom lead to `/setup`. Cleared for
    /// good once a staff account is seen (see `newsroom::setup::gate`).
    pub setup_pending: Arc<AtomicBool>,
    /// This node's full-text index (`{data_dir}/search`), kept in step with
    /// the database by `search.follow()` (started by `serve`) or, in tests,
    /// by `search.sync()`.
    pub search: dateline_search::Search,
    /// Newsletters: sign-up limits, the send worker's rules and wake-up,
    /// the web push sender.
    pub newsletters: Arc<crate::newsletter::Newsletters>,
    /// Cancelled when the server shuts down: live streams and chat sockets
    /// never end by themselves, so they end on this, and a graceful
    /// shutdown can finish.
    pub shutdown: tokio_util::sync::CancellationToken,
    /// Prometheus metrics of this process (`/metrics`, see `metrics/`).
    pub metrics: crate::metrics::Metrics,
    /// Who may read `/metrics` on this address (`metrics_token`,
    /// `metrics_listen`).
    pub metrics_access: Arc<crate::metrics::MetricsAccess>,
}

impl AppState {
    /// Builds the renderer from `config.theme_dir` and `config.data_dir`; call
    /// `state.renderer.check()` at start-up to fail fast on a broken theme.
    pub fn new(store: Store, config: WebConfig) -> Self {
        // Catalogs: the data folder's override the theme's, which override
        // the built-in ones; the cache reloads them when the site changes.
        let renderer = Arc::new(Renderer::with_folders(dateline_render::LocaleFolders {
            theme_dir: config.theme_dir.clone(),
            data_dir: Some(config.data_dir.clone()),
        }));
        let auth = Arc::new(AuthState::new(&config.base_url, AuthPolicy::default()));
        let cache = PageCache::new(&store, &config.cache, Arc::clone(&renderer));
        // Local files under the data folder until `with_media` says otherwise.
        let blobs: Arc<dyn BlobSink> = Arc::new(LocalBlobs::new(config.data_dir.join("media")));
        let media = Arc::new(MediaService::new(store.clone(), blobs, Limits::default()));
        let mailer = Arc::new(Mailer::to_files(
            &config.data_dir,
            &config.base_url,
            Arc::clone(&renderer),
        ));
        let readers = Arc::new(ReaderAuth::new(&config.base_url));
        let search = dateline_search::Search::open(&config.data_dir.join("search"), store.clone());
        let newsletters = Arc::new(crate::newsletter::Newsletters::new(&config.base_url));
        Self {
            store,
            config: Arc::new(config),
            renderer,
            auth,
            cache,
            media,
            mailer,
            readers,
            comment_policy: Arc::default(),
            live: Arc::default(),
            article_live: Arc::default(),
            chats: Arc::default(),
            chat_sockets: Arc::default(),
            setup_pending: Arc::default(),
            search,
            newsletters,
            shutdown: tokio_util::sync::CancellationToken::new(),
            metrics: crate::metrics::Metrics::default(),
            metrics_access: Arc::default(),
        }
    }

    /// `/metrics` on this address as `access` says (a token, or served on
    /// an address of its own).
    pub fn with_metrics_access(mut self, access: crate::metrics::MetricsAccess) -> Self {
        self.metrics_access = Arc::new(access);
        self
    }

    /// The site waits for first-run setup (`dateline serve` found no staff
    /// account and printed a setup token).
    pub fn awaiting_setup(self) -> Self {
        self.setup_pending
            .store(true, std::sync::atomic::Ordering::Relaxed);
        self
    }

    /// Comments are checked against `policy` instead of the defaults.
    pub fn with_comment_policy(mut self, policy: dateline_domain::comment::CommentPolicy) -> Self {
        self.comment_policy = Arc::new(policy);
        self
    }

    /// At most `max` chat sockets per reader (or address) on this node.
    pub fn with_chat_socket_cap(mut self, max: usize) -> Self {
        self.chat_sockets = Arc::new(crate::chats::SocketSlots::new(max));
        self
    }

    /// Mail goes as `mail` says (an SMTP server, a sender).
    pub fn with_mail(mut self, mail: &MailConfig) -> Result<Self, MailError> {
        self.mailer = Arc::new(Mailer::new(
            mail,
            &self.config.data_dir,
            &self.config.base_url,
            Arc::clone(&self.renderer),
        )?);
        Ok(self)
    }

    /// Uploads go through `media` (its blob store and limits) instead.
    /// Newsletter settings other than the defaults (tests: a loopback push
    /// service, shorter rules).
    pub fn with_newsletters(mut self, newsletters: crate::newsletter::Newsletters) -> Self {
        self.newsletters = Arc::new(newsletters);
        self
    }

    pub fn with_media(mut self, media: Arc<MediaService>) -> Self {
        self.media = media;
        self
    }
}
