//! Suspending or banning a comment's author, with a reason they are shown.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use dateline_domain::comment::parse_note;
use dateline_store::comments::{Sanction, SanctionKind};
use serde::Deserialize;
use serde_json::json;

use super::{back_to, require_moderator};
use crate::auth::{now, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// Longest suspension, in days.
const MAX_DAYS: i64 = 365;

#[derive(Debug, Default, Deserialize)]
pub struct SanctionForm {
    /// `suspend` or `ban`.
    #[serde(default)]
    kind: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    queue: String,
}

pub async fn sanction(
    State(state): State<AppState>,
    staff: Staff,
    Path(comment_id): Path<i64>,
    Form(form): Form<SanctionForm>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let invalid = |field: &'static str, msg: &str| {
        ApiError::new(ErrorCode::InvalidInput, msg.to_owned()).with_field(field)
    };
    let reason =
        parse_note("reason", &form.reason).map_err(|e| invalid("reason", &e.to_string()))?;
    if reason.is_empty() {
        return Err(invalid("reason", "say why: the reader is shown the reason"));
    }
    let at = now();
    let (kind, action) = match form.kind.as_str() {
        "ban" => (SanctionKind::Ban, "reader.ban"),
        "suspend" => {
            let days: i64 = form
                .days
                .trim()
                .parse()
                .ok()
                .filter(|d| (1..=MAX_DAYS).contains(d))
                .ok_or_else(|| invalid("days", "a number of days from 1 to 365"))?;
            (
                SanctionKind::Suspend {
                    until: at + days * 86_400,
                },
                "reader.suspend",
            )
        }
        _ => return Err(invalid("kind", "suspend or ban")),
    };
    let comment = state
        .store
        .comment_by_id(comment_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "no such comment"))?;
    state
        .store
        .sanction_reader(&Sanction {
            reader_id: comment.reader_id,
            kind,
            reason: reason.clone(),
            comment_id: Some(comment_id),
            at,
            actor_user_id: staff.id(),
            audit: staff
                .audit(action, "reader", Some(comment.reader_id))
                .details(json!({ "reason": reason, "comment_id": comment_id, "days": form.days })),
        })
        .await?;
    Ok(back_to(&crate::urls::newsroom::moderation_queue(
        &form.queue,
    )))
}
