//! Change of address: `POST /account/email` mails a confirmation link to
//! the NEW address; `/account/email/confirm` moves the account there and
//! tells the old address. Taken addresses are only refused at the
//! confirmation, by the one who proved they own the new address.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_domain::EmailAddress;
use dateline_store::{StoreError, TokenPurpose};
use serde::Deserialize;
use serde_json::json;

use super::page::{form_token_ok, AccountPage, FormError, Place};
use super::profile::{render, ProfileView};
use super::secrets::{issue_link, lifetime};
use super::session::{absolute, ClientIp};
use super::verify::{ConfirmView, TokenForm};
use super::Reader;
use crate::auth::{hash_secret, now};
use crate::error::ApiError;
use crate::mail::Mail;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct EmailForm {
    #[serde(flatten)]
    place: Place,
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    csrf_token: String,
}

pub(super) async fn request(
    State(state): State<AppState>,
    reader: Reader,
    ClientIp(ip): ClientIp,
    Form(form): Form<EmailForm>,
) -> Result<Response, ApiError> {
    reader.check_csrf(&form.csrf_token)?;
    let page = AccountPage::load(&state, &form.place).await?;
    let mut view = ProfileView::new(&state, &reader).await?;
    view.new_email = form.new_email.trim().to_owned();
    view.error_form = "email";
    let parsed = form
        .new_email
        .parse::<EmailAddress>()
        .ok()
        .filter(|e| e.as_str().to_lowercase() != reader.email);
    let Some(email) = parsed else {
        view.error = FormError::new("account-error-email");
        return render(
            &state,
            &page,
            &reader,
            StatusCode::UNPROCESSABLE_ENTITY,
            &view,
        );
    };
    let now = now();
    if let Some(wait) = state
        .readers
        .count_mail_request(&state.store, email.as_str(), &ip, now)
        .await?
    {
        view.error = FormError::wait("account-error-too-many", wait);
        return render(&state, &page, &reader, StatusCode::TOO_MANY_REQUESTS, &view);
    }
    let new_email = email.as_str().to_lowercase();
    let secret = issue_link(
        &state,
        reader.id,
        TokenPurpose::ChangeEmail,
        &new_email,
        now,
    )
    .await?;
    let link = absolute(
        &state,
        &format!("{}&token={secret}", page.url("email/confirm")),
    );
    let mail = Mail {
        to: new_email.clone(),
        language: reader.language.clone(),
        kind: "change_email",
        context: json!({
            "name": reader.display_name,
            "link": link,
            "new_email": new_email,
            "hours": lifetime(TokenPurpose::ChangeEmail) / 3600,
            "edition_name": page.ctx.edition.name,
        }),
    };
    if state.mailer.send(mail).await.is_err() {
        view.error = FormError::new("account-error-mail");
        return render(
            &state,
            &page,
            &reader,
            StatusCode::SERVICE_UNAVAILABLE,
            &view,
        );
    }
    view.error_form = "";
    view.new_email = String::new();
    view.notice = Some("account-notice-email-sent");
    render(&state, &page, &reader, StatusCode::OK, &view)
}

pub(super) async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(form): Query<TokenForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    let view = ConfirmView {
        action: page.url("email/confirm"),
        token: form.token,
        text_key: "account-email-confirm-text",
        button_key: "account-email-confirm-button",
    };
    page.render_form(
        &state,
        &headers,
        StatusCode::OK,
        "confirm",
        "account-email-confirm-title",
        &view,
    )
}

pub(super) async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &form.place).await?;
    if !form_token_ok(&state, &headers, &form.csrf_token) {
        let view = ConfirmView {
            action: page.url("email/confirm"),
            token: form.token,
            text_key: "account-error-form-expired",
            button_key: "account-email-confirm-button",
        };
        return page.render_form(
            &state,
            &headers,
            StatusCode::FORBIDDEN,
            "confirm",
            "account-email-confirm-title",
            &view,
        );
    }
    let now = now();
    let changed = state
        .store
        .change_reader_email_by_link(&hash_secret(&form.token), now)
        .await;
    let (before, after) = match changed {
        Ok(Some(changed)) => changed,
        Ok(None) => {
            return page.message(
                &state,
                StatusCode::GONE,
                "account-link-invalid-title",
                "account-link-invalid-text",
            );
        }
        Err(StoreError::Duplicate { .. }) => {
            return page.message(
                &state,
                StatusCode::CONFLICT,
                "account-email-taken-title",
                "account-email-taken-text",
            );
        }
        Err(err) => return Err(err.into()),
    };
    // The old address hears of it, in case it was not its owner's doing.
    state.mailer.send_later(Mail {
        to: before.email.clone(),
        language: before.language.clone(),
        kind: "email_changed",
        context: json!({
            "name": before.display_name,
            "new_email": after.email,
            "edition_name": page.ctx.edition.name,
        }),
    });
    page.message(
        &state,
        StatusCode::OK,
        "account-email-changed-title",
        "account-email-changed-text",
    )
}
