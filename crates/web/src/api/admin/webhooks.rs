//! `/api/v1/admin/webhooks`: the addresses told about publications,
//! corrections, take-downs and comments (admins; scope `users:admin`, as
//! for the site settings), and each one's delivery log. The same checks as
//! the newsroom's page (`crate::webhooks::parse_input`); every change is
//! audited. What a hook receives is the `webhooks` section of this
//! document (`WebhookPayload`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use dateline_store::webhooks::{DeliveryKind, Webhook, WebhookDelivery, WebhookEvent};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

use super::ApiJson;
use crate::api::extract::ApiPath;
use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorBody};
use crate::webhooks::{new_secret, parse_input};
use crate::AppState;

/// Deliveries a log answer lists at most.
const LOG_PAGE: i64 = 100;

/// An event's name in the document (`WebhookEventName`).
pub struct WebhookEventName;

impl utoipa::PartialSchema for WebhookEventName {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(WebhookEvent::SUBSCRIBABLE.map(WebhookEvent::as_str)))
            .into()
    }
}

impl ToSchema for WebhookEventName {}

/// A hook, never with its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminWebhook {
    pub id: i64,
    pub url: String,
    #[schema(value_type = Vec<WebhookEventName>)]
    pub events: Vec<&'static str>,
    pub active: bool,
    pub description: String,
    /// Unix seconds.
    pub created_at: i64,
    /// How the latest delivery went: `queued`, `sending`, `delivered`,
    /// `failed` or `skipped`; `null` before the first.
    pub last_delivery_state: Option<&'static str>,
    /// The latest delivery's HTTP status, if an answer came.
    pub last_delivery_status: Option<i64>,
}

impl From<Webhook> for AdminWebhook {
    fn from(hook: Webhook) -> Self {
        Self {
            id: hook.id,
            url: hook.url,
            events: hook.events.iter().map(|e| e.as_str()).collect(),
            active: hook.active,
            description: hook.description,
            created_at: hook.created_at,
            last_delivery_state: hook.last_state.map(|s| s.as_str()),
            last_delivery_status: hook.last_status,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookList {
    /// Oldest first.
    pub items: Vec<AdminWebhook>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: AdminWebhook,
    /// Signs every delivery (`Dateline-Signature`). Shown only in this
    /// answer (and to admins in the newsroom): store it now.
    pub secret: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewWebhookDto {
    /// An absolute `http://` or `https://` address with a host, without a
    /// user name or password (the pattern is the plain form; the server
    /// takes any such address a URL parser reads).
    #[schema(
        max_length = 2000,
        pattern = "^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9][A-Za-z0-9.-]*(:[1-9][0-9]{0,3})?(/[A-Za-z0-9._~/-]*)?$"
    )]
    pub url: String,
    /// At least one.
    #[schema(value_type = Vec<WebhookEventName>, min_items = 1)]
    pub events: Vec<String>,
    /// Default true.
    pub active: Option<bool>,
    /// At most 200 characters, no control characters.
    #[schema(max_length = 200, pattern = "^[^\\x00-\\x1f\\x7f-\\x9f\\ufeff]*$")]
    pub description: Option<String>,
}

/// One delivery of a hook.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminWebhookDelivery {
    /// Also the payload's `id` and the `Dateline-Delivery` header.
    pub id: i64,
    /// An event name, or `ping`.
    pub event: String,
    /// `queued`, `sending`, `delivered`, `failed` or `skipped`.
    pub state: &'static str,
    pub attempts: i64,
    /// Unix seconds: when a queued delivery is tried next.
    pub next_attempt_at: Option<i64>,
    pub last_status: Option<i64>,
    /// Why the last attempt failed; empty after a success.
    pub last_error: String,
    pub last_attempt_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub created_at: i64,
}

impl From<WebhookDelivery> for AdminWebhookDelivery {
    fn from(d: WebhookDelivery) -> Self {
        let queued = d.state == dateline_store::webhooks::DeliveryState::Queued;
        Self {
            id: d.id,
            event: d.event,
            state: d.state.as_str(),
            attempts: d.attempts,
            next_attempt_at: queued.then_some(d.next_attempt_at),
            last_status: d.last_status,
            last_error: d.last_error,
            last_attempt_at: d.last_attempt_at,
            delivered_at: d.delivered_at,
            created_at: d.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookDeliveryList {
    /// Newest first, at most 100.
    pub items: Vec<AdminWebhookDelivery>,
}

/// Every webhook (admins; scope `users:admin`).
#[utoipa::path(get, path = "/api/v1/admin/webhooks", operation_id = "admin_list_webhooks", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, description = "Webhooks (never their secrets)", body = WebhookList),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an admin, or a token without `users:admin` (`forbidden`)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<WebhookList>, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let hooks = state.store.webhooks().await?;
    Ok(Json(WebhookList {
        items: hooks.into_iter().map(AdminWebhook::from).collect(),
    }))
}

/// Registers a webhook (admins; scope `users:admin`). The server makes its
/// secret. Each event is then POSTed to the address as JSON, signed: see
/// `WebhookPayload` and this document's `webhooks`. 2xx counts as
/// delivered; anything else is retried after 1, 5, 30 minutes, 1, 2, 6
/// and 12 hours, then the delivery fails.
#[utoipa::path(post, path = "/api/v1/admin/webhooks", operation_id = "admin_create_webhook", tag = "admin", security(("bearer" = [])),
    request_body = NewWebhookDto,
    responses(
        (status = 201, description = "Created; the secret is in this answer", body = CreatedWebhook),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an admin (`forbidden`); `csrf_failed`", body = ErrorBody),
        (status = 422, description = "Bad address, no or unknown events, too long a description (`invalid_input`)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(body): ApiJson<NewWebhookDto>,
) -> Result<(StatusCode, Json<CreatedWebhook>), ApiError> {
    staff.require(Permission::ManageSettings)?;
    let input = parse_input(
        &body.url,
        &body.events,
        body.active.unwrap_or(true),
        body.description.as_deref().unwrap_or(""),
    )?;
    let secret = new_secret();
    let audit = staff.audit("webhook.create", "webhook", None);
    let hook = state.store.create_webhook(&input, &secret, &audit).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedWebhook {
            webhook: hook.into(),
            secret,
        }),
    ))
}

/// Removes a webhook and its delivery log; queued deliveries are dropped.
#[utoipa::path(delete, path = "/api/v1/admin/webhooks/{id}", operation_id = "admin_delete_webhook", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Webhook id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an admin (`forbidden`); `csrf_failed`", body = ErrorBody),
        (status = 404, description = "No such webhook (`not_found`)", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let audit = staff.audit("webhook.delete", "webhook", Some(id));
    match state.store.delete_webhook(id, &audit).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(dateline_store::StoreError::NotFound) => Err(ApiError::not_found("webhook")),
        Err(e) => Err(e.into()),
    }
}

/// A webhook's deliveries, newest first (kept 30 days).
#[utoipa::path(get, path = "/api/v1/admin/webhooks/{id}/deliveries", operation_id = "admin_list_webhook_deliveries", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Webhook id")),
    responses(
        (status = 200, description = "The delivery log", body = WebhookDeliveryList),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an admin (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such webhook (`not_found`)", body = ErrorBody),
    ))]
pub async fn deliveries(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<WebhookDeliveryList>, ApiError> {
    staff.require(Permission::ManageSettings)?;
    match state.store.webhook(id).await {
        Ok(_) => {}
        Err(dateline_store::StoreError::NotFound) => return Err(ApiError::not_found("webhook")),
        Err(e) => return Err(e.into()),
    }
    let log = state
        .store
        .webhook_deliveries(Some(id), None, LOG_PAGE)
        .await?;
    Ok(Json(WebhookDeliveryList {
        items: log
            .into_iter()
            .filter(|d| d.kind == DeliveryKind::Webhook)
            .map(AdminWebhookDelivery::from)
            .collect(),
    }))
}
