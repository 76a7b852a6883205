//! One webhook: its secret (admins may read it again here), the form to
//! change or disable it, "Send a test event" (a `ping`, queued for the
//! sender like any delivery), removal, and its delivery log, newest first,
//! with "Retry now" on a failed delivery.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use dateline_store::webhooks::{DeliveryState, Webhook, WebhookDelivery};
use dateline_store::StoreError;
use serde::{Deserialize, Serialize};

use super::{event_names, Typed, When, WEBHOOKS};
use crate::auth::{now, Permission, Staff};
use crate::error::ApiError;
use crate::newsroom::form::FormData;
use crate::newsroom::pages::{render_form_page, Chrome};
use crate::webhooks::{parse_input, DESCRIPTION_MAX_CHARS, URL_MAX_CHARS};
use crate::AppState;

/// Deliveries the log shows.
const LOG_ROWS: i64 = 100;

#[derive(Serialize)]
struct DeliveryRow {
    id: i64,
    event: String,
    state: &'static str,
    attempts: i64,
    created: When,
    last_attempt: Option<When>,
    last_status: Option<i64>,
    last_error: String,
    /// When a queued delivery is tried next.
    next_attempt: Option<When>,
    retryable: bool,
}

impl From<WebhookDelivery> for DeliveryRow {
    fn from(d: WebhookDelivery) -> Self {
        Self {
            id: d.id,
            event: d.event,
            state: d.state.as_str(),
            attempts: d.attempts,
            created: When::of(d.created_at),
            last_attempt: d.last_attempt_at.map(When::of),
            last_status: d.last_status,
            last_error: d.last_error,
            next_attempt: (d.state == DeliveryState::Queued).then(|| When::of(d.next_attempt_at)),
            retryable: d.state == DeliveryState::Failed,
        }
    }
}

#[derive(Serialize)]
struct View {
    #[serde(flatten)]
    chrome: Chrome,
    id: i64,
    secret: String,
    /// Just added: the page says to copy the secret now.
    created: bool,
    /// A test event was queued.
    pinged: bool,
    form: Typed,
    event_names: Vec<&'static str>,
    deliveries: Vec<DeliveryRow>,
    error: Option<&'static str>,
    url_max: usize,
    description_max: usize,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Flags {
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    pinged: Option<String>,
}

async fn hook(state: &AppState, id: i64) -> Result<Webhook, ApiError> {
    match state.store.webhook(id).await {
        Ok(hook) => Ok(hook),
        Err(StoreError::NotFound) => Err(ApiError::not_found("webhook")),
        Err(e) => Err(e.into()),
    }
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    hook: Webhook,
    form: Typed,
    flags: Flags,
    error: Option<&'static str>,
) -> Result<Response, ApiError> {
    let log = state
        .store
        .webhook_deliveries(Some(hook.id), None, LOG_ROWS)
        .await?;
    let view = View {
        chrome: Chrome::new(staff, "webhooks"),
        id: hook.id,
        secret: hook.secret,
        created: flags.created.is_some(),
        pinged: flags.pinged.is_some(),
        form,
        event_names: event_names(),
        deliveries: log.into_iter().map(DeliveryRow::from).collect(),
        error,
        url_max: URL_MAX_CHARS,
        description_max: DESCRIPTION_MAX_CHARS,
    };
    render_form_page(
        state,
        headers,
        error.is_some(),
        "newsroom/webhook.html",
        &view,
    )
}

pub(super) async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
    Query(flags): Query<Flags>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let hook = hook(&state, id).await?;
    let form = Typed::of_hook(&hook);
    render(&state, &headers, &staff, hook, form, flags, None).await
}

pub(super) async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let current = hook(&state, id).await?;
    let typed = Typed::of_form(&form);
    let input = match parse_input(&typed.url, &typed.events, typed.active, &typed.description) {
        Ok(input) => input,
        Err(refusal) => {
            let error = Some(refusal.message_id());
            let flags = Flags::default();
            return render(&state, &headers, &staff, current, typed, flags, error).await;
        }
    };
    let audit = staff.audit("webhook.update", "webhook", Some(id));
    match state.store.update_webhook(id, &input, &audit).await {
        Ok(_) => Ok(Redirect::to(&format!("{WEBHOOKS}/{id}")).into_response()),
        Err(StoreError::NotFound) => Err(ApiError::not_found("webhook")),
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn delete(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let audit = staff.audit("webhook.delete", "webhook", Some(id));
    match state.store.delete_webhook(id, &audit).await {
        Ok(()) => Ok(Redirect::to(WEBHOOKS).into_response()),
        Err(StoreError::NotFound) => Err(ApiError::not_found("webhook")),
        Err(e) => Err(e.into()),
    }
}

/// "Send a test event": a `ping`, sent within seconds by the sender.
pub(super) async fn ping(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    match state.store.queue_webhook_ping(id, now()).await {
        Ok(_) => Ok(Redirect::to(&format!("{WEBHOOKS}/{id}?pinged=1")).into_response()),
        Err(StoreError::NotFound) => Err(ApiError::not_found("webhook")),
        Err(e) => Err(e.into()),
    }
}

/// "Retry now" on a failed delivery: one more attempt, at once.
pub(super) async fn retry(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, delivery)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    match state
        .store
        .retry_webhook_delivery(id, delivery, now())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("{WEBHOOKS}/{id}")).into_response()),
        Err(StoreError::NotFound) => Err(ApiError::not_found("failed delivery")),
        Err(e) => Err(e.into()),
    }
}
