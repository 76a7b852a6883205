//! The public, read-only Content API (JSON) and its OpenAPI document.
//!
//! Only public articles (published or corrected) are ever shown. Every
//! error is `{"error": {"code", "message", "field"?}}` with a stable code
//! from [`ErrorCode`]; successful GETs may be cached for a minute.

pub mod admin;
mod article;
mod articles;
mod context;
mod editions;
mod extract;
mod media;
mod sections;
mod timestamps;

use std::sync::LazyLock;

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, Method};
use axum::middleware;
use axum::response::Response;
use axum::routing::{any, get};
use axum::{Json, Router};
use utoipa::openapi::{OpenApi as OpenApiDoc, Server};
use utoipa::OpenApi;

use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::{health, AppState};

/// Routes relative to `/api`, where `router.rs` nests them.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/v1/editions", get(editions::list_editions))
        .route("/v1/editions/{edition}", get(editions::get_edition))
        .route(
            "/v1/editions/{edition}/sections",
            get(sections::list_sections),
        )
        .route(
            "/v1/editions/{edition}/sections/{section}",
            get(sections::get_section),
        )
        .route(
            "/v1/editions/{edition}/articles",
            get(articles::list_articles),
        )
        .route(
            "/v1/editions/{edition}/articles/{slug}",
            get(article::get_article),
        )
        .route("/v1/media", get(media::list_media))
        .route("/v1/media/{id}", get(media::get_media))
        // Claims everything under /api, or the reader site's
        // `/{edition}/{section}/{slug}` would answer unknown API paths with HTML.
        .route("/{*rest}", any(no_such_endpoint))
        .fallback(no_such_endpoint)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::map_response(cache_control))
}

/// The OpenAPI 3.1 description of the Content API and the health probes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Dateline Content API",
        // The contract's version (the `v1` in paths), not the crate's.
        version = "1.0.0",
        description = "Read-only access to the published content of a Dateline news site: \
            editions, sections, articles and the media bank. Lists are newest first and \
            paginated with opaque cursors. Errors are `{\"error\": {\"code\", \"message\"}}` \
            with a stable snake_case `code`."
    ),
    paths(
        editions::list_editions,
        editions::get_edition,
        sections::list_sections,
        sections::get_section,
        articles::list_articles,
        article::get_article,
        media::list_media,
        media::get_media,
        health::healthz,
        health::readyz,
    ),
    components(schemas(ErrorBody)),
    tags(
        (name = "editions", description = "Editions: one per language or region"),
        (name = "sections", description = "Sections of an edition"),
        (name = "articles", description = "Public articles"),
        (name = "media", description = "The media bank"),
        (name = "health", description = "Liveness and readiness probes"),
    )
)]
pub struct ApiDoc;

static OPENAPI: LazyLock<OpenApiDoc> =
    LazyLock::new(|| ApiDoc::openapi().merge_from(admin::AdminDoc::openapi()));

/// The whole OpenAPI document (Content API, Admin API, health probes)
/// with `base_url` as the server; `dateline openapi` prints it.
pub fn openapi(base_url: &str) -> OpenApiDoc {
    let mut doc = OPENAPI.clone();
    doc.servers = Some(vec![Server::new(base_url)]);
    doc
}

/// The OpenAPI document, with this site's public address as the server.
async fn openapi_json(State(state): State<AppState>) -> Json<OpenApiDoc> {
    Json(openapi(&state.config.base_url))
}

async fn no_such_endpoint() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such API endpoint")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(ErrorCode::MethodNotAllowed, "the Content API is read-only")
}

/// Successful reads may be cached for a minute; errors must not be cached.
async fn cache_control(method: Method, mut response: Response) -> Response {
    let value =
        if (method == Method::GET || method == Method::HEAD) && response.status().is_success() {
            "public, max-age=60"
        } else {
            "no-store"
        };
    if !response.headers().contains_key(CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}
