//! `POST {article}/comments/{id}/like`: one like per reader per comment.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;

use super::checks::standing;
use super::story::{ActionForm, Story};
use crate::account::Reader;
use crate::auth::now;
use crate::error::ErrorCode;
use crate::site::{respond, PageError};
use crate::AppState;

pub(super) async fn like(
    State(state): State<AppState>,
    Path((edition, section, slug, id)): Path<(String, String, String, i64)>,
    reader: Reader,
    Form(form): Form<ActionForm>,
) -> Response {
    let result = async {
        let story = Story::load(&state, &edition, &section, &slug).await?;
        reader
            .check_csrf(&form.csrf_token)
            .map_err(|e| PageError::new(e.code, "csrf"))?;
        let at = now();
        if standing(&state, &reader, at).await?.is_err() {
            return Err(PageError::new(ErrorCode::Forbidden, "reader may not like"));
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
