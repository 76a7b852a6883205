//! Liveness and readiness probes.

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::AppState;

/// The probes with their documentation (merged into the API's document).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthStatus {
    /// Always `ok` when the probe succeeds.
    #[schema(example = "ok")]
    pub status: &'static str,
}

fn ok() -> Response {
    let mut response = Json(HealthStatus { status: "ok" }).into_response();
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Liveness: the process is up and serving.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200, description = "The process is alive", body = HealthStatus)))]
pub async fn healthz() -> Response {
    ok()
}

/// Readiness: the node is not shutting down and the database answers.
#[utoipa::path(get, path = "/readyz", tag = "health", responses(
    (status = 200, description = "Ready to serve", body = HealthStatus),
    (status = 503, description = "The node is draining before it stops, or the database cannot be reached (`unavailable`)", body = ErrorBody),
))]
pub async fn readyz(State(state): State<AppState>) -> Result<Response, ApiError> {
    // Asked on a connection that was open before SIGTERM: a proxy's health
    // check takes the node out while it finishes what is in flight.
    if state.shutdown.is_cancelled() {
        return Err(ApiError::new(
            ErrorCode::Unavailable,
            "draining: this node is shutting down",
        ));
    }
    state.store.ping().await.map_err(|err| {
        ApiError::new(ErrorCode::Unavailable, "the database is unavailable")
            .with_detail(err.to_string())
    })?;
    Ok(ok())
}
