//! `/api/v1/admin/tokens`: your API tokens (admins see and revoke everyone's).
//! A token needs the `tokens:manage` scope to list or make tokens; the
//! tokens it makes are its children (rules in `auth/tokens.rs`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

use super::responses::AdminToken;
use super::ApiJson;
use crate::api::extract::ApiPath;
use crate::auth::{issue_token, requested_scopes, revoke_token, visible_tokens, Scope, Staff};
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenList {
    /// Newest first.
    pub items: Vec<AdminToken>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewTokenDto {
    /// Not blank.
    #[schema(pattern = r"\S")]
    pub name: String,
    /// Scopes you hold, at least one.
    #[schema(value_type = Vec<ScopeName>, min_items = 1, example = json!(["articles:read"]))]
    pub scopes: Vec<String>,
    /// 1 to 365. Absent: a session's token does not expire; a token's child
    /// gets 365. A child never outlives its parent: its expiry is capped at
    /// the parent's.
    #[schema(minimum = 1, maximum = 365)]
    pub expires_in_days: Option<i64>,
}

/// The name of a scope, a right an API token carries (`ScopeName` in the
/// document).
pub struct ScopeName;

impl utoipa::PartialSchema for ScopeName {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(Scope::ALL.map(Scope::as_str)))
            .into()
    }
}

impl ToSchema for ScopeName {}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    #[serde(flatten)]
    pub token: AdminToken,
    /// The bearer secret. Shown only in this answer: store it now.
    pub secret: String,
}

/// Your tokens; with `users:admin`, everyone's. A token needs `tokens:manage`.
#[utoipa::path(get, path = "/api/v1/admin/tokens", operation_id = "admin_list_tokens", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, description = "Tokens (never their secrets)", body = TokenList),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "A token without `tokens:manage` (`forbidden`)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<TokenList>, ApiError> {
    Ok(Json(TokenList {
        items: (visible_tokens(&state, &staff).await?)
            .into_iter()
            .map(AdminToken::from)
            .collect(),
    }))
}

/// Creates a token for yourself, with scopes you hold. A token needs
/// `tokens:manage`, and the token it makes is its child: it always expires,
/// never after its parent, and is revoked with it.
#[utoipa::path(post, path = "/api/v1/admin/tokens", operation_id = "admin_create_token", tag = "admin", security(("bearer" = [])),
    request_body = NewTokenDto,
    responses(
        (status = 201, description = "Created; the secret is in this answer only", body = CreatedToken),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "A scope you do not hold, or a token without `tokens:manage` (`forbidden`); `csrf_failed`", body = ErrorBody),
        (status = 422, description = "Unknown scope, empty name, bad expiry (`invalid_input`); the calling token was revoked meanwhile (`missing_reference`)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(body): ApiJson<NewTokenDto>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    let scopes = requested_scopes(&staff, &body.scopes)?;
    let (token, secret) =
        issue_token(&state, &staff, &body.name, scopes, body.expires_in_days).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedToken {
            token: token.into(),
            secret,
        }),
    ))
}

/// Revokes a token and every token made from it, at once. A token may
/// revoke itself and its descendants; other tokens of its owner need
/// `tokens:manage`.
#[utoipa::path(delete, path = "/api/v1/admin/tokens/{id}", operation_id = "admin_revoke_token", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Token id")),
    responses(
        (status = 200, description = "The revoked token (its descendants are revoked too)", body = AdminToken),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "A token revoking one outside its own line without `tokens:manage` (`forbidden`)", body = ErrorBody),
        (status = 404, description = "Not one of yours (`not_found`)", body = ErrorBody),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<AdminToken>, ApiError> {
    Ok(Json(revoke_token(&state, &staff, id).await?.into()))
}
