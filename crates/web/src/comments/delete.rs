//! `POST {article}/comments/{id}/delete`: a reader deletes their comment.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;

use super::story::{ActionForm, Story};
use crate::account::Reader;
use crate::site::{respond, PageError};
use crate::AppState;

pub(super) async fn delete(
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
        state
            .store
            .delete_own_comment(id, reader.id, crate::auth::now())
            .await?;
        Ok(Story::see_other(&format!(
            "{}?done=deleted",
            story.comments_url
        )))
    }
    .await;
    respond(&state, Some(&edition), result).await
}
