//! `/api/v1/admin/editions/{edition}/sections`: create and change sections
//! (scope `sections:write`; editors of that edition and admins).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use dateline_domain::{EditionCode, NewSection, Slug};
use dateline_store::SectionUpdate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::responses::AdminSection;
use super::ApiJson;
use crate::api::context::ApiContext;
use crate::api::extract::{self, ApiPath};
use crate::api::sections::unknown_section;
use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSectionDto {
    /// A slug that no fixed route of an edition uses (`tag`, `author`, …).
    #[schema(
        pattern = "^(?!(tag|author|newsfeed|mediabank|chats|live|search|newsletter|account|comments)$)[a-z0-9]+(-[a-z0-9]+)*$",
        max_length = 120,
        example = "sport"
    )]
    pub slug: String,
    /// Not blank.
    #[schema(pattern = r"\S")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub position: i32,
}

/// Fields to change; absent ones stay as they are. The slug cannot change:
/// it is part of every article address in the section.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SectionPatch {
    /// Not blank.
    #[schema(pattern = r"\S")]
    pub title: Option<String>,
    pub description: Option<String>,
    pub position: Option<i32>,
}

/// Creates a section in an edition.
#[utoipa::path(post, path = "/api/v1/admin/editions/{edition}/sections", operation_id = "admin_create_section", tag = "admin",
    security(("bearer" = [])),
    params(("edition" = EditionCode, Path, description = "Edition code")),
    request_body = NewSectionDto,
    responses(
        (status = 201, description = "Created", body = AdminSection),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an editor of this edition, or the token lacks `sections:write` (`forbidden`); `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`unknown_edition`", body = ErrorBody),
        (status = 409, description = "The slug is taken (`duplicate`)", body = ErrorBody),
        (status = 422, description = "Bad or reserved slug, empty title (`invalid_input`)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(edition): ApiPath<String>,
    ApiJson(body): ApiJson<NewSectionDto>,
) -> Result<(StatusCode, Json<AdminSection>), ApiError> {
    let code = extract::edition_code(&edition)?;
    let ctx = ApiContext::load(&state).await?;
    let edition = ctx.edition(&code)?;
    staff.require(Permission::WriteSection {
        edition_id: edition.id,
    })?;
    let slug = body.slug.parse().map_err(ApiError::from)?;
    let new = NewSection {
        edition_id: edition.id,
        slug,
        title: body.title,
        description: body.description,
        position: body.position,
    };
    let audit = staff.audit("section.create", "section", None);
    let section = state.store.create_section_audited(&new, &audit).await?;
    Ok((
        StatusCode::CREATED,
        Json(AdminSection::build(&section, &code, &ctx)),
    ))
}

/// Changes a section's title, description or position.
#[utoipa::path(patch, path = "/api/v1/admin/editions/{edition}/sections/{section}", operation_id = "admin_update_section", tag = "admin",
    security(("bearer" = [])),
    params(
        ("edition" = EditionCode, Path, description = "Edition code"),
        ("section" = Slug, Path, description = "Section slug"),
    ),
    request_body = SectionPatch,
    responses(
        (status = 200, description = "The changed section", body = AdminSection),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`unknown_edition`, `unknown_section`", body = ErrorBody),
        (status = 422, description = "Empty title (`invalid_input`)", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath((edition, section)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<SectionPatch>,
) -> Result<Json<AdminSection>, ApiError> {
    let code = extract::edition_code(&edition)?;
    let slug = extract::slug("section", &section)?;
    let ctx = ApiContext::load(&state).await?;
    let edition = ctx.edition(&code)?;
    staff.require(Permission::WriteSection {
        edition_id: edition.id,
    })?;
    let section = state
        .store
        .section_by_slug(edition.id, &slug)
        .await?
        .ok_or_else(|| unknown_section(&slug))?;
    let update = SectionUpdate {
        title: body.title,
        description: body.description,
        position: body.position,
    };
    let audit = staff.audit("section.update", "section", Some(section.id));
    let section = state
        .store
        .update_section(section.id, &update, &audit)
        .await?;
    Ok(Json(AdminSection::build(&section, &code, &ctx)))
}

#[cfg(test)]
mod tests {
    use dateline_domain::{Slug, RESERVED_SECTION_SLUGS};

    use super::NewSectionDto;
    use crate::api::admin::reserved_in_pattern;

    /// The pattern of a new section's slug is `Slug`'s, less exactly the
    /// reserved slugs.
    #[test]
    fn new_slugs_exclude_exactly_the_reserved_ones() {
        let (reserved, rest) = reserved_in_pattern::<NewSectionDto>("slug");
        assert_eq!(reserved, RESERVED_SECTION_SLUGS);
        assert_eq!(format!("^{rest}"), Slug::PATTERN);
    }
}
