//! Edition use cases shared by the newsroom's edition pages, the Admin API,
//! first-run setup and the `dateline edition` command: typed input parsed
//! into domain values, the admin check, the store call that audits the
//! change (create, change, retire, restore), and the date formats offered
//! with an example of each.

use dateline_domain::comment::ModerationMode;
use dateline_domain::{
    DateFormat, EditionCode, LanguageTag, NewEdition, NumberSystem, ParseError, TextDirection,
    TimeZoneName,
};
use dateline_store::{Edition, EditionUpdate, NewAudit, Store, StoreError};
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

/// The way `language` is written, as far as the built-in list knows
/// (left to right otherwise; an edition may say otherwise).
pub fn direction_of(language: &LanguageTag) -> TextDirection {
    if RTL_LANGUAGES.contains(&language.primary()) {
        TextDirection::Rtl
    } else {
        TextDirection::Ltr
    }
}

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
    /// `ltr` or `rtl`; `None` for the way the language is written.
    pub direction: Option<String>,
    /// `latin` or `native`; `None` for Latin digits.
    pub number_system: Option<String>,
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
    pub language: Option<&'a str>,
    /// `ltr` or `rtl`.
    pub direction: Option<&'a str>,
    /// `latin` or `native`.
    pub number_system: Option<&'a str>,
    /// `pre` or `post`; `Some(None)` (or an empty value) keeps the site's.
    pub comment_mode: Option<Option<&'a str>>,
    /// `Some(None)` keeps the site's hold.
    pub new_account_hold_hours: Option<Option<i64>>,
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
        let direction = match self.direction.as_deref().map(str::trim) {
            Some(typed) if !typed.is_empty() => typed.parse().map_err(on_field("direction"))?,
            _ => direction_of(&language),
        };
        let number_system = match self.number_system.as_deref().map(str::trim) {
            Some(typed) if !typed.is_empty() => typed.parse().map_err(on_field("number_system"))?,
            _ => NumberSystem::Latin,
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
            number_system,
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
    add_edition(
        &state.store,
        input,
        staff.audit("edition.create", "edition", None),
    )
    .await
}

/// Creates an edition with `audit` (an admin's, or the command line's
/// without an actor), after the existing ones.
pub async fn add_edition(
    store: &Store,
    input: &EditionInput,
    audit: NewAudit,
) -> Result<Edition, ApiError> {
    let new = input.parse()?;
    store
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
        let language = self
            .language
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| l.parse::<LanguageTag>().map_err(on_field("language")))
            .transpose()?;
        let direction = self
            .direction
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| d.parse::<TextDirection>().map_err(on_field("direction")))
            .transpose()?;
        let number_system = self
            .number_system
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| n.parse::<NumberSystem>().map_err(on_field("number_system")))
            .transpose()?;
        let comment_mode = self
            .comment_mode
            .map(|mode| {
                mode.map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(|m| {
                        m.parse::<ModerationMode>()
                            .map_err(on_field("comment_mode"))
                    })
                    .transpose()
            })
            .transpose()?;
        Ok(EditionUpdate {
            name: name.map(str::to_owned),
            time_zone,
            date_format,
            logo_media_id: self.logo_media_id,
            // A new language brings its direction unless one is given.
            direction: direction.or_else(|| {
                language
                    .as_ref()
                    .filter(|l| **l != edition.language)
                    .map(direction_of)
            }),
            language,
            number_system,
            comment_mode,
            new_account_hold_hours: self.new_account_hold_hours,
        })
    }
}

/// Changes an edition's name, time zone, date format, logo, language,
/// direction, digits or comment rules (admins only), audited. A logo not
/// in the media bank is refused on `logo`.
pub async fn update_edition(
    state: &AppState,
    staff: &Staff,
    edition: &Edition,
    update: &EditionUpdate,
) -> Result<Edition, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let audit = staff.audit("edition.update", "edition", Some(edition.id));
    change_edition(&state.store, edition, update, audit).await
}

/// [`update_edition`] with `audit` as given (the command line's).
pub async fn change_edition(
    store: &Store,
    edition: &Edition,
    update: &EditionUpdate,
    audit: NewAudit,
) -> Result<Edition, ApiError> {
    store
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

/// Retires an edition (`retired`) or restores it (admins only), audited
/// as `edition.retire` or `edition.restore`. The site's home edition
/// cannot be retired (`home_edition`).
pub async fn retire_edition(
    state: &AppState,
    staff: &Staff,
    edition: &Edition,
    retired: bool,
) -> Result<Edition, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let audit = staff.audit(retire_action(retired), "edition", Some(edition.id));
    set_retired(&state.store, edition, retired, audit).await
}

/// The audit action of a retirement or a restoration.
pub fn retire_action(retired: bool) -> &'static str {
    if retired {
        "edition.retire"
    } else {
        "edition.restore"
    }
}

/// [`retire_edition`] with `audit` as given (the command line's).
pub async fn set_retired(
    store: &Store,
    edition: &Edition,
    retired: bool,
    audit: NewAudit,
) -> Result<Edition, ApiError> {
    Ok(store
        .set_edition_retired(edition.id, retired, &audit)
        .await?)
}

/// The edition with this code, or `unknown_edition`.
pub async fn edition_by_code(state: &AppState, code: &str) -> Result<Edition, ApiError> {
    edition_in(&state.store, code).await
}

/// [`edition_by_code`] on `store` (the command line's).
pub async fn edition_in(store: &Store, code: &str) -> Result<Edition, ApiError> {
    let parsed: EditionCode = code
        .parse()
        .map_err(|_| ApiError::new(ErrorCode::UnknownEdition, "no such edition"))?;
    store
        .edition_by_code(&parsed)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::UnknownEdition, "no such edition"))
}
