//! `GET /newsroom/moderation?queue=pending|reported|rejected&before=`: one
//! queue, newest first, each comment with its story, author, reasons and
//! the forms to decide on it.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use dateline_store::comments::QueueKind;
use serde::{Deserialize, Serialize};

use super::require_moderator;
use crate::auth::Staff;
use crate::error::ApiError;
use crate::newsroom::{render_page, Chrome, NewsroomLocale};
use crate::AppState;

const PAGE_SIZE: u32 = 30;

#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    queue: String,
    before: Option<i64>,
}

#[derive(Serialize)]
struct Item {
    id: i64,
    article_id: i64,
    headline: String,
    author: String,
    reader_id: i64,
    html: String,
    created_at: i64,
    status_reason: String,
    reports: Vec<(String, String)>,
}

#[derive(Serialize)]
struct QueueView {
    #[serde(flatten)]
    chrome: Chrome,
    queue: &'static str,
    items: Vec<Item>,
    next_before: Option<i64>,
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Query(q): Query<QueueQuery>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let (kind, name) = match q.queue.as_str() {
        "reported" => (QueueKind::Reported, "reported"),
        "rejected" => (QueueKind::Rejected, "rejected"),
        _ => (QueueKind::Pending, "pending"),
    };
    let page = state.store.comment_queue(kind, q.before, PAGE_SIZE).await?;
    let mut items = Vec::with_capacity(page.items.len());
    for (c, headline) in page.items {
        let reports = if c.report_count > 0 {
            state.store.comment_reports(c.id).await?
        } else {
            Vec::new()
        };
        items.push(Item {
            id: c.id,
            article_id: c.article_id,
            headline,
            author: c.author_name,
            reader_id: c.reader_id,
            html: c.body_html,
            created_at: c.created_at,
            status_reason: c.status_reason,
            reports,
        });
    }
    let view = QueueView {
        chrome: Chrome::new(&staff, "moderation"),
        queue: name,
        items,
        next_before: page.next_before,
    };
    let locale = NewsroomLocale::from_headers(&state, &headers);
    render_page(
        &state,
        &locale,
        StatusCode::OK,
        "newsroom/moderation.html",
        &view,
    )
}
