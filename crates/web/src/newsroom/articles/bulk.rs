//! `POST /newsroom/articles/bulk`: the stories ticked on the desk list
//! move together (back to draft, to review, published now, unpublished).
//! Each one is checked and moved on its own, exactly as from its editor
//! (permission for that story and that move, the workflow's rules, one
//! revision and one audit entry each); the list then says how many moved
//! and how many could not.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use dateline_domain::ArticleStatus;
use dateline_store::{StatusChange, StoreError};
use serde_json::json;

use super::view::{article_for, Desk};
use crate::auth::Permission;
use crate::error::{ApiError, ErrorCode};
use crate::newsroom::form::FormData;
use crate::AppState;

/// Stories one bulk action may move: a page of the list.
pub(super) const BULK_MAX: usize = 50;

/// Moves a bulk action offers: those needing nothing more than the move
/// (a schedule needs a time, a correction a note; those stay per story).
pub(super) const BULK_MOVES: [ArticleStatus; 4] = [
    ArticleStatus::Draft,
    ArticleStatus::InReview,
    ArticleStatus::Published,
    ArticleStatus::Unpublished,
];

pub(super) async fn submit(
    State(state): State<AppState>,
    desk: Desk,
    form: FormData,
) -> Result<Response, ApiError> {
    let to = form
        .get("action")
        .parse::<ArticleStatus>()
        .ok()
        .filter(|s| BULK_MOVES.contains(s))
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidInput,
                "choose what to do with the stories",
            )
        })?;
    let mut ids: Vec<i64> = form
        .all("ids")
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > BULK_MAX {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("at most {BULK_MAX} stories move at once"),
        ));
    }
    let now = crate::auth::now();
    let (mut moved, mut refused) = (0u32, 0u32);
    for id in ids {
        let article = match article_for(&state, &desk, id, |r| Permission::MoveArticle(r, to)).await
        {
            Ok(article) => article,
            Err(e) if matches!(e.code, ErrorCode::NotFound | ErrorCode::Forbidden) => {
                refused += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        let change = StatusChange {
            actor: Some(desk.id()),
            audit: Some(
                desk.audit(&format!("article.{}", to.as_str()), id)
                    .details(json!({
                        "from": article.status.as_str(),
                        "to": to.as_str(),
                        "bulk": true,
                    })),
            ),
            ..StatusChange::to(to)
        };
        match state.store.change_status(id, &change, now).await {
            Ok(_) => moved += 1,
            Err(StoreError::Invalid(_) | StoreError::Conflict { .. } | StoreError::NotFound) => {
                refused += 1
            }
            Err(err) => return Err(err.into()),
        }
    }
    let back = form.get("back");
    // Back to the list as it was filtered (only the list's own address).
    let own = back.starts_with("/newsroom/articles?") || back == "/newsroom/articles";
    let list = if own && back.bytes().all(|b| b.is_ascii_graphic()) {
        back.to_owned()
    } else {
        crate::urls::newsroom::articles("")
    };
    let joiner = if list.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!(
        "{list}{joiner}moved={moved}&refused={refused}&to={}",
        to.as_str()
    ))
    .into_response())
}
