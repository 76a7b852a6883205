//! `/newsroom/webhooks` (admins): the addresses told about publications,
//! corrections, take-downs and comments, each with its delivery log.
//!
//! - `list.rs`: every hook with how its last delivery went, and the form
//!   to add one (the server makes the secret, shown on the hook's page);
//! - `hook.rs`: one hook: its secret, the form to change or disable it,
//!   "Send a test event", removal, and the delivery log with "Retry now".

mod hook;
mod list;

use axum::routing::{get, post};
use axum::Router;
use dateline_store::webhooks::{Webhook, WebhookEvent};
use serde::Serialize;

use crate::newsroom::form::FormData;
use crate::AppState;

pub(super) const WEBHOOKS: &str = "/newsroom/webhooks";

/// The form as typed, shown again when refused.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Typed {
    url: String,
    events: Vec<String>,
    active: bool,
    description: String,
}

impl Default for Typed {
    fn default() -> Self {
        Self {
            url: String::new(),
            events: WebhookEvent::SUBSCRIBABLE
                .iter()
                .map(|e| e.as_str().to_owned())
                .collect(),
            active: true,
            description: String::new(),
        }
    }
}

impl Typed {
    fn of_form(form: &FormData) -> Self {
        Self {
            url: form.get("url").to_owned(),
            events: form.all("events").map(str::to_owned).collect(),
            active: form.get("active") == "1",
            description: form.get("description").to_owned(),
        }
    }

    fn of_hook(hook: &Webhook) -> Self {
        Self {
            url: hook.url.clone(),
            events: hook.events.iter().map(|e| e.as_str().to_owned()).collect(),
            active: hook.active,
            description: hook.description.clone(),
        }
    }
}

/// A time as the pages show it (UTC), with its RFC 3339 form.
#[derive(Debug, Clone, Serialize)]
pub(super) struct When {
    text: String,
    iso: String,
}

impl When {
    fn of(at: i64) -> Self {
        let at = chrono::DateTime::from_timestamp(at, 0).unwrap_or_default();
        Self {
            text: at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            iso: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

/// Every event a hook may want, for the checkboxes.
fn event_names() -> Vec<&'static str> {
    WebhookEvent::SUBSCRIBABLE
        .map(WebhookEvent::as_str)
        .to_vec()
}

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(WEBHOOKS, get(list::page).post(list::create))
        .route(
            "/newsroom/webhooks/{id}",
            get(hook::page).post(hook::update),
        )
        .route("/newsroom/webhooks/{id}/delete", post(hook::delete))
        .route("/newsroom/webhooks/{id}/ping", post(hook::ping))
        .route(
            "/newsroom/webhooks/{id}/deliveries/{delivery}/retry",
            post(hook::retry),
        )
}
