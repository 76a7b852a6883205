//! Change events: every store write that changes what readers see announces
//! it, so that caches on every node can forget exactly the pages it touched.
//!
//! A write stages its events inside its transaction ([`Store::stage_events`]):
//! on PostgreSQL that is `pg_notify`, which the server delivers to every
//! listening node only if and when the transaction commits. After the commit
//! the writer hands the same events to its own subscribers
//! ([`Staged::deliver`]); a node's listener skips notifications it sent
//! itself, so each subscriber sees each event once. SQLite is one node:
//! delivery is the local broadcast alone.
//!
//! A subscriber that may have missed events receives [`Event::Resync`]
//! (listener connected or reconnected, receiver lagged behind): from then
//! on, it must treat everything it derived from earlier state as stale.

mod changes;
mod keys;
mod listener;
mod wire;

use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use tokio::sync::{broadcast, oneshot, watch};

pub(crate) use changes::{article_created, article_updated, comments_changed, status_changed};
pub(crate) use changes::{comment_shown, live_changed};
pub use keys::CacheKey;

use crate::{Backend, Result, Store};

/// The PostgreSQL channel events travel on.
pub const CHANNEL: &str = "dateline_events";

/// How long opening a PostgreSQL store waits for its listener.
const LISTEN_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Events a subscriber can fall behind by before it receives `Lagged` (and
/// should resynchronise).
const BUFFER: usize = 4096;

/// One process's store, as named in events: a random id per `Store::connect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct NodeId(pub u64);

impl std::fmt::Display for NodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl From<NodeId> for String {
    fn from(node: NodeId) -> String {
        node.to_string()
    }
}

impl TryFrom<String> for NodeId {
    type Error = std::num::ParseIntError;
    fn try_from(hex: String) -> std::result::Result<Self, Self::Error> {
        u64::from_str_radix(&hex, 16).map(NodeId)
    }
}

impl NodeId {
    /// Random enough to tell the nodes of one deployment apart: the
    /// standard library's per-process random hash keys, plus time and pid.
    fn random() -> Self {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        hasher.write_u128(nanos);
        hasher.write_u32(std::process::id());
        NodeId(hasher.finish())
    }
}

/// Something readers may see differently now. Serialised as JSON with a
/// `type` tag; new kinds may be added, so match with a wildcard arm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    /// Every page showing any of `keys` (see [`CacheKey`]) is out of date.
    /// `origin` is the node whose write caused it (it alone purges CDNs).
    Purge { keys: Vec<String>, origin: NodeId },
    /// An article became public (first publication or republication).
    Published { article_id: i64, edition_id: i64 },
    /// Events may have been missed: everything may be stale.
    Resync,
    /// An article's live coverage changed (opened, ended, an entry posted,
    /// edited, pinned, unpinned or deleted) at change number `seq`.
    LiveCoverage { article_id: i64, seq: i64 },
    /// A comment became visible to readers (posted or approved).
    CommentPublished { article_id: i64, comment_id: i64 },
    /// A comment readers saw left the page (rejected, deleted): it goes,
    /// with the replies beneath it.
    CommentHidden { article_id: i64, comment_id: i64 },
    /// A reader posted chat message `message_id` in room `room_id`.
    ChatPosted { room_id: i64, message_id: i64 },
    /// A moderator removed chat message `message_id` from room `room_id`.
    ChatDeleted { room_id: i64, message_id: i64 },
    /// Node `node`'s open chat sockets, as `(room id, count)`; each node
    /// sends its own now and then, and stale ones are forgotten.
    ChatPresence {
        node: NodeId,
        rooms: Vec<(i64, u32)>,
    },
}

impl Event {
    /// A purge of `keys` caused by `origin`, each key once, in order.
    pub fn purge(origin: NodeId, keys: impl IntoIterator<Item = CacheKey>) -> Event {
        let mut seen = std::collections::HashSet::new();
        let keys = keys
            .into_iter()
            .filter(|k| seen.insert(*k))
            .map(|k| k.to_string())
            .collect();
        Event::Purge { keys, origin }
    }
}

/// Per-store event plumbing, shared by the clones of a [`Store`].
pub(crate) struct Hub {
    node: NodeId,
    sender: broadcast::Sender<Arc<Event>>,
    /// Where the listener connects; `None` on SQLite.
    postgres_url: Option<String>,
    /// The runtime the store was opened on, for the listener task.
    runtime: Option<tokio::runtime::Handle>,
    /// Set once the listener runs; dropping or signalling it stops the task.
    stop_listener: Mutex<Option<watch::Sender<bool>>>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").field("node", &self.node).finish()
    }
}

impl Hub {
    pub(crate) fn new(backend: Backend, url: &str) -> Self {
        Self {
            node: NodeId::random(),
            sender: broadcast::channel(BUFFER).0,
            postgres_url: (backend == Backend::Postgres).then(|| url.to_owned()),
            runtime: tokio::runtime::Handle::try_current().ok(),
            stop_listener: Mutex::new(None),
        }
    }

    /// Starts the PostgreSQL listener (once) and waits until it listens, so
    /// that whoever subscribes after the store is open misses nothing.
    /// Gives up waiting after [`LISTEN_WAIT`]: the listener keeps trying
    /// and sends `Resync` once connected.
    pub(crate) async fn listen(&self) {
        let (Some(url), Some(runtime)) = (&self.postgres_url, &self.runtime) else {
            return;
        };
        let connected = {
            let mut stop = self
                .stop_listener
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if stop.is_some() {
                return;
            }
            let (tx, rx) = watch::channel(false);
            let (connected_tx, connected) = oneshot::channel();
            runtime.spawn(listener::run(
                url.clone(),
                self.node,
                self.sender.clone(),
                rx,
                connected_tx,
            ));
            *stop = Some(tx);
            connected
        };
        if tokio::time::timeout(LISTEN_WAIT, connected).await.is_err() {
            tracing::warn!("the event listener is not connected yet; continuing without it");
        }
    }

    pub(crate) fn stop(&self) {
        let stop = self
            .stop_listener
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(stop) = stop {
            let _ = stop.send(true);
        }
    }
}

/// Events a write has staged; [`Staged::deliver`] them to this node's
/// subscribers once the transaction has committed. Dropped undelivered
/// (the write failed), they are never seen.
#[must_use = "staged events reach this node's subscribers only when delivered"]
pub(crate) struct Staged {
    sender: broadcast::Sender<Arc<Event>>,
    events: Vec<Event>,
}

impl Staged {
    pub(crate) fn deliver(self) {
        for event in self.events {
            // No subscriber is not an error.
            let _ = self.sender.send(Arc::new(event));
        }
    }
}

impl Store {
    /// This store's node id, the `origin` of the purges its writes cause.
    pub fn node_id(&self) -> NodeId {
        self.events.node
    }

    /// Receives every event from now on: this node's writes once committed,
    /// and on PostgreSQL every other node's, which a listener (one
    /// connection, started when the store is opened) forwards. When the
    /// listener loses its connection it sends [`Event::Resync`] once it is
    /// back: notifications sent meanwhile are lost.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Event>> {
        self.events.sender.subscribe()
    }

    /// Announces that pages showing `keys` changed, for writes made outside
    /// the store's own methods (call it after they committed).
    pub async fn emit_purge(&self, keys: impl IntoIterator<Item = CacheKey>) -> Result<()> {
        self.emit(vec![Event::purge(self.node_id(), keys)]).await
    }

    /// Announces `events` to every node, now.
    pub async fn emit(&self, events: Vec<Event>) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        let staged = self.stage_events(&mut conn, events).await?;
        staged.deliver();
        Ok(())
    }

    /// A second store on the same PostgreSQL database, as another node of
    /// the deployment would open it (`None` on SQLite, which is one node).
    #[cfg(any(test, feature = "testing"))]
    pub async fn another_node(&self) -> Option<Store> {
        let url = self.events.postgres_url.as_deref()?;
        Store::connect(url, 2).await.ok()
    }

    /// Ends every connection LISTENing on this database, as a network cut
    /// or a server restart would; one `true` per connection ended.
    #[cfg(any(test, feature = "testing"))]
    pub async fn cut_listeners_for_tests(&self) -> Result<Vec<bool>> {
        let ended = sqlx::query_scalar(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN %' \
             AND pid <> pg_backend_pid()",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(ended)
    }

    /// Announces `events` inside the caller's transaction on `conn`: other
    /// nodes hear of them if and when it commits; deliver the result to this
    /// node's subscribers after the commit.
    pub(crate) async fn stage_events(
        &self,
        conn: &mut AnyConnection,
        events: Vec<Event>,
    ) -> Result<Staged> {
        if self.backend == Backend::Postgres && !events.is_empty() {
            for payload in wire::payloads(self.node_id(), &events) {
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(payload)
                    .execute(&mut *conn)
                    .await?;
            }
        }
        Ok(Staged {
            sender: self.events.sender.clone(),
            events,
        })
    }
}
