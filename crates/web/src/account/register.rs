//! `/account/register`: a new reader account. The answer is the same for a
//! new and a known address: a new one gets a verification link, a known
//! one a "you already have an account" mail (or, if never verified, a new
//! verification link). The reader signs in by following the link.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_domain::EmailAddress;
use dateline_store::{NewReader, NewReaderToken, StoreError, TokenPurpose, MAX_DISPLAY_NAME_CHARS};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::page::{form_token_ok, AccountPage, FormError, Place};
use super::secrets::{issue_link, lifetime};
use super::session::{absolute, ClientIp};
use crate::auth::{hash_password, hash_secret, new_secret, now, MIN_PASSWORD_CHARS};
use crate::error::ApiError;
use crate::mail::Mail;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct RegisterForm {
    #[serde(flatten)]
    place: Place,
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Serialize)]
struct RegisterView {
    email: String,
    display_name: String,
    error: Option<FormError>,
    min_password: usize,
    max_name: usize,
}

#[derive(Serialize)]
struct SentView {
    email: String,
    text_key: &'static str,
}

fn view(form: &RegisterForm, error: Option<FormError>) -> RegisterView {
    RegisterView {
        email: form.email.trim().to_owned(),
        display_name: form.display_name.trim().to_owned(),
        error,
        min_password: MIN_PASSWORD_CHARS,
        max_name: MAX_DISPLAY_NAME_CHARS,
    }
}

pub(super) async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(place): Query<Place>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &place).await?;
    let form = RegisterForm::default();
    page.render_form(
        &state,
        &headers,
        StatusCode::OK,
        "register",
        "account-register-title",
        &view(&form, None),
    )
}

pub(super) async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<RegisterForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    let refuse = |status: StatusCode, error: Option<FormError>| {
        page.render_form(
            &state,
            &headers,
            status,
            "register",
            "account-register-title",
            &view(&form, error),
        )
    };
    if !form_token_ok(&state, &headers, &form.csrf_token) {
        return refuse(
            StatusCode::FORBIDDEN,
            FormError::new("account-error-form-expired"),
        );
    }
    let Ok(email) = form.email.parse::<EmailAddress>() else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            FormError::new("account-error-email"),
        );
    };
    let name = form.display_name.trim();
    if name.is_empty() || name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            FormError::new("account-error-name"),
        );
    }
    if !form.password.is_empty() && form.password.chars().count() < MIN_PASSWORD_CHARS {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            FormError::new("account-error-password-short"),
        );
    }
    let now = now();
    if let Some(wait) = state
        .readers
        .count_mail_request(&state.store, email.as_str(), &ip, now)
        .await?
    {
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            FormError::wait("account-error-too-many", wait),
        );
    }
    let mail = match state.store.reader_by_email(&email).await? {
        Some(known) => {
            // As long as a new account takes, so that time tells nothing.
            if !form.password.is_empty() {
                hash_password(form.password.clone()).await?;
            }
            known_address_mail(&state, &page, &known, now).await?
        }
        None => {
            let password_hash = match form.password.as_str() {
                "" => None,
                password => Some(hash_password(password.to_owned()).await?),
            };
            let new = NewReader {
                email: email.clone(),
                display_name: name.to_owned(),
                password_hash,
                language: page.language(),
                created_at: now,
                verified_at: None,
            };
            // The account and its verification link, in one transaction.
            let secret = new_secret();
            let purpose = TokenPurpose::VerifyEmail;
            let token = NewReaderToken {
                token_hash: hash_secret(&secret),
                purpose,
                reader_id: 0,
                new_email: String::new(),
                created_at: now,
                expires_at: now + lifetime(purpose),
            };
            match state.store.register_reader(&new, &token).await {
                Ok((reader, _)) => verify_mail_with(&state, &page, &reader, &secret),
                // Registered by a parallel request a moment ago.
                Err(StoreError::Duplicate { .. }) => {
                    let known = state
                        .store
                        .reader_by_email(&email)
                        .await?
                        .ok_or_else(|| ApiError::internal("a duplicate reader vanished"))?;
                    known_address_mail(&state, &page, &known, now).await?
                }
                Err(err) => return Err(err.into()),
            }
        }
    };
    if state.mailer.send(mail).await.is_err() {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            FormError::new("account-error-mail"),
        );
    }
    let sent = SentView {
        email: email.as_str().to_lowercase(),
        text_key: "account-sent-register",
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

/// The verification mail: a link that proves the address and signs in.
pub(super) async fn verify_mail(
    state: &AppState,
    page: &AccountPage,
    reader: &dateline_store::Reader,
    now: i64,
) -> Result<Mail, ApiError> {
    let secret = issue_link(state, reader.id, TokenPurpose::VerifyEmail, "", now).await?;
    Ok(verify_mail_with(state, page, reader, &secret))
}

/// The verification mail carrying the link of `secret`, already stored.
fn verify_mail_with(
    state: &AppState,
    page: &AccountPage,
    reader: &dateline_store::Reader,
    secret: &str,
) -> Mail {
    let link = absolute(state, &format!("{}&token={secret}", page.url("verify")));
    Mail {
        to: reader.email.clone(),
        language: reader.language.clone(),
        kind: "verify",
        context: json!({
            "name": reader.display_name,
            "link": link,
            "days": lifetime(TokenPurpose::VerifyEmail) / 86_400,
            "edition_name": page.ctx.edition.name,
        }),
    }
}

/// For a registration with a known address: a new verification link if it
/// was never verified, else a note that the account exists.
async fn known_address_mail(
    state: &AppState,
    page: &AccountPage,
    reader: &dateline_store::Reader,
    now: i64,
) -> Result<Mail, ApiError> {
    if !reader.is_verified() {
        return verify_mail(state, page, reader, now).await;
    }
    Ok(Mail {
        to: reader.email.clone(),
        language: reader.language.clone(),
        kind: "already_registered",
        context: json!({
            "name": reader.display_name,
            "login_link": absolute(state, &page.url("login")),
            "sign_in_link": absolute(state, &page.url("sign-in")),
            "forgot_link": absolute(state, &page.url("forgot")),
            "edition_name": page.ctx.edition.name,
        }),
    })
}
