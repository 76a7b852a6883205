//! The reader site's caching middleware: answers GET and HEAD from the page
//! cache when it can, and otherwise stores what the handler rendered if the
//! handler declared its keys.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, IF_NONE_MATCH, SET_COOKIE};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::encoding::Accepted;
use super::flight::Turn;
use super::keys::PageKeys;
use super::page::CachedPage;
use super::url_key::page_key;
use crate::AppState;

/// Larger bodies are not buffered into the cache (pages are far smaller).
const MAX_BODY: usize = 16 * 1024 * 1024;

/// `route_layer` middleware of the reader routes. The key is the path and
/// query without tracking parameters (`url_key.rs`); the edition is in the path. Cookies are ignored:
/// reader pages hold nothing personal (see ARCHITECTURE.md).
pub(crate) async fn serve_pages(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let cache = &state.cache;
    let url = page_key(request.uri());
    let accepted = Accepted::from_headers(request.headers());
    // Only the validators are kept for answering: no copy of every header.
    let mut conditional = HeaderMap::new();
    for value in request.headers().get_all(IF_NONE_MATCH) {
        conditional.append(IF_NONE_MATCH, value.clone());
    }
    let hit = |page: Arc<CachedPage>| {
        if accepted.compressed() {
            page.compress_soon();
        }
        page.respond(accepted, &conditional, "hit")
    };
    if let Some(page) = cache.get(&url) {
        return hit(page);
    }
    // One render per page at a time: later misses wait for it (flight.rs).
    let _leader = match cache.pages.is_some().then(|| cache.flights.join(&url)) {
        Some(Turn::Render(leader)) => Some(leader),
        Some(Turn::Wait(waiter)) => {
            waiter.wait().await;
            None
        }
        None => None,
    };
    // Stored by a render that ended since this request missed; when there
    // is none (it failed, was not cacheable or was purged), render here.
    if let Some(page) = cache.get(&url) {
        return hit(page);
    }

    let started = cache.begin();
    // A HEAD renders the whole page so that it can be stored; axum drops
    // the body of the answer to a HEAD.
    *request.method_mut() = Method::GET;
    let response = next.run(request).await;
    let Some(keys) = cacheable(&response) else {
        return response;
    };
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(err) => {
            tracing::error!(error = %err, %url, "cannot read a rendered page");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let page = Arc::new(CachedPage::new(
        cache.next_id(),
        &parts,
        body,
        &keys,
        &cache.policy,
    ));
    cache.store(url, &page, started);
    page.respond(accepted, &conditional, "miss")
}

/// The keys of a response the cache may keep: a page or a permanent
/// redirect that declared keys, sets no cookie and does not forbid storing.
fn cacheable(response: &Response) -> Option<PageKeys> {
    if !matches!(
        response.status(),
        StatusCode::OK | StatusCode::MOVED_PERMANENTLY
    ) || response.headers().contains_key(SET_COOKIE)
    {
        return None;
    }
    let forbidden = response
        .headers()
        .get_all(CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("no-store") || v.contains("private") || v.contains("no-cache"));
    if forbidden {
        return None;
    }
    response
        .extensions()
        .get::<PageKeys>()
        .filter(|keys| !keys.is_empty())
        .cloned()
}
