//! The story a comments request is about, loaded from its address.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_domain::Slug;
use dateline_store::Article;

use crate::site::{EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

/// A public article with its edition's chrome and its addresses.
pub(super) struct Story {
    pub ctx: EditionCtx,
    pub article: Article,
    pub url: String,
    pub comments_url: String,
}

impl Story {
    /// The public article at `/{code}/{section}/{slug}`, else 404.
    pub async fn load(
        state: &AppState,
        code: &str,
        section: &str,
        slug: &str,
    ) -> Result<Story, PageError> {
        let ctx = EditionCtx::load(state, code).await?;
        let slug: Slug = slug.parse().map_err(|_| PageError::not_found("article"))?;
        let article = state
            .store
            .article_by_slug(ctx.edition.id, &slug)
            .await?
            .filter(|a| a.status.is_public())
            .ok_or_else(|| PageError::not_found("article"))?;
        let home = ctx
            .section(article.section_id)
            .ok_or_else(|| PageError::not_found("section"))?;
        if home.slug.as_str() != section {
            return Err(PageError::not_found("article"));
        }
        let url = Urls::relative().article(ctx.code(), &home.slug, &article.slug);
        let comments_url = format!("{url}/comments");
        Ok(Story {
            ctx,
            article,
            url,
            comments_url,
        })
    }

    /// 303 to `location`: the GET after a successful POST.
    pub fn see_other(location: &str) -> Response {
        let mut response = StatusCode::SEE_OTHER.into_response();
        if let Ok(value) = HeaderValue::from_str(location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        response
    }
}

/// The one field a button form carries.
#[derive(Debug, serde::Deserialize)]
pub(super) struct ActionForm {
    #[serde(default)]
    pub csrf_token: String,
}
