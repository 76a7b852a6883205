//! `POST /newsroom/sessions/password`: a staff member changes their own
//! password. The current password is asked again (a session left open on a
//! shared computer must not be enough); the change ends every session, this
//! one included, and the login page says why.

use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_store::AccountUpdate;

use super::form::FormData;
use super::sessions::view;
use crate::auth::{
    check_new_password, clear_cookie, hash_password, now, verify_password, Staff, Via,
};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

pub async fn change(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    form: FormData,
) -> Result<Response, ApiError> {
    // Only a person at a browser changes their password this way.
    if !matches!(staff.via, Via::Session { .. }) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "a password is changed from a browser session",
        ));
    }
    let refuse =
        |status: StatusCode, key: &'static str| view(&state, &headers, &staff, status, Some(key));
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    // Guessing the current password through an open session is limited
    // like logins are.
    let limit_key = format!("password-change:{}", staff.id());
    let limiter = &state.auth.unknown_accounts;
    if limiter
        .wait(&state.store, &limit_key, now())
        .await?
        .is_some()
    {
        return refuse(StatusCode::TOO_MANY_REQUESTS, "nr-password-rate-limited").await;
    }
    let current = form.raw("current_password").to_owned();
    let new = form.raw("new_password");
    if new != form.raw("confirm_password") {
        return refuse(unprocessable, "nr-password-mismatch").await;
    }
    if check_new_password(new).is_err() {
        return refuse(unprocessable, "nr-password-too-short").await;
    }
    if new == current {
        return refuse(unprocessable, "nr-password-same").await;
    }
    let account = state
        .store
        .account_by_id(staff.id())
        .await?
        .ok_or_else(|| ApiError::not_found("account"))?;
    if !verify_password(current, account.user.password_hash.clone()).await {
        limiter.fail(&state.store, &limit_key, now()).await?;
        return refuse(unprocessable, "nr-password-wrong").await;
    }
    limiter.clear(&state.store, &limit_key).await?;
    let update = AccountUpdate {
        password_hash: Some(hash_password(new.to_owned()).await?),
        ..AccountUpdate::default()
    };
    let audit = staff.audit("user.password_changed", "user", Some(staff.id()));
    state
        .store
        .update_account(staff.id(), &update, &audit)
        .await?;
    let names = &state.auth.cookies;
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(
        LOCATION,
        HeaderValue::from_static(crate::urls::newsroom::LOGIN_AFTER_PASSWORD_CHANGE),
    );
    response
        .headers_mut()
        .append(SET_COOKIE, clear_cookie(names, names.session));
    Ok(response)
}
