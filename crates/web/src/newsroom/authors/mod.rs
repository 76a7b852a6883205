//! `/newsroom/authors` (admins): the bylines. The list, and one form to
//! create an author or change one: name, biography, photo (a media-bank
//! picture), links, the staff account the byline belongs to, and the
//! editions the author writes for (a story's byline is chosen from its
//! edition's authors). Changes are audited by the store and refresh every
//! page that shows the byline.

mod edit;
mod list;

use axum::routing::get;
use axum::Router;

use crate::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/newsroom/authors", get(list::page).post(edit::create))
        .route("/newsroom/authors/new", get(edit::new_form))
        .route("/newsroom/authors/{id}", get(edit::form).post(edit::update))
}
