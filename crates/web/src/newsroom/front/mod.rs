//! `/newsroom/front/{edition}` (editors of the edition, admins): arrange
//! the edition's front page: the lead and top stories in order, and
//! stories pinned at the head of each section's block.
//!
//! Works as plain forms: up, down, remove and add post the whole list and
//! come back with the change made but not saved (like the article editor's
//! block buttons); Save stores it, guarded by the version the page was
//! read at. With JavaScript (`static/front.js`) the same list is reordered
//! in place (drag and drop, Alt+Arrow keys) and one Save posts it.

mod draft;
mod page;
mod save;

use axum::routing::get;
use axum::Router;

use crate::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new().route(
        "/newsroom/front/{edition}",
        get(page::page).post(save::submit),
    )
}
