//! `/account/verify`: the link of the verification mail. The GET shows a
//! button (mail scanners that fetch links must not use them up); the POST
//! proves the address and signs the reader in.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_store::{MailedSecret, TokenPurpose};
use serde::{Deserialize, Serialize};

use super::page::{form_token_ok, AccountPage, FormError, Place};
use super::session::ClientIp;
use super::sign_in::signed_in_by_mail;
use crate::auth::{hash_secret, now};
use crate::error::ApiError;
use crate::AppState;

/// A mailed link's token, with the page's edition and return address.
#[derive(Debug, Default, Deserialize)]
pub(super) struct TokenForm {
    #[serde(flatten)]
    pub place: Place,
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub csrf_token: String,
}

/// A page with one button that POSTs a mailed token back.
#[derive(Serialize)]
pub(super) struct ConfirmView {
    pub action: String,
    pub token: String,
    pub text_key: &'static str,
    pub button_key: &'static str,
}

pub(super) async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(form): Query<TokenForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    let view = ConfirmView {
        action: page.url("verify"),
        token: form.token,
        text_key: "account-verify-text",
        button_key: "account-verify-button",
    };
    page.render_form(
        &state,
        &headers,
        StatusCode::OK,
        "confirm",
        "account-verify-title",
        &view,
    )
}

pub(super) async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<TokenForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    if !form_token_ok(&state, &headers, &form.csrf_token) {
        let view = ConfirmView {
            action: page.url("verify"),
            token: form.token,
            text_key: "account-error-form-expired",
            button_key: "account-verify-button",
        };
        return page.render_form(
            &state,
            &headers,
            StatusCode::FORBIDDEN,
            "confirm",
            "account-verify-title",
            &view,
        );
    }
    let now = now();
    let token_hash = hash_secret(&form.token);
    let secret = MailedSecret::Link {
        token_hash: &token_hash,
        purpose: TokenPurpose::VerifyEmail,
    };
    match signed_in_by_mail(&state, &headers, &ip, &page, secret, now).await? {
        Some(response) => Ok(response),
        None => page.message(
            &state,
            StatusCode::GONE,
            "account-link-invalid-title",
            "account-link-invalid-text",
        ),
    }
}

/// `POST /account/verify/resend`: a new verification link for the signed-in
/// reader's address, within the same mail limits as every mail form.
pub(super) async fn resend(
    State(state): State<AppState>,
    reader: super::Reader,
    Form(form): Form<super::logout::CsrfForm>,
) -> Result<Response, ApiError> {
    reader.check_csrf(&form.csrf_token)?;
    let page = AccountPage::load(&state, &form.place).await?;
    let profile = page.url("");
    if reader.verified {
        return Ok(super::session::see_other(&profile));
    }
    let now = now();
    if let Some(wait) = state
        .readers
        .count_mail_request(&state.store, &reader.email, &reader.ip, now)
        .await?
    {
        return super::profile::form_error(
            &state,
            &page,
            &reader,
            "verify",
            StatusCode::TOO_MANY_REQUESTS,
            FormError::wait("account-error-too-many", wait),
        )
        .await;
    }
    let account = state
        .store
        .reader_by_id(reader.id)
        .await?
        .ok_or_else(|| ApiError::not_found("reader"))?;
    let mail = super::register::verify_mail(&state, &page, &account, now).await?;
    if state.mailer.send(mail).await.is_err() {
        return super::profile::form_error(
            &state,
            &page,
            &reader,
            "verify",
            StatusCode::SERVICE_UNAVAILABLE,
            FormError::new("account-error-mail"),
        )
        .await;
    }
    Ok(super::session::see_other(&format!(
        "{profile}&done=verification"
    )))
}
