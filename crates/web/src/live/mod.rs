//! Live updates for open reader pages. Pages stay plain HTML that a reload
//! brings up to date; a script adds what arrives while they are open.
//!
//! - `hub.rs`: one task per node turns the store's `Published` events (from
//!   any node: PostgreSQL `LISTEN/NOTIFY`) into newsfeed items, made once
//!   and fanned out to every open connection.
//! - `newsfeed.rs`: `GET /{edition}/newsfeed/live`, a Server-Sent Events
//!   stream of those items. Each event's id is the item's position
//!   (`published_at.id`); a reconnecting browser sends the last one back
//!   (`Last-Event-ID`, or `?after=` from the page) and first receives what
//!   it missed.
//! - `article_hub.rs`, `article_stream.rs`: one article's live coverage
//!   entries and newly visible comments, for its open page
//!   (`GET /{edition}/{section}/{slug}/live`); `coverage.rs` the live block
//!   the page and the stream render alike.
//!
//! When the node shuts down, every stream's last event is a `retry:` hint
//! of a random 0.5 to 5 s (so that thousands of browsers do not come back
//! in the same millisecond) before the stream ends; the browser's
//! `EventSource` reconnects after it, through the proxy to another node,
//! with `Last-Event-ID`, and gets what was published meanwhile.

mod article_hub;
mod article_stream;
mod coverage;
mod hub;
mod newsfeed;

use std::convert::Infallible;
use std::time::Duration;

use axum::http::header::{HeaderName, CACHE_CONTROL};
use axum::http::HeaderValue;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::{Stream, StreamExt};
use tokio_util::sync::CancellationToken;

pub use article_hub::{ArticleHub, ArticleItem, ItemKind};
pub(crate) use coverage::{live_view, LiveView};
pub use hub::{FeedItem, LiveHub};

use crate::AppState;

/// The live routes; they stream, so they stay outside the page cache.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{edition}/newsfeed/live", get(newsfeed::stream))
        .route(
            "/{edition}/{section}/{slug}/live",
            get(article_stream::stream),
        )
}

/// Comment lines keep proxies from closing a quiet stream.
const KEEP_ALIVE: Duration = Duration::from_secs(20);
/// Browsers wait this long before reconnecting.
pub(crate) const RETRY: Duration = Duration::from_secs(2);
/// On shutdown, browsers are told to wait a random time in this range.
pub const SHUTDOWN_RETRY_MS: std::ops::RangeInclusive<u64> = 500..=5000;

/// The answer of a live stream: `events` as Server-Sent Events, never
/// stored, passed on by proxies as they come, until the server shuts down
/// (browsers then reconnect, to another node or after the restart).
fn sse_response(
    shutdown: CancellationToken,
    events: impl Stream<Item = Result<SseEvent, Infallible>> + Send + 'static,
) -> Response {
    let farewell = futures_util::stream::once({
        let shutdown = shutdown.clone();
        async move { shutdown.is_cancelled().then(farewell) }
    })
    .filter_map(|event| async move { event.map(Ok) });
    let events = events
        .take_until(shutdown.cancelled_owned())
        .chain(farewell);
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Proxies such as nginx must not buffer the stream.
    headers.insert(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    );
    response
}

/// A shutting-down node's last event: come back after a random wait.
fn farewell() -> SseEvent {
    use rand::Rng;
    let wait = rand::thread_rng().gen_range(SHUTDOWN_RETRY_MS);
    SseEvent::default()
        .retry(Duration::from_millis(wait))
        .comment("reconnect")
}
