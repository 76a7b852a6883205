//! `/account/delete`: deletes the signed-in reader's account after a
//! confirmation — the password, or for accounts without one the typed
//! address. Every session ends with it.

use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::{Deserialize, Serialize};

use super::page::{AccountPage, FormError, Place};
use super::Reader;
use crate::auth::verify_password;
use crate::error::ApiError;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct DeleteForm {
    #[serde(flatten)]
    place: Place,
    #[serde(default)]
    password: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Serialize)]
struct DeleteView {
    has_password: bool,
    email: String,
    error: Option<FormError>,
}

pub(super) async fn form(
    State(state): State<AppState>,
    reader: Reader,
    Query(place): Query<Place>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &place).await?;
    let view = DeleteView {
        has_password: reader.has_password,
        email: String::new(),
        error: None,
    };
    page.render(
        &state,
        StatusCode::OK,
        "delete",
        "account-delete-title",
        &reader.csrf,
        &view,
    )
}

pub(super) async fn submit(
    State(state): State<AppState>,
    reader: Reader,
    Form(form): Form<DeleteForm>,
) -> Result<Response, ApiError> {
    reader.check_csrf(&form.csrf_token)?;
    let page = AccountPage::load(&state, &form.place).await?;
    let confirmed = if reader.has_password {
        let hash = state
            .store
            .reader_by_id(reader.id)
            .await?
            .and_then(|r| r.password_hash);
        verify_password(form.password.clone(), hash).await
    } else {
        form.email.trim().to_lowercase() == reader.email
    };
    if !confirmed {
        let key = if reader.has_password {
            "account-error-current-password"
        } else {
            "account-error-confirm-email"
        };
        let view = DeleteView {
            has_password: reader.has_password,
            email: form.email.trim().to_owned(),
            error: FormError::new(key),
        };
        return page.render(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            "delete",
            "account-delete-title",
            &reader.csrf,
            &view,
        );
    }
    state
        .store
        .delete_reader(reader.id, crate::auth::now())
        .await?;
    let mut response = page.message(
        &state,
        StatusCode::OK,
        "account-deleted-title",
        "account-deleted-text",
    )?;
    let auth = &state.readers;
    response
        .headers_mut()
        .append(SET_COOKIE, auth.set_cookie(auth.session_cookie, "", 0));
    response
        .headers_mut()
        .append(SET_COOKIE, auth.signed_in_hint(false));
    Ok(response)
}
