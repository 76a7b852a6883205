//! The Admin API (`/api/v1/admin/…`): users, editions, sections, site
//! settings, API tokens and the audit log, for bearer API tokens (or a
//! newsroom session, which must then send its CSRF token in
//! `X-CSRF-Token` for writes). Every write is checked
//! against [`crate::auth::permits`] and audited in its own transaction.
//! Answers are never cached.

// Search and social fields of article bodies.
mod article_seo;
// Starting a story's version in another edition.
mod article_translations;
mod articles;
mod audit;
mod authors;
mod editions;
// The arrangement of an edition's front page.
mod front;
mod media;
mod media_framing;
mod media_release;
mod responses;
// Full-text search across every status.
mod search;
mod sections;
// The site-wide settings.
mod settings;
mod tokens;
mod users;
// Webhooks (admins) and the document's description of what they receive.
mod webhook_payload;
mod webhooks;

use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware;
use axum::response::Response;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

pub use crate::api::extract::ApiJson;
use crate::auth::require_csrf;
use crate::error::ErrorBody;
use crate::AppState;
pub use webhook_payload::WebhooksSection;

/// The routes, with full paths (merged at the root next to `/api`), each
/// with its documentation; [`guard`] adds the layers that need the state.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(json_405(routes!(users::list, users::create)))
        .routes(json_405(routes!(users::get_one, users::update)))
        .routes(json_405(routes!(users::invite_again)))
        .routes(json_405(routes!(authors::list, authors::create)))
        .routes(json_405(routes!(authors::get_one, authors::update)))
        .routes(json_405(routes!(editions::list, editions::create)))
        .routes(json_405(routes!(editions::update)))
        .routes(json_405(routes!(editions::retire)))
        .routes(json_405(routes!(editions::restore)))
        .routes(json_405(routes!(settings::get_one, settings::replace)))
        .routes(json_405(routes!(front::get_one, front::replace)))
        .routes(json_405(routes!(sections::create)))
        .routes(json_405(routes!(sections::update)))
        .routes(json_405(routes!(tokens::list, tokens::create)))
        .routes(json_405(routes!(tokens::revoke)))
        .routes(json_405(routes!(audit::list)))
        .routes(json_405(routes!(media::search, media::upload)))
        .routes(json_405(routes!(media::get_one, media::update)))
        .routes(json_405(routes!(
            media_release::release,
            media_release::withdraw
        )))
        .routes(json_405(routes!(media_framing::frame)))
        .routes(json_405(routes!(articles::list, articles::create)))
        .routes(json_405(routes!(articles::get_one, articles::update)))
        .routes(json_405(routes!(articles::move_status)))
        .routes(json_405(routes!(articles::revisions)))
        .routes(json_405(routes!(articles::restore)))
        .routes(json_405(routes!(article_translations::translate)))
        .routes(json_405(routes!(search::search)))
        .routes(json_405(routes!(webhooks::list, webhooks::create)))
        .routes(json_405(routes!(webhooks::delete)))
        .routes(json_405(routes!(webhooks::deliveries)))
}

/// Every unsafe request a session cookie authenticates carries its CSRF
/// token; no answer is cached.
pub fn guard(routes: OpenApiRouter<AppState>, state: AppState) -> OpenApiRouter<AppState> {
    routes
        .layer(middleware::from_fn_with_state(state, require_csrf))
        .layer(middleware::map_response(no_store))
}

/// Other methods on an Admin API path answer 405 in JSON, with `Allow`.
fn json_405(route: UtoipaMethodRouter<AppState>) -> UtoipaMethodRouter<AppState> {
    super::json_405(route, "method not allowed here")
}

async fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The Admin API's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    components(schemas(
        ErrorBody,
        dateline_domain::LanguageTag,
        dateline_domain::TimeZoneName,
        tokens::ScopeName,
        articles::TagName,
        webhooks::WebhookEventName,
        webhook_payload::WebhookPayload,
    )),
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

/// The words a `^(?!(a|b)$)rest` pattern of property `field` of `T`'s
/// schema excludes, and `rest`.
#[cfg(test)]
pub(crate) fn reserved_in_pattern<T: utoipa::PartialSchema>(field: &str) -> (Vec<String>, String) {
    let schema = serde_json::to_value(T::schema()).unwrap();
    let pattern = schema["properties"][field]["pattern"].as_str().unwrap();
    let (words, rest) = pattern
        .strip_prefix("^(?!(")
        .and_then(|p| p.split_once(")$)"))
        .unwrap();
    (
        words.split('|').map(str::to_owned).collect(),
        rest.to_owned(),
    )
}
