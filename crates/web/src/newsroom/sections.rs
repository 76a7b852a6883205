//! `/newsroom/editions/{code}/sections` (admins): an edition's sections in
//! display order; create one (slug derived from its name unless given),
//! rename it or edit its blurb, move it up or down (plain forms, no
//! script needed). Every change is audited by the store and purges `site`.

use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_domain::{NewSection, Slug};
use dateline_store::{Edition, Move, SectionUpdate};
use serde::Serialize;

use super::form::FormData;
use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::{Permission, Staff};
use crate::editions::edition_by_code;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

#[derive(Serialize)]
struct SectionRow {
    id: i64,
    slug: String,
    title: String,
    description: String,
    article_count: i64,
    first: bool,
    last: bool,
}

#[derive(Serialize, Default)]
struct NewValues {
    title: String,
    slug: String,
    description: String,
}

#[derive(Serialize)]
struct SectionsView {
    #[serde(flatten)]
    chrome: Chrome,
    edition_code: String,
    edition_name: String,
    sections: Vec<SectionRow>,
    new: NewValues,
    /// The refused field (`title`, `slug`) and the section it was on
    /// (none for the create form).
    error_field: Option<&'static str>,
    error_on: Option<i64>,
}

async fn view(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    edition: &Edition,
    status: StatusCode,
    new: NewValues,
    error: Option<(&'static str, Option<i64>)>,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(state, headers);
    let sections = state.store.sections(edition.id).await?;
    let count = sections.len();
    let sections = sections
        .into_iter()
        .enumerate()
        .map(|(i, s)| SectionRow {
            id: s.id,
            slug: s.slug.to_string(),
            title: s.title,
            description: s.description,
            article_count: s.article_count,
            first: i == 0,
            last: i + 1 == count,
        })
        .collect();
    let (error_field, error_on) = error.map_or((None, None), |(f, on)| (Some(f), on));
    let view = SectionsView {
        chrome: Chrome::new(staff, "editions"),
        edition_code: edition.code.to_string(),
        edition_name: edition.name.clone(),
        sections,
        new,
        error_field,
        error_on,
    };
    render_page(state, &locale, status, "newsroom/sections.html", &view)
}

fn back_to_list(edition: &Edition) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let location = crate::urls::newsroom::sections(&edition.code);
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// The edition, once the staff member may arrange it.
async fn editable(state: &AppState, staff: &Staff, code: &str) -> Result<Edition, ApiError> {
    staff.require(Permission::ManageEditions)?;
    edition_by_code(state, code).await
}

/// A section of this edition, or `unknown_section`.
async fn section_of(state: &AppState, edition: &Edition, id: i64) -> Result<i64, ApiError> {
    match state.store.section_by_id(id).await? {
        Some(s) if s.edition_id == edition.id => Ok(s.id),
        _ => Err(ApiError::new(ErrorCode::UnknownSection, "no such section")),
    }
}

fn is_form_error(err: &ApiError) -> bool {
    err.code.status().is_client_error() && err.code != ErrorCode::Forbidden
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    let edition = editable(&state, &staff, &code).await?;
    let new = NewValues::default();
    view(
        &state,
        &headers,
        &staff,
        &edition,
        StatusCode::OK,
        new,
        None,
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, ApiError> {
    let edition = editable(&state, &staff, &code).await?;
    let new = NewValues {
        title: form.get("title").to_owned(),
        slug: form.get("slug").to_owned(),
        description: form.get("description").to_owned(),
    };
    let result = async {
        if new.title.is_empty() {
            return Err(
                ApiError::new(ErrorCode::InvalidInput, "a section needs a title")
                    .with_field("title"),
            );
        }
        let slug: Slug = match new.slug.as_str() {
            "" => Slug::from_title(&new.title).ok_or_else(|| {
                ApiError::new(ErrorCode::InvalidInput, "no slug from this title").with_field("slug")
            })?,
            typed => typed.parse().map_err(ApiError::from)?,
        };
        let position =
            i32::try_from(state.store.sections(edition.id).await?.len()).unwrap_or(i32::MAX);
        let section = NewSection {
            edition_id: edition.id,
            slug,
            title: new.title.clone(),
            description: new.description.clone(),
            position,
        };
        let audit = staff.audit("section.create", "section", None);
        state
            .store
            .create_section_audited(&section, &audit)
            .await
            .map_err(|e| ApiError::from(e).with_field("slug"))
    }
    .await;
    match result {
        Ok(_) => Ok(back_to_list(&edition)),
        Err(err) if is_form_error(&err) => {
            let field = if err.field == Some("title") {
                "title"
            } else {
                "slug"
            };
            let status = err.code.status();
            view(
                &state,
                &headers,
                &staff,
                &edition,
                status,
                new,
                Some((field, None)),
            )
            .await
        }
        Err(err) => Err(err),
    }
}

/// A row's form: the name and the blurb.
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path((code, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, ApiError> {
    let edition = editable(&state, &staff, &code).await?;
    let id = section_of(&state, &edition, id).await?;
    let update = SectionUpdate {
        title: Some(form.get("title").to_owned()),
        description: Some(form.get("description").to_owned()),
        position: None,
    };
    let audit = staff.audit("section.update", "section", Some(id));
    match state.store.update_section(id, &update, &audit).await {
        Ok(_) => Ok(back_to_list(&edition)),
        Err(err) => {
            let err = ApiError::from(err);
            if !is_form_error(&err) {
                return Err(err);
            }
            let status = err.code.status();
            let new = NewValues::default();
            view(
                &state,
                &headers,
                &staff,
                &edition,
                status,
                new,
                Some(("title", Some(id))),
            )
            .await
        }
    }
}

/// `direction=up|down`.
pub async fn move_one(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, ApiError> {
    let edition = editable(&state, &staff, &code).await?;
    let id = section_of(&state, &edition, id).await?;
    let direction = match form.get("direction") {
        "up" => Move::Up,
        "down" => Move::Down,
        _ => {
            return Err(
                ApiError::new(ErrorCode::InvalidInput, "direction: up or down")
                    .with_field("direction"),
            )
        }
    };
    let audit = staff.audit("section.move", "section", Some(id));
    state.store.move_section(id, direction, &audit).await?;
    Ok(back_to_list(&edition))
}
