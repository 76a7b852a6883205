//! `POST /account/logout` (this browser) and `/account/logout-everywhere`.

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

use super::page::{AccountPage, Place};
use super::session::{see_other, Notice};
use super::Reader;
use crate::error::ApiError;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct CsrfForm {
    #[serde(flatten)]
    pub place: Place,
    #[serde(default)]
    pub csrf_token: String,
}

pub(super) async fn logout(
    State(state): State<AppState>,
    reader: Reader,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ApiError> {
    reader.check_csrf(&form.csrf_token)?;
    state.store.end_reader_session(&reader.session_hash).await?;
    signed_out(&state, &form.place).await
}

pub(super) async fn everywhere(
    State(state): State<AppState>,
    reader: Reader,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ApiError> {
    reader.check_csrf(&form.csrf_token)?;
    state.store.end_all_reader_sessions(reader.id).await?;
    signed_out(&state, &form.place).await
}

/// 303 back (or to the front page), removing the session cookie.
pub(super) async fn signed_out(state: &AppState, place: &Place) -> Result<Response, ApiError> {
    let page = AccountPage::load(state, place).await?;
    let mut response = see_other(&page.back_or_front());
    let auth = &state.readers;
    response
        .headers_mut()
        .append(SET_COOKIE, auth.set_cookie(auth.session_cookie, "", 0));
    response
        .headers_mut()
        .append(SET_COOKIE, auth.signed_in_hint(false));
    response
        .headers_mut()
        .append(SET_COOKIE, auth.notice(Notice::SignedOut));
    Ok(response)
}
