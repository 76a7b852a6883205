//! First run: while the site has no staff account, `dateline serve` prints
//! a one-time setup address; the front page and the newsroom lead visitors
//! to `/setup`, whose form creates the first admin, edition (with its date
//! format and an optional logo) and sections, and names the site.
//!
//! Tokens are 256-bit secrets stored only as SHA-256 (`setup_tokens`), so
//! any node accepts the token any node printed; the store's single
//! `site_setup` row makes setup happen once even when two forms race.

mod form;
mod page;

use std::sync::atomic::Ordering;

use axum::extract::{Request, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dateline_store::{Store, StoreError};

use crate::auth::{hash_secret, new_secret, now};
use crate::AppState;

/// `/setup`, the form and its submission (which may carry a logo).
pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new().route(
        "/setup",
        get(page::form)
            .post(page::submit)
            .layer(super::media::picture_form_limit(state)),
    )
}

/// Makes a setup token, keeps its hash in the store and returns the token
/// to print. Called by `serve` when [`Store::has_staff`] is false.
pub async fn issue_setup_token(store: &Store) -> Result<String, StoreError> {
    let token = new_secret();
    store.add_setup_token(&hash_secret(&token), now()).await?;
    Ok(token)
}

/// Middleware: while setup is pending, `GET /` and the newsroom answer 303
/// to `/setup`. The first request that finds a staff account (set up here
/// or on another node) ends the check for the life of the process.
pub async fn gate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.setup_pending.load(Ordering::Relaxed) {
        return next.run(request).await;
    }
    let path = request.uri().path();
    let guarded = matches!(*request.method(), Method::GET | Method::HEAD)
        && (path == "/" || path == "/newsroom" || path.starts_with("/newsroom/"));
    if !guarded {
        return next.run(request).await;
    }
    match state.store.has_staff().await {
        Ok(true) => {
            state.setup_pending.store(false, Ordering::Relaxed);
            next.run(request).await
        }
        // A database error is left to the page itself to report.
        Err(_) => next.run(request).await,
        Ok(false) => {
            let mut response = StatusCode::SEE_OTHER.into_response();
            response.headers_mut().insert(
                LOCATION,
                HeaderValue::from_static(crate::urls::newsroom::SETUP),
            );
            response
        }
    }
}
