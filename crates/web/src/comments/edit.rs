//! `POST {article}/comments/{id}/edit`: a reader rewrites their comment
//! within the edit window; it then shows as edited.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_domain::comment::{check, CheckInput, CommentBody, Verdict};
use dateline_render::markdown::comment_html;
use dateline_store::comments::CommentEdit;
use serde::Deserialize;

use super::checks::refusal_text;
use super::page::{render, FormState, PageQuery};
use super::story::Story;
use crate::account::Reader;
use crate::auth::now;
use crate::reader::respond;
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
        // An edit passes the same word and link checks as a new comment,
        // checked in the transaction that writes it.
        let at = now();
        let policy = &state.comment_policy;
        let html = comment_html(body.as_str());
        let edit = CommentEdit {
            comment_id: id,
            reader_id: reader.id,
            body_source: body.as_str(),
            body_html: &html,
            at,
            window_start: at - policy.edit_window_secs,
        };
        let policy = dateline_domain::comment::CommentPolicy {
            new_account_secs: 0,
            ..(**policy).clone()
        };
        let checked = state
            .store
            .edit_comment_checked(&edit, |who, facts| {
                let input = CheckInput {
                    body: &body,
                    commenter: &who.standing,
                    now: at,
                    open: true,
                    mode: dateline_domain::comment::ModerationMode::Post,
                    banned_words: &facts.banned_words,
                    suspect_words: &[],
                    recent_by_reader: 0,
                    recent_by_ip: 0,
                    repeated: false,
                };
                match check(&input, &policy) {
                    Verdict::Refuse(refusal) => Err(refusal),
                    _ => Ok(()),
                }
            })
            .await;
        match checked {
            Ok(Err(refusal)) => fail(refusal_text(&state, locale, &refusal)).await,
            Ok(_) => Ok(Story::see_other(&format!(
                "{}?done=edited#c{id}",
                story.comments_url
            ))),
            Err(dateline_store::StoreError::NotFound) => {
                fail(state.renderer.t(locale, "comment-edit-closed", &[])).await
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&state, Some(&edition), result).await
}
