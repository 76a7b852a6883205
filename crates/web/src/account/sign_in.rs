//! Passwordless sign-in: `/account/sign-in` asks for an address and mails
//! it a link and a six-digit code (the same answer for unknown addresses;
//! the mail goes out off the request path so that time tells nothing
//! either). `/account/sign-in/link` uses the link, `/account/sign-in/code`
//! the code, which dies after a few wrong guesses. Either proves the
//! address, so it also verifies it.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_domain::EmailAddress;
use dateline_store::{MailedSecret, TokenPurpose};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::page::{form_token_ok, mail_request_checks, AccountPage, AddressForm, FormError, Place};
use super::secrets::{code_hash, issue_sign_in, lifetime};
use super::session::{absolute, presented_session, ClientIp, Notice, SessionStart};
use super::verify::{ConfirmView, TokenForm};
use crate::auth::{hash_secret, now};
use crate::error::ApiError;
use crate::mail::Mail;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct SignInForm {
    #[serde(flatten)]
    place: Place,
    #[serde(default)]
    email: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf_token: String,
}

const FORM: AddressForm = AddressForm {
    template: "sign_in",
    title_key: "account-sign-in-title",
};

#[derive(Serialize)]
struct CodeView {
    email: String,
    /// The mail was just requested: say so above the form.
    sent: bool,
    error: Option<FormError>,
}

pub(super) async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(place): Query<Place>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &place).await?;
    page.render_address_form(&state, &headers, StatusCode::OK, FORM, "", None)
}

pub(super) async fn request(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<SignInForm>,
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
        let (secret, code) = issue_sign_in(&state, reader.id, now).await?;
        let link = absolute(
            &state,
            &format!("{}&token={secret}", page.url("sign-in/link")),
        );
        state.mailer.send_later(Mail {
            to: reader.email.clone(),
            language: reader.language.clone(),
            kind: "sign_in",
            context: json!({
                "name": reader.display_name,
                "link": link,
                "code": code,
                "minutes": lifetime(TokenPurpose::SignInCode) / 60,
                "edition_name": page.ctx.edition.name,
            }),
        });
    }
    let view = CodeView {
        email: email.as_str().to_lowercase(),
        sent: true,
        error: None,
    };
    page.render_form(
        &state,
        &headers,
        StatusCode::OK,
        "code",
        "account-code-title",
        &view,
    )
}

pub(super) async fn code_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(place): Query<Place>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &place).await?;
    let view = CodeView {
        email: String::new(),
        sent: false,
        error: None,
    };
    page.render_form(
        &state,
        &headers,
        StatusCode::OK,
        "code",
        "account-code-title",
        &view,
    )
}

pub(super) async fn code_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<SignInForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    let refuse = |status: StatusCode, error: Option<FormError>| {
        let view = CodeView {
            email: form.email.trim().to_owned(),
            sent: false,
            error,
        };
        page.render_form(
            &state,
            &headers,
            status,
            "code",
            "account-code-title",
            &view,
        )
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
    let code: String = form.code.chars().filter(char::is_ascii_digit).collect();
    let reader = match form.email.parse::<EmailAddress>() {
        Ok(email) => state.store.reader_by_email(&email).await?,
        Err(_) => None,
    };
    if let Some(reader) = &reader {
        let hash = code_hash(reader.id, &code);
        let secret = MailedSecret::Code {
            reader_id: reader.id,
            code_hash: &hash,
            max_attempts: auth.code_attempts,
        };
        if let Some(response) = signed_in_by_mail(&state, &headers, &ip, &page, secret, now).await?
        {
            return Ok(response);
        }
    }
    if !ip.is_empty() {
        auth.by_ip.fail(&state.store, &ip, now).await?;
    }
    // One message for a wrong, used-up, expired or unknown code and an
    // unknown address alike.
    refuse(
        StatusCode::UNAUTHORIZED,
        FormError::new("account-error-code"),
    )
}

pub(super) async fn link_confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(form): Query<TokenForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    let view = ConfirmView {
        action: page.url("sign-in/link"),
        token: form.token,
        text_key: "account-link-text",
        button_key: "account-link-button",
    };
    page.render_form(
        &state,
        &headers,
        StatusCode::OK,
        "confirm",
        "account-sign-in-title",
        &view,
    )
}

pub(super) async fn link_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<TokenForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    if !form_token_ok(&state, &headers, &form.csrf_token) {
        let view = ConfirmView {
            action: page.url("sign-in/link"),
            token: form.token,
            text_key: "account-error-form-expired",
            button_key: "account-link-button",
        };
        return page.render_form(
            &state,
            &headers,
            StatusCode::FORBIDDEN,
            "confirm",
            "account-sign-in-title",
            &view,
        );
    }
    let now = now();
    let token_hash = hash_secret(&form.token);
    let secret = MailedSecret::Link {
        token_hash: &token_hash,
        purpose: TokenPurpose::SignInLink,
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

/// Signs in with the link or the code, in one store call: it is spent, the
/// other one dies, the address counts as proven and a new session starts.
/// `None` when the store refused the secret.
pub(super) async fn signed_in_by_mail(
    state: &AppState,
    headers: &HeaderMap,
    ip: &str,
    page: &AccountPage,
    secret: MailedSecret<'_>,
    now: i64,
) -> Result<Option<Response>, ApiError> {
    let start = SessionStart::new(state, headers, ip, now);
    let replaced = presented_session(state, headers);
    let signed_in = state
        .store
        .sign_in_by_mail(secret, |id| start.for_reader(id), replaced.as_deref(), now)
        .await?;
    let notice = match secret {
        MailedSecret::Link {
            purpose: TokenPurpose::VerifyEmail,
            ..
        } => Notice::Verified,
        MailedSecret::Reset { .. } => Notice::PasswordReset,
        _ => Notice::SignedIn,
    };
    Ok(match signed_in {
        Ok(_) => Some(start.started(state, &page.back_or_front(), notice).await),
        Err(_) => None,
    })
}
