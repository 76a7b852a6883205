//! `POST {article}/comments/{id}/like`: one like per reader per comment.
//! The cached article page's Like carries no token: without JavaScript a
//! signed-out reader is sent to log in (and back to the comment), and a
//! signed-in one to the comment on the comments page, to press Like there;
//! a reader who may not take part goes to the comments page, which says why.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;

use super::checks::standing;
use super::story::{ActionForm, Story};
use crate::account::Reader;
use crate::auth::now;
use crate::site::respond;
use crate::urls::account_page;
use crate::AppState;

pub(super) async fn like(
    State(state): State<AppState>,
    Path((edition, section, slug, id)): Path<(String, String, String, i64)>,
    reader: Option<Reader>,
    Form(form): Form<ActionForm>,
) -> Response {
    let result = async {
        let story = Story::load(&state, &edition, &section, &slug).await?;
        let Some(reader) = reader else {
            let back = format!("{}#c{id}", story.comments_url);
            let login = account_page("login", story.ctx.code().as_str(), &back);
            return Ok(Story::see_other(&login));
        };
        if reader.check_csrf(&form.csrf_token).is_err() {
            return Ok(Story::see_other(&format!(
                "{}?done=confirm-like#c{id}",
                story.comments_url
            )));
        }
        let at = now();
        // The comments page says why this reader may not take part.
        if standing(&state, &reader, at).await?.is_err() {
            return Ok(Story::see_other(&format!(
                "{}#comments",
                story.comments_url
            )));
        }
        state.store.like_comment(id, reader.id, at).await?;
        Ok(Story::see_other(&format!(
            "{}?done=liked#c{id}",
            story.comments_url
        )))
    }
    .await;
    respond(&state, Some(&edition), result).await
}
