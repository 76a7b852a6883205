//! IPTC ninjs documents of public stories and pictures, by number:
//! `GET /api/v1/ninjs/articles/{id}` and `GET /api/v1/ninjs/media/{id}`,
//! `?version=3.1` (the default) or `2.2`. The same documents answer the
//! article and media endpoints when `Accept` asks for
//! `application/ninjs+json` (`article.rs`, `media.rs`).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use dateline_store as store;
use serde::Deserialize;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::IntoParams;

use super::context::ApiContext;
use super::extract::{ApiPath, ApiQuery};
use crate::distribution::ninjs::{self, NinjsVersion, Publisher};
use crate::distribution::Story;
use crate::error::{ApiError, ErrorBody};
use crate::visibility::public_picture;
use crate::AppState;

/// Which ninjs to write.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NinjsParams {
    /// The ninjs version: `3.1` (when absent) or `2.2`; a major version
    /// alone means its latest minor.
    #[param(value_type = Option<NinjsVersionSchema>, inline)]
    version: Option<String>,
}

impl NinjsParams {
    fn version(&self) -> Result<NinjsVersion, ApiError> {
        match self.version.as_deref().filter(|v| !v.is_empty()) {
            None => Ok(NinjsVersion::LATEST),
            Some(asked) => asked.parse(),
        }
    }
}

/// One public article as an IPTC ninjs document, by its number, which
/// never changes (its address under an edition follows its slug).
#[utoipa::path(get, path = "/v1/ninjs/articles/{id}", tag = "ninjs",
    params(("id" = i64, Path, description = "Article id"), NinjsParams),
    responses(
        (status = 200, description = "The article as a ninjs `text` item, with its pictures and translations as associations",
            content_type = "application/ninjs+json", body = NinjsDocumentSchema),
        (status = 400, description = "A malformed id (`invalid_query`) or a version this site does not write (`unsupported_version`)", body = ErrorBody),
        (status = 404, description = "No such public article: drafts and withdrawn stories are not found (`not_found`)", body = ErrorBody),
    ))]
pub async fn ninjs_article(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(params): ApiQuery<NinjsParams>,
) -> Result<Response, ApiError> {
    let version = params.version()?;
    let story = Story::public_by_id(&state.store, id)
        .await?
        .ok_or_else(|| ApiError::not_found("article"))?;
    article_document(&state, &story, version).await
}

/// One picture readers may see as an IPTC ninjs document.
#[utoipa::path(get, path = "/v1/ninjs/media/{id}", tag = "ninjs",
    params(("id" = i64, Path, description = "Media asset id"), NinjsParams),
    responses(
        (status = 200, description = "The picture as a ninjs `picture` item with every rendition",
            content_type = "application/ninjs+json", body = NinjsDocumentSchema),
        (status = 400, description = "A malformed id (`invalid_query`) or a version this site does not write (`unsupported_version`)", body = ErrorBody),
        (status = 404, description = "No such asset, or not public (`not_found`)", body = ErrorBody),
    ))]
pub async fn ninjs_media(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(params): ApiQuery<NinjsParams>,
) -> Result<Response, ApiError> {
    let version = params.version()?;
    let ctx = ApiContext::load(&state).await?;
    let asset = state
        .store
        .media_by_id(id)
        .await?
        .filter(|a| public_picture(a.id, a.is_public, ctx.editions()))
        .ok_or_else(|| ApiError::not_found("media asset"))?;
    picture_document(&state, &ctx, &asset, version)
}

/// The ninjs answer for a public story.
pub(super) async fn article_document(
    state: &AppState,
    story: &Story,
    version: NinjsVersion,
) -> Result<Response, ApiError> {
    let ctx = ApiContext::load(state).await?;
    let site = state.cache.site(&state.store).await?;
    let publisher = Publisher {
        base_url: &state.config.base_url,
        site_name: site
            .settings
            .site_name
            .as_deref()
            .unwrap_or(&story.edition.name),
        editions: ctx.editions(),
    };
    let document = ninjs::article(&state.store, story, &publisher, version).await?;
    Ok(document.into_response())
}

/// The ninjs answer for a picture the caller found public.
pub(super) fn picture_document(
    state: &AppState,
    ctx: &ApiContext,
    asset: &store::MediaAsset,
    version: NinjsVersion,
) -> Result<Response, ApiError> {
    let publisher = Publisher {
        base_url: &state.config.base_url,
        site_name: "",
        editions: ctx.editions(),
    };
    Ok(ninjs::picture(asset, &publisher, version)?.into_response())
}

/// The `version` parameter in the document.
pub struct NinjsVersionSchema;

impl utoipa::PartialSchema for NinjsVersionSchema {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(["3.1", "3", "2.2", "2", ""]))
            .description(Some(
                "An IPTC ninjs version; `3` and `2` mean 3.1 and 2.2, empty means 3.1.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for NinjsVersionSchema {
    fn name() -> std::borrow::Cow<'static, str> {
        "NinjsVersion".into()
    }
}

/// A ninjs document in the document: its shape is IPTC's schema's.
pub struct NinjsDocumentSchema;

impl utoipa::PartialSchema for NinjsDocumentSchema {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property(
                "uri",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("A `tag:` URI that never changes")),
            )
            .required("uri")
            .description(Some(
                "An IPTC ninjs document (`Content-Type: application/ninjs+json; version=…`), \
                 valid against IPTC's JSON Schema of the version it names in `standard`: \
                 http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json (3.x property names, \
                 `firstCreated`) or http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json \
                 (2.x, `firstcreated`).",
            ))
            .into()
    }
}

impl utoipa::ToSchema for NinjsDocumentSchema {
    fn name() -> std::borrow::Cow<'static, str> {
        "NinjsDocument".into()
    }
}
