//! Approving and rejecting a comment; a rejection mails the commenter the
//! reason in their language, and approving a held reply sends the reply
//! mail its publication would have sent.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use dateline_domain::comment::{parse_note, CommentStatus};
use dateline_store::comments::{ModerationAction, StatusChange};
use serde::Deserialize;
use serde_json::json;

use super::{back_to, require_moderator};
use crate::auth::{now, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::mail::Mail;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    reason: String,
    /// The queue to go back to.
    #[serde(default)]
    queue: String,
}

async fn decide(
    state: &AppState,
    staff: &Staff,
    id: i64,
    action: ModerationAction,
    reason: String,
) -> Result<dateline_store::comments::Comment, ApiError> {
    require_moderator(staff)?;
    let change = StatusChange {
        comment_id: id,
        action,
        reason: reason.clone(),
        at: now(),
        actor_user_id: staff.id(),
        audit: staff
            .audit(action.as_str(), "comment", Some(id))
            .details(json!({ "reason": reason })),
    };
    Ok(state.store.moderate_comment(&change).await?)
}

pub async fn approve(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, ApiError> {
    let before = state.store.comment_by_id(id).await?;
    let comment = decide(&state, &staff, id, ModerationAction::Approve, String::new()).await?;
    // A held reply tells the author it answers once it is published.
    if before.is_some_and(|c| c.status == CommentStatus::Pending) {
        crate::comments::notify_approved_reply(&state, &comment).await?;
    }
    Ok(back_to(&crate::urls::newsroom::moderation_queue(
        &form.queue,
    )))
}

pub async fn reject(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, ApiError> {
    let reason = parse_note("reason", &form.reason)
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()).with_field("reason"))?;
    if reason.is_empty() {
        return Err(
            ApiError::new(ErrorCode::InvalidInput, "say why the comment is rejected")
                .with_field("reason"),
        );
    }
    let comment = decide(&state, &staff, id, ModerationAction::Reject, reason.clone()).await?;
    let (who, article) = tokio::try_join!(
        state.store.commenter(comment.reader_id),
        state.store.article_by_id(comment.article_id),
    )?;
    if let (Some(who), Some(article)) = (who, article) {
        state.mailer.send_later(Mail {
            to: who.email,
            language: who.language,
            kind: "comment-rejected",
            context: json!({
                "name": who.display_name,
                "headline": article.headline,
                "reason": reason,
                "comment": comment.body_source,
            }),
        });
    }
    Ok(back_to(&crate::urls::newsroom::moderation_queue(
        &form.queue,
    )))
}
