//! The middleware that counts and times every answer by route template
//! (`MatchedPath`, never the raw path), method and status, and tells page
//! cache hits from misses by the cache's own `X-Cache` header.

use std::sync::{Arc, PoisonError};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, Method};
use axum::middleware::Next;
use axum::response::Response;

use super::families::{Inner, RequestLabels, Route};
use super::Metrics;

const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

/// Layered on the whole router (`Router::layer` runs after routing, so the
/// matched route is known). Streams and WebSocket upgrades are timed to
/// their response head: the body may flow for hours.
pub(crate) async fn record(
    State(metrics): State<Metrics>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = metrics
        .inner
        .route(request.extensions().get::<MatchedPath>());
    let response = next.run(request).await;
    let elapsed = started.elapsed().as_secs_f64();
    let inner = &metrics.inner;
    match response.headers().get(X_CACHE).map(|v| v.as_bytes()) {
        Some(b"hit") => inner.cache_hits.inc(),
        Some(b"miss") => inner.cache_misses.inc(),
        _ => 0,
    };
    let labels = RequestLabels {
        route,
        method,
        status: response.status().as_u16(),
    };
    inner.requests.get_or_create(&labels).inc();
    inner.durations.get_or_create(&labels).observe(elapsed);
    response
}

impl Inner {
    /// The shared label text of a route template; copied once per route.
    fn route(&self, matched: Option<&MatchedPath>) -> Route {
        let Some(path) = matched.map(MatchedPath::as_str) else {
            return Route(Arc::clone(&self.unmatched));
        };
        let known = self.routes.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(route) = known.get(path) {
            return Route(Arc::clone(route));
        }
        drop(known);
        let mut known = self.routes.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(route) = known.get(path) {
            return Route(Arc::clone(route));
        }
        let route: Arc<str> = Arc::from(path);
        known.insert(Arc::clone(&route));
        Route(route)
    }
}

/// Methods by name; any other (a client's invention) is `OTHER`, so that
/// clients cannot mint label values.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}
