//! The reader session cookie and what limits sign-ins and mail requests.

use axum::http::header::{LOCATION, SET_COOKIE, USER_AGENT};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_domain::UnixTime;
use dateline_store::{NewReaderSession, Store, StoreError};

use crate::auth::{hash_secret, new_secret, read_cookie, set_cookie, CookieNames, FailureLimiter};
use crate::error::ApiError;
use crate::AppState;

/// Cookie names, lifetimes and the in-memory limiters of reader accounts.
#[derive(Debug)]
pub struct ReaderAuth {
    /// The session cookie: `dateline_reader` (`__Host-` on HTTPS sites).
    pub session_cookie: &'static str,
    /// The double-submit token of anonymous forms.
    pub form_cookie: &'static str,
    pub cookies: CookieNames,
    /// A session unused this long (seconds) ends…
    pub session_idle: i64,
    /// …and every session ends this long after sign-in.
    pub session_absolute: i64,
    /// Consecutive wrong passwords that lock an account, and for how long.
    pub max_failures: u32,
    pub lockout: i64,
    /// Wrong guesses a mailed sign-in code allows.
    pub code_attempts: i64,
    /// Failed logins and code guesses per client address.
    pub by_ip: FailureLimiter,
    /// Failed logins against addresses without an account (they lock like real ones).
    pub unknown_accounts: FailureLimiter,
    /// Mail requests (register, reset, sign-in, change) per e-mail address…
    pub mail_per_address: FailureLimiter,
    /// …and per client address.
    pub mail_per_ip: FailureLimiter,
}

impl ReaderAuth {
    pub fn new(base_url: &str) -> Self {
        let secure = base_url.starts_with("https://");
        let (session_cookie, form_cookie) = if secure {
            ("__Host-dateline_reader", "__Host-dateline_reader_form")
        } else {
            ("dateline_reader", "dateline_reader_form")
        };
        Self {
            session_cookie,
            form_cookie,
            cookies: CookieNames::new(secure),
            session_idle: 30 * 24 * 3600,
            session_absolute: 180 * 24 * 3600,
            max_failures: 5,
            lockout: 15 * 60,
            code_attempts: 5,
            by_ip: FailureLimiter::new("reader_login_ip", 30, 15 * 60, 15 * 60),
            unknown_accounts: FailureLimiter::new("reader_login_unknown", 5, 15 * 60, 15 * 60),
            mail_per_address: FailureLimiter::new("reader_mail_address", 5, 3600, 3600),
            mail_per_ip: FailureLimiter::new("reader_mail_ip", 50, 3600, 3600),
        }
    }

    /// Counts one mail request from `ip` for `address`; `Some(seconds)`
    /// to wait when either has asked too often (the request is then
    /// refused, whether or not the address has an account).
    pub async fn count_mail_request(
        &self,
        store: &Store,
        address: &str,
        ip: &str,
        now: UnixTime,
    ) -> Result<Option<i64>, StoreError> {
        let key = address.trim().to_lowercase();
        if let Some(wait) = self.mail_per_address.wait(store, &key, now).await? {
            return Ok(Some(wait));
        }
        if !ip.is_empty() {
            if let Some(wait) = self.mail_per_ip.wait(store, ip, now).await? {
                return Ok(Some(wait));
            }
            self.mail_per_ip.fail(store, ip, now).await?;
        }
        self.mail_per_address.fail(store, &key, now).await?;
        Ok(None)
    }

    pub fn set_cookie(&self, name: &str, value: &str, max_age: i64) -> HeaderValue {
        set_cookie(&self.cookies, name, value, max_age)
    }
}

/// The hash of the session secret the browser sent, if any.
pub(crate) fn presented_session(state: &AppState, headers: &HeaderMap) -> Option<String> {
    read_cookie(headers, state.readers.session_cookie).map(|s| hash_secret(&s))
}

/// A session about to start: the cookie's secret and, for the store, what
/// it keeps of the browser.
pub(crate) struct SessionStart {
    secret: String,
    created_at: UnixTime,
    expires_at: UnixTime,
    user_agent: String,
    ip: String,
}

impl SessionStart {
    pub(crate) fn new(state: &AppState, headers: &HeaderMap, ip: &str, now: UnixTime) -> Self {
        Self {
            secret: new_secret(),
            created_at: now,
            expires_at: now + state.readers.session_absolute,
            user_agent: headers
                .get(USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned(),
            ip: ip.to_owned(),
        }
    }

    /// The row the store writes for `reader_id`.
    pub(crate) fn for_reader(&self, reader_id: i64) -> NewReaderSession {
        NewReaderSession {
            token_hash: hash_secret(&self.secret),
            reader_id,
            created_at: self.created_at,
            expires_at: self.expires_at,
            user_agent: self.user_agent.clone(),
            ip: self.ip.clone(),
        }
    }

    /// The store has started it: 303 to `to` with the new cookie.
    pub(crate) async fn started(self, state: &AppState, to: &str) -> Response {
        let auth = &state.readers;
        if !self.ip.is_empty() {
            // A failed clear only leaves old failures to run out.
            if let Err(e) = auth.by_ip.clear(&state.store, &self.ip).await {
                tracing::warn!(error = %e, "cannot clear the sign-in failures of an address");
            }
        }
        let mut response = see_other(to);
        response.headers_mut().append(
            SET_COOKIE,
            auth.set_cookie(auth.session_cookie, &self.secret, auth.session_absolute),
        );
        response
            .headers_mut()
            .append(SET_COOKIE, auth.set_cookie(auth.form_cookie, "", 0));
        response
    }
}

/// Starts a new session for `reader_id` (ending the one the browser had)
/// and answers 303 to `to` with the new cookie.
pub(crate) async fn sign_in(
    state: &AppState,
    headers: &HeaderMap,
    ip: &str,
    reader_id: i64,
    now: UnixTime,
    to: &str,
) -> Result<Response, ApiError> {
    let start = SessionStart::new(state, headers, ip, now);
    let replaced = presented_session(state, headers);
    state
        .store
        .start_reader_session(&start.for_reader(reader_id), replaced.as_deref())
        .await?;
    Ok(start.started(state, to).await)
}

/// 303 See Other to a path of this site.
pub(crate) fn see_other(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(
        LOCATION,
        HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/")),
    );
    response
}

/// The client's address (`""` when the server runs without connection info).
pub(crate) struct ClientIp(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(crate::auth::client_ip(parts)))
    }
}

/// An absolute URL on the site, for mail.
pub(crate) fn absolute(state: &AppState, path: &str) -> String {
    crate::urls::Urls::new(&state.config.base_url).path(path)
}
