//! Starting a staff session once someone has proved who they are (the login
//! form, first-run setup): a new secret, its hash stored with the audit
//! row, the browser's previous session ended, and the cookies to send.

use axum::http::header::{SET_COOKIE, USER_AGENT};
use axum::http::HeaderMap;
use axum::response::Response;
use dateline_store::{NewAudit, NewSession};

use super::{clear_cookie, hash_secret, new_secret, read_cookie, set_cookie};
use crate::error::ApiError;
use crate::AppState;

/// Opens a session for `user_id` and adds its cookie to `response` (and
/// removes the anonymous form's double-submit cookie). `audit` is recorded
/// about the new session in the same transaction.
pub async fn sign_in(
    state: &AppState,
    request_headers: &HeaderMap,
    user_id: i64,
    ip: &str,
    audit: &NewAudit,
    response: &mut Response,
) -> Result<(), ApiError> {
    let secret = new_secret();
    let policy = &state.auth.policy;
    let now = audit.at;
    let names = &state.auth.cookies;
    let new = NewSession {
        token_hash: hash_secret(&secret),
        user_id,
        created_at: now,
        expires_at: now + policy.session_absolute,
        user_agent: request_headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        ip: ip.to_owned(),
    };
    let replaced = read_cookie(request_headers, names.session).map(|old| hash_secret(&old));
    state
        .store
        .start_session(&new, replaced.as_deref(), audit)
        .await?;
    let headers = response.headers_mut();
    headers.append(
        SET_COOKIE,
        set_cookie(names, names.session, &secret, policy.session_absolute),
    );
    headers.append(SET_COOKIE, clear_cookie(names, names.login));
    Ok(())
}
