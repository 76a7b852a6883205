//! The media bank: `GET /api/v1/media/{id}` and `GET /api/v1/media`, and the
//! `Media` object every other endpoint embeds. Only pictures readers may see
//! (`crate::visibility`): a story's picture once the story is published, a
//! picture an editor released, an edition's logo.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_domain::{ImageFormat, Shape};
use dateline_store::{self as store, Cursor, MediaQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::context::ApiContext;
use super::extract::{
    self, ApiPath, ApiQuery, QueryCursor, QueryEditionCode, QueryLimit, QuerySlug,
};
use super::ninjs::{picture_document, NinjsDocumentSchema};
use super::sections::unknown_section;
use super::timestamps::{parse_time, rfc3339, DateBound, TimeSchema};
use crate::distribution::Representation;
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::visibility::public_picture;
use crate::AppState;

/// A picture in the media bank, with the files it can be served as.
#[derive(Debug, Serialize, ToSchema)]
pub struct Media {
    pub id: i64,
    /// The largest public rendition (JPEG when there is one); `null` until
    /// the renditions are made. Originals, which keep every tag the camera wrote, are not
    /// served.
    pub url: Option<String>,
    pub format: ImageFormat,
    #[schema(example = "image/jpeg")]
    pub mime_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub byte_size: u64,
    pub caption: String,
    pub alt_text: String,
    /// As printed under the picture.
    pub credit: String,
    pub copyright: String,
    pub source: String,
    /// An archive picture, not taken for the story it illustrates.
    pub is_file_photo: bool,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// Code of the edition the asset is filed under.
    pub edition: Option<String>,
    /// The asset's page in the reader site's media bank, when it has an edition.
    pub page_url: Option<String>,
    /// Resized encodings: the crop's own (no `shape`), then each fixed
    /// shape's (16:9 `wide`, 4:3 `standard`, 1:1 `square`), by format then
    /// width ascending.
    pub renditions: Vec<Rendition>,
}

/// One resized encoding of a picture.
#[derive(Debug, Serialize, ToSchema)]
pub struct Rendition {
    /// The fixed shape it shows; `null`: the picture as cropped.
    pub shape: Option<Shape>,
    pub url: String,
    pub format: ImageFormat,
    #[schema(example = "image/webp")]
    pub mime_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub byte_size: u64,
}

impl Media {
    pub fn build(asset: &store::MediaAsset, ctx: &ApiContext) -> Self {
        let urls = ctx.urls();
        let edition = asset
            .edition_id
            .and_then(|id| ctx.edition_by_id(id))
            .map(|e| &e.code);
        let renditions = asset
            .renditions
            .iter()
            .map(|r| Rendition {
                shape: r.shape,
                url: urls.media_file(&r.storage_key),
                format: r.format,
                mime_type: r.format.mime(),
                width: r.width,
                height: r.height,
                byte_size: r.byte_size,
            })
            .collect();
        let largest = (asset.renditions.iter())
            .filter(|r| r.shape.is_none())
            .max_by_key(|r| (r.format == ImageFormat::Jpeg, r.width))
            .map(|r| urls.media_file(&r.storage_key));
        Self {
            id: asset.id,
            url: largest,
            format: asset.format,
            mime_type: asset.format.mime(),
            width: asset.width,
            height: asset.height,
            byte_size: asset.byte_size,
            caption: asset.caption.clone(),
            alt_text: asset.alt_text.clone(),
            credit: asset.credit.clone(),
            copyright: asset.copyright.clone(),
            source: asset.source.clone(),
            is_file_photo: asset.is_file_photo,
            created_at: rfc3339(asset.created_at),
            edition: edition.map(ToString::to_string),
            page_url: edition.map(|code| urls.media_page(code, asset.id)),
            renditions,
        }
    }
}

/// One media asset by id.
///
/// Only a picture readers may see: one a published story uses, one an
/// editor released to the media bank, or an edition's logo.
///
/// `Accept: application/ninjs+json` (with `; version=3.1` or `2.2`) gets
/// the picture as an IPTC ninjs document instead, as `/v1/ninjs/media/{id}`
/// gives it; `Accept: application/vnd.iptc.g2.newsitem+xml` gets its
/// NewsML-G2 picture item, as `/v1/newsml/media/{id}` does. Every answer
/// carries `Vary: Accept`.
#[utoipa::path(get, path = "/v1/media/{id}", tag = "media",
    params(("id" = i64, Path, description = "Media asset id")),
    responses(
        (status = 200, description = "The asset", content(
            (Media = "application/json"),
            (NinjsDocumentSchema = "application/ninjs+json"),
            (String = "application/vnd.iptc.g2.newsitem+xml"),
        )),
        (status = 400, description = "The id is not an integer (`invalid_query`)", body = ErrorBody),
        (status = 404, description = "No such asset, or not public (`not_found`)", body = ErrorBody),
        (status = 406, description = "`Accept` asks only for ninjs versions this site does not write (`not_acceptable`)", body = ErrorBody),
    ))]
pub async fn get_media(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let representation = Representation::negotiate(&headers)?;
    let ctx = ApiContext::load(&state).await?;
    // A picture readers may not see answers as one that does not exist.
    let asset = state
        .store
        .media_by_id(id)
        .await?
        .filter(|a| public_picture(a.id, a.is_public, ctx.editions()))
        .ok_or_else(|| ApiError::not_found("media asset"))?;
    let response = match representation {
        Representation::Ninjs(version) => picture_document(&state, &ctx, &asset, version)?,
        Representation::NewsItem => super::newsml::picture_news_item(&state, &asset).await?,
        Representation::Json => Json(Media::build(&asset, &ctx)).into_response(),
    };
    Ok(Representation::vary(response))
}

/// Filters of the media-bank archive. Times are an RFC 3339 date-time
/// (`2024-01-31T09:30:00Z`), a UTC date (`2024-01-31`) or Unix seconds.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MediaListParams {
    /// Only assets filed under this edition (code).
    #[param(value_type = Option<QueryEditionCode>)]
    edition: Option<String>,
    /// Only assets filed under this section (slug); needs `edition`.
    #[param(value_type = Option<QuerySlug>)]
    section: Option<String>,
    /// Created at or after this time; a date means its first second (UTC).
    #[param(value_type = Option<TimeSchema>)]
    from: Option<String>,
    /// Created before this time (later than `from`); a date includes that whole day (UTC).
    #[param(value_type = Option<TimeSchema>)]
    until: Option<String>,
    /// Page size, 1 to 100.
    #[param(value_type = Option<QueryLimit>)]
    limit: Option<String>,
    /// `next_cursor` from the previous page.
    #[param(value_type = Option<QueryCursor>)]
    cursor: Option<String>,
}

/// One page of the archive.
#[derive(Debug, Serialize, ToSchema)]
pub struct MediaPage {
    /// Newest first.
    pub items: Vec<Media>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// The media-bank archive, newest first, filtered and paginated.
///
/// Only pictures a published story uses or an editor released to the bank.
#[utoipa::path(get, path = "/v1/media", tag = "media", params(MediaListParams),
    responses(
        (status = 200, description = "One page of assets", body = MediaPage),
        (status = 400, description = "Bad parameter (`invalid_query`, `invalid_limit`, `invalid_cursor`)", body = ErrorBody),
        (status = 404, description = "Unknown filter value (`unknown_edition`, `unknown_section`)", body = ErrorBody),
    ))]
pub async fn list_media(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<MediaListParams>,
) -> Result<Json<MediaPage>, ApiError> {
    let mut query = MediaQuery {
        limit: extract::limit(params.limit.as_deref())?,
        after: extract::cursor(params.cursor.as_deref())?,
        from: time_param("from", params.from.as_deref(), DateBound::StartOfDay)?,
        until: time_param("until", params.until.as_deref(), DateBound::EndOfDay)?,
        ..MediaQuery::default()
    };
    if let (Some(from), Some(until)) = (query.from, query.until) {
        if from >= until {
            let message = "until: must be later than from";
            return Err(ApiError::new(ErrorCode::InvalidQuery, message).with_field("until"));
        }
    }
    let edition_code = params.edition.as_deref().filter(|s| !s.is_empty());
    let section = extract::optional_slug("section", params.section.as_deref())?;
    let ctx = ApiContext::load(&state).await?;
    match (edition_code, section) {
        (None, None) => {}
        (None, Some(_)) => {
            let message = "section: filtering by section needs an edition";
            return Err(ApiError::new(ErrorCode::InvalidQuery, message).with_field("section"));
        }
        (Some(code), section) => {
            let edition = ctx.edition(&extract::edition_code(code)?)?;
            query.edition_id = Some(edition.id);
            if let Some(slug) = section {
                let found = state.store.section_by_slug(edition.id, &slug).await?;
                query.section_id = Some(found.ok_or_else(|| unknown_section(&slug))?.id);
            }
        }
    }
    let page = state.store.list_media(&query).await?;
    Ok(Json(MediaPage {
        items: page.items.iter().map(|a| Media::build(a, &ctx)).collect(),
        next_cursor: page.next.map(Cursor::encode),
    }))
}

fn time_param(
    field: &'static str,
    raw: Option<&str>,
    bound: DateBound,
) -> Result<Option<i64>, ApiError> {
    raw.filter(|s| !s.is_empty())
        .map(|s| parse_time(field, s, bound))
        .transpose()
}
