//! `GET /{edition}/newsfeed/live`: the edition's newly published stories as
//! Server-Sent Events (`event: article`, JSON data, id `published_at.id`).
//!
//! A browser that comes back after a break says where it was (the
//! `Last-Event-ID` header its `EventSource` sends, or `?after=` with the
//! newest item the page showed) and first gets every story published since,
//! oldest first; then live ones. Items carry their article id: a story the
//! page already shows is skipped by the script, so nothing appears twice
//! (a resume's overlap sends stories from just before the position again),
//! and a stream sends a story once.
//! The opening event carries an id too (the position resumed from, or the
//! moment the stream opened): a browser that reconnects before any story
//! came (a node shutting down) still says where it was.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::Event as SseEvent;
use axum::response::Response;
use dateline_store::Edition;
use serde::Deserialize;
use tokio::sync::broadcast;

use super::hub::{FeedItem, CATCH_UP_WINDOW};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// A resumed stream also looks this far before its position (seconds): two
/// stories published in the same moment may commit in either order.
const RESUME_OVERLAP: i64 = 60;
/// Stories sent lately, remembered so that one read on resuming and then
/// announced live (the hub's event came late) goes out once.
const REMEMBERED: usize = 256;

#[derive(Debug, Deserialize)]
pub(super) struct LiveQuery {
    after: Option<String>,
}

/// `published_at.id`, as event ids spell positions.
fn parse_position(raw: &str) -> Result<(i64, i64), ApiError> {
    raw.split_once('.')
        .and_then(|(t, id)| Some((t.parse().ok()?, id.parse().ok()?)))
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidCursor,
                "after: expected the id of an event this stream sent",
            )
            .with_field("after")
        })
}

pub(super) async fn stream(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<LiveQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let site = state.cache.site(&state.store).await?;
    let edition: Edition = site
        .editions
        .iter()
        .find(|e| e.code.as_str() == code)
        .cloned()
        .ok_or_else(|| ApiError::new(ErrorCode::UnknownEdition, "no such edition"))?;
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .or(query.after);
    let position = resume.as_deref().map(parse_position).transpose()?;
    let opened_at = match position {
        Some((time, id)) => format!("{time}.{id}"),
        None => format!("{}.0", crate::auth::now()),
    };
    // Subscribe before reading what was missed: nothing falls in between.
    let live = state.live.subscribe(&state);
    let mut missed = VecDeque::new();
    if let Some((time, _)) = position {
        let since = time - RESUME_OVERLAP;
        for card in state
            .store
            .articles_published_since(edition.id, since, dateline_store::MAX_SINCE)
            .await?
        {
            missed.push_back(Arc::new(FeedItem::build(&state, &edition, &card)));
        }
    }
    let feed = Feed {
        state,
        edition,
        live,
        pending: missed,
        first: Some(opened_at),
        sent: VecDeque::new(),
    };
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
    edition: Edition,
    live: broadcast::Receiver<Arc<FeedItem>>,
    /// Items to send before live ones (missed, or caught up after a lag).
    pending: VecDeque<Arc<FeedItem>>,
    /// The opening event's id, until it is sent.
    first: Option<String>,
    /// Article ids sent lately, oldest first.
    sent: VecDeque<i64>,
}

impl Feed {
    async fn next(&mut self) -> Option<SseEvent> {
        if let Some(position) = self.first.take() {
            return Some(
                SseEvent::default()
                    .id(position)
                    .retry(super::RETRY)
                    .comment("newsfeed"),
            );
        }
        loop {
            let item = match self.pending.pop_front() {
                Some(item) => item,
                None => match self.live.recv().await {
                    Ok(item) if item.edition_id == self.edition.id => item,
                    Ok(_) => continue,
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        self.catch_up().await;
                        continue;
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
            };
            if self.sent.contains(&item.article_id) {
                continue;
            }
            if self.sent.len() == REMEMBERED {
                self.sent.pop_front();
            }
            self.sent.push_back(item.article_id);
            return Some(event(&item));
        }
    }

    /// This stream fell behind the hub: reads what it may have missed.
    async fn catch_up(&mut self) {
        let since = crate::auth::now() - CATCH_UP_WINDOW;
        match self
            .state
            .store
            .articles_published_since(self.edition.id, since, dateline_store::MAX_SINCE)
            .await
        {
            Ok(cards) => {
                for card in &cards {
                    let item = FeedItem::build(&self.state, &self.edition, card);
                    self.pending.push_back(Arc::new(item));
                }
            }
            Err(e) => tracing::warn!(error = %e, "newsfeed stream could not catch up"),
        }
    }
}

fn event(item: &FeedItem) -> SseEvent {
    SseEvent::default()
        .id(item.event_id())
        .event("article")
        .data(&item.data)
}
