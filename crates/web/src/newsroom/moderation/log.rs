//! `GET /newsroom/moderation/log?before=`: who moderated what, and why.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::require_moderator;
use crate::auth::Staff;
use crate::error::ApiError;
use crate::newsroom::{render_page, Chrome, NewsroomLocale};
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct LogQuery {
    before: Option<i64>,
}

#[derive(Serialize)]
struct Entry {
    at: i64,
    actor: String,
    action: String,
    reason: String,
    comment_id: Option<i64>,
    reader: String,
}

#[derive(Serialize)]
struct LogView {
    #[serde(flatten)]
    chrome: Chrome,
    entries: Vec<Entry>,
    next_before: Option<i64>,
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Query(q): Query<LogQuery>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let (entries, next_before) = state.store.moderation_log(q.before, 50).await?;
    let view = LogView {
        chrome: Chrome::new(&staff, "moderation"),
        entries: entries
            .into_iter()
            .map(|e| Entry {
                at: e.at,
                actor: e.actor_name.unwrap_or_default(),
                action: e.action,
                reason: e.reason,
                comment_id: e.comment_id,
                reader: e.reader_name.unwrap_or_default(),
            })
            .collect(),
        next_before,
    };
    let locale = NewsroomLocale::from_headers(&state, &headers);
    render_page(
        &state,
        &locale,
        StatusCode::OK,
        "newsroom/moderation_log.html",
        &view,
    )
}
