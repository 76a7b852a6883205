//! The Admin API (`/api/v1/admin/…`): users, sections, API tokens and the
//! audit log, for bearer API tokens (or a newsroom session, which must then
//! send its CSRF token in `X-CSRF-Token` for writes). Every write is checked
//! against [`crate::auth::permits`] and audited in its own transaction.
//! Answers are never cached.

mod articles;
mod audit;
mod media;
mod responses;
mod sections;
mod tokens;
mod users;

use axum::extract::rejection::JsonRejection;
use axum::extract::FromRequest;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, patch, post};
use axum::Router;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::auth::require_csrf;
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::AppState;

/// The routes, with full paths (merged at the root next to `/api`).
pub fn router(state: AppState) -> Router<AppState> {
    let media_limit = usize::try_from(state.media.limits().max_bytes).unwrap_or(usize::MAX);
    let json_405 =
        || async { ApiError::new(ErrorCode::MethodNotAllowed, "method not allowed here") };
    Router::new()
        .route(
            "/api/v1/admin/users",
            get(users::list).post(users::create).fallback(json_405),
        )
        .route(
            "/api/v1/admin/users/{id}",
            get(users::get_one)
                .patch(users::update)
                .delete(users::disable)
                .fallback(json_405),
        )
        .route(
            "/api/v1/admin/editions/{edition}/sections",
            post(sections::create).fallback(json_405),
        )
        .route(
            "/api/v1/admin/editions/{edition}/sections/{section}",
            patch(sections::update).fallback(json_405),
        )
        .route(
            "/api/v1/admin/tokens",
            get(tokens::list).post(tokens::create).fallback(json_405),
        )
        .route(
            "/api/v1/admin/tokens/{id}",
            axum::routing::delete(tokens::revoke).fallback(json_405),
        )
        .route("/api/v1/admin/audit", get(audit::list).fallback(json_405))
        .route(
            "/api/v1/admin/media",
            get(media::search)
                .post(media::upload)
                .layer(axum::extract::DefaultBodyLimit::max(media_limit))
                .fallback(json_405),
        )
        .route(
            "/api/v1/admin/media/{id}",
            get(media::get_one).patch(media::update).fallback(json_405),
        )
        .route(
            "/api/v1/admin/articles",
            get(articles::list)
                .post(articles::create)
                .fallback(json_405),
        )
        .route(
            "/api/v1/admin/articles/{id}",
            get(articles::get_one)
                .patch(articles::update)
                .fallback(json_405),
        )
        .route(
            "/api/v1/admin/articles/{id}/status",
            post(articles::move_status).fallback(json_405),
        )
        .route(
            "/api/v1/admin/articles/{id}/revisions",
            get(articles::revisions).fallback(json_405),
        )
        .route(
            "/api/v1/admin/articles/{id}/revisions/{revision}/restore",
            post(articles::restore).fallback(json_405),
        )
        .layer(middleware::from_fn_with_state(state, require_csrf))
        .layer(middleware::map_response(no_store))
}

async fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `axum::Json` whose rejection is a JSON `invalid_input` error.
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        Self::new(ErrorCode::InvalidInput, rejection.body_text())
    }
}

/// The Admin API's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        users::list,
        users::create,
        users::get_one,
        users::update,
        users::disable,
        sections::create,
        sections::update,
        tokens::list,
        tokens::create,
        tokens::revoke,
        audit::list,
        media::upload,
        media::search,
        media::get_one,
        media::update,
        articles::list,
        articles::create,
        articles::get_one,
        articles::update,
        articles::move_status,
        articles::revisions,
        articles::restore,
    ),
    components(schemas(ErrorBody)),
    modifiers(&BearerAuth),
    tags(
        (name = "admin", description = "Admin API: users, sections, API tokens and the audit log. \
            Authenticate with `Authorization: Bearer <token>`; a token can do what its scopes \
            allow and never more than its owner's role."),
    )
)]
pub struct AdminDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token made in the newsroom (`/newsroom/tokens`) or with \
                         `POST /api/v1/admin/tokens`: `dl_…`",
                    ))
                    .build(),
            ),
        );
    }
}
