//! `/api/v1/admin/editions`: list, create and change editions — name,
//! time zone, date format, logo (admins; scope `users:admin`). The same
//! use cases as the newsroom's edition pages (`crate::editions`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use dateline_domain::{EditionCode, LanguageTag, TimeZoneName};
use serde::Deserialize;
use utoipa::ToSchema;

use super::articles::present;
use super::ApiJson;
use crate::api::context::ApiContext;
use crate::api::editions::{Edition, EditionList};
use crate::api::extract::{self, ApiPath};
use crate::auth::{Permission, Staff};
use crate::editions::{create_edition, update_edition, EditionChange, EditionInput};
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

/// A date format the newsroom offers (`DateFormat::PRESETS`), strftime
/// style: `%d` day, `%e` day without a leading zero, `%m` month, `%b`/`%B`
/// month name, `%Y` year, `%H:%M` time.
pub struct DateFormatChoice;

impl utoipa::PartialSchema for DateFormatChoice {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(dateline_domain::DateFormat::PRESETS.iter().copied()))
            .description(Some(
                "How dates are written for the edition's readers: one of the formats the \
                 newsroom offers.",
            ))
            .examples(["%d.%m.%Y"])
            .into()
    }
}

impl ToSchema for DateFormatChoice {}

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
    /// `%d.%m.%Y` when left out.
    #[schema(value_type = Option<DateFormatChoice>)]
    pub date_format: Option<String>,
    /// A picture in the media bank, shown in the header of the edition's
    /// pages (and public while it is a logo).
    #[schema(minimum = 1)]
    pub logo_media_id: Option<i64>,
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
    /// One of the formats offered (the edition's current format is also
    /// accepted unchanged).
    #[schema(value_type = Option<DateFormatChoice>)]
    pub date_format: Option<String>,
    /// A picture in the media bank (upload one with `POST
    /// /api/v1/admin/media`); `null` removes the logo.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub logo_media_id: Option<Option<i64>>,
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
        (status = 422, description = "Bad or reserved code, empty name, bad language, time zone or date format (`invalid_input`); a logo not in the media bank (`missing_reference`)", body = ErrorBody),
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
        date_format: body.date_format,
        logo_media_id: body.logo_media_id,
    };
    let edition = create_edition(&state, &staff, &input).await?;
    let ctx = ApiContext::load(&state).await?;
    Ok((StatusCode::CREATED, Json(Edition::build(&edition, &ctx))))
}

/// Renames an edition or changes its time zone, date format or logo.
#[utoipa::path(patch, path = "/api/v1/admin/editions/{edition}", operation_id = "admin_update_edition", tag = "admin",
    security(("bearer" = [])),
    params(("edition" = EditionCode, Path, description = "Edition code")),
    request_body = EditionPatch,
    responses(
        (status = 200, description = "The changed edition", body = Edition),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`unknown_edition`", body = ErrorBody),
        (status = 422, description = "Empty name, unknown time zone, a date format not offered (`invalid_input`); a logo not in the media bank (`missing_reference`)", body = ErrorBody),
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
    let change = EditionChange {
        name: body.name.as_deref(),
        time_zone: body.time_zone.as_deref(),
        date_format: body.date_format.as_deref(),
        logo_media_id: body.logo_media_id,
    };
    let changed = update_edition(&state, &staff, edition, &change.parse(edition)?).await?;
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
