//! The rendered-page cache and HTTP caching of the reader site.
//!
//! Reader handlers declare what a page shows as [`PageKeys`]; the
//! middleware (`middleware.rs`) stores 200 and 301 answers that carry keys,
//! bounded by size in bytes (moka), and answers later requests for the same
//! path and query (less tracking parameters) from memory, with strong
//! ETags, `304 Not Modified`, Brotli or gzip bodies made once per page,
//! `Cache-Control` for browsers and CDNs, and `Surrogate-Key`/`Cache-Tag`
//! headers naming the keys.
//!
//! Invalidation is exact and works on every node: each store write
//! announces the keys it changed (`dateline_store::events`), and the cache
//! drops every page carrying one of them. Events are applied before every
//! look-up, so a request that starts after a write has returned never sees
//! a page from before it; a page whose render started before a purge of one
//! of its keys is not stored (see `index.rs`). Simultaneous misses of one
//! page render it once (`flight.rs`). A background task applies events
//! when there is no traffic and purges the CDN for this node's writes.
//!
//! Editions and sections, on every page, are cached here too ([`Site`]).

mod encoding;
mod flight;
mod index;
mod keys;
mod middleware;
mod page;
mod purge_hook;
mod site;
mod url_key;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::Duration;

use axum::http::HeaderValue;
use dateline_store::events::{CacheKey, Event, NodeId};
use dateline_store::{Store, StoreError};
use tokio::sync::broadcast::{self, error::RecvError, error::TryRecvError};

pub use keys::PageKeys;
pub(crate) use middleware::serve_pages;
pub use site::Site;

use flight::InFlight;
use index::Index;
use page::CachedPage;
use purge_hook::PurgeHook;
use site::SiteCache;

/// A backstop for changes no event announced (say, another process writing
/// the same SQLite file): no page is served from memory for longer.
const MAX_AGE_IN_MEMORY: Duration = Duration::from_secs(3600);

/// Caching settings, from the CLI's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheConfig {
    /// Memory for rendered pages, in MiB; 0 turns the page cache off.
    pub page_cache_mb: u64,
    /// Where `PURGE` requests go when this node's writes change pages.
    pub cdn_purge_url: Option<String>,
    /// `Cache-Control: max-age` of reader pages (browsers), in seconds.
    pub max_age: u32,
    /// `s-maxage` (CDNs and proxies, which are purged on change).
    pub s_maxage: u32,
    /// `stale-while-revalidate`.
    pub stale_while_revalidate: u32,
}

impl Default for CacheConfig {
    fn default() -> Self {
        Self {
            page_cache_mb: 256,
            cdn_purge_url: None,
            max_age: 60,
            s_maxage: 600,
            stale_while_revalidate: 30,
        }
    }
}

type Pages = moka::sync::Cache<Arc<str>, Arc<CachedPage>>;
/// `(url, page id)` of pages moka evicted, waiting to be forgotten.
type Evicted = Arc<Mutex<Vec<(Arc<str>, u64)>>>;

/// The process's page cache and site metadata, shared by every request.
#[derive(Debug)]
pub struct PageCache {
    /// `None` when the configured size is 0.
    pages: Option<Pages>,
    index: Mutex<Index>,
    /// Pages moka evicted (for size or age), to forget in the index.
    evicted: Evicted,
    /// This cache's own subscription, drained before every look-up.
    events: Mutex<broadcast::Receiver<Arc<Event>>>,
    site: SiteCache,
    /// Renders under way, so that simultaneous misses render a page once.
    flights: InFlight,
    policy: HeaderValue,
    next_id: AtomicU64,
    /// Pages dropped because a change named one of their keys (`/metrics`).
    purged: AtomicU64,
    /// Its catalogs are re-read when the site's settings change
    /// (`CacheKey::Site`), on every node.
    renderer: Arc<dateline_render::Renderer>,
}

fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl PageCache {
    /// Subscribes to the store's events and, inside a Tokio runtime, starts
    /// the task that applies them and purges the CDN.
    pub fn new(
        store: &Store,
        config: &CacheConfig,
        renderer: Arc<dateline_render::Renderer>,
    ) -> Arc<Self> {
        let evicted: Evicted = Arc::default();
        let pages = (config.page_cache_mb > 0).then(|| {
            let evicted = Arc::clone(&evicted);
            Pages::builder()
                .max_capacity(config.page_cache_mb.saturating_mul(1024 * 1024))
                .weigher(|url: &Arc<str>, page: &Arc<CachedPage>| page.weight(url))
                .time_to_live(MAX_AGE_IN_MEMORY)
                .eviction_listener(move |url: Arc<Arc<str>>, page: Arc<CachedPage>, cause| {
                    // Explicit removals and replacements are the index's own doing.
                    if cause.was_evicted() {
                        locked(&evicted).push(((*url).clone(), page.id));
                    }
                })
                .build()
        });
        let policy = format!(
            "public, max-age={}, s-maxage={}, stale-while-revalidate={}",
            config.max_age, config.s_maxage, config.stale_while_revalidate
        );
        let cache = Arc::new(Self {
            pages,
            index: Mutex::default(),
            evicted,
            events: Mutex::new(store.subscribe()),
            site: SiteCache::default(),
            flights: InFlight::default(),
            policy: HeaderValue::from_str(&policy)
                .unwrap_or_else(|_| HeaderValue::from_static("public, max-age=60")),
            next_id: AtomicU64::new(1),
            purged: AtomicU64::new(0),
            renderer,
        });
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let hook = config
                .cdn_purge_url
                .clone()
                .map(|url| PurgeHook::spawn(url, &runtime));
            let events = store.subscribe();
            runtime.spawn(follow_events(
                Arc::downgrade(&cache),
                events,
                store.node_id(),
                hook,
            ));
            if store.backend() == dateline_store::Backend::Sqlite {
                runtime.spawn(watch_other_processes(Arc::downgrade(&cache), store.clone()));
            }
        }
        cache
    }

    /// Editions, sections and the site's settings, read from the store
    /// only after a change.
    pub async fn site(&self, store: &Store) -> Result<Arc<Site>, StoreError> {
        self.drain();
        self.site.get(store).await
    }

    /// Applies every event received so far.
    fn drain(&self) {
        let mut events = locked(&self.events);
        loop {
            match events.try_recv() {
                Ok(event) => self.apply(&event),
                Err(TryRecvError::Lagged(_)) => self.apply(&Event::Resync),
                Err(TryRecvError::Empty | TryRecvError::Closed) => return,
            }
        }
    }

    fn apply(&self, event: &Event) {
        match event {
            Event::Purge { keys, .. } => {
                // Article counts of editions and sections move with listings.
                let site_changed = keys.iter().any(|k| {
                    matches!(
                        k.parse(),
                        Ok(CacheKey::Site | CacheKey::Edition(_) | CacheKey::Section(_))
                    )
                });
                if site_changed {
                    self.site.invalidate();
                }
                if keys.iter().any(|k| matches!(k.parse(), Ok(CacheKey::Site))) {
                    self.renderer.reload_catalogs();
                }
                let mut index = locked(&self.index);
                self.forget_evicted(&mut index);
                let urls = index.purge(keys);
                self.purged.fetch_add(urls.len() as u64, Ordering::Relaxed);
                if let Some(pages) = &self.pages {
                    urls.iter().for_each(|url| pages.invalidate(url));
                }
            }
            Event::Resync => {
                self.site.invalidate();
                self.renderer.reload_catalogs();
                let mut index = locked(&self.index);
                index.reset();
                if let Some(pages) = &self.pages {
                    pages.invalidate_all();
                }
                locked(&self.evicted).clear();
            }
            // Publications are announced with their purge; later kinds of
            // event do not concern rendered pages.
            _ => {}
        }
    }

    fn forget_evicted(&self, index: &mut Index) {
        for (url, id) in std::mem::take(&mut *locked(&self.evicted)) {
            index.forget(&url, id);
        }
    }

    /// The epoch a render starts at, after applying pending events.
    fn begin(&self) -> u64 {
        self.drain();
        locked(&self.index).epoch()
    }

    fn get(&self, url: &str) -> Option<Arc<CachedPage>> {
        let pages = self.pages.as_ref()?;
        self.drain();
        pages.get(url)
    }

    /// Pages in memory, their bytes (as weighed), and pages purged since
    /// start: read by `/metrics` at scrape time.
    pub fn stats(&self) -> (u64, u64, u64) {
        let purged = self.purged.load(Ordering::Relaxed);
        match &self.pages {
            Some(pages) => {
                pages.run_pending_tasks();
                (pages.entry_count(), pages.weighted_size(), purged)
            }
            None => (0, 0, purged),
        }
    }

    fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Stores `page` unless one of its keys was purged since `started`.
    fn store(&self, url: Arc<str>, page: &Arc<CachedPage>, started: u64) -> bool {
        let Some(pages) = &self.pages else {
            return false;
        };
        self.drain();
        let mut index = locked(&self.index);
        self.forget_evicted(&mut index);
        if !index.admits(started, &page.keys) {
            return false;
        }
        index.add(url.clone(), page.id, page.keys.clone());
        // Inside the index lock, so that a purge cannot slip in between.
        pages.insert(url, Arc::clone(page));
        true
    }
}

/// Applies events as they arrive (so that purged pages free their memory
/// without waiting for traffic) and sends this node's purges to the CDN.
/// How often a server on SQLite looks for edition changes made by another
/// process (`dateline edition …`), which no event announces there.
const OTHER_PROCESSES_EVERY: Duration = Duration::from_secs(5);

/// On SQLite, events stay in the process that wrote: when the editions'
/// stamp (`Store::editions_stamp`) changes under this server, everything
/// cached is dropped, as after a lost PostgreSQL connection.
async fn watch_other_processes(cache: Weak<PageCache>, store: Store) {
    let mut last: Option<String> = None;
    let mut tick = tokio::time::interval(OTHER_PROCESSES_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let Some(cache) = cache.upgrade() else { return };
        let Ok(stamp) = store.editions_stamp().await else {
            continue;
        };
        if last.as_ref().is_some_and(|seen| *seen != stamp) {
            cache.apply(&Event::Resync);
        }
        last = Some(stamp);
    }
}

async fn follow_events(
    cache: Weak<PageCache>,
    mut events: broadcast::Receiver<Arc<Event>>,
    node: NodeId,
    hook: Option<PurgeHook>,
) {
    loop {
        let event = match events.recv().await {
            Ok(event) => Some(event),
            Err(RecvError::Lagged(missed)) => {
                tracing::warn!(missed, "page cache fell behind the change events");
                None
            }
            Err(RecvError::Closed) => return,
        };
        let Some(cache) = cache.upgrade() else { return };
        cache.drain();
        if let (Some(hook), Some(event)) = (&hook, event) {
            if let Event::Purge { keys, origin } = &*event {
                if *origin == node {
                    hook.purge(keys);
                }
            }
        }
    }
}
