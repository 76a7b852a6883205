//! `POST /api/v1/admin/articles/{id}/translations`: starts a story's
//! version in another edition, the newsroom's "Translate" as an API call
//! (the same use case, `newsroom::start_translation`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use dateline_domain::{EditionCode, Slug};
use serde::Deserialize;
use utoipa::ToSchema;

use super::responses::AdminArticle;
use super::ApiJson;
use crate::api::extract::ApiPath;
use crate::auth::Staff;
use crate::error::{ApiError, ErrorBody};
use crate::newsroom::start_translation;
use crate::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewTranslationDto {
    /// The edition to translate into; it must not have a version yet.
    #[schema(value_type = EditionCode)]
    pub edition: String,
    /// A section slug in that edition; by default the one with the
    /// source's section slug, else the edition's first.
    #[schema(value_type = Option<Slug>)]
    pub section: Option<String>,
}

/// Starts a translation: a draft in `edition`, in the story's translation
/// group, with the source's headline, lead, body (pictures, quotes, embeds
/// and related cards in place), lead and social pictures, the tags the
/// edition already has, and the bylines that write for it (the caller's
/// own when it does). The source may be in any status.
#[utoipa::path(post, path = "/api/v1/admin/articles/{id}/translations", operation_id = "admin_translate_article", tag = "admin",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The source version")),
    request_body = NewTranslationDto,
    responses(
        (status = 201, description = "The new draft", body = AdminArticle),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (scope `articles:write`, or an edition the caller may not create stories in)", body = ErrorBody),
        (status = 404, description = "`not_found` (also when not the caller's to see), `unknown_edition`, `unknown_section`", body = ErrorBody),
        (status = 409, description = "`duplicate`: the edition has a version of the story already", body = ErrorBody),
        (status = 422, description = "`invalid_input`: an edition code or section slug of the wrong form", body = ErrorBody),
    ))]
pub async fn translate(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewTranslationDto>,
) -> Result<(StatusCode, Json<AdminArticle>), ApiError> {
    let edition: EditionCode = body
        .edition
        .trim()
        .parse()
        .map_err(|e| ApiError::from(e).with_field("edition"))?;
    let section: Option<Slug> = body
        .section
        .as_deref()
        .map(|typed| typed.trim().parse())
        .transpose()
        .map_err(|e| ApiError::from(e).with_field("section"))?;
    let draft = start_translation(&state, &staff, id, &edition, section.as_ref()).await?;
    Ok((StatusCode::CREATED, Json(draft.into())))
}
