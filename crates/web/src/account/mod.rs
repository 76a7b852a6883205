//! Reader accounts on the public site (`/account/…`): registration with a
//! verified address, sign-in by password or by a mailed link or code,
//! password reset, change of address, profile, data export and deletion.
//! One file per use case; `reader.rs` holds the [`Reader`] extractor other
//! features (comments, chat) take, `page.rs` the pages' chrome and form
//! protection, `session.rs` the cookie and sign-in, `secrets.rs` the
//! mailed one-use secrets.
//!
//! URL scheme: every page is `/account/{page}?edition={code}&return={path}`.
//! `edition` picks the chrome and language (default: the edition the
//! `return` path is in, else the first edition); `return` is where the
//! reader goes back to afterwards (a path on this site only). Forms carry
//! both as hidden fields.
//!
//! Security: the session cookie (`dateline_reader`, `__Host-` on HTTPS) is
//! distinct from the staff cookie; anonymous forms carry a double-submit
//! token (cookie + field), signed-in forms the session's CSRF token.
//! Requests for mail (register, reset, sign-in) answer the same whether or
//! not the address has an account; they are limited per address and per
//! client address, password logins lock the account like staff logins.

mod aliases;
mod delete;
mod devices;
mod email;
mod export;
mod login;
mod logout;
mod me;
mod page;
mod profile;
mod reader;
mod register;
mod reset;
mod secrets;
mod session;
mod sign_in;
mod unsubscribe;
mod verify;

pub(crate) use page::{form_token_ok, FormError};
pub use reader::{Reader, ReaderRejection};
pub use session::ReaderAuth;
pub(crate) use session::{absolute, ClientIp};
pub(crate) use unsubscribe::unsubscribe_url;

use axum::routing::{get, post};
use axum::Router;

use aliases::leads_to;
use aliases::Target::{Account, Newsletters};

use crate::AppState;

/// The account pages' routes. Not behind the page cache: every answer is
/// personal (`Cache-Control: no-store`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/me", get(me::me))
        .route(
            "/account/register",
            get(register::form).post(register::submit),
        )
        .route("/account/verify", get(verify::confirm).post(verify::submit))
        .route(
            "/account/unsubscribe",
            get(unsubscribe::confirm).post(unsubscribe::submit),
        )
        .route(
            "/account/notifications",
            leads_to(Account("", "#notifications")).post(profile::notifications),
        )
        .route("/account/login", get(login::form).post(login::submit))
        .route(
            "/account/sign-in",
            get(sign_in::form).post(sign_in::request),
        )
        .route(
            "/account/sign-in/code",
            get(sign_in::code_form).post(sign_in::code_submit),
        )
        .route(
            "/account/sign-in/link",
            get(sign_in::link_confirm).post(sign_in::link_submit),
        )
        .route(
            "/account/logout",
            leads_to(Account("", "#sessions")).post(logout::logout),
        )
        .route(
            "/account/logout-everywhere",
            leads_to(Account("", "#sessions")).post(logout::everywhere),
        )
        .route("/account/sessions/end", post(devices::end))
        .route("/account/verify/resend", post(verify::resend))
        .route(
            "/account/forgot",
            get(reset::forgot_form).post(reset::forgot),
        )
        .route("/account/reset", get(reset::reset_form).post(reset::reset))
        .route("/account/", get(profile::page))
        .route("/account", get(profile::add_slash))
        .route(
            "/account/profile",
            leads_to(Account("", "#profile")).post(profile::save),
        )
        .route(
            "/account/password",
            leads_to(Account("", "#password")).post(profile::password),
        )
        .route(
            "/account/email",
            leads_to(Account("", "#email")).post(email::request),
        )
        .route(
            "/account/email/confirm",
            get(email::confirm).post(email::submit),
        )
        .route("/account/export", get(export::download))
        .route("/account/delete", get(delete::form).post(delete::submit))
        // Other names readers type or guess.
        .route("/account/settings", leads_to(Account("", "#profile")))
        .route("/account/sessions", leads_to(Account("", "#sessions")))
        .route("/account/signup", leads_to(Account("register", "")))
        .route("/account/signin", leads_to(Account("login", "")))
        .route("/account/subscriptions", leads_to(Newsletters))
        .route("/account/newsletters", leads_to(Newsletters))
}
