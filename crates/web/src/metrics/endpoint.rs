//! `GET /metrics`: who may read it and the answer. On the main address it
//! answers loopback clients that came straight (no proxy named another
//! client) and holders of the `metrics_token`; anyone else, and everyone
//! once `metrics_listen` moved it to its own address, gets the site's 404,
//! so that its existence is not revealed. On `metrics_listen` no rule
//! applies: the operator chose where that address listens.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, OriginalUri, Request, State};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use prometheus_client::registry::Registry;
use subtle::ConstantTimeEq;

use super::scrape::Snapshot;
use crate::AppState;

/// The OpenMetrics text format `prometheus-client` writes.
const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Headers by which a proxy names the client it forwards for: a request
/// carrying one did not come from a scraper on this machine, whatever the
/// TCP peer is.
const FORWARDING: [&str; 3] = ["forwarded", "x-forwarded-for", "x-real-ip"];

/// How the main address treats `/metrics` (`metrics_token`, `metrics_listen`).
#[derive(Clone, Default)]
pub struct MetricsAccess {
    /// `Authorization: Bearer <token>` admits a client from anywhere.
    pub token: Option<String>,
    /// Served on an address of its own: the main address answers 404.
    pub elsewhere: bool,
}

impl std::fmt::Debug for MetricsAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetricsAccess")
            .field("token", &self.token.as_ref().map(|_| "…"))
            .field("elsewhere", &self.elsewhere)
            .finish()
    }
}

/// The route on the main address (never in the page cache, nor in the
/// OpenAPI document: it is for operators).
pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(on_main_address))
}

/// The router of the `metrics_listen` address: `/metrics` and nothing else.
pub fn listener_router(state: AppState) -> Router {
    Router::new()
        .route(
            "/metrics",
            get(|State(state): State<AppState>| scrape(state)),
        )
        .with_state(state)
}

/// Serves [`listener_router`] on `listener` (`metrics_listen`): plain
/// axum, as a scraper is one well-behaved client.
pub async fn serve_alone(
    listener: tokio::net::TcpListener,
    state: AppState,
) -> std::io::Result<()> {
    axum::serve(listener, listener_router(state)).await
}

async fn on_main_address(State(state): State<AppState>, request: Request) -> Response {
    if admitted(&state.metrics_access, &request) {
        scrape(state).await
    } else {
        // The very answer of a path the site does not know.
        let uri = request.uri().clone();
        crate::site::fallback(State(state), OriginalUri(uri)).await
    }
}

fn admitted(access: &MetricsAccess, request: &Request) -> bool {
    if access.elsewhere {
        return false;
    }
    if let Some(token) = &access.token {
        if bearer(request.headers())
            .is_some_and(|given| bool::from(given.as_bytes().ct_eq(token.as_bytes())))
        {
            return true;
        }
    }
    let direct = FORWARDING
        .iter()
        .all(|name| !request.headers().contains_key(*name));
    // `ConnectInfo` is the client as resolved through trusted proxies: a
    // proxy on this machine forwarding a remote client does not count.
    let loopback = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|ConnectInfo(addr)| addr.ip().to_canonical().is_loopback());
    direct && loopback
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

async fn scrape(state: AppState) -> Response {
    let snapshot = Snapshot::gather(&state).await;
    let mut live = Registry::default();
    live.register_collector(Box::new(snapshot));
    let mut body = String::with_capacity(16 * 1024);
    let encoded = state
        .metrics
        .encode_into(&mut body)
        .and_then(|()| prometheus_client::encoding::text::encode_registry(&mut body, &live))
        .and_then(|()| prometheus_client::encoding::text::encode_eof(&mut body));
    if let Err(error) = encoded {
        tracing::error!(%error, "metrics: cannot encode");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static(OPENMETRICS)),
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}
