//! Forgotten password: `/account/forgot` mails a reset link (the same
//! answer for unknown addresses; the mail goes out off the request path),
//! `/account/reset` sets a new password with it, ends every session and
//! signs this browser in.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_store::{MailedSecret, TokenPurpose};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::page::{form_token_ok, mail_request_checks, AccountPage, AddressForm, FormError, Place};
use super::secrets::{issue_link, lifetime};
use super::session::{absolute, ClientIp};
use super::sign_in::signed_in_by_mail;
use crate::auth::{hash_password, hash_secret, now, MIN_PASSWORD_CHARS};
use crate::error::ApiError;
use crate::mail::Mail;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct ForgotForm {
    #[serde(flatten)]
    place: Place,
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct ResetForm {
    #[serde(flatten)]
    place: Place,
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf_token: String,
}

const FORM: AddressForm = AddressForm {
    template: "forgot",
    title_key: "account-forgot-title",
};

#[derive(Serialize)]
struct ResetView {
    token: String,
    error: Option<FormError>,
    min_password: usize,
}

#[derive(Serialize)]
struct SentView {
    email: String,
    text_key: &'static str,
}

pub(super) async fn forgot_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(place): Query<Place>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &place).await?;
    page.render_address_form(&state, &headers, StatusCode::OK, FORM, "", None)
}

pub(super) async fn forgot(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<ForgotForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    let refuse = |status: StatusCode, error: Option<FormError>| {
        page.render_address_form(&state, &headers, status, FORM, &form.email, error)
    };
    let now = now();
    let email = match mail_request_checks(&state, &headers, &form.csrf_token, &form.email, &ip, now)
        .await
    {
        Ok(email) => email,
        Err((status, error)) => return refuse(status, error),
    };
    if let Some(reader) = state.store.reader_by_email(&email).await? {
        let secret = issue_link(&state, reader.id, TokenPurpose::ResetPassword, "", now).await?;
        let link = absolute(&state, &format!("{}&token={secret}", page.url("reset")));
        state.mailer.send_later(Mail {
            to: reader.email.clone(),
            language: reader.language.clone(),
            kind: "reset_password",
            context: json!({
                "name": reader.display_name,
                "link": link,
                "minutes": lifetime(TokenPurpose::ResetPassword) / 60,
                "edition_name": page.ctx.edition.name,
            }),
        });
    }
    let sent = SentView {
        email: email.as_str().to_lowercase(),
        text_key: "account-sent-reset",
    };
    page.render(
        &state,
        StatusCode::OK,
        "sent",
        "account-sent-title",
        "",
        &sent,
    )
}

pub(super) async fn reset_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(form): Query<ResetForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    let view = ResetView {
        token: form.token,
        error: None,
        min_password: MIN_PASSWORD_CHARS,
    };
    page.render_form(
        &state,
        &headers,
        StatusCode::OK,
        "reset",
        "account-reset-title",
        &view,
    )
}

pub(super) async fn reset(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<ResetForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    let refuse = |status: StatusCode, error: Option<FormError>| {
        let view = ResetView {
            token: form.token.clone(),
            error,
            min_password: MIN_PASSWORD_CHARS,
        };
        page.render_form(
            &state,
            &headers,
            status,
            "reset",
            "account-reset-title",
            &view,
        )
    };
    if !form_token_ok(&state, &headers, &form.csrf_token) {
        return refuse(
            StatusCode::FORBIDDEN,
            FormError::new("account-error-form-expired"),
        );
    }
    if form.password.chars().count() < MIN_PASSWORD_CHARS {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            FormError::new("account-error-password-short"),
        );
    }
    let hash = hash_password(form.password.clone()).await?;
    let now = now();
    let token_hash = hash_secret(&form.token);
    let secret = MailedSecret::Reset {
        token_hash: &token_hash,
        password_hash: &hash,
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
