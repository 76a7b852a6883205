//! NewsML-G2 2.35 documents in the Content API, by id so that their
//! addresses never change: `GET /api/v1/newsml/articles/{id}` (a story's
//! text item), `…/articles/{id}/package` (the story with its lead picture)
//! and `GET /api/v1/newsml/media/{id}` (a picture item). Only public
//! stories and pictures readers may see; anything else is the API's JSON
//! 404. The documents are built in `distribution::newsml`.

use std::io;

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use dateline_store::MediaAsset;

use super::extract::ApiPath;
use crate::distribution::newsml::{self, Provider, NEWS_ITEM_TYPE, PACKAGE_ITEM_TYPE};
use crate::distribution::Story;
use crate::error::{ApiError, ErrorBody};
use crate::visibility::public_picture;
use crate::AppState;

/// A public story as a NewsML-G2 text `newsItem`.
///
/// The body is XHTML in `inlineXML`; the lead picture is linked as its own
/// picture item. The `guid` never changes; `version` grows with every
/// change, a correction included (which also adds `sig:correction`).
#[utoipa::path(get, path = "/v1/newsml/articles/{id}", tag = "newsml",
    params(("id" = i64, Path, description = "Article id")),
    responses(
        (status = 200, description = "The text item", body = String,
            content_type = "application/vnd.iptc.g2.newsitem+xml"),
        (status = 400, description = "The id is not an integer (`invalid_query`)", body = ErrorBody),
        (status = 404, description = "No such public article (`not_found`)", body = ErrorBody),
    ))]
pub async fn get_newsml_article(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    story_item(&state, &public_story(&state, id).await?).await
}

/// A public story with its lead picture as a NewsML-G2 `packageItem`.
///
/// One group refers to the text item and the lead picture's item (when the
/// story has one) by `guid` and address.
#[utoipa::path(get, path = "/v1/newsml/articles/{id}/package", tag = "newsml",
    params(("id" = i64, Path, description = "Article id")),
    responses(
        (status = 200, description = "The package item", body = String,
            content_type = "application/vnd.iptc.g2.packageitem+xml"),
        (status = 400, description = "The id is not an integer (`invalid_query`)", body = ErrorBody),
        (status = 404, description = "No such public article (`not_found`)", body = ErrorBody),
    ))]
pub async fn get_newsml_package(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let story = public_story(&state, id).await?;
    let site = state.cache.site(&state.store).await?;
    let provider = provider(
        &state,
        site.settings.site_name.as_deref(),
        &story.edition.name,
    );
    let xml = newsml::package_item(&story, provider).map_err(unwritable)?;
    Ok(xml_response(PACKAGE_ITEM_TYPE, xml))
}

/// A picture readers may see as a NewsML-G2 picture `newsItem`.
///
/// One `remoteContent` per rendition (address, type, pixels, bytes), with
/// caption, alternative text, credit and copyright. Originals are not
/// offered.
#[utoipa::path(get, path = "/v1/newsml/media/{id}", tag = "newsml",
    params(("id" = i64, Path, description = "Media asset id")),
    responses(
        (status = 200, description = "The picture item", body = String,
            content_type = "application/vnd.iptc.g2.newsitem+xml"),
        (status = 400, description = "The id is not an integer (`invalid_query`)", body = ErrorBody),
        (status = 404, description = "No such asset, or not public (`not_found`)", body = ErrorBody),
    ))]
pub async fn get_newsml_media(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let site = state.cache.site(&state.store).await?;
    let asset = state
        .store
        .media_by_id(id)
        .await?
        .filter(|a| public_picture(a.id, a.is_public, &site.editions))
        .ok_or_else(|| ApiError::not_found("media asset"))?;
    picture_news_item(&state, &asset).await
}

/// A picture readers may see as its item: what the media endpoint answers
/// when a client asks for NewsML-G2.
pub(crate) async fn picture_news_item(
    state: &AppState,
    asset: &MediaAsset,
) -> Result<Response, ApiError> {
    let site = state.cache.site(&state.store).await?;
    let edition = (asset.edition_id).and_then(|id| site.editions.iter().find(|e| e.id == id));
    let fallback = edition.or(site.editions.first()).map_or("", |e| &e.name);
    let provider = provider(state, site.settings.site_name.as_deref(), fallback);
    let xml = newsml::picture_item(asset, edition, provider).map_err(unwritable)?;
    Ok(xml_response(NEWS_ITEM_TYPE, xml))
}

/// A public story's text item: what the article endpoint answers when a
/// client asks for NewsML-G2.
pub(crate) async fn story_item(state: &AppState, story: &Story) -> Result<Response, ApiError> {
    let site = state.cache.site(&state.store).await?;
    let provider = provider(
        state,
        site.settings.site_name.as_deref(),
        &story.edition.name,
    );
    let xml = newsml::text_item(story, provider).map_err(unwritable)?;
    Ok(xml_response(NEWS_ITEM_TYPE, xml))
}

async fn public_story(state: &AppState, id: i64) -> Result<Story, ApiError> {
    Story::public_by_id(&state.store, id)
        .await?
        .ok_or_else(|| ApiError::not_found("article"))
}

/// The site as provider: the admins' name for it, else `fallback` (the
/// edition's name).
fn provider<'a>(
    state: &'a AppState,
    site_name: Option<&'a str>,
    fallback: &'a str,
) -> Provider<'a> {
    Provider {
        base_url: &state.config.base_url,
        name: site_name.unwrap_or(fallback),
    }
}

fn xml_response(media_type: &'static str, xml: String) -> Response {
    ([(CONTENT_TYPE, media_type)], xml).into_response()
}

fn unwritable(error: io::Error) -> ApiError {
    ApiError::internal(format!("writing a NewsML-G2 document: {error}"))
}
