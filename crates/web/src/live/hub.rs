//! The node's newsfeed hub: it listens to the store's events, builds each
//! newly published story's newsfeed item once (with the edition's URL and
//! local time), and broadcasts it to every open newsfeed stream.

use std::collections::VecDeque;
use std::sync::{Arc, Once};

use dateline_render::iso8601;
use dateline_store::events::Event;
use dateline_store::{ArticleCard, Edition};
use serde::Serialize;
use tokio::sync::broadcast;

use crate::urls::Urls;
use crate::AppState;

/// Items a slow connection may fall behind by before it catches up from
/// the database instead.
const CHANNEL_CAPACITY: usize = 1024;
/// Stories announced recently, so that one announced twice (an event and a
/// catch-up) is sent once.
const RECENT: usize = 512;
/// How far back a catch-up looks after this node missed events (seconds).
pub(super) const CATCH_UP_WINDOW: i64 = 600;

/// One newsfeed entry, as streams send it.
#[derive(Debug)]
pub struct FeedItem {
    pub edition_id: i64,
    pub article_id: i64,
    pub published_at: i64,
    /// The JSON the browser receives (see [`ItemData`]).
    pub data: String,
}

impl FeedItem {
    /// The SSE event id: the item's position in the feed.
    pub fn event_id(&self) -> String {
        format!("{}.{}", self.published_at, self.article_id)
    }
}

/// What the page's script needs to add an entry exactly as the server
/// renders it.
#[derive(Serialize)]
struct ItemData<'a> {
    id: i64,
    url: String,
    headline: &'a str,
    section_title: &'a str,
    section_url: String,
    /// ISO 8601 in the edition's zone, for `<time datetime>`.
    published_at: String,
    /// `HH:MM` in the edition's zone, as the page shows it.
    time: String,
}

impl FeedItem {
    pub(super) fn build(state: &AppState, edition: &Edition, card: &ArticleCard) -> Self {
        let urls = Urls::relative();
        let tz = edition.time_zone.tz();
        let locale = state
            .renderer
            .locale(
                edition.language.as_str(),
                edition.time_zone.as_str(),
                edition.date_format.as_str(),
            )
            .with_numbers(edition.number_system);
        let data = ItemData {
            id: card.id,
            url: urls.article(&edition.code, &card.section_slug, &card.slug),
            headline: &card.headline,
            section_title: &card.section_title,
            section_url: urls.section(&edition.code, &card.section_slug),
            published_at: iso8601(card.published_at, tz),
            time: state
                .renderer
                .date(&locale, card.published_at, Some("%H:%M")),
        };
        Self {
            edition_id: edition.id,
            article_id: card.id,
            published_at: card.published_at,
            data: serde_json::to_string(&data).unwrap_or_default(),
        }
    }
}

/// Fans newsfeed items out to the node's open streams.
pub struct LiveHub {
    sender: broadcast::Sender<Arc<FeedItem>>,
    started: Once,
    /// Items handed to streams since start (one per stream per item).
    delivered: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for LiveHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveHub")
            .field("streams", &self.sender.receiver_count())
            .finish()
    }
}

impl Default for LiveHub {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(CHANNEL_CAPACITY).0,
            started: Once::new(),
            delivered: Default::default(),
        }
    }
}

impl LiveHub {
    /// New items from now on; starts the node's hub task on first use.
    pub fn subscribe(&self, state: &AppState) -> broadcast::Receiver<Arc<FeedItem>> {
        let receiver = self.sender.subscribe();
        self.started.call_once(|| {
            tokio::spawn(run(state.clone(), self.sender.clone()));
        });
        receiver
    }

    /// Open streams on this node.
    pub fn streams(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Items handed to this node's streams since start (`/metrics`).
    pub fn delivered(&self) -> u64 {
        self.delivered.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn note_sent<T>(&self, sent: Result<usize, broadcast::error::SendError<T>>) {
        if let Ok(streams) = sent {
            let n = streams as u64;
            self.delivered
                .fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// Ids announced lately, oldest first.
#[derive(Default)]
struct Recent(VecDeque<i64>);

impl Recent {
    /// Remembers `id`; false when it was announced already.
    fn insert(&mut self, id: i64) -> bool {
        if self.0.contains(&id) {
            return false;
        }
        if self.0.len() == RECENT {
            self.0.pop_front();
        }
        self.0.push_back(id);
        true
    }
}

async fn run(state: AppState, sender: broadcast::Sender<Arc<FeedItem>>) {
    let mut events = state.store.subscribe();
    let mut recent = Recent::default();
    loop {
        let outcome = match events.recv().await {
            Ok(event) => match &*event {
                Event::Published {
                    article_id,
                    edition_id,
                } => announce(&state, &sender, &mut recent, *edition_id, *article_id).await,
                Event::Resync => catch_up(&state, &sender, &mut recent).await,
                _ => Ok(()),
            },
            // Events were dropped: what they said is in the database.
            Err(broadcast::error::RecvError::Lagged(_)) => {
                catch_up(&state, &sender, &mut recent).await
            }
            Err(broadcast::error::RecvError::Closed) => return,
        };
        if let Err(e) = outcome {
            tracing::warn!(error = %e, "newsfeed hub could not load a story");
        }
    }
}

async fn edition(state: &AppState, edition_id: i64) -> Result<Option<Edition>, crate::ApiError> {
    let site = state.cache.site(&state.store).await?;
    Ok(site.editions.iter().find(|e| e.id == edition_id).cloned())
}

async fn announce(
    state: &AppState,
    sender: &broadcast::Sender<Arc<FeedItem>>,
    recent: &mut Recent,
    edition_id: i64,
    article_id: i64,
) -> Result<(), crate::ApiError> {
    if sender.receiver_count() == 0 || !recent.insert(article_id) {
        return Ok(());
    }
    let Some(edition) = edition(state, edition_id).await? else {
        return Ok(());
    };
    for card in state.store.article_cards(&[article_id]).await? {
        // No receiver left is not an error: nobody is watching.
        state
            .live
            .note_sent(sender.send(Arc::new(FeedItem::build(state, &edition, &card))));
    }
    Ok(())
}

/// After missed events: announces what was published lately and not yet.
async fn catch_up(
    state: &AppState,
    sender: &broadcast::Sender<Arc<FeedItem>>,
    recent: &mut Recent,
) -> Result<(), crate::ApiError> {
    if sender.receiver_count() == 0 {
        return Ok(());
    }
    let since = crate::auth::now() - CATCH_UP_WINDOW;
    let site = state.cache.site(&state.store).await?;
    for edition in &site.editions {
        let cards = state
            .store
            .articles_published_since(edition.id, since, dateline_store::MAX_SINCE)
            .await?;
        for card in cards.iter().filter(|c| recent.insert(c.id)) {
            state
                .live
                .note_sent(sender.send(Arc::new(FeedItem::build(state, edition, card))));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Recent;

    #[test]
    fn recent_ids_are_announced_once_and_forgotten_in_order() {
        let mut recent = Recent::default();
        assert!(recent.insert(1));
        assert!(!recent.insert(1));
        for id in 2..=super::RECENT as i64 {
            assert!(recent.insert(id));
        }
        assert!(recent.insert(10_000), "a full list drops its oldest id");
        assert!(recent.insert(1), "1 was forgotten");
    }
}
