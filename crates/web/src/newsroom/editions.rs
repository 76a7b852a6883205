//! `/newsroom/editions` (admins): list the editions (with their date
//! format and logo) and create one; each edition's own page
//! (`edition.rs`) changes it. The use cases are shared with the Admin API
//! (`crate::editions`).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::form::FormData;
use super::media::Thumb;
use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::{Permission, Staff};
use crate::editions::{
    create_edition, date_choices, DateChoice, EditionInput, DEFAULT_DATE_FORMAT,
};
use crate::error::{ApiError, ErrorCode};
use crate::urls::newsroom as urls;
use crate::AppState;

#[derive(Serialize)]
struct EditionRow {
    code: String,
    name: String,
    language: String,
    time_zone: String,
    /// Today's date as readers of the edition see it written.
    date_example: String,
    logo: Option<Thumb>,
    article_count: i64,
    edit_url: String,
    sections_url: String,
    retired: bool,
}

/// What the create form held, shown again after a refusal.
#[derive(Serialize, Default)]
struct NewValues {
    code: String,
    name: String,
    language: String,
    time_zone: String,
    date_format: String,
}

#[derive(Serialize)]
struct EditionsView {
    #[serde(flatten)]
    chrome: Chrome,
    editions: Vec<EditionRow>,
    new: NewValues,
    date_formats: Vec<DateChoice>,
    /// The refused field of the create form (`code`, `name`, `language`,
    /// `time_zone`, `date_format`).
    error_field: Option<&'static str>,
}

async fn view(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    status: StatusCode,
    new: NewValues,
    error_field: Option<&'static str>,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(state, headers);
    let editions = state.store.editions().await?;
    let logo_ids: Vec<i64> = editions.iter().filter_map(|e| e.logo_media_id).collect();
    let logos = state.store.media_by_ids(&logo_ids).await?;
    let today = crate::auth::now();
    let rows = editions
        .into_iter()
        .map(|e| {
            let shown = state.renderer.locale(
                e.language.as_str(),
                e.time_zone.as_str(),
                e.date_format.as_str(),
            );
            EditionRow {
                retired: !e.is_active(),
                date_example: state.renderer.date(&shown, today, None),
                logo: logos
                    .iter()
                    .find(|a| Some(a.id) == e.logo_media_id)
                    .map(Thumb::of),
                edit_url: urls::edition(&e.code),
                sections_url: urls::sections(&e.code),
                code: e.code.to_string(),
                name: e.name,
                language: e.language.to_string(),
                time_zone: e.time_zone.to_string(),
                article_count: e.article_count,
            }
        })
        .collect();
    let view = EditionsView {
        chrome: Chrome::new(staff, "editions"),
        editions: rows,
        date_formats: date_choices(state, locale.0.language, &new.date_format),
        new,
        error_field,
    };
    render_page(state, &locale, status, "newsroom/editions.html", &view)
}

/// The refused field of a client error; other errors are not the form's.
fn refused_field(err: &ApiError) -> Option<&'static str> {
    let form_error = err.code.status().is_client_error()
        && !matches!(err.code, ErrorCode::Forbidden | ErrorCode::UnknownEdition);
    let field = err
        .field
        .filter(|f| matches!(*f, "name" | "language" | "time_zone" | "date_format"))
        .unwrap_or("code");
    form_error.then_some(field)
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let new = NewValues {
        time_zone: "UTC".to_owned(),
        date_format: DEFAULT_DATE_FORMAT.to_owned(),
        ..NewValues::default()
    };
    view(&state, &headers, &staff, StatusCode::OK, new, None).await
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let input = EditionInput {
        code: form.get("code").to_owned(),
        name: form.get("name").to_owned(),
        language: form.get("language").to_owned(),
        time_zone: form.get("time_zone").to_owned(),
        date_format: Some(form.get("date_format"))
            .filter(|f| !f.is_empty())
            .map(str::to_owned),
        logo_media_id: None,
        direction: None,
        number_system: None,
    };
    match create_edition(&state, &staff, &input).await {
        // A new edition has no sections yet: their page comes next.
        Ok(edition) => Ok(Redirect::to(&urls::sections(&edition.code)).into_response()),
        Err(err) => {
            let Some(field) = refused_field(&err) else {
                return Err(err);
            };
            let new = NewValues {
                code: input.code,
                name: input.name,
                language: input.language,
                time_zone: input.time_zone,
                date_format: input.date_format.unwrap_or_default(),
            };
            view(
                &state,
                &headers,
                &staff,
                err.code.status(),
                new,
                Some(field),
            )
            .await
        }
    }
}
