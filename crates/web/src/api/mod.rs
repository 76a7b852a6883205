//! The public, read-only Content API (JSON), and the OpenAPI document of
//! both APIs and the health probes, built from the same `routes!` calls as
//! their routes (utoipa-axum).
//!
//! Only public articles (published or corrected) are ever shown. Every
//! error is `{"error": {"code", "message", "field"?}}` with a stable code
//! from [`ErrorCode`]; successful GETs may be cached for a minute.

pub mod admin;
mod answers;
mod article;
mod articles;
mod context;
mod editions;
mod extract;
mod media;
// NewsML-G2 documents of stories and pictures.
mod newsml;
// IPTC ninjs documents of stories and pictures.
mod ninjs;
// Full-text search (the Admin API's shares its parameters).
mod search;
mod sections;
mod timestamps;

// The JSON body extractor, for the few JSON endpoints outside the APIs
// (web push sign-up).
pub(crate) use extract::ApiJson;

use std::sync::Arc;

use axum::extract::{Extension, State};
use axum::http::header::{ALLOW, CACHE_CONTROL};
use axum::http::{HeaderValue, Method};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use utoipa::openapi::path::Paths;
use utoipa::openapi::{OpenApi as OpenApiDoc, Server};
use utoipa::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::{health, AppState};

/// The health probes, the Content API under `/api` and the Admin API, with
/// the OpenAPI document served at `/api/openapi.json`.
pub fn router(state: AppState) -> Router<AppState> {
    let (router, doc) = documented(|admin| admin::guard(admin, state));
    router.layer(Extension(Arc::new(doc)))
}

/// The whole OpenAPI document with `base_url` as the server; `dateline
/// openapi` prints it.
pub fn openapi(base_url: &str) -> OpenApiDoc {
    let (_, mut doc) = documented(|admin| admin);
    doc.servers = Some(vec![Server::new(base_url)]);
    doc
}

/// Every documented route and the document, made by the same `routes!`
/// calls: a handler is routed together with its `#[utoipa::path]`, so no
/// route goes undocumented and no documented path goes unserved.
/// `guard_admin` adds the Admin API's layers that need the application's
/// state; they do not change the document.
fn documented(
    guard_admin: impl FnOnce(OpenApiRouter<AppState>) -> OpenApiRouter<AppState>,
) -> (Router<AppState>, OpenApiDoc) {
    let (router, mut doc) =
        OpenApiRouter::with_openapi(ApiDoc::openapi().merge_from(admin::AdminDoc::openapi()))
            .merge(health::routes())
            .nest("/api", content_routes())
            .merge(guard_admin(admin::routes()))
            .split_for_parts();
    answers::add_shared(&mut doc);
    // Last: merging documents keeps no root extensions.
    utoipa::Modify::modify(&admin::WebhooksSection, &mut doc);
    (router, doc)
}

/// The Content API, relative to `/api` where [`documented`] nests it.
fn content_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .route(
            "/openapi.json",
            get(openapi_json).fallback(method_not_allowed),
        )
        .routes(read_only(routes!(editions::list_editions)))
        .routes(read_only(routes!(editions::get_edition)))
        .routes(read_only(routes!(sections::list_sections)))
        .routes(read_only(routes!(sections::get_section)))
        .routes(read_only(routes!(articles::list_articles)))
        .routes(read_only(routes!(article::get_article)))
        .routes(read_only(routes!(media::list_media)))
        .routes(read_only(routes!(media::get_media)))
        .routes(read_only(routes!(search::search)))
        .routes(read_only(routes!(ninjs::ninjs_article)))
        .routes(read_only(routes!(ninjs::ninjs_media)))
        .routes(read_only(routes!(newsml::get_newsml_article)))
        .routes(read_only(routes!(newsml::get_newsml_package)))
        .routes(read_only(routes!(newsml::get_newsml_media)))
        // Claims everything under /api, or the reader site's
        // `/{edition}/{section}/{slug}` would answer unknown API paths with HTML.
        .route("/{*rest}", any(no_such_endpoint))
        .fallback(no_such_endpoint)
        .layer(middleware::map_response(cache_control))
}

/// Other methods on a Content API path answer 405 in JSON.
fn read_only(route: UtoipaMethodRouter<AppState>) -> UtoipaMethodRouter<AppState> {
    json_405(route, "the Content API is read-only")
}

/// Other methods on a documented path answer 405 in JSON, with `Allow`
/// naming the methods the document gives that path (RFC 9110 wants it).
pub(crate) fn json_405(
    route: UtoipaMethodRouter<AppState>,
    message: &'static str,
) -> UtoipaMethodRouter<AppState> {
    let allow = HeaderValue::from_str(&documented_methods(&route.1).join(", "))
        .unwrap_or(HeaderValue::from_static("GET"));
    route.map(|method_router| {
        method_router.fallback(move || async move {
            let error = ApiError::new(ErrorCode::MethodNotAllowed, message);
            ([(ALLOW, allow)], error)
        })
    })
}

/// The methods of every path in `paths`, HEAD with GET (axum answers it).
fn documented_methods(paths: &Paths) -> Vec<&'static str> {
    let mut methods = Vec::new();
    for item in paths.paths.values() {
        let operations = [
            ("GET", &item.get),
            ("HEAD", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, operation) in operations {
            if operation.is_some() && !methods.contains(&method) {
                methods.push(method);
            }
        }
    }
    methods
}

/// The OpenAPI 3.1 description of the Content API and the health probes;
/// the paths come from the routes (see [`documented`]).
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Dateline Content API",
        // The contract's version (the `v1` in paths), not the crate's.
        version = "1.0.0",
        description = "Read-only access to the published content of a Dateline news site: \
            editions, sections, articles, the media bank and full-text search. Lists are newest first and \
            paginated with opaque cursors. Errors are `{\"error\": {\"code\", \"message\"}}` \
            with a stable snake_case `code`."
    ),
    components(schemas(
        ErrorBody,
        dateline_domain::Slug,
        dateline_domain::EditionCode,
        extract::CursorSchema,
        extract::QuerySlug,
        extract::QueryEditionCode,
        extract::QueryCursor,
        extract::QueryLimit,
        search::SearchCursorSchema,
        timestamps::TimeSchema,
    )),
    tags(
        (name = "editions", description = "Editions: one per language or region"),
        (name = "sections", description = "Sections of an edition"),
        (name = "articles", description = "Public articles"),
        (name = "media", description = "The media bank"),
        (name = "search", description = "Full-text search of published articles and public pictures"),
        (name = "newsml", description = "IPTC NewsML-G2 2.35 items of public stories and pictures"),
        (name = "ninjs", description = "IPTC ninjs 3.1 and 2.2 documents of public stories and pictures, at addresses by number"),
        (name = "health", description = "Liveness and readiness probes"),
    )
)]
pub struct ApiDoc;

/// The OpenAPI document, with this site's public address as the server.
async fn openapi_json(
    State(state): State<AppState>,
    Extension(doc): Extension<Arc<OpenApiDoc>>,
) -> Json<OpenApiDoc> {
    let mut doc = OpenApiDoc::clone(&doc);
    doc.servers = Some(vec![Server::new(state.config.base_url.clone())]);
    Json(doc)
}

async fn no_such_endpoint() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such API endpoint")
}

async fn method_not_allowed() -> impl IntoResponse {
    let error = ApiError::new(ErrorCode::MethodNotAllowed, "the Content API is read-only");
    ([(ALLOW, HeaderValue::from_static("GET, HEAD"))], error)
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
