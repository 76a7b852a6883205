//! The newsroom: staff pages behind a login. This module holds the
//! security pages (login, sessions, API tokens, users, audit log) and the
//! home page; the article editor and media pages plug in next to them.
//!
//! Every newsroom answer is `Cache-Control: no-store`; every unsafe request
//! authenticated by the session cookie carries its CSRF token
//! ([`crate::auth::require_csrf`]); errors are HTML pages in the staff
//! member's language, and an ended session leads back to the login form.

mod articles;
mod audit;
// Admins: bylines and their profiles.
mod authors;
// Chat rooms and their moderation.
mod chats;
// Admins: one edition's name, time zone, date format and logo.
mod edition;
// Admins: editions and their sections.
mod editions;
// A form that may carry one picture (an edition's logo).
mod file_form;
mod form;
// Editors arrange each edition's front page.
mod front;
mod home;
// The page an invitation mail links to: choose a password, sign in.
mod invitation;
mod login;
mod media;
// Comment moderation: queues, log, word lists, section rules.
mod moderation;
// Newsletter lists, send reports, breaking alerts.
mod newsletters;
mod pages;
mod password;
// Search across every status, within what one may read.
mod search;
mod sections;
mod sessions;
// Admins: the site-wide settings.
mod settings;
// Admins: importing a WordPress or Ghost export.
pub(crate) mod imports;
// First run: the setup page and the gate leading to it.
mod setup;
mod tokens;
mod users;
// The wire queue and its sources.
// Admins: webhooks and their delivery logs.
mod webhooks;
mod wires;

use axum::http::header::{CACHE_CONTROL, REFERRER_POLICY, X_FRAME_OPTIONS};
use axum::http::HeaderValue;
use axum::middleware;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

pub(crate) use articles::{desk_editions, desk_owner, start_translation, Desk};
pub use form::FormData;
pub use pages::{render_form_page, render_page, render_with_form_token, Chrome, NewsroomLocale};
pub use setup::{gate as setup_gate, issue_setup_token};

use crate::auth::require_csrf;
use crate::AppState;

/// The newsroom's routes, with full paths (merged at the root).
pub fn router(state: AppState) -> Router<AppState> {
    let protected = Router::new()
        .route("/newsroom/", get(home::page))
        .route("/newsroom/logout", post(login::logout))
        .route("/newsroom/sessions", get(sessions::page))
        .route(
            "/newsroom/sessions/logout-everywhere",
            post(sessions::logout_everywhere),
        )
        .route("/newsroom/sessions/password", post(password::change))
        .route("/newsroom/tokens", get(tokens::page).post(tokens::create))
        .route("/newsroom/tokens/{id}/revoke", post(tokens::revoke))
        .route("/newsroom/users", get(users::page).post(users::create))
        .route("/newsroom/users/{id}", post(users::update))
        .route("/newsroom/users/{id}/invite", post(users::invite_again))
        .route("/newsroom/audit", get(audit::page))
        .route("/newsroom/search", get(search::page))
        .route("/newsroom/newsletters", get(newsletters::page))
        .route(
            "/newsroom/newsletters/lists/{id}",
            post(newsletters::update_list),
        )
        .route("/newsroom/newsletters/sends/{id}", get(newsletters::report))
        .route(
            "/newsroom/articles/{id}/alert",
            get(newsletters::alert_form).post(newsletters::alert_send),
        )
        .route(
            "/newsroom/editions",
            get(editions::page).post(editions::create),
        )
        .route(
            "/newsroom/editions/{code}",
            get(edition::page)
                .post(edition::update)
                .layer(media::picture_form_limit(&state)),
        )
        .route(
            "/newsroom/editions/{code}/retirement",
            post(edition::retirement),
        )
        .route(
            "/newsroom/settings",
            get(settings::page).post(settings::save),
        )
        .route(
            "/newsroom/imports",
            get(imports::page)
                .post(imports::start)
                .layer(imports::body_limit()),
        )
        .route("/newsroom/imports/{id}", get(imports::run_page))
        .route(
            "/newsroom/editions/{code}/sections",
            get(sections::page).post(sections::create),
        )
        .route(
            "/newsroom/editions/{code}/sections/{id}",
            post(sections::update),
        )
        .route(
            "/newsroom/editions/{code}/sections/{id}/move",
            post(sections::move_one),
        )
        .route(
            "/newsroom/articles/{id}/wire-seen",
            post(wires::acknowledge),
        )
        .merge(wires::router())
        .merge(webhooks::router())
        .merge(articles::router())
        .merge(authors::router())
        .merge(front::router())
        .merge(media::router(&state))
        .merge(moderation::router())
        .merge(chats::router())
        .layer(middleware::from_fn_with_state(state.clone(), require_csrf));
    Router::new()
        .route(
            "/newsroom",
            get(|| async { Redirect::permanent(crate::urls::newsroom::HOME) }),
        )
        // The login form checks its own double-submit token.
        .route("/newsroom/login", get(login::form).post(login::submit))
        // The invitation form checks its own double-submit token.
        .route(
            "/newsroom/invitation",
            get(invitation::form).post(invitation::accept),
        )
        // Setup checks its own double-submit token and its setup token.
        .merge(setup::router(&state))
        .merge(protected)
        // Inside the error pages, so that a refused form is answered as one.
        .layer(middleware::from_fn(crate::input_text::refuse_in_forms))
        .layer(middleware::from_fn_with_state(state, pages::html_errors))
        .layer(middleware::map_response(private))
}

/// Staff pages are personal: never stored by a browser or proxy, never framed.
async fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    response
}
