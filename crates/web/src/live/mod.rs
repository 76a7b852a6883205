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

/// The answer of a live stream: `events` as Server-Sent Events, never
/// stored, passed on by proxies as they come, until the server shuts down
/// (browsers then reconnect, to another node or after the restart).
fn sse_response(
    shutdown: CancellationToken,
    events: impl Stream<Item = Result<SseEvent, Infallible>> + Send + 'static,
) -> Response {
    let events = events.take_until(shutdown.cancelled_owned());
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
