//! The whole application's routes, one line per feature.

use axum::{middleware, Router};

use crate::{
    account, api, cache, comments, error, input_text, newsroom, reader, security_headers, site,
    AppState,
};

/// Builds the application. Each feature module owns its routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        // Health probes, Content and Admin APIs: the OpenAPI document's routes.
        .merge(api::router(state.clone()))
        .merge(newsroom::router(state.clone()))
        // Forms answer errors as pages when a browser sent them; text no
        // page or feed can carry is refused before their handlers run.
        .merge(with_forms(&state, account::router()))
        // Comments pages are per reader: outside the page cache.
        .merge(with_forms(&state, comments::router()))
        // Newsletter sign-up and preferences are personal: outside the page cache.
        .merge(with_forms(&state, crate::newsletter::router()))
        // Chat rooms are per reader and live: outside the page cache.
        .merge(with_forms(&state, crate::chats::router()))
        // Live streams never pass through the page cache.
        .merge(crate::live::router())
        // Operators' metrics: loopback or a token; never cached.
        .merge(crate::metrics::router())
        .merge(reader::router().layer(middleware::from_fn_with_state(
            state.clone(),
            cache::serve_pages,
        )))
        // First run: `/` and the newsroom lead to `/setup` until it is done.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            newsroom::setup_gate,
        ))
        .layer(middleware::from_fn(error::log_errors))
        .layer(middleware::from_fn_with_state(
            security_headers::state(&state),
            security_headers::add,
        ))
        // Counts and times every answer (cache hits and 404s too) by route.
        .layer(middleware::from_fn_with_state(
            state.metrics.clone(),
            crate::metrics::record,
        ))
        // Outermost: every answer gets an `X-Request-Id`, every log line
        // of the request its span (route known: layers run after routing).
        .layer(middleware::from_fn(crate::request_id::tag))
        .with_state(state)
}

/// A reader-facing router that takes forms: control characters refused
/// (`input_text`), error answers as pages for browsers.
fn with_forms(state: &AppState, router: Router<AppState>) -> Router<AppState> {
    router
        .layer(middleware::from_fn(input_text::refuse_in_forms))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            site::html_errors,
        ))
}
