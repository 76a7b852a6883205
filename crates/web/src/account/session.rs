//! The reader session cookie and what limits sign-ins and mail requests.

use axum::http::header::{LOCATION, SET_COOKIE, USER_AGENT};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_domain::UnixTime;
use dateline_store::{NewReaderSession, Store, StoreError};

use crate::auth::{
    hash_secret, new_secret, read_cookie, script_cookie, set_cookie, CookieNames, FailureLimiter,
};
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

    /// `Set-Cookie` for [`SIGNED_IN_HINT`]: `1` for as long as a session
    /// may last, or removed. It holds no secret and scripts read it, so it
    /// is not `HttpOnly`.
    pub fn signed_in_hint(&self, signed_in: bool) -> HeaderValue {
        if signed_in {
            script_cookie(&self.cookies, SIGNED_IN_HINT, "1", self.session_absolute)
        } else {
            script_cookie(&self.cookies, SIGNED_IN_HINT, "", 0)
        }
    }

    /// `Set-Cookie` carrying `notice` to the next page, for a minute.
    pub(crate) fn notice(&self, notice: Notice) -> HeaderValue {
        script_cookie(&self.cookies, NOTICE_COOKIE, notice.name(), 60)
    }
}

/// What the page after an account action's redirect tells the reader
/// ("You are signed in."). That page may be cached for everyone, so a
/// cookie living a minute carries the notice's name and site.js shows the
/// matching text the page holds (`data-notice-*` in `base.html`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Notice {
    SignedIn,
    /// Signed in by the link that confirmed a new account's address.
    Verified,
    /// Signed in with the new password.
    PasswordReset,
    SignedOut,
}

impl Notice {
    fn name(self) -> &'static str {
        match self {
            Self::SignedIn => "signed-in",
            Self::Verified => "verified",
            Self::PasswordReset => "password-reset",
            Self::SignedOut => "signed-out",
        }
    }
}

/// The cookie carrying a [`Notice`] to the next page.
pub const NOTICE_COOKIE: &str = "dateline_notice";

/// A cookie that only says "a reader signed in in this browser": pages are
/// cached for everyone, and the masthead's script asks `/account/me` who
/// it is only when the cookie is there (so anonymous readers cost no
/// request). The session cookie alone decides who is signed in.
pub const SIGNED_IN_HINT: &str = "dateline_signed_in";

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

    /// The store has started it: 303 to `to` with the new cookie, telling
    /// the reader `notice` there.
    pub(crate) async fn started(self, state: &AppState, to: &str, notice: Notice) -> Response {
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
            .headers_mut()
            .append(SET_COOKIE, auth.signed_in_hint(true));
        response
            .headers_mut()
            .append(SET_COOKIE, auth.notice(notice));
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
    Ok(start.started(state, to, Notice::SignedIn).await)
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
