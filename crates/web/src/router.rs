//! The whole application's routes, one line per feature.

use axum::{middleware, Router};

use crate::{
    account, api, cache, comments, error, newsroom, reader, security_headers, site, AppState,
};

/// Builds the application. Each feature module owns its routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        // Health probes, Content and Admin APIs: the OpenAPI document's routes.
        .merge(api::router(state.clone()))
        .merge(newsroom::router(state.clone()))
        // Account forms answer errors as pages when a browser sent them.
        .merge(account::router().layer(middleware::from_fn_with_state(
            state.clone(),
            site::html_errors,
        )))
        // Comments pages are per reader: outside the page cache.
        .merge(comments::router())
        // Chat rooms are per reader and live: outside the page cache.
        .merge(crate::chats::router())
        // Live streams never pass through the page cache.
        .merge(crate::live::router())
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
        .with_state(state)
}
