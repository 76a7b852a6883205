//! The whole application's routes, one line per feature.

use axum::{middleware, Router};

use crate::{api, error, health, reader, AppState};

/// Builds the application. Each feature module owns its routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(health::router())
        .nest("/api", api::router())
        .merge(reader::router())
        .layer(middleware::from_fn(error::log_errors))
        .with_state(state)
}
