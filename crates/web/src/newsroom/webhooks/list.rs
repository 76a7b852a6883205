//! The webhooks list and the form to add one. A refused form comes back
//! with what was typed and why; an added hook opens its own page, which
//! shows the secret the server made for it.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use dateline_store::webhooks::Webhook;
use serde::Serialize;

use super::{event_names, Typed, When};
use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::newsroom::form::FormData;
use crate::newsroom::pages::{render_form_page, Chrome};
use crate::webhooks::{new_secret, parse_input, DESCRIPTION_MAX_CHARS, URL_MAX_CHARS};
use crate::AppState;

#[derive(Serialize)]
struct HookRow {
    id: i64,
    url: String,
    description: String,
    events: Vec<&'static str>,
    active: bool,
    /// `delivered`, `failed`, … of the latest delivery, if any.
    last_state: Option<&'static str>,
    last_status: Option<i64>,
    last_error: String,
    created: When,
}

impl From<Webhook> for HookRow {
    fn from(hook: Webhook) -> Self {
        Self {
            id: hook.id,
            url: hook.url,
            description: hook.description,
            events: hook.events.iter().map(|e| e.as_str()).collect(),
            active: hook.active,
            last_state: hook.last_state.map(|s| s.as_str()),
            last_status: hook.last_status,
            last_error: hook.last_error,
            created: When::of(hook.created_at),
        }
    }
}

#[derive(Serialize)]
struct View {
    #[serde(flatten)]
    chrome: Chrome,
    hooks: Vec<HookRow>,
    form: Typed,
    event_names: Vec<&'static str>,
    error: Option<&'static str>,
    url_max: usize,
    description_max: usize,
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    form: Typed,
    error: Option<&'static str>,
) -> Result<Response, ApiError> {
    let hooks = state.store.webhooks().await?;
    let view = View {
        chrome: Chrome::new(staff, "webhooks"),
        hooks: hooks.into_iter().map(HookRow::from).collect(),
        form,
        event_names: event_names(),
        error,
        url_max: URL_MAX_CHARS,
        description_max: DESCRIPTION_MAX_CHARS,
    };
    render_form_page(
        state,
        headers,
        error.is_some(),
        "newsroom/webhooks.html",
        &view,
    )
}

pub(super) async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    render(&state, &headers, &staff, Typed::default(), None).await
}

pub(super) async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let typed = Typed::of_form(&form);
    let input = match parse_input(&typed.url, &typed.events, typed.active, &typed.description) {
        Ok(input) => input,
        Err(refusal) => {
            return render(&state, &headers, &staff, typed, Some(refusal.message_id())).await
        }
    };
    let audit = staff.audit("webhook.create", "webhook", None);
    let hook = state
        .store
        .create_webhook(&input, &new_secret(), &audit)
        .await?;
    Ok(Redirect::to(&format!("{}/{}?created=1", super::WEBHOOKS, hook.id)).into_response())
}
