//! `/api/v1/admin/editions`: list, create and change editions (admins;
//! scope `users:admin`). The same use cases as the newsroom's edition
//! pages (`crate::editions`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use dateline_domain::{EditionCode, LanguageTag, TimeZoneName};
use serde::Deserialize;
use utoipa::ToSchema;

use super::ApiJson;
use crate::api::context::ApiContext;
use crate::api::editions::{Edition, EditionList};
use crate::api::extract::{self, ApiPath};
use crate::auth::{Permission, Staff};
use crate::editions::{create_edition, update_edition, EditionInput};
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewEditionDto {
    /// An edition code that no fixed route uses (`api`, `media`, …).
    #[schema(
        pattern = "^(?!(api|media|static|account|newsroom|healthz|readyz|setup)$)[a-z]{2,8}(-[a-z0-9]{2,8})?$",
        example = "de"
    )]
    pub code: String,
    /// Not blank.
    #[schema(pattern = r"\S")]
    pub name: String,
    /// BCP 47 language tag; right-to-left languages get `direction: rtl`.
    #[schema(value_type = LanguageTag, example = "de")]
    pub language: String,
    #[schema(value_type = TimeZoneName, example = "Europe/Berlin")]
    pub time_zone: String,
}

/// Fields to change; absent ones stay as they are. The code cannot change:
/// it is the first segment of every address in the edition.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EditionPatch {
    /// Not blank.
    #[schema(pattern = r"\S")]
    pub name: Option<String>,
    #[schema(value_type = Option<TimeZoneName>)]
    pub time_zone: Option<String>,
}

/// Every edition, in display order.
#[utoipa::path(get, path = "/api/v1/admin/editions", operation_id = "admin_list_editions", tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every edition", body = EditionList),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an admin, or the token lacks `users:admin` (`forbidden`)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<EditionList>, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let ctx = ApiContext::load(&state).await?;
    let items = ctx
        .editions()
        .iter()
        .map(|e| Edition::build(e, &ctx))
        .collect();
    Ok(Json(EditionList { items }))
}

/// Creates an edition, placed after the others.
#[utoipa::path(post, path = "/api/v1/admin/editions", operation_id = "admin_create_edition", tag = "admin",
    security(("bearer" = [])),
    request_body = NewEditionDto,
    responses(
        (status = 201, description = "Created", body = Edition),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 409, description = "The code is taken (`duplicate`)", body = ErrorBody),
        (status = 422, description = "Bad or reserved code, empty name, bad language or time zone (`invalid_input`)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(body): ApiJson<NewEditionDto>,
) -> Result<(StatusCode, Json<Edition>), ApiError> {
    let input = EditionInput {
        code: body.code,
        name: body.name,
        language: body.language,
        time_zone: body.time_zone,
    };
    let edition = create_edition(&state, &staff, &input).await?;
    let ctx = ApiContext::load(&state).await?;
    Ok((StatusCode::CREATED, Json(Edition::build(&edition, &ctx))))
}

/// Renames an edition or changes its time zone.
#[utoipa::path(patch, path = "/api/v1/admin/editions/{edition}", operation_id = "admin_update_edition", tag = "admin",
    security(("bearer" = [])),
    params(("edition" = EditionCode, Path, description = "Edition code")),
    request_body = EditionPatch,
    responses(
        (status = 200, description = "The changed edition", body = Edition),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`unknown_edition`", body = ErrorBody),
        (status = 422, description = "Empty name, unknown time zone (`invalid_input`)", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(edition): ApiPath<String>,
    ApiJson(body): ApiJson<EditionPatch>,
) -> Result<Json<Edition>, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let code = extract::edition_code(&edition)?;
    let ctx = ApiContext::load(&state).await?;
    let edition = ctx.edition(&code)?;
    let changed = update_edition(
        &state,
        &staff,
        edition,
        body.name.as_deref(),
        body.time_zone.as_deref(),
    )
    .await?;
    let ctx = ApiContext::load(&state).await?;
    Ok(Json(Edition::build(&changed, &ctx)))
}

#[cfg(test)]
mod tests {
    use dateline_domain::{EditionCode, RESERVED_EDITION_CODES};

    use super::NewEditionDto;
    use crate::api::admin::reserved_in_pattern;

    /// The pattern of a new code is `EditionCode`'s, less exactly the
    /// reserved codes.
    #[test]
    fn new_codes_exclude_exactly_the_reserved_ones() {
        let (reserved, rest) = reserved_in_pattern::<NewEditionDto>("code");
        assert_eq!(reserved, RESERVED_EDITION_CODES);
        assert_eq!(format!("^{rest}"), EditionCode::PATTERN);
    }
}
