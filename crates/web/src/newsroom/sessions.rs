//! `/newsroom/sessions`: your signed-in browsers, "log out everywhere", and
//! the form to change your own password (handled in `password.rs`).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;

use super::login::to_login;
use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::{now, Staff, Via};
use crate::error::ApiError;
use crate::AppState;

#[derive(Serialize)]
struct SessionRow {
    created_at: i64,
    last_seen_at: i64,
    user_agent: String,
    ip: String,
    current: bool,
}

#[derive(Serialize)]
struct SessionsView {
    #[serde(flatten)]
    chrome: Chrome,
    sessions: Vec<SessionRow>,
    /// Catalog key of why a password change was refused.
    password_error: Option<&'static str>,
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    view(&state, &headers, &staff, StatusCode::OK, None).await
}

/// The page, with `password_error` above the password form.
pub(super) async fn view(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    status: StatusCode,
    password_error: Option<&'static str>,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(state, headers);
    let current = match staff.via {
        Via::Session { id, .. } => Some(id),
        Via::Token { .. } => None,
    };
    let sessions = state
        .store
        .sessions_of(staff.id(), now(), state.auth.policy.session_idle)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            user_agent: s.user_agent,
            ip: s.ip,
            current: Some(s.id) == current,
        })
        .collect();
    let view = SessionsView {
        chrome: Chrome::new(staff, "sessions"),
        sessions,
        password_error,
    };
    render_page(state, &locale, status, "newsroom/sessions.html", &view)
}

/// Ends every session of the signed-in user, this one included.
pub async fn logout_everywhere(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Response, ApiError> {
    let audit = staff.audit("session.logout_everywhere", "user", Some(staff.id()));
    state.store.end_all_sessions(staff.id(), &audit).await?;
    Ok(to_login(&state))
}
