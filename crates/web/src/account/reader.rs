//! The [`Reader`] extractor: the signed-in reader of the public site.
//!
//! Use it in any handler that needs a reader (comments, chat):
//!
//! ```text
//! async fn post_comment(reader: Reader, Form(form): Form<CommentForm>) -> Result<Response, ApiError> {
//!     reader.check_csrf(&form.csrf_token)?;          // every unsafe request
//!     if !reader.can_participate() { /* unverified, suspended or banned */ }
//!     …
//! }
//! async fn thread(reader: Option<Reader>) -> … { /* signed in or not */ }
//! ```
//!
//! Without a live session, `Reader` rejects with 303 to
//! `/account/login?return={the page}` (for a GET; for other methods the
//! page named by a same-site `Referer`). `Option<Reader>` never rejects
//! for a missing session. Forms put `reader.csrf` in a `csrf_token` field
//! (or scripts in the `X-CSRF-Token` header).

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::header::REFERER;
use axum::http::request::Parts;
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use dateline_domain::UnixTime;
use dateline_store::ReaderStatus;

use super::page::safe_return;
use super::session::see_other;
use crate::auth::{client_ip, csrf_token_for, hash_secret, now, read_cookie, same_token};
use crate::error::{ApiError, ErrorCode};
use crate::urls::account_login;
use crate::AppState;

/// Sessions record their last use at most once a minute.
const TOUCH_EVERY: i64 = 60;

/// A signed-in reader.
#[derive(Debug, Clone)]
pub struct Reader {
    pub id: i64,
    pub display_name: String,
    /// Lower-cased.
    pub email: String,
    /// The language the reader's mail is written in.
    pub language: String,
    /// The address is proven; commenting needs it.
    pub verified: bool,
    /// The standing now (an expired suspension reads as `Active`).
    pub status: ReaderStatus,
    /// When a suspension ends.
    pub suspended_until: Option<UnixTime>,
    /// Why the reader was suspended or banned.
    pub status_reason: String,
    pub has_password: bool,
    /// The token every form of this session must send back.
    pub csrf: String,
    /// Hex SHA-256 of the session cookie's secret.
    pub session_hash: String,
    /// This browser's session.
    pub session_id: i64,
    pub ip: String,
}

impl Reader {
    /// `Ok` when `token` is this session's CSRF token, else 403 `csrf_failed`.
    pub fn check_csrf(&self, token: &str) -> Result<(), ApiError> {
        if same_token(token, &self.csrf) {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::CsrfFailed,
                "the form's security token is missing or out of date; reload the page and try again",
            ))
        }
    }

    /// May comment and chat: a verified address and an active standing.
    pub fn can_participate(&self) -> bool {
        self.verified && self.status == ReaderStatus::Active
    }
}

/// No signed-in reader: 303 to the login page, or an error.
#[derive(Debug)]
pub enum ReaderRejection {
    SignIn { login_url: String },
    Failed(ApiError),
}

impl IntoResponse for ReaderRejection {
    fn into_response(self) -> Response {
        match self {
            Self::SignIn { login_url } => see_other(&login_url),
            Self::Failed(err) => err.into_response(),
        }
    }
}

/// Where the reader should come back to after signing in.
fn return_path(parts: &Parts) -> String {
    if parts.method == Method::GET || parts.method == Method::HEAD {
        let path = parts
            .uri
            .path_and_query()
            .map_or("/", |pq| pq.as_str())
            .to_owned();
        return safe_return(&path);
    }
    let referer = parts
        .headers
        .get(REFERER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // Only the path of a referer is kept, and only if it is one of ours.
    let path = referer
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    safe_return(path)
}

impl OptionalFromRequestParts<AppState> for Reader {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, ApiError> {
        if let Some(reader) = parts.extensions.get::<Reader>() {
            return Ok(Some(reader.clone()));
        }
        let auth = &state.readers;
        let Some(secret) = read_cookie(&parts.headers, auth.session_cookie) else {
            return Ok(None);
        };
        let now = now();
        let session_hash = hash_secret(&secret);
        let Some((session, account)) = state
            .store
            .reader_session_by_token(&session_hash, now, auth.session_idle)
            .await?
        else {
            return Ok(None);
        };
        if now - session.last_seen_at >= TOUCH_EVERY {
            state.store.touch_reader_session(session.id, now).await?;
        }
        let reader = Reader {
            id: account.id,
            verified: account.is_verified(),
            status: account.status_at(now),
            has_password: account.has_password(),
            display_name: account.display_name,
            email: account.email,
            language: account.language,
            suspended_until: account.suspended_until,
            status_reason: account.status_reason,
            csrf: csrf_token_for(&secret),
            session_hash,
            session_id: session.id,
            ip: client_ip(parts),
        };
        parts.extensions.insert(reader.clone());
        Ok(Some(reader))
    }
}

impl FromRequestParts<AppState> for Reader {
    type Rejection = ReaderRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match <Reader as OptionalFromRequestParts<AppState>>::from_request_parts(parts, state).await
        {
            Ok(Some(reader)) => Ok(reader),
            Ok(None) => Err(ReaderRejection::SignIn {
                login_url: account_login(&return_path(parts)),
            }),
            Err(err) => Err(ReaderRejection::Failed(err)),
        }
    }
}
