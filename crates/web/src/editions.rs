//! Edition use cases shared by the newsroom's edition pages, the Admin API
//! and first-run setup: typed input parsed into domain values, the admin
//! check, the store call that audits the change, and the date formats
//! offered with an example of each.

use dateline_domain::{
    DateFormat, EditionCode, LanguageTag, NewEdition, ParseError, TextDirection, TimeZoneName,
};
use dateline_store::{Edition, EditionUpdate, StoreError};
use serde::Serialize;

use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// Dates as most of the world writes them, when none is chosen.
pub const DEFAULT_DATE_FORMAT: &str = "%d.%m.%Y";

/// The moment the examples of date formats show (31 January 2024, 14:05 UTC).
const EXAMPLE_TIME: i64 = 1_706_709_900;

/// A date format to choose, with how a date looks in it.
#[derive(Debug, Clone, Serialize)]
pub struct DateChoice {
    pub pattern: String,
    pub example: String,
}

/// The domain's date formats ([`DateFormat::PRESETS`]), and `current` when
/// it is another (set through the API), each with an example in
/// `language`.
pub fn date_choices(state: &AppState, language: &str, current: &str) -> Vec<DateChoice> {
    let mut patterns: Vec<&str> = DateFormat::PRESETS.to_vec();
    if !current.is_empty() && !patterns.contains(&current) && current.parse::<DateFormat>().is_ok()
    {
        patterns.push(current);
    }
    patterns
        .into_iter()
        .map(|pattern| {
            let locale = state.renderer.locale(language, "UTC", pattern);
            DateChoice {
                pattern: pattern.to_owned(),
                example: state.renderer.date(&locale, EXAMPLE_TIME, None),
            }
        })
        .collect()
}

/// A date format as chosen: one of the domain's ([`DateFormat::PRESETS`]),
/// or `current` unchanged (a format set otherwise, kept when its form is
/// saved again). Else an error on `date_format`.
pub fn parse_date_format(
    typed: &str,
    current: Option<&DateFormat>,
) -> Result<DateFormat, ApiError> {
    if let Some(current) = current.filter(|c| c.as_str() == typed) {
        return Ok(current.clone());
    }
    if !DateFormat::PRESETS.contains(&typed) {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("date_format: {typed:?} is not one of the date formats offered"),
        )
        .with_field("date_format"));
    }
    typed.parse().map_err(on_field("date_format"))
}

/// Languages written right to left (primary subtags).
const RTL_LANGUAGES: &[&str] = &["ar", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"];

/// An edition as typed into a form or sent as JSON.
#[derive(Debug, Clone, Default)]
pub struct EditionInput {
    pub code: String,
    pub name: String,
    pub language: String,
    pub time_zone: String,
    /// `None` for the default.
    pub date_format: Option<String>,
    /// A media-bank picture.
    pub logo_media_id: Option<i64>,
}

/// What a change of an edition says; `None` leaves a field as it is (and
/// so does an empty time zone).
#[derive(Debug, Clone, Copy, Default)]
pub struct EditionChange<'a> {
    pub name: Option<&'a str>,
    pub time_zone: Option<&'a str>,
    pub date_format: Option<&'a str>,
    /// `Some(None)` removes the logo.
    pub logo_media_id: Option<Option<i64>>,
}

/// Names the form field a parse error belongs to (`EditionCode` reports
/// itself as `edition`, the field is `code`).
fn on_field(field: &'static str) -> impl FnOnce(ParseError) -> ApiError {
    move |err| ApiError::new(ErrorCode::InvalidInput, err.to_string()).with_field(field)
}

impl EditionInput {
    /// The edition to create, with the direction its language is written
    /// in (and the default date format when none is given).
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
            date_format: match &self.date_format {
                Some(typed) => parse_date_format(typed, None)?,
                None => DEFAULT_DATE_FORMAT
                    .parse()
                    .map_err(on_field("date_format"))?,
            },
            logo_media_id: self.logo_media_id,
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
        .map_err(|e| {
            let field = if logo_missing(&e) { "logo" } else { "code" };
            ApiError::from(e).with_field(field)
        })
}

fn logo_missing(err: &StoreError) -> bool {
    matches!(err, StoreError::MissingReference { what: "logo" })
}

impl EditionChange<'_> {
    /// The change of `edition`, checked. The first bad field is named
    /// (`name`, `time_zone`, `date_format`).
    pub fn parse(&self, edition: &Edition) -> Result<EditionUpdate, ApiError> {
        let name = self.name.map(str::trim);
        if name == Some("") {
            return Err(
                ApiError::new(ErrorCode::InvalidInput, "name: an edition needs a name")
                    .with_field("name"),
            );
        }
        let time_zone = self
            .time_zone
            .map(str::trim)
            .filter(|tz| !tz.is_empty())
            .map(|tz| tz.parse::<TimeZoneName>().map_err(on_field("time_zone")))
            .transpose()?;
        let date_format = self
            .date_format
            .map(|f| parse_date_format(f, Some(&edition.date_format)))
            .transpose()?;
        Ok(EditionUpdate {
            name: name.map(str::to_owned),
            time_zone,
            date_format,
            logo_media_id: self.logo_media_id,
        })
    }
}

/// Changes an edition's name, time zone, date format or logo (admins
/// only), audited. A logo not in the media bank is refused on `logo`.
pub async fn update_edition(
    state: &AppState,
    staff: &Staff,
    edition: &Edition,
    update: &EditionUpdate,
) -> Result<Edition, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let audit = staff.audit("edition.update", "edition", Some(edition.id));
    state
        .store
        .update_edition(edition.id, update, &audit)
        .await
        .map_err(|e| {
            let missing = logo_missing(&e);
            let err = ApiError::from(e);
            if missing {
                err.with_field("logo")
            } else {
                err
            }
        })
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
