//! `GET /api/v1/editions` and `GET /api/v1/editions/{edition}`.

use axum::extract::State;
use axum::Json;
use dateline_domain::{EditionCode, NumberSystem, TextDirection};
use dateline_store as store;
use serde::Serialize;
use utoipa::ToSchema;

use super::context::ApiContext;
use super::extract::{self, ApiPath};
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

/// An edition: one language or region of the site.
#[derive(Debug, Serialize, ToSchema)]
pub struct Edition {
    /// Short code, first in every URL of the edition.
    #[schema(value_type = EditionCode, example = "en")]
    pub code: String,
    pub name: String,
    /// BCP 47 language tag.
    #[schema(example = "en-GB")]
    pub language: String,
    pub direction: TextDirection,
    /// IANA time zone dates are shown in.
    #[schema(example = "Europe/London")]
    pub time_zone: String,
    /// strftime-style pattern of dates shown to readers.
    #[schema(example = "%d %B %Y")]
    pub date_format: String,
    /// Media asset used as the edition's logo (`GET /api/v1/media/{id}`).
    pub logo_media_id: Option<i64>,
    /// Published articles in the edition.
    pub article_count: i64,
    /// The edition's front page.
    pub url: String,
    /// The edition's newsfeed (all articles, newest first).
    pub newsfeed_url: String,
    /// Digits of its numbers and dates: Latin, or the language's own.
    pub number_system: NumberSystem,
    /// A retired edition's stories stay readable; it publishes nothing new.
    pub retired: bool,
}

impl Edition {
    pub fn build(edition: &store::Edition, ctx: &ApiContext) -> Self {
        let urls = ctx.urls();
        Self {
            code: edition.code.to_string(),
            name: edition.name.clone(),
            language: edition.language.to_string(),
            direction: edition.direction,
            time_zone: edition.time_zone.to_string(),
            date_format: edition.date_format.as_str().to_owned(),
            logo_media_id: edition.logo_media_id,
            article_count: edition.article_count,
            url: urls.front(&edition.code),
            newsfeed_url: urls.newsfeed(&edition.code),
            number_system: edition.number_system,
            retired: !edition.is_active(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EditionList {
    /// In display order.
    pub items: Vec<Edition>,
}

/// All editions, in display order.
#[utoipa::path(get, path = "/v1/editions", tag = "editions",
    responses((status = 200, description = "Every edition", body = EditionList)))]
pub async fn list_editions(State(state): State<AppState>) -> Result<Json<EditionList>, ApiError> {
    let ctx = ApiContext::load(&state).await?;
    let items = ctx
        .editions()
        .iter()
        .map(|e| Edition::build(e, &ctx))
        .collect();
    Ok(Json(EditionList { items }))
}

/// One edition by its code.
#[utoipa::path(get, path = "/v1/editions/{edition}", tag = "editions",
    params(("edition" = EditionCode, Path, description = "Edition code")),
    responses(
        (status = 200, description = "The edition", body = Edition),
        (status = 400, description = "Malformed edition code (`invalid_query`)", body = ErrorBody),
        (status = 404, description = "No such edition (`unknown_edition`)", body = ErrorBody),
    ))]
pub async fn get_edition(
    State(state): State<AppState>,
    ApiPath(edition): ApiPath<String>,
) -> Result<Json<Edition>, ApiError> {
    let code = extract::edition_code(&edition)?;
    let ctx = ApiContext::load(&state).await?;
    Ok(Json(Edition::build(ctx.edition(&code)?, &ctx)))
}
