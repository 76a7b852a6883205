//! Checking a login: the same answer for an unknown address and a wrong
//! password (and the same time, through a dummy hash), lockout per account
//! and per client address.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use dateline_domain::EmailAddress;
use dateline_store::{Account, NewAudit};
use serde_json::json;

use super::verify_password;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// The client's address as the server saw it, or `""` when the server was
/// not started with connection info.
pub fn client_ip(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_default()
}

fn invalid_credentials() -> ApiError {
    ApiError::new(
        ErrorCode::InvalidCredentials,
        "wrong e-mail address or password",
    )
}

fn locked(wait: i64) -> ApiError {
    let minutes = (wait + 59) / 60;
    ApiError::new(
        ErrorCode::AccountLocked,
        format!("too many failed logins for this account; try again in {minutes} min"),
    )
    .with_retry_after(wait)
}

/// The account whose `password` this is, if the attempt is allowed.
///
/// Refusals: 429 `rate_limited` when the client address is locked out,
/// 429 `account_locked` when the address's account (or the address, if it
/// has no account) is, 401 `invalid_credentials` for an unknown address or
/// a wrong password alike, 403 `forbidden` for a disabled or non-staff
/// account once the password is proven. Failures are counted and audited.
pub async fn authenticate(
    state: &AppState,
    email: &str,
    password: String,
    ip: &str,
    now: i64,
) -> Result<Account, ApiError> {
    let auth = &state.auth;
    if !ip.is_empty() {
        if let Some(wait) = auth.by_ip.wait(&state.store, ip, now).await? {
            return Err(ApiError::new(
                ErrorCode::RateLimited,
                "too many failed logins from your address; try again later",
            )
            .with_retry_after(wait));
        }
    }
    let key = email.trim().to_lowercase();
    let account = match email.parse::<EmailAddress>() {
        Ok(email) => state.store.account_by_email(&email).await?,
        Err(_) => None,
    };
    match &account {
        Some(account) if account.is_locked(now) => {
            return Err(locked(account.locked_until.unwrap_or(now) - now));
        }
        None => {
            if let Some(wait) = auth.unknown_accounts.wait(&state.store, &key, now).await? {
                return Err(locked(wait));
            }
        }
        Some(_) => {}
    }
    let hash = account.as_ref().and_then(|a| a.user.password_hash.clone());
    if verify_password(password, hash).await {
        // `verify_password` is false without an account.
        let Some(account) = account else {
            return Err(invalid_credentials());
        };
        if account.disabled || !account.role().is_staff() {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                "this account has no access to the newsroom",
            ));
        }
        return Ok(account);
    }
    if !ip.is_empty() {
        auth.by_ip.fail(&state.store, ip, now).await?;
    }
    match account {
        Some(account) => {
            let policy = &auth.policy;
            let locked_until = state
                .store
                .record_login_failure(account.id(), policy.max_failures, policy.lockout, now)
                .await?;
            let action = if locked_until.is_some() {
                "session.locked"
            } else {
                "session.login_failed"
            };
            let entry = NewAudit::new(action, "user", Some(account.id()), now)
                .ip(ip)
                .details(json!({ "locked_until": locked_until }));
            state.store.record_audit(&entry).await?;
        }
        None => {
            auth.unknown_accounts.fail(&state.store, &key, now).await?;
        }
    }
    Err(invalid_credentials())
}
