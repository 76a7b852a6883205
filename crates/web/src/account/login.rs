//! `/account/login`: sign-in with e-mail address and password. An unknown
//! address, an account without a password and a wrong password get the
//! same answer in the same time; failures lock the account (in the
//! database, shared by all nodes) and the client address.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_domain::EmailAddress;
use serde::Deserialize;

use super::page::{form_token_ok, AccountPage, AddressForm, FormError, Place};
use super::session::{sign_in, ClientIp};
use crate::auth::{now, verify_password};
use crate::error::ApiError;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct LoginForm {
    #[serde(flatten)]
    place: Place,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf_token: String,
}

const FORM: AddressForm = AddressForm {
    template: "login",
    title_key: "account-login-title",
};

pub(super) async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(place): Query<Place>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &place).await?;
    page.render_address_form(&state, &headers, StatusCode::OK, FORM, "", None)
}

pub(super) async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    let refuse = |status: StatusCode, error: Option<FormError>| {
        page.render_address_form(&state, &headers, status, FORM, &form.email, error)
    };
    if !form_token_ok(&state, &headers, &form.csrf_token) {
        return refuse(
            StatusCode::FORBIDDEN,
            FormError::new("account-error-form-expired"),
        );
    }
    let auth = &state.readers;
    let now = now();
    if !ip.is_empty() {
        if let Some(wait) = auth.by_ip.wait(&state.store, &ip, now).await? {
            return refuse(
                StatusCode::TOO_MANY_REQUESTS,
                FormError::wait("account-error-too-many", wait),
            );
        }
    }
    let key = form.email.trim().to_lowercase();
    let reader = match form.email.parse::<EmailAddress>() {
        Ok(email) => state.store.reader_by_email(&email).await?,
        Err(_) => None,
    };
    let locked = match &reader {
        Some(r) if r.is_locked(now) => Some(r.locked_until.unwrap_or(now) - now),
        Some(_) => None,
        None => auth.unknown_accounts.wait(&state.store, &key, now).await?,
    };
    if let Some(wait) = locked {
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            FormError::wait("account-error-locked", wait),
        );
    }
    let hash = reader.as_ref().and_then(|r| r.password_hash.clone());
    if verify_password(form.password.clone(), hash).await {
        if let Some(reader) = reader {
            return sign_in(&state, &headers, &ip, reader.id, now, &page.back_or_front()).await;
        }
    }
    if !ip.is_empty() {
        auth.by_ip.fail(&state.store, &ip, now).await?;
    }
    let locked_now = match &reader {
        Some(r) => state
            .store
            .record_reader_login_failure(r.id, auth.max_failures, auth.lockout, now)
            .await?
            .map(|until| until - now),
        None => auth
            .unknown_accounts
            .fail(&state.store, &key, now)
            .await?
            .map(|until| until - now),
    };
    match locked_now {
        Some(wait) => refuse(
            StatusCode::TOO_MANY_REQUESTS,
            FormError::wait("account-error-locked", wait),
        ),
        None => refuse(
            StatusCode::UNAUTHORIZED,
            FormError::new("account-error-credentials"),
        ),
    }
}
