//! `/newsroom/editions` (admins): list the editions, create one, rename one
//! or change its time zone. The use cases are shared with the Admin API
//! (`crate::editions`).

use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::form::FormData;
use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::{Permission, Staff};
use crate::editions::{create_edition, edition_by_code, update_edition, EditionInput};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

#[derive(Serialize)]
struct EditionRow {
    code: String,
    name: String,
    language: String,
    time_zone: String,
    article_count: i64,
}

/// What the create form held, shown again after a refusal.
#[derive(Serialize, Default)]
struct NewValues {
    code: String,
    name: String,
    language: String,
    time_zone: String,
}

#[derive(Serialize)]
struct EditionsView {
    #[serde(flatten)]
    chrome: Chrome,
    editions: Vec<EditionRow>,
    new: NewValues,
    /// The refused field (`code`, `name`, `language`, `time_zone`) and, for
    /// an edit, the edition it was on.
    error_field: Option<&'static str>,
    error_on: Option<String>,
}

async fn view(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    status: StatusCode,
    new: NewValues,
    error: Option<(&'static str, Option<String>)>,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(state, headers);
    let editions = state
        .store
        .editions()
        .await?
        .into_iter()
        .map(|e| EditionRow {
            code: e.code.to_string(),
            name: e.name,
            language: e.language.to_string(),
            time_zone: e.time_zone.to_string(),
            article_count: e.article_count,
        })
        .collect();
    let (error_field, error_on) = error.map_or((None, None), |(f, on)| (Some(f), on));
    let view = EditionsView {
        chrome: Chrome::new(staff, "editions"),
        editions,
        new,
        error_field,
        error_on,
    };
    render_page(state, &locale, status, "newsroom/editions.html", &view)
}

fn back_to_list() -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(
        LOCATION,
        HeaderValue::from_static(crate::urls::newsroom::EDITIONS),
    );
    response
}

/// The refused field of a client error; other errors are not the form's.
fn refused_field(err: &ApiError) -> Option<&'static str> {
    let form_error = err.code.status().is_client_error()
        && !matches!(err.code, ErrorCode::Forbidden | ErrorCode::UnknownEdition);
    let field = err
        .field
        .filter(|f| matches!(*f, "name" | "language" | "time_zone"))
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
    };
    match create_edition(&state, &staff, &input).await {
        Ok(_) => Ok(back_to_list()),
        Err(err) => {
            let Some(field) = refused_field(&err) else {
                return Err(err);
            };
            let new = NewValues {
                code: input.code,
                name: input.name,
                language: input.language,
                time_zone: input.time_zone,
            };
            view(
                &state,
                &headers,
                &staff,
                err.code.status(),
                new,
                Some((field, None)),
            )
            .await
        }
    }
}

/// Each edition's row sends its name and time zone.
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageEditions)?;
    let edition = edition_by_code(&state, &code).await?;
    let result = update_edition(
        &state,
        &staff,
        &edition,
        Some(form.get("name")),
        Some(form.get("time_zone")),
    )
    .await;
    match result {
        Ok(_) => Ok(back_to_list()),
        Err(err) => {
            let Some(field) = refused_field(&err) else {
                return Err(err);
            };
            let on = Some(edition.code.to_string());
            let new = NewValues {
                time_zone: "UTC".to_owned(),
                ..NewValues::default()
            };
            view(
                &state,
                &headers,
                &staff,
                err.code.status(),
                new,
                Some((field, on)),
            )
            .await
        }
    }
}
