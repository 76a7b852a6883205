//! `GET /{edition}/{section}/{slug}/live`: one article's live changes as
//! Server-Sent Events, for its open page: `entry` (posted, edited, pinned,
//! unpinned, deleted: the server-rendered `<li>`), `coverage` (opened or
//! ended), `comment` (a comment became visible: its card as the cached
//! page renders it, and the new count) and `comment-removed` (a comment
//! left the page with the replies beneath it: its id and the new count).
//!
//! Event ids are `{seq}.{time}`: the last live change sent (an exact
//! position, see `dateline_store::live`) and when the last comment was
//! seen. A reconnecting browser sends it back (`Last-Event-ID`; the first
//! time `?after={seq}` from the page) and first gets every change after
//! `seq`, once, then the comments shown since a minute before `time` (the
//! script skips those it shows already).

use std::collections::{HashSet, VecDeque};
use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::Event as SseEvent;
use axum::response::Response;
use dateline_domain::Slug;
use serde::Deserialize;
use tokio::sync::broadcast;

use super::article_hub::{comment_item, coverage_item, entry_item, ArticleItem, ItemKind, Story};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// Comments are looked for this far before a resumed position (seconds).
const COMMENT_OVERLAP: i64 = 60;

#[derive(Debug, Deserialize)]
pub(super) struct StreamQuery {
    after: Option<String>,
}

/// `seq` or `seq.time`.
fn parse_position(raw: &str) -> Result<(i64, Option<i64>), ApiError> {
    let bad = || {
        ApiError::new(
            ErrorCode::InvalidCursor,
            "after: expected the id of an event this stream sent",
        )
        .with_field("after")
    };
    let (seq, time) = match raw.split_once('.') {
        Some((seq, time)) => (seq, Some(time.parse::<i64>().map_err(|_| bad())?)),
        None => (raw, None),
    };
    let seq: i64 = seq.parse().map_err(|_| bad())?;
    if seq < 0 || time.is_some_and(|t| t < 0) {
        return Err(bad());
    }
    Ok((seq, time))
}

pub(super) async fn stream(
    State(state): State<AppState>,
    Path((code, section, slug)): Path<(String, String, String)>,
    Query(query): Query<StreamQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let site = state.cache.site(&state.store).await?;
    let edition = site
        .editions
        .iter()
        .find(|e| e.code.as_str() == code)
        .ok_or_else(|| ApiError::new(ErrorCode::UnknownEdition, "no such edition"))?;
    let slug: Slug = slug.parse().map_err(|_| ApiError::not_found("article"))?;
    let article = state
        .store
        .article_by_slug(edition.id, &slug)
        .await?
        .filter(|a| a.status.is_public())
        .filter(|a| {
            site.sections(edition.id)
                .iter()
                .any(|s| s.id == a.section_id && s.slug.as_str() == section)
        })
        .ok_or_else(|| ApiError::not_found("article"))?;
    let story = Story::of(&state, &article)
        .await?
        .ok_or_else(|| ApiError::not_found("article"))?;
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .or(query.after);
    let position = resume.as_deref().map(parse_position).transpose()?;
    // Subscribe before reading what was missed: nothing falls in between.
    let live = state.article_live.subscribe(&state);
    let now = crate::auth::now();
    let mut feed = Feed {
        state,
        story,
        live,
        pending: VecDeque::new(),
        seq: 0,
        comments_at: now,
        shown: HashSet::new(),
        first: true,
    };
    match position {
        Some((seq, time)) => {
            feed.seq = seq;
            feed.catch_up().await?;
            if let Some(time) = time {
                feed.comments_since(time - COMMENT_OVERLAP).await?;
            }
        }
        None => {
            let coverage = feed.state.store.live_coverage(article.id).await?;
            feed.seq = coverage.map_or(0, |c| c.seq);
        }
    }
    let shutdown = feed.state.shutdown.clone();
    let events = futures_util::stream::unfold(feed, |mut feed| async move {
        let event = feed.next().await?;
        Some((Ok::<_, Infallible>(event), feed))
    });
    Ok(super::sse_response(shutdown, events))
}

/// One open stream.
struct Feed {
    state: AppState,
    story: Story,
    live: broadcast::Receiver<Arc<ArticleItem>>,
    pending: VecDeque<Arc<ArticleItem>>,
    /// The last live change sent.
    seq: i64,
    /// When the last comment was seen (for the event id).
    comments_at: i64,
    /// Comments sent, so that none goes twice.
    shown: HashSet<i64>,
    first: bool,
}

impl Feed {
    async fn next(&mut self) -> Option<SseEvent> {
        if std::mem::take(&mut self.first) {
            // The id tells a browser that reconnects before any event where it was.
            return Some(
                SseEvent::default()
                    .id(self.position())
                    .retry(super::RETRY)
                    .comment("live"),
            );
        }
        loop {
            let item = match self.pending.pop_front() {
                Some(item) => item,
                None => match self.live.recv().await {
                    Ok(item) if item.kind == ItemKind::Resync => {
                        self.recover().await;
                        continue;
                    }
                    Ok(item) if item.article_id == self.story.article_id => item,
                    Ok(_) => continue,
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        self.recover().await;
                        continue;
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
            };
            match item.kind {
                ItemKind::Change { seq } if seq <= self.seq => continue,
                ItemKind::Change { seq } => self.seq = seq,
                ItemKind::Comment { id, at } => {
                    if !self.shown.insert(id) {
                        continue;
                    }
                    self.comments_at = self.comments_at.max(at);
                }
                // Shown again later (approved after all), it goes out again.
                ItemKind::Removed { id } => {
                    self.shown.remove(&id);
                }
                ItemKind::Resync => continue,
            }
            return Some(
                SseEvent::default()
                    .id(self.position())
                    .event(item.event)
                    .data(&item.data),
            );
        }
    }

    fn position(&self) -> String {
        format!("{}.{}", self.seq, self.comments_at)
    }

    /// Live changes after `self.seq`, oldest first, queued.
    async fn catch_up(&mut self) -> Result<(), ApiError> {
        let store = &self.state.store;
        let article_id = self.story.article_id;
        let (coverage, changes) = tokio::try_join!(
            store.live_coverage(article_id),
            store.live_changes(article_id, self.seq),
        )?;
        let mut items: Vec<ArticleItem> = changes
            .iter()
            .map(|e| entry_item(&self.state, &self.story, e))
            .collect();
        if let Some(coverage) = coverage.filter(|c| c.status_seq > self.seq) {
            items.push(coverage_item(&coverage));
        }
        items.sort_by_key(|item| match item.kind {
            ItemKind::Change { seq } => seq,
            _ => 0,
        });
        self.pending.extend(items.into_iter().map(Arc::new));
        Ok(())
    }

    /// Comments shown since `since`, queued.
    async fn comments_since(&mut self, since: i64) -> Result<(), ApiError> {
        let store = &self.state.store;
        let article_id = self.story.article_id;
        let (comments, article) = tokio::try_join!(
            store.comments_published_since(article_id, since),
            store.article_by_id(article_id),
        )?;
        let count = article.map_or(0, |a| a.comment_count);
        for c in &comments {
            let at = c.created_at.max(since);
            if let Some(item) = comment_item(&self.state, &self.story, c, count, at) {
                self.pending.push_back(Arc::new(item));
            }
        }
        Ok(())
    }

    /// This stream or the hub may have missed something: read it.
    async fn recover(&mut self) {
        let since = self.comments_at - COMMENT_OVERLAP;
        if let Err(e) = self.catch_up().await {
            tracing::warn!(error = %e, "article stream could not catch up");
        }
        if let Err(e) = self.comments_since(since).await {
            tracing::warn!(error = %e, "article stream could not catch up on comments");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_position;

    #[test]
    fn positions_are_a_change_number_and_a_time() {
        assert_eq!(parse_position("7").unwrap(), (7, None));
        assert_eq!(
            parse_position("7.1700000000").unwrap(),
            (7, Some(1_700_000_000))
        );
        for bad in ["", "x", "7.", "-1", "7.-3", "1.2.3"] {
            assert!(parse_position(bad).is_err(), "{bad}");
        }
    }
}
