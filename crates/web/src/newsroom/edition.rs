//! `/newsroom/editions/{code}` (admins): one edition's form — name,
//! language, direction, digits, time zone, date format (chosen among the
//! domain's, each shown with an example), logo (a media-bank number, or a
//! file uploaded right here, which goes to the media bank first) and the
//! edition's comment rules — and its retirement or restoration (a button
//! that asks to confirm first). A refused form comes back as typed with
//! the reason on its field; nothing is changed.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use dateline_store::Edition;
use serde::Serialize;

use super::file_form::FileForm;
use super::form::FormData;
use super::media::{store_form_picture, Thumb};
use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::{Permission, Staff};
use crate::editions::{
    date_choices, edition_by_code, retire_edition, update_edition, DateChoice, EditionChange,
};
use crate::error::{ApiError, ErrorCode};
use crate::urls::newsroom as urls;
use crate::AppState;

/// The form's fields as typed.
#[derive(Debug, Clone, Default, Serialize)]
struct Typed {
    name: String,
    language: String,
    direction: String,
    number_system: String,
    time_zone: String,
    date_format: String,
    /// A media-bank number, or empty for no logo.
    logo: String,
    /// `pre`, `post`, or empty for the site's moderation.
    comment_mode: String,
    /// Hours, or empty for the site's hold.
    hold_hours: String,
}

impl Typed {
    fn read(form: &FormData) -> Self {
        Self {
            name: form.get("name").to_owned(),
            language: form.get("language").to_owned(),
            direction: form.get("direction").to_owned(),
            number_system: form.get("number_system").to_owned(),
            time_zone: form.get("time_zone").to_owned(),
            date_format: form.get("date_format").to_owned(),
            logo: form.get("logo").to_owned(),
            comment_mode: form.get("comment_mode").to_owned(),
            hold_hours: form.get("hold_hours").to_owned(),
        }
    }

    fn of(edition: &Edition) -> Self {
        Self {
            name: edition.name.clone(),
            language: edition.language.to_string(),
            direction: edition.direction.as_str().to_owned(),
            number_system: edition.number_system.as_str().to_owned(),
            time_zone: edition.time_zone.to_string(),
            date_format: edition.date_format.as_str().to_owned(),
            logo: edition
                .logo_media_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            comment_mode: edition
                .comment_mode
                .map(|m| m.as_str().to_owned())
                .unwrap_or_default(),
            hold_hours: edition
                .new_account_hold_hours
                .map(|h| h.to_string())
                .unwrap_or_default(),
        }
    }
}

/// Why the form was refused: the field (`name`, `time_zone`,
/// `date_format`, `logo`, `logo_file`) and a catalog message.
#[derive(Debug, Clone, Copy, Serialize)]
struct Refused {
    field: &'static str,
    message: &'static str,
    #[serde(skip)]
    status: StatusCode,
}

impl Refused {
    fn on(field: &'static str) -> Self {
        let message = match field {
            "name" => "ed-error-name",
            "time_zone" => "ed-error-time_zone",
            "date_format" => "ed-error-date_format",
            "language" => "ed-error-language",
            "new_account_hold_hours" => "ed-error-hold-hours",
            "edition" => "ed-error-home-edition",
            "confirm" => "ed-error-confirm",
            _ => "ed-error-logo",
        };
        Self {
            field,
            message,
            status: StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// A client error of the shared use case, on its field; anything else
    /// is not the form's to show.
    fn from_api(err: ApiError) -> Result<Self, ApiError> {
        let field = match err.field {
            Some(
                f @ ("name"
                | "time_zone"
                | "date_format"
                | "logo"
                | "language"
                | "new_account_hold_hours"
                | "edition"),
            ) => f,
            _ => return Err(err),
        };
        if !err.code.status().is_client_error() || err.code == ErrorCode::Forbidden {
            return Err(err);
        }
        Ok(Self::on(field))
    }
}

#[derive(Serialize)]
struct FormView {
    #[serde(flatten)]
    chrome: Chrome,
    code: String,
    language: String,
    action: String,
    sections_url: String,
    /// Where the retire or restore button posts.
    retirement_url: String,
    retired: bool,
    form: Typed,
    date_formats: Vec<DateChoice>,
    /// The chosen logo, when it is in the media bank.
    logo: Option<Thumb>,
    max_upload_mb: u64,
    error: Option<Refused>,
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    edition: &Edition,
    form: Typed,
    error: Option<Refused>,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(state, headers);
    let logo = match form.logo.parse::<i64>() {
        Ok(id) => state.store.media_by_id(id).await?.as_ref().map(Thumb::of),
        Err(_) => None,
    };
    let view = FormView {
        chrome: Chrome::new(staff, "editions"),
        code: edition.code.to_string(),
        language: edition.language.to_string(),
        action: urls::edition(&edition.code),
        sections_url: urls::sections(&edition.code),
        retirement_url: urls::edition_retirement(&edition.code),
        retired: !edition.is_active(),
        date_formats: date_choices(state, edition.language.as_str(), &form.date_format),
        form,
        logo,
        max_upload_mb: state.media.limits().max_bytes >> 20,
        error,
    };
    let status = error.map_or(StatusCode::OK, |e| e.status);
    render_page(state, &locale, status, "newsroom/edition.html", &view)
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let edition = edition_by_code(&state, &code).await?;
    render(
        &state,
        &headers,
        &staff,
        &edition,
        Typed::of(&edition),
        None,
    )
    .await
}

/// Saves the form: the fields are checked before a logo file is stored, so
/// a refused form keeps nothing.
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(code): Path<String>,
    form: FileForm,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let edition = edition_by_code(&state, &code).await?;
    let mut typed = Typed::read(&form.fields);
    let result = save(&state, &staff, &edition, &mut typed, form).await?;
    match result {
        Ok(()) => Ok(Redirect::to(urls::EDITIONS).into_response()),
        Err(refused) => render(&state, &headers, &staff, &edition, typed, Some(refused)).await,
    }
}

async fn save(
    state: &AppState,
    staff: &Staff,
    edition: &Edition,
    typed: &mut Typed,
    form: FileForm,
) -> Result<Result<(), Refused>, ApiError> {
    let logo = match typed.logo.as_str() {
        "" => None,
        number => match number.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => return Ok(Err(Refused::on("logo"))),
        },
    };
    let hold_hours = match typed.hold_hours.trim() {
        "" => None,
        hours => match hours.parse::<i64>() {
            Ok(h) => Some(h),
            Err(_) => return Ok(Err(Refused::on("new_account_hold_hours"))),
        },
    };
    let change = EditionChange {
        name: Some(&typed.name),
        time_zone: Some(&typed.time_zone),
        date_format: Some(typed.date_format.as_str()).filter(|f| !f.is_empty()),
        logo_media_id: Some(logo),
        language: Some(&typed.language),
        direction: Some(&typed.direction),
        number_system: Some(&typed.number_system),
        comment_mode: Some(Some(typed.comment_mode.as_str())),
        new_account_hold_hours: Some(hold_hours),
    };
    let mut update = match change.parse(edition) {
        Ok(update) => update,
        Err(err) => return Ok(Err(Refused::from_api(err)?)),
    };
    if let Some(file) = form.file {
        let audit = staff.audit("media.upload", "media", None);
        let (by, filed) = (Some(staff.id()), Some(edition.id));
        match store_form_picture(state, file, by, filed, audit).await? {
            Ok(id) => {
                update.logo_media_id = Some(Some(id));
                typed.logo = id.to_string();
            }
            Err(refused) => {
                return Ok(Err(Refused {
                    field: "logo_file",
                    message: refused.message,
                    status: refused.status,
                }))
            }
        }
    }
    match update_edition(state, staff, edition, &update).await {
        Ok(_) => Ok(Ok(())),
        Err(err) => Ok(Err(Refused::from_api(err)?)),
    }
}

/// Retires the edition or restores it (`action`), once the box saying so
/// is ticked; a refusal (the home edition, no tick) comes back on the form.
pub async fn retirement(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let edition = edition_by_code(&state, &code).await?;
    let retired = form.get("action") == "retire";
    let refused = if form.get("confirm") != "yes" {
        Some(Refused::on("confirm"))
    } else {
        match retire_edition(&state, &staff, &edition, retired).await {
            Ok(_) => None,
            Err(err) => Some(Refused::from_api(err)?),
        }
    };
    match refused {
        None => Ok(Redirect::to(&urls::edition(&edition.code)).into_response()),
        Some(refused) => {
            let typed = Typed::of(&edition);
            render(&state, &headers, &staff, &edition, typed, Some(refused)).await
        }
    }
}
