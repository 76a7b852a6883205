//! `/api/v1/admin/editions`: list, create and change editions — name,
//! language, direction, digits, time zone, date format, logo, comment
//! rules — and retire or restore them (admins; scope `users:admin`). The
//! same use cases as the newsroom's edition pages and the `dateline
//! edition` command (`crate::editions`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use dateline_domain::comment::ModerationMode;
use dateline_domain::{EditionCode, LanguageTag, NumberSystem, TextDirection, TimeZoneName};
use dateline_store as store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::articles::present;
use super::ApiJson;
use crate::api::context::ApiContext;
use crate::api::editions::Edition;
use crate::api::extract::{self, ApiPath};
use crate::auth::{Permission, Staff};
use crate::editions::{
    create_edition, retire_edition, update_edition, EditionChange, EditionInput,
};
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

/// `pre`: a moderator reads every comment before it appears; `post`:
/// comments that pass the checks appear at once.
pub struct CommentModeChoice;

impl utoipa::PartialSchema for CommentModeChoice {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(["pre", "post"]))
            .into()
    }
}

impl ToSchema for CommentModeChoice {}

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
    /// BCP 47 language tag. Languages without a catalog of their own show
    /// the site's words in English.
    #[schema(value_type = LanguageTag, example = "de")]
    pub language: String,
    /// Left out: `rtl` for the right-to-left languages Dateline knows
    /// (Arabic, Hebrew, Persian, Urdu…), else `ltr`.
    #[schema(value_type = Option<TextDirection>)]
    pub direction: Option<String>,
    /// Left out: `latin`.
    #[schema(value_type = Option<NumberSystem>)]
    pub number_system: Option<String>,
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
    /// A new language (allowed with stories in the old one, and audited
    /// with their number); the direction follows it unless given.
    #[schema(value_type = Option<LanguageTag>)]
    pub language: Option<String>,
    #[schema(value_type = Option<TextDirection>)]
    pub direction: Option<String>,
    #[schema(value_type = Option<NumberSystem>)]
    pub number_system: Option<String>,
    /// The moderation of the edition's stories whose section sets none;
    /// `null` keeps the site's (post-moderation).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<CommentModeChoice>)]
    pub comment_mode: Option<Option<String>>,
    /// Hours a new reader account's comments wait for a moderator in this
    /// edition; `null` keeps the site's policy.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>, minimum = 0, maximum = 8760)]
    pub new_account_hold_hours: Option<Option<i64>>,
}

/// An edition as admins see it: what readers' API shows (its digits and
/// whether it is retired included), with when it was retired and its
/// comment rules.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminEdition {
    #[serde(flatten)]
    pub edition: Edition,
    /// When it was retired (Unix seconds).
    pub retired_at: Option<i64>,
    /// `null`: the site's moderation.
    #[schema(value_type = Option<CommentModeChoice>)]
    pub comment_mode: Option<&'static str>,
    /// `null`: the site's policy.
    pub new_account_hold_hours: Option<i64>,
}

impl AdminEdition {
    fn build(edition: &store::Edition, ctx: &ApiContext) -> Self {
        Self {
            edition: Edition::build(edition, ctx),
            retired_at: edition.retired_at,
            comment_mode: edition.comment_mode.map(ModerationMode::as_str),
            new_account_hold_hours: edition.new_account_hold_hours,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminEditionList {
    /// In display order, the retired ones included.
    pub items: Vec<AdminEdition>,
}

/// Every edition, in display order.
#[utoipa::path(get, path = "/api/v1/admin/editions", operation_id = "admin_list_editions", tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every edition", body = AdminEditionList),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an admin, or the token lacks `users:admin` (`forbidden`)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<AdminEditionList>, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let ctx = ApiContext::load(&state).await?;
    let items = ctx
        .editions()
        .iter()
        .map(|e| AdminEdition::build(e, &ctx))
        .collect();
    Ok(Json(AdminEditionList { items }))
}

/// Creates an edition, placed after the others.
#[utoipa::path(post, path = "/api/v1/admin/editions", operation_id = "admin_create_edition", tag = "admin",
    security(("bearer" = [])),
    request_body = NewEditionDto,
    responses(
        (status = 201, description = "Created", body = AdminEdition),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 409, description = "The code is taken (`duplicate`)", body = ErrorBody),
        (status = 422, description = "Bad or reserved code, empty name, bad language, direction, digits, time zone or date format (`invalid_input`); a logo not in the media bank (`missing_reference`)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(body): ApiJson<NewEditionDto>,
) -> Result<(StatusCode, Json<AdminEdition>), ApiError> {
    let input = EditionInput {
        code: body.code,
        name: body.name,
        language: body.language,
        time_zone: body.time_zone,
        date_format: body.date_format,
        logo_media_id: body.logo_media_id,
        direction: body.direction,
        number_system: body.number_system,
    };
    let edition = create_edition(&state, &staff, &input).await?;
    let ctx = ApiContext::load(&state).await?;
    Ok((
        StatusCode::CREATED,
        Json(AdminEdition::build(&edition, &ctx)),
    ))
}

/// Changes an edition's name, language, direction, digits, time zone, date
/// format, logo or comment rules.
#[utoipa::path(patch, path = "/api/v1/admin/editions/{edition}", operation_id = "admin_update_edition", tag = "admin",
    security(("bearer" = [])),
    params(("edition" = EditionCode, Path, description = "Edition code")),
    request_body = EditionPatch,
    responses(
        (status = 200, description = "The changed edition", body = AdminEdition),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`unknown_edition`", body = ErrorBody),
        (status = 422, description = "Empty name, bad language, direction or digits, unknown time zone, a date format not offered, a hold out of range (`invalid_input`); a logo not in the media bank (`missing_reference`)", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(edition): ApiPath<String>,
    ApiJson(body): ApiJson<EditionPatch>,
) -> Result<Json<AdminEdition>, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let code = extract::edition_code(&edition)?;
    let ctx = ApiContext::load(&state).await?;
    let edition = ctx.edition(&code)?;
    let change = EditionChange {
        name: body.name.as_deref(),
        time_zone: body.time_zone.as_deref(),
        date_format: body.date_format.as_deref(),
        logo_media_id: body.logo_media_id,
        language: body.language.as_deref(),
        direction: body.direction.as_deref(),
        number_system: body.number_system.as_deref(),
        comment_mode: body.comment_mode.as_ref().map(Option::as_deref),
        new_account_hold_hours: body.new_account_hold_hours,
    };
    let changed = update_edition(&state, &staff, edition, &change.parse(edition)?).await?;
    let ctx = ApiContext::load(&state).await?;
    Ok(Json(AdminEdition::build(&changed, &ctx)))
}

/// Retires an edition: it leaves the edition switcher, `/`, the sitemap
/// index and the newsroom's choices for new stories; its pages stay
/// readable with a notice, and none of its stories can be published anew
/// (`edition_retired`). Retiring a retired edition changes nothing.
#[utoipa::path(post, path = "/api/v1/admin/editions/{edition}/retire", operation_id = "admin_retire_edition", tag = "admin",
    security(("bearer" = [])),
    params(("edition" = EditionCode, Path, description = "Edition code")),
    responses(
        (status = 200, description = "The retired edition", body = AdminEdition),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`unknown_edition`", body = ErrorBody),
        (status = 409, description = "The site's home edition (`home_edition`): choose another in the site settings first", body = ErrorBody),
    ))]
pub async fn retire(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(edition): ApiPath<String>,
) -> Result<Json<AdminEdition>, ApiError> {
    set_retired(&state, &staff, &edition, true).await
}

/// Brings a retired edition back. Restoring an active edition changes
/// nothing.
#[utoipa::path(post, path = "/api/v1/admin/editions/{edition}/restore", operation_id = "admin_restore_edition", tag = "admin",
    security(("bearer" = [])),
    params(("edition" = EditionCode, Path, description = "Edition code")),
    responses(
        (status = 200, description = "The restored edition", body = AdminEdition),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`unknown_edition`", body = ErrorBody),
    ))]
pub async fn restore(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(edition): ApiPath<String>,
) -> Result<Json<AdminEdition>, ApiError> {
    set_retired(&state, &staff, &edition, false).await
}

async fn set_retired(
    state: &AppState,
    staff: &Staff,
    code: &str,
    retired: bool,
) -> Result<Json<AdminEdition>, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let code = extract::edition_code(code)?;
    let ctx = ApiContext::load(state).await?;
    let changed = retire_edition(state, staff, ctx.edition(&code)?, retired).await?;
    let ctx = ApiContext::load(state).await?;
    Ok(Json(AdminEdition::build(&changed, &ctx)))
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
