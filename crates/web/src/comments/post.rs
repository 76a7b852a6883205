//! `POST {article}/comments`: a new comment or reply. Checked, stored
//! published or held, then 303 back to it; anything refused comes back in
//! the form with the text kept and the reason in the reader's language.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_domain::comment::{CommentBody, CommentStatus, Verdict};
use dateline_render::markdown::comment_html;
use dateline_store::comments::NewComment;
use serde::Deserialize;

use super::checks::{refusal_text, verdict};
use super::notify::{notify_reply, ReplyStory};
use super::page::{render, FormState, PageQuery};
use super::story::Story;
use crate::account::Reader;
use crate::auth::now;
use crate::site::{respond, PageError};
use crate::AppState;

#[derive(Debug, Deserialize)]
pub(super) struct CommentForm {
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub reply_to: String,
    #[serde(default)]
    pub csrf_token: String,
}

pub(super) async fn post(
    State(state): State<AppState>,
    Path((edition, section, slug)): Path<(String, String, String)>,
    reader: Option<Reader>,
    Form(form): Form<CommentForm>,
) -> Response {
    let result = async {
        let story = Story::load(&state, &edition, &section, &slug).await?;
        accept(&state, &story, reader.as_ref(), form).await
    }
    .await;
    respond(&state, Some(&edition), result).await
}

async fn accept(
    state: &AppState,
    story: &Story,
    reader: Option<&Reader>,
    form: CommentForm,
) -> Result<Response, PageError> {
    let locale = &story.ctx.locale;
    let reply_to = form.reply_to.trim().parse::<i64>().ok();
    let back = |key: &str, status| {
        let text = state.renderer.t(locale, key, &[]);
        (text, status)
    };
    let typed = form.body.clone();
    let refuse = |error: String, status| async move {
        let kept = FormState {
            body: typed,
            reply_to,
            error: Some(error),
            ..FormState::default()
        };
        render(state, story, reader, &PageQuery::default(), kept, status).await
    };
    let Some(reader) = reader else {
        let (text, status) = back("comment-sign-in-first", StatusCode::UNAUTHORIZED);
        return refuse(text, status).await;
    };
    // The cached article page has no token: the reader confirms here.
    if reader.check_csrf(&form.csrf_token).is_err() {
        let (text, status) = back("comment-confirm", StatusCode::OK);
        return refuse(text, status).await;
    }
    let body: CommentBody = match form.body.parse() {
        Ok(body) => body,
        Err(e) => {
            let key = format!("comment-refused-{}", e.code.replace('_', "-"));
            let (text, status) = back(&key, StatusCode::UNPROCESSABLE_ENTITY);
            return refuse(text, status).await;
        }
    };
    let at = now();
    let status = match verdict(state, story.article.id, reader, &body, at).await? {
        Verdict::Refuse(refusal) => {
            let text = refusal_text(state, locale, &refusal);
            return refuse(text, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Verdict::Hold(reason) => (CommentStatus::Pending, reason.as_str()),
        Verdict::Publish => (CommentStatus::Published, ""),
    };
    let new = NewComment {
        article_id: story.article.id,
        reader_id: reader.id,
        reply_to,
        body_source: body.as_str().to_owned(),
        body_html: comment_html(body.as_str()),
        status: status.0,
        status_reason: status.1.to_owned(),
        ip: reader.ip.clone(),
        at,
    };
    let comment = match state.store.post_comment(&new).await {
        Ok(c) => c,
        Err(dateline_store::StoreError::NotFound) => {
            let (text, status) = back("comment-reply-gone", StatusCode::UNPROCESSABLE_ENTITY);
            return refuse(text, status).await;
        }
        Err(e) => return Err(e.into()),
    };
    if comment.status == CommentStatus::Published {
        let about = ReplyStory {
            headline: &story.article.headline,
            comments_url: &story.comments_url,
            edition_name: &story.ctx.edition.name,
        };
        notify_reply(state, &about, &comment).await?;
    }
    let done = comment.status.as_str();
    Ok(Story::see_other(&format!(
        "{}?done={done}#c{}",
        story.comments_url, comment.id
    )))
}
