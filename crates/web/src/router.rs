//! The whole application's routes, one line per feature.

use axum::Router;

use crate::{api, health, reader, AppState};

/// Builds the application. Each feature module owns its routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(health::router())
        .nest("/api", api::router())
        .merge(reader::router())
        .with_state(state)
}
