//! The editor's pickers: find an article for a related card by words of
//! its headline (JSON for the editor's script).

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_store::DeskQuery;
use serde::{Deserialize, Serialize};

use super::list::{desk_editions, desk_owner};
use super::view::Desk;
use crate::{ApiError, AppState};
use dateline_domain::ArticleStatus;

#[derive(Debug, Deserialize)]
pub(super) struct Search {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
struct Found {
    id: i64,
    headline: String,
    section: String,
    status: ArticleStatus,
}

/// Editors and admins find any article of their editions (a card to a
/// draft shows once it is out); contributors and authors find published
/// ones and their own. At most 10.
pub(super) async fn articles(
    State(state): State<AppState>,
    desk: Desk,
    Query(search): Query<Search>,
) -> Response {
    if search.q.trim().is_empty() {
        return Json(Vec::<Found>::new()).into_response();
    }
    let query = DeskQuery {
        editions: desk_editions(&desk.staff.account),
        status: desk_owner(&desk.staff.account).map(|_| ArticleStatus::Published),
        text: Some(search.q.clone()),
        limit: 10,
        ..DeskQuery::default()
    };
    match state.store.desk_articles(&query).await {
        Ok(page) => Json(
            page.items
                .into_iter()
                .map(|row| Found {
                    id: row.id,
                    headline: row.headline,
                    section: row.section_title,
                    status: row.status,
                })
                .collect::<Vec<_>>(),
        )
        .into_response(),
        Err(err) => ApiError::from(err).into_response(),
    }
}
