//! The search and social fields of the Admin API's article bodies: read
//! into the domain's `ArticleSeo` (a new article) or `ArticleSeoPatch` (a
//! change). An empty text or address means the default, as `null` does.

use dateline_domain::{ArticleSeo, ArticleSeoPatch, CanonicalUrl};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

use super::articles::{ArticlePatch, NewArticleDto};
use crate::error::ApiError;

/// A canonical address in a request (`CanonicalUrlField`): empty, or the
/// original's absolute `http(s)` address.
pub struct CanonicalUrlField;

impl utoipa::PartialSchema for CanonicalUrlField {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(format!("^$|{}", CanonicalUrl::PATTERN)))
            .max_length(Some(CanonicalUrl::MAX_CHARS))
            .description(Some(
                "The absolute http(s) address of the original when the story is a \
                 syndicated copy (a host name, an optional port, then a path, query or \
                 fragment without spaces); empty for the story's own page.",
            ))
            .into()
    }
}

impl ToSchema for CanonicalUrlField {}

fn text(field: &'static str, raw: Option<&str>) -> Result<Option<String>, ApiError> {
    ArticleSeo::text(field, raw.unwrap_or_default()).map_err(ApiError::from)
}

fn canonical(raw: Option<&str>) -> Result<Option<CanonicalUrl>, ApiError> {
    match raw {
        None | Some("") => Ok(None),
        Some(url) => url.parse().map(Some).map_err(ApiError::from),
    }
}

/// The fields of a new article.
pub(super) fn new_seo(body: &NewArticleDto) -> Result<ArticleSeo, ApiError> {
    Ok(ArticleSeo {
        seo_title: text("seo_title", body.seo_title.as_deref())?,
        seo_description: text("seo_description", body.seo_description.as_deref())?,
        social_title: text("social_title", body.social_title.as_deref())?,
        social_description: text("social_description", body.social_description.as_deref())?,
        social_media_id: body.social_media_id,
        canonical_url: canonical(body.canonical_url.as_deref())?,
    })
}

/// The fields a change names; absent ones stay as they are.
pub(super) fn seo_patch(body: &ArticlePatch) -> Result<ArticleSeoPatch, ApiError> {
    let change = |field: &'static str, value: &Option<Option<String>>| {
        value
            .as_ref()
            .map(|value| text(field, value.as_deref()))
            .transpose()
    };
    Ok(ArticleSeoPatch {
        seo_title: change("seo_title", &body.seo_title)?,
        seo_description: change("seo_description", &body.seo_description)?,
        social_title: change("social_title", &body.social_title)?,
        social_description: change("social_description", &body.social_description)?,
        social_media_id: body.social_media_id,
        canonical_url: body
            .canonical_url
            .as_ref()
            .map(|value| canonical(value.as_deref()))
            .transpose()?,
    })
}
