//! The editor's pickers: find an article for a related card by words of
//! its headline (JSON for the editor's script).

use axum::extract::{Query, State};
use axum::Json;
use dateline_domain::ArticleStatus;
use dateline_store::DeskQuery;
use serde::{Deserialize, Serialize};

use super::list::{desk_editions, desk_owner};
use super::view::Desk;
use crate::auth::{ArticleRef, Permission, Scope};
use crate::{ApiError, AppState, ErrorCode};

#[derive(Debug, Deserialize)]
pub(super) struct Search {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
pub(super) struct Found {
    id: i64,
    headline: String,
    section: String,
    status: ArticleStatus,
}

/// Needs the `articles:read` scope. Editors and admins find any article of
/// their editions (a card to a draft shows once it is out); contributors
/// and authors find only what readers can see, since a related-story card
/// links to a published story. Each row is also one the caller may read.
/// At most 10.
pub(super) async fn articles(
    State(state): State<AppState>,
    desk: Desk,
    Query(search): Query<Search>,
) -> Result<Json<Vec<Found>>, ApiError> {
    if !desk.staff.scopes().contains(Scope::ArticlesRead) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "the articles:read scope is needed",
        ));
    }
    if search.q.trim().is_empty() {
        return Ok(Json(Vec::new()));
    }
    let account = &desk.staff.account;
    let query = DeskQuery {
        editions: desk_editions(account),
        public_only: desk_owner(account).is_some(),
        text: Some(search.q.clone()),
        limit: 10,
        ..DeskQuery::default()
    };
    let page = state.store.desk_articles(&query).await?;
    Ok(Json(
        page.items
            .into_iter()
            .filter(|row| {
                desk.can(Permission::ReadArticle(ArticleRef {
                    edition_id: row.edition_id,
                    created_by: row.created_by,
                    status: row.status,
                }))
            })
            .map(|row| Found {
                id: row.id,
                headline: row.headline,
                section: row.section_title,
                status: row.status,
            })
            .collect(),
    ))
}
