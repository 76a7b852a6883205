//! The node's hub for article streams: it listens to the store's
//! `LiveCoverage`, `CommentPublished` and `CommentHidden` events (from every node on
//! PostgreSQL), loads and renders what changed once, and broadcasts it to
//! every open article stream, which forwards what concerns its article.
//!
//! Live changes go out per article in the order of their change numbers:
//! for each event the hub reads the changes after the last one it sent for
//! that article, so an event that arrives late (two writers on this node
//! delivering in the other order) is already covered and skipped.

use std::collections::HashMap;
use std::sync::{Arc, Once};

use dateline_render::{FluentValue, PageLocale};
use dateline_store::comments::Comment;
use dateline_store::events::Event;
use dateline_store::live::{LiveCoverage, LiveEntry, MAX_LIVE_CHANGES};
use dateline_store::Article;
use serde::Serialize;
use serde_json::json;
use tokio::sync::broadcast;

use super::coverage::{entry_html, EntryView};
use crate::error::ApiError;
use crate::urls::Urls;
use crate::AppState;

const CHANNEL_CAPACITY: usize = 1024;
/// Articles whose last change the hub remembers; past this it forgets all.
const TRACKED: usize = 4096;
/// An article seen for the first time is read from this many changes
/// before the announced one, in case their events are still on the way.
const FIRST_SLACK: i64 = 16;

/// What an article stream sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// An entry or the coverage's status, as of change `seq`.
    Change { seq: i64 },
    /// A comment became visible at `at` (Unix seconds).
    Comment { id: i64, at: i64 },
    /// A comment left the page, with the replies beneath it.
    Removed { id: i64 },
    /// The hub may have missed events: streams read what they missed.
    Resync,
}

#[derive(Debug)]
pub struct ArticleItem {
    pub article_id: i64,
    pub kind: ItemKind,
    /// The SSE event name: `entry`, `coverage`, `comment` or
    /// `comment-removed`.
    pub event: &'static str,
    /// JSON for the page's script.
    pub data: String,
}

/// Where an article is read and how its page speaks.
#[derive(Debug, Clone)]
pub(super) struct Story {
    pub article_id: i64,
    pub locale: PageLocale,
    pub comments_url: String,
}

impl Story {
    /// The story of `article` (any status), if its edition and section exist.
    pub async fn of(state: &AppState, article: &Article) -> Result<Option<Story>, ApiError> {
        let site = state.cache.site(&state.store).await?;
        let Some(edition) = site.editions.iter().find(|e| e.id == article.edition_id) else {
            return Ok(None);
        };
        let Some(section) = site
            .sections(edition.id)
            .iter()
            .find(|s| s.id == article.section_id)
        else {
            return Ok(None);
        };
        let url = Urls::relative().article(&edition.code, &section.slug, &article.slug);
        Ok(Some(Story {
            article_id: article.id,
            locale: state
                .renderer
                .locale(
                    edition.language.as_str(),
                    edition.time_zone.as_str(),
                    edition.date_format.as_str(),
                )
                .with_numbers(edition.number_system),
            comments_url: format!("{url}/comments"),
        }))
    }
}

#[derive(Serialize)]
struct EntryData<'a> {
    id: i64,
    seq: i64,
    pinned: bool,
    deleted: bool,
    posted_at: i64,
    /// The `<li>` for the list of every entry (absent once deleted).
    html: Option<String>,
    /// The `<li>` for the key events, when pinned.
    key_html: Option<String>,
    /// For the status line read out by screen readers.
    #[serde(skip_serializing_if = "str::is_empty")]
    text: &'a str,
}

/// An entry as of its last change.
pub(super) fn entry_item(state: &AppState, story: &Story, e: &LiveEntry) -> ArticleItem {
    let view = EntryView::new(e);
    let deleted = e.deleted_at.is_some();
    let render = |key| {
        entry_html(state, &story.locale, &view, key)
            .map_err(|err| tracing::warn!(error = %err, "cannot render a live entry"))
            .ok()
    };
    let data = EntryData {
        id: e.id,
        seq: e.seq,
        pinned: e.pinned,
        deleted,
        posted_at: e.posted_at,
        html: (!deleted).then(|| render(false)).flatten(),
        key_html: (e.pinned && !deleted).then(|| render(true)).flatten(),
        text: if deleted { "" } else { &e.body_source },
    };
    ArticleItem {
        article_id: e.article_id,
        kind: ItemKind::Change { seq: e.seq },
        event: "entry",
        data: serde_json::to_string(&data).unwrap_or_default(),
    }
}

/// The coverage's status (open or ended) as of its last status change.
pub(super) fn coverage_item(coverage: &LiveCoverage) -> ArticleItem {
    ArticleItem {
        article_id: coverage.article_id,
        kind: ItemKind::Change {
            seq: coverage.status_seq,
        },
        event: "coverage",
        data: json!({"seq": coverage.status_seq, "status": coverage.status.as_str()}).to_string(),
    }
}

#[derive(Serialize)]
struct CommentCard<'a> {
    id: i64,
    author: &'a str,
    html: &'a str,
    created_at: i64,
    edited: bool,
    /// Never shown on the cached article page (see `comments::view`).
    like_count: Option<i64>,
    reply_count: i64,
    depth: i64,
    mine: bool,
    liked: bool,
    edit_source: Option<String>,
    action_url: String,
}

/// A comment as the cached article page shows it, with the story's counter.
pub(super) fn comment_item(
    state: &AppState,
    story: &Story,
    c: &Comment,
    comment_count: i64,
    at: i64,
) -> Option<ArticleItem> {
    let card = CommentCard {
        id: c.id,
        author: &c.author_name,
        html: &c.body_html,
        created_at: c.created_at,
        edited: c.edited_at.is_some(),
        like_count: None,
        reply_count: c.reply_count,
        depth: c.depth,
        mine: false,
        liked: false,
        edit_source: None,
        action_url: format!("{}/{}", story.comments_url, c.id),
    };
    let page = json!({"c": card, "comments_url": story.comments_url});
    let html = state
        .renderer
        .render("live/comment.html", &story.locale, &page)
        .map_err(|err| tracing::warn!(error = %err, "cannot render a live comment"))
        .ok()?;
    let (count, counter) = counts(state, story, comment_count);
    let data = json!({
        "id": c.id,
        "parent_id": c.parent_id,
        "depth": c.depth,
        "html": html,
        "count": count,
        "counter": counter,
    });
    Some(ArticleItem {
        article_id: c.article_id,
        kind: ItemKind::Comment { id: c.id, at },
        event: "comment",
        data: data.to_string(),
    })
}

/// The story's comment count as its cards show it, and as its page's
/// counter says it ("2 comments").
fn counts(state: &AppState, story: &Story, comment_count: i64) -> (String, String) {
    let counter = state.renderer.t(
        &story.locale,
        "comments-count",
        &[("count", FluentValue::from(comment_count))],
    );
    (state.renderer.number(&story.locale, comment_count), counter)
}

/// Fans article items out to the node's open article streams.
pub struct ArticleHub {
    sender: broadcast::Sender<Arc<ArticleItem>>,
    started: Once,
    /// Items handed to streams since start (one per stream per item).
    delivered: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for ArticleHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticleHub")
            .field("streams", &self.sender.receiver_count())
            .finish()
    }
}

impl Default for ArticleHub {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(CHANNEL_CAPACITY).0,
            started: Once::new(),
            delivered: Default::default(),
        }
    }
}

impl ArticleHub {
    /// Items from now on; starts the node's hub task on first use.
    pub fn subscribe(&self, state: &AppState) -> broadcast::Receiver<Arc<ArticleItem>> {
        let receiver = self.sender.subscribe();
        self.started.call_once(|| {
            tokio::spawn(run(state.clone(), self.sender.clone()));
        });
        receiver
    }

    /// Open article streams on this node.
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

/// The last change sent per article, with how its page speaks.
#[derive(Default)]
struct Tracked(HashMap<i64, (i64, Story)>);

async fn run(state: AppState, sender: broadcast::Sender<Arc<ArticleItem>>) {
    let mut events = state.store.subscribe();
    let mut tracked = Tracked::default();
    loop {
        let outcome = match events.recv().await {
            Ok(event) => match &*event {
                Event::LiveCoverage { article_id, seq } => {
                    changed(&state, &sender, &mut tracked, *article_id, *seq).await
                }
                Event::CommentPublished {
                    article_id,
                    comment_id,
                } => commented(&state, &sender, *article_id, *comment_id).await,
                Event::CommentHidden {
                    article_id,
                    comment_id,
                } => uncommented(&state, &sender, *article_id, *comment_id).await,
                Event::Resync => resync(&sender, &mut tracked),
                _ => Ok(()),
            },
            Err(broadcast::error::RecvError::Lagged(_)) => resync(&sender, &mut tracked),
            Err(broadcast::error::RecvError::Closed) => return,
        };
        if let Err(e) = outcome {
            tracing::warn!(error = %e, "article hub could not load a change");
        }
    }
}

fn resync(
    sender: &broadcast::Sender<Arc<ArticleItem>>,
    tracked: &mut Tracked,
) -> Result<(), ApiError> {
    tracked.0.clear();
    let _ = sender.send(Arc::new(ArticleItem {
        article_id: 0,
        kind: ItemKind::Resync,
        event: "",
        data: String::new(),
    }));
    Ok(())
}

async fn changed(
    state: &AppState,
    sender: &broadcast::Sender<Arc<ArticleItem>>,
    tracked: &mut Tracked,
    article_id: i64,
    seq: i64,
) -> Result<(), ApiError> {
    if sender.receiver_count() == 0 {
        // Nobody watches: forget, and start afresh when someone does.
        tracked.0.remove(&article_id);
        return Ok(());
    }
    let (mut last, story) = match tracked.0.remove(&article_id) {
        Some((last, _)) if last >= seq => return Ok(()),
        Some(known) => known,
        None => {
            let Some(article) = state.store.article_by_id(article_id).await? else {
                return Ok(());
            };
            let Some(story) = Story::of(state, &article).await? else {
                return Ok(());
            };
            ((seq - 1 - FIRST_SLACK).max(0), story)
        }
    };
    let from = last;
    let coverage = state.store.live_coverage(article_id).await?;
    let mut items = Vec::new();
    loop {
        let changes = state.store.live_changes(article_id, last).await?;
        let full = changes.len() as i64 >= MAX_LIVE_CHANGES;
        items.extend(changes.iter().map(|e| entry_item(state, &story, e)));
        last = changes.last().map_or(last, |e| e.seq);
        if !full {
            break;
        }
    }
    if let Some(coverage) = coverage.filter(|c| c.status_seq > from) {
        items.push(coverage_item(&coverage));
    }
    items.sort_by_key(|item| match item.kind {
        ItemKind::Change { seq } => seq,
        _ => 0,
    });
    let mut sent = last.max(seq);
    for item in items {
        if let ItemKind::Change { seq } = item.kind {
            sent = sent.max(seq);
        }
        state.article_live.note_sent(sender.send(Arc::new(item)));
    }
    if tracked.0.len() >= TRACKED {
        tracked.0.clear();
    }
    tracked.0.insert(article_id, (sent, story));
    Ok(())
}

async fn commented(
    state: &AppState,
    sender: &broadcast::Sender<Arc<ArticleItem>>,
    article_id: i64,
    comment_id: i64,
) -> Result<(), ApiError> {
    if sender.receiver_count() == 0 {
        return Ok(());
    }
    let (comment, article) = tokio::try_join!(
        state.store.comment_by_id(comment_id),
        state.store.article_by_id(article_id),
    )?;
    let (Some(comment), Some(article)) = (comment, article) else {
        return Ok(());
    };
    if comment.status != dateline_domain::comment::CommentStatus::Published {
        return Ok(());
    }
    let Some(story) = Story::of(state, &article).await? else {
        return Ok(());
    };
    let at = crate::auth::now();
    if let Some(item) = comment_item(state, &story, &comment, article.comment_count, at) {
        state.article_live.note_sent(sender.send(Arc::new(item)));
    }
    Ok(())
}

/// A comment left the page: streams tell their page to drop it (and what
/// hangs beneath it) and show the new count.
async fn uncommented(
    state: &AppState,
    sender: &broadcast::Sender<Arc<ArticleItem>>,
    article_id: i64,
    comment_id: i64,
) -> Result<(), ApiError> {
    if sender.receiver_count() == 0 {
        return Ok(());
    }
    let Some(article) = state.store.article_by_id(article_id).await? else {
        return Ok(());
    };
    let Some(story) = Story::of(state, &article).await? else {
        return Ok(());
    };
    let (count, counter) = counts(state, &story, article.comment_count);
    let data = json!({ "id": comment_id, "count": count, "counter": counter });
    state
        .article_live
        .note_sent(sender.send(Arc::new(ArticleItem {
            article_id,
            kind: ItemKind::Removed { id: comment_id },
            event: "comment-removed",
            data: data.to_string(),
        })));
    Ok(())
}
