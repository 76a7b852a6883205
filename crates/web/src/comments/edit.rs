//! `POST {article}/comments/{id}/edit`: a reader rewrites their comment
//! within the edit window; it then shows as edited, or goes back to the
//! review queue where a new comment with that text would be held.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_domain::comment::{check, CheckInput, CommentBody, CommentStatus, Verdict};
use dateline_render::markdown::comment_html;
use dateline_store::comments::{CommentEdit, EditCheck};
use serde::Deserialize;

use super::checks::refusal_text;
use super::page::{render, FormState, PageQuery};
use super::story::Story;
use crate::account::Reader;
use crate::auth::now;
use crate::site::respond;
use crate::AppState;

#[derive(Debug, Deserialize)]
pub(super) struct EditForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    csrf_token: String,
}

pub(super) async fn edit(
    State(state): State<AppState>,
    Path((edition, section, slug, id)): Path<(String, String, String, i64)>,
    reader: Reader,
    Form(form): Form<EditForm>,
) -> Response {
    let result = async {
        let story = Story::load(&state, &edition, &section, &slug).await?;
        let locale = &story.ctx.locale;
        let fail = |error: String| async {
            let kept = FormState {
                body: form.body.clone(),
                error: Some(error),
                editing: Some(id),
                ..FormState::default()
            };
            let q = PageQuery::default();
            render(
                &state,
                &story,
                Some(&reader),
                &q,
                kept,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        };
        if reader.check_csrf(&form.csrf_token).is_err() {
            return fail(state.renderer.t(locale, "comment-confirm", &[])).await;
        }
        let body: CommentBody = match form.body.parse() {
            Ok(body) => body,
            Err(e) => {
                let key = format!("comment-refused-{}", e.code.replace('_', "-"));
                return fail(state.renderer.t(locale, &key, &[])).await;
            }
        };
        // An edit passes the same checks as a new comment (rate included:
        // edits spend it as posts do), in the transaction that writes it,
        // and goes back to the queue where a new comment would be held.
        let at = now();
        let settings = state.store.comment_settings(story.article.id).await?;
        let policy = &settings.policy(&state.comment_policy);
        let html = comment_html(body.as_str());
        let edit = CommentEdit {
            comment_id: id,
            article_id: story.article.id,
            reader_id: reader.id,
            body_source: body.as_str(),
            body_html: &html,
            at,
            window_start: at - policy.edit_window_secs,
            rate_since: at - policy.rate_window_secs,
            repeat_since: at - policy.repeat_window_secs,
        };
        let checked = state
            .store
            .edit_comment_checked(&edit, |who, facts| {
                let input = CheckInput {
                    body: &body,
                    commenter: &who.standing,
                    now: at,
                    open: settings.open_at(at),
                    mode: settings.mode,
                    banned_words: &facts.banned_words,
                    suspect_words: &facts.suspect_words,
                    recent_by_reader: facts.recent_by_reader,
                    recent_by_ip: 0,
                    repeated: facts.repeated,
                };
                match check(&input, policy) {
                    Verdict::Refuse(refusal) => EditCheck::Refuse(refusal),
                    Verdict::Hold(reason) => EditCheck::Hold(reason.as_str().to_owned()),
                    Verdict::Publish => EditCheck::Keep,
                }
            })
            .await;
        match checked {
            Ok(Err(refusal)) => fail(refusal_text(&state, locale, &refusal)).await,
            Ok(Ok(comment)) => {
                let done = match comment.status {
                    CommentStatus::Pending => "edited-pending",
                    _ => "edited",
                };
                Ok(Story::see_other(&format!(
                    "{}?done={done}#c{id}",
                    story.comments_url
                )))
            }
            Err(dateline_store::StoreError::NotFound) => {
                fail(state.renderer.t(locale, "comment-edit-closed", &[])).await
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&state, Some(&edition), result).await
}
