//! `POST {article}/comments/{id}/report`: a reader flags a comment for the
//! moderators, with a reason from a fixed list and an optional note.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use dateline_domain::comment::{parse_note, ReportReason};
use dateline_store::comments::NewReport;
use serde::Deserialize;

use super::story::Story;
use crate::account::Reader;
use crate::auth::now;
use crate::error::ErrorCode;
use crate::site::{respond, PageError};
use crate::AppState;

#[derive(Debug, Deserialize)]
pub(super) struct ReportForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    csrf_token: String,
}

pub(super) async fn report(
    State(state): State<AppState>,
    Path((edition, section, slug, id)): Path<(String, String, String, i64)>,
    reader: Reader,
    Form(form): Form<ReportForm>,
) -> Response {
    let result = async {
        let story = Story::load(&state, &edition, &section, &slug).await?;
        reader
            .check_csrf(&form.csrf_token)
            .map_err(|e| PageError::new(e.code, "csrf"))?;
        let invalid =
            |e: dateline_domain::ParseError| PageError::new(ErrorCode::InvalidInput, e.to_string());
        let reason: ReportReason = form.reason.parse().map_err(invalid)?;
        let note = parse_note("note", &form.note).map_err(invalid)?;
        state
            .store
            .report_comment(&NewReport {
                comment_id: id,
                reader_id: reader.id,
                reason,
                note,
                at: now(),
            })
            .await?;
        Ok(Story::see_other(&format!(
            "{}?done=reported#c{id}",
            story.comments_url
        )))
    }
    .await;
    respond(&state, Some(&edition), result).await
}
