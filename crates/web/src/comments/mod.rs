//! Reader comments on the public site: the discussion on the article page
//! (cached for everyone, nothing personal), the per-story comments page
//! (rendered per request, with the reader's forms) and the plain-form
//! actions behind it (post, reply, edit, delete, like, report), each
//! answering POST-redirect-GET. `static/comments.js` only enhances them.

mod checks;
mod delete;
mod edit;
mod like;
mod notify;
mod page;
mod post;
mod report;
mod story;
mod view;

pub(crate) use notify::notify_approved_reply;
pub(crate) use view::{discussion, Discussion};

use axum::routing::{get, post};
use axum::Router;

use crate::AppState;

/// The comments routes, under each article's own address.
pub fn router() -> Router<AppState> {
    const BASE: &str = "/{edition}/{section}/{slug}/comments";
    Router::new()
        .route(BASE, get(page::page).post(post::post))
        .route(&format!("{BASE}/{{id}}/edit"), post(edit::edit))
        .route(&format!("{BASE}/{{id}}/delete"), post(delete::delete))
        .route(&format!("{BASE}/{{id}}/like"), post(like::like))
        .route(&format!("{BASE}/{{id}}/report"), post(report::report))
}
