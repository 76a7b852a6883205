//! The preview: the article rendered by the reader site's own code and
//! templates, whatever its status, so it looks exactly as it will, under
//! a banner that says it is a preview and, until it is published,
//! without a publication line.

use axum::extract::{Path, State};
use axum::http::header::HeaderName;
use axum::http::HeaderValue;
use axum::response::Response;

use super::view::{article_for, Desk};
use crate::auth::Permission;
use crate::error::ApiError;
use crate::reader::{render_article, Shown};
use crate::site::EditionCtx;
use crate::AppState;

pub(super) async fn page(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let article = article_for(&state, &desk, id, Permission::ReadArticle).await?;
    let edition = state
        .store
        .edition_by_id(article.edition_id)
        .await?
        .ok_or_else(|| ApiError::not_found("edition"))?;
    let failed = ApiError::internal;
    let ctx = EditionCtx::load(&state, edition.code.as_str())
        .await
        .map_err(|e| failed(e.detail))?;
    let mut response = render_article(&state, &ctx, &article, Shown::Preview)
        .await
        .map_err(|e| failed(e.detail))?;
    response.headers_mut().insert(
        HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex"),
    );
    Ok(response)
}
