//! Edition use cases shared by the newsroom's edition pages, the Admin API
//! and first-run setup: typed input parsed into domain values, the admin
//! check, and the store call that audits the change.

use dateline_domain::{
    DateFormat, EditionCode, LanguageTag, NewEdition, ParseError, TextDirection, TimeZoneName,
};
use dateline_store::{Edition, EditionUpdate};

use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// Dates as most of the world writes them; editable later in the database.
pub const DEFAULT_DATE_FORMAT: &str = "%d.%m.%Y";

/// Languages written right to left (primary subtags).
const RTL_LANGUAGES: &[&str] = &["ar", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"];

/// An edition as typed into a form or sent as JSON.
#[derive(Debug, Clone, Default)]
pub struct EditionInput {
    pub code: String,
    pub name: String,
    pub language: String,
    pub time_zone: String,
}

/// Names the form field a parse error belongs to (`EditionCode` reports
/// itself as `edition`, the field is `code`).
fn on_field(field: &'static str) -> impl FnOnce(ParseError) -> ApiError {
    move |err| ApiError::new(ErrorCode::InvalidInput, err.to_string()).with_field(field)
}

impl EditionInput {
    /// The edition to create, with the direction its language is written
    /// in and the default date format.
    pub fn parse(&self) -> Result<NewEdition, ApiError> {
        let code: EditionCode = self.code.trim().parse().map_err(on_field("code"))?;
        if self.name.trim().is_empty() {
            return Err(
                ApiError::new(ErrorCode::InvalidInput, "name: an edition needs a name")
                    .with_field("name"),
            );
        }
        let language: LanguageTag = self.language.trim().parse().map_err(on_field("language"))?;
        let time_zone: TimeZoneName = self
            .time_zone
            .trim()
            .parse()
            .map_err(on_field("time_zone"))?;
        let direction = if RTL_LANGUAGES.contains(&language.primary()) {
            TextDirection::Rtl
        } else {
            TextDirection::Ltr
        };
        let new = NewEdition {
            code,
            name: self.name.trim().to_owned(),
            language,
            direction,
            time_zone,
            date_format: DEFAULT_DATE_FORMAT
                .parse::<DateFormat>()
                .map_err(ApiError::from)?,
            logo_media_id: None,
            position: 0,
        };
        new.validate().map_err(|e| {
            let field = if e.field == "name" { "name" } else { "code" };
            on_field(field)(e)
        })?;
        Ok(new)
    }
}

/// Creates an edition (admins only), after the existing ones.
pub async fn create_edition(
    state: &AppState,
    staff: &Staff,
    input: &EditionInput,
) -> Result<Edition, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let new = input.parse()?;
    let audit = staff.audit("edition.create", "edition", None);
    state
        .store
        .create_edition_audited(&new, &audit)
        .await
        .map_err(|e| ApiError::from(e).with_field("code"))
}

/// Renames an edition or changes its time zone (admins only); empty
/// values leave a field as it is.
pub async fn update_edition(
    state: &AppState,
    staff: &Staff,
    edition: &Edition,
    name: Option<&str>,
    time_zone: Option<&str>,
) -> Result<Edition, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let time_zone = time_zone
        .map(str::trim)
        .filter(|tz| !tz.is_empty())
        .map(|tz| tz.parse::<TimeZoneName>().map_err(on_field("time_zone")))
        .transpose()?;
    let name = name.map(str::trim);
    if name == Some("") {
        return Err(
            ApiError::new(ErrorCode::InvalidInput, "name: an edition needs a name")
                .with_field("name"),
        );
    }
    let update = EditionUpdate {
        name: name.map(str::to_owned),
        time_zone,
    };
    let audit = staff.audit("edition.update", "edition", Some(edition.id));
    Ok(state
        .store
        .update_edition(edition.id, &update, &audit)
        .await?)
}

/// The edition with this code, or `unknown_edition`.
pub async fn edition_by_code(state: &AppState, code: &str) -> Result<Edition, ApiError> {
    let parsed: EditionCode = code
        .parse()
        .map_err(|_| ApiError::new(ErrorCode::UnknownEdition, "no such edition"))?;
    state
        .store
        .edition_by_code(&parsed)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::UnknownEdition, "no such edition"))
}
