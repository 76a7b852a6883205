//! The newsroom's articles: the desk list (with bulk moves), the editor with autosave and
//! optimistic concurrency, the exact reader preview, the workflow (review,
//! schedule, publish, correct, unpublish), the revision history and the
//! translation desk (start a version in another edition, the source beside
//! the form, which editions have a version).
//!
//! One file per use case; `form.rs` parses the editor's form (its search
//! and social fields in `seo_form.rs`), `view.rs` holds what the pages share. Who may do what is `crate::auth`'s
//! `Permission`, checked for every article touched.

mod bulk;
mod create;
mod edit;
pub(crate) mod form;
mod history;
mod list;
mod live;
mod pick;
mod preview;
mod seo_form;
mod translate;
mod versions;
mod view;
mod workflow;

pub(crate) use edit::resolve_article;
pub(crate) use list::{desk_editions, desk_owner};
pub(crate) use translate::start_translation;
pub(crate) use view::{article_for, Desk};

use axum::routing::{get, post};
use axum::Router;

use crate::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/newsroom/articles", get(list::page).post(create::submit))
        .route("/newsroom/articles/new", get(create::form))
        .route("/newsroom/articles/bulk", post(bulk::submit))
        .route("/newsroom/articles/search", get(pick::articles))
        .route(
            "/newsroom/articles/{id}",
            get(edit::form).post(edit::submit),
        )
        .route("/newsroom/articles/{id}/autosave", post(edit::autosave))
        .route("/newsroom/articles/{id}/preview", get(preview::page))
        .route(
            "/newsroom/articles/{id}/translations",
            post(translate::submit),
        )
        .route("/newsroom/articles/{id}/status", post(workflow::submit))
        .route(
            "/newsroom/articles/{id}/live",
            get(live::page).post(live::coverage),
        )
        .route("/newsroom/articles/{id}/live/{entry}", post(live::entry))
        .route("/newsroom/articles/{id}/revisions", get(history::list))
        .route("/newsroom/articles/{id}/compare", get(history::compare))
        .route(
            "/newsroom/articles/{id}/revisions/{revision}/restore",
            post(history::restore),
        )
}
