//! `/newsroom/invitation?token=…`: the page an invitation mail links to.
//! The person invited chooses a password (the form checks its own
//! double-submit token, as the login form does); the invitation is used up,
//! and they are signed in to the newsroom. A link used, replaced or
//! expired answers 410 with what to do.

use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use dateline_store::{NewAudit, StoreError};
use serde::{Deserialize, Serialize};

use super::form::FormData;
use super::pages::{render_page, render_with_form_token, NewsroomLocale};
use crate::auth::{
    check_new_password, client_ip, hash_password, hash_secret, new_secret, now, read_cookie,
    same_token, sign_in, CSRF_FIELD, MIN_PASSWORD_CHARS,
};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

#[derive(Debug, Deserialize)]
pub struct InvitationQuery {
    #[serde(default)]
    token: String,
}

#[derive(Serialize)]
struct InvitationView {
    /// The link no longer works.
    gone: bool,
    token: String,
    email: String,
    name: String,
    csrf: String,
    /// A message name: why the password was refused.
    error: Option<&'static str>,
    min_password: usize,
}

fn page(
    state: &AppState,
    locale: &NewsroomLocale,
    status: StatusCode,
    view: &InvitationView,
) -> Result<Response, ApiError> {
    let template = "newsroom/invitation.html";
    if view.gone {
        render_page(state, locale, status, template, view)
    } else {
        render_with_form_token(state, locale, status, template, view, &view.csrf)
    }
}

fn gone(state: &AppState, locale: &NewsroomLocale) -> Result<Response, ApiError> {
    let view = InvitationView {
        gone: true,
        token: String::new(),
        email: String::new(),
        name: String::new(),
        csrf: String::new(),
        error: None,
        min_password: MIN_PASSWORD_CHARS,
    };
    page(state, locale, StatusCode::GONE, &view)
}

pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<InvitationQuery>,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let token = query.token.trim().to_owned();
    let Some((_, account)) = state
        .store
        .open_invitation(&hash_secret(&token), now())
        .await?
    else {
        return gone(&state, &locale);
    };
    let view = InvitationView {
        gone: false,
        token,
        email: account.user.email.to_string(),
        name: account.user.display_name,
        csrf: new_secret(),
        error: None,
        min_password: MIN_PASSWORD_CHARS,
    };
    page(&state, &locale, StatusCode::OK, &view)
}

pub async fn accept(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let ip = client_ip(&parts);
    let headers = parts.headers;
    let form = FormData::parse(
        &axum::body::to_bytes(body, 64 * 1024)
            .await
            .map_err(|_| ApiError::new(ErrorCode::InvalidInput, "the form is too large"))?,
    );
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let token = form.get("token").to_owned();
    let token_hash = hash_secret(&token);
    let at = now();
    let Some((_, account)) = state.store.open_invitation(&token_hash, at).await? else {
        return gone(&state, &locale);
    };
    let password = form.raw("password").to_owned();
    let cookie_token = read_cookie(&headers, state.auth.cookies.login).unwrap_or_default();
    let refused = if !same_token(form.get(CSRF_FIELD), &cookie_token) {
        Some((StatusCode::FORBIDDEN, "nr-invitation-expired-form"))
    } else if check_new_password(&password).is_err() {
        Some((StatusCode::UNPROCESSABLE_ENTITY, "nr-invitation-short"))
    } else if password != form.raw("confirm") {
        Some((StatusCode::UNPROCESSABLE_ENTITY, "nr-invitation-mismatch"))
    } else {
        None
    };
    if let Some((status, error)) = refused {
        let view = InvitationView {
            gone: false,
            token,
            email: account.user.email.to_string(),
            name: account.user.display_name,
            csrf: new_secret(),
            error: Some(error),
            min_password: MIN_PASSWORD_CHARS,
        };
        return page(&state, &locale, status, &view);
    }
    let audit = NewAudit::new("user.invitation_accept", "user", None, at).ip(ip.clone());
    let hash = hash_password(password).await?;
    let account = match state
        .store
        .accept_invitation(&token_hash, &hash, at, &audit)
        .await
    {
        Ok(account) => account,
        // Used or replaced by a request that came first.
        Err(StoreError::NotFound) => return gone(&state, &locale),
        Err(err) => return Err(err.into()),
    };
    let mut response = Redirect::to(crate::urls::newsroom::HOME).into_response();
    let login = NewAudit::new("session.login", "session", None, at)
        .by(Some(account.id()), None)
        .ip(ip.clone());
    sign_in(&state, &headers, account.id(), &ip, &login, &mut response).await?;
    Ok(response)
}
