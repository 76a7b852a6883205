//! Staff authentication and authorisation, the foundation the newsroom and
//! the Admin API plug into.
//!
//! - Passwords: argon2id, verified on a blocking thread (`password`).
//! - Sessions: a random 32-byte secret in an `HttpOnly`, `SameSite=Lax`
//!   cookie (`__Host-` prefixed and `Secure` when the site is served over
//!   HTTPS); the database keeps only its SHA-256 (`secrets`, `cookies`).
//!   Idle and absolute expiry; a new session at every login.
//! - CSRF: a synchronizer token derived from the session secret, checked on
//!   every unsafe request that a session cookie authenticates (`csrf`);
//!   the login form uses a double-submit cookie.
//! - Logins: the same answer for unknown accounts and wrong passwords,
//!   lockout per account (in the database) and per client address (`login`,
//!   `limiter`).
//! - [`Staff`]: the extractor giving a handler the signed-in staff member or
//!   the owner of a bearer API token, with [`Staff::require`] over the one
//!   rule function [`permits`].

mod cookies;
mod csrf;
mod csrf_multipart;
mod limiter;
mod login;
mod manage;
mod password;
mod permissions;
mod secrets;
mod sign_in;
mod staff;
mod tokens;

pub use cookies::{clear_cookie, read_cookie, script_cookie, set_cookie, CookieNames};
pub(crate) use csrf::FORM_LIMIT;
pub use csrf::{require_csrf, CSRF_FIELD, CSRF_HEADER};
pub use limiter::FailureLimiter;
pub use login::{authenticate, client_ip};
pub use manage::{
    create_staff, invite_staff, reinvite_staff, update_staff, StaffInput, INVITATION_DAYS,
};
pub use password::{
    check_new_password, hash_password, hash_password_blocking, verify_password, MIN_PASSWORD_CHARS,
};
pub use permissions::{
    permits, role_scopes, Actor, ArticleRef, MediaRef, Permission, Scope, Scopes,
};
pub use secrets::{csrf_token_for, hash_secret, new_api_token, new_secret, same_token};
pub use sign_in::sign_in;
pub use staff::{now, Staff, Via};
pub use tokens::{issue_token, requested_scopes, revoke_token, visible_tokens, MAX_TOKEN_DAYS};

/// Lifetimes and limits of sessions and logins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthPolicy {
    /// A session unused for this long (seconds) ends.
    pub session_idle: i64,
    /// A session ends this long after login, however active.
    pub session_absolute: i64,
    /// Consecutive failed logins that lock an account…
    pub max_failures: u32,
    /// …for this long (seconds).
    pub lockout: i64,
    /// Failed logins from one client address that lock it out…
    pub ip_max_failures: u32,
    /// …for this long; older failures are forgotten after the same time.
    pub ip_lockout: i64,
}

impl Default for AuthPolicy {
    fn default() -> Self {
        Self {
            session_idle: 8 * 3600,
            session_absolute: 7 * 24 * 3600,
            max_failures: 5,
            lockout: 15 * 60,
            ip_max_failures: 30,
            ip_lockout: 15 * 60,
        }
    }
}

/// Authentication state shared by every request.
#[derive(Debug)]
pub struct AuthState {
    pub policy: AuthPolicy,
    /// Cookies are `Secure` and `__Host-` prefixed: the site is served over HTTPS.
    pub secure_cookies: bool,
    pub cookies: CookieNames,
    pub by_ip: FailureLimiter,
    /// Failures against addresses that have no account.
    pub unknown_accounts: FailureLimiter,
}

impl AuthState {
    /// Secure cookies when `base_url` is `https://…`.
    pub fn new(base_url: &str, policy: AuthPolicy) -> Self {
        let secure = base_url.starts_with("https://");
        Self {
            by_ip: FailureLimiter::new(
                "staff_login_ip",
                policy.ip_max_failures,
                policy.ip_lockout,
                policy.ip_lockout,
            ),
            unknown_accounts: FailureLimiter::new(
                "staff_login_unknown",
                policy.max_failures,
                policy.lockout,
                policy.lockout,
            ),
            policy,
            secure_cookies: secure,
            cookies: CookieNames::new(secure),
        }
    }
}
