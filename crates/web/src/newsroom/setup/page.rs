//! `GET /setup` (the form, or "already set up") and `POST /setup` (one
//! store transaction, then the new admin is signed in). The form is
//! multipart when a logo is chosen: the logo goes to the media bank only
//! once every typed field is valid and the setup token is known, so a bad
//! form or a bad file creates nothing.

use std::sync::atomic::Ordering;

use axum::extract::{FromRequest, Query, Request, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_store::{NewAudit, SetupError, SiteSetup, StoreError};
use serde::{Deserialize, Serialize};

use super::form::{edition_field, FieldError, SetupValues};
use crate::auth::{client_ip, new_secret, now, read_cookie, same_token, sign_in};
use crate::editions::{date_choices, DateChoice};
use crate::error::ApiError;
use crate::newsroom::file_form::{FileForm, FormFile};
use crate::newsroom::media::store_form_picture;
use crate::newsroom::{render_page, render_with_form_token, NewsroomLocale};
use crate::AppState;

#[derive(Debug, Deserialize)]
pub struct SetupQuery {
    token: Option<String>,
}

#[derive(Serialize)]
struct SetupView {
    /// The site has a staff account: nothing to set up.
    done: bool,
    csrf: String,
    values: SetupValues,
    date_formats: Vec<DateChoice>,
    max_upload_mb: u64,
    error: Option<FieldError>,
}

impl SetupView {
    fn new(state: &AppState, locale: &NewsroomLocale, values: SetupValues) -> Self {
        Self {
            done: false,
            csrf: new_secret(),
            date_formats: date_choices(state, locale.0.language, &values.date_format),
            max_upload_mb: state.media.limits().max_bytes >> 20,
            values,
            error: None,
        }
    }
}

fn setup_page(
    state: &AppState,
    locale: &NewsroomLocale,
    status: StatusCode,
    view: &SetupView,
) -> Result<Response, ApiError> {
    if view.done {
        render_page(state, locale, status, "newsroom/setup.html", view)
    } else {
        render_with_form_token(
            state,
            locale,
            status,
            "newsroom/setup.html",
            view,
            &view.csrf,
        )
    }
}

/// 410 with a link to the login form: setup happened.
fn done_page(state: &AppState, locale: &NewsroomLocale) -> Result<Response, ApiError> {
    let view = SetupView {
        done: true,
        csrf: String::new(),
        values: SetupValues::default(),
        date_formats: Vec::new(),
        max_upload_mb: 0,
        error: None,
    };
    setup_page(state, locale, StatusCode::GONE, &view)
}

/// The form again with what was typed and the field that was refused.
fn refused(
    state: &AppState,
    locale: &NewsroomLocale,
    values: SetupValues,
    error: FieldError,
) -> Result<Response, ApiError> {
    let status = error.status;
    let view = SetupView {
        error: Some(error),
        ..SetupView::new(state, locale, values)
    };
    setup_page(state, locale, status, &view)
}

pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<SetupQuery>,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(&state, &headers);
    if state.store.has_staff().await? {
        return done_page(&state, &locale);
    }
    let values = SetupValues::suggested(
        locale.0.language,
        query.token.as_deref().unwrap_or_default().trim(),
    );
    let view = SetupView::new(&state, &locale, values);
    setup_page(&state, &locale, StatusCode::OK, &view)
}

/// Stores the logo file, once the token is known to be waiting: its id,
/// or the refusal to show (nothing kept). The upload is audited without
/// an actor, as `site.setup` is: the admin does not exist yet.
async fn store_logo(
    state: &AppState,
    setup: &SiteSetup,
    file: FormFile,
    ip: &str,
) -> Result<Result<i64, FieldError>, ApiError> {
    if !state.store.setup_token_known(&setup.token_hash).await? {
        return Ok(Err(FieldError::on("token")));
    }
    let audit = NewAudit::new("media.upload", "media", None, now()).ip(ip);
    // Nobody uploads it yet, and the edition does not exist yet.
    Ok(store_form_picture(state, file, None, None, audit)
        .await?
        .map_err(FieldError::logo))
}

/// The form field a refusal of the store concerns; other errors are not
/// the form's.
fn store_field(err: StoreError) -> Result<FieldError, ApiError> {
    Ok(match &err {
        StoreError::Duplicate {
            what: "e-mail address",
        } => FieldError::on("email"),
        StoreError::Duplicate { what: "section" } => FieldError::on("sections"),
        StoreError::Duplicate { .. } => FieldError::on("edition_code"),
        StoreError::Invalid(parse) if parse.field == "display_name" => FieldError::on("admin_name"),
        StoreError::Invalid(parse) if parse.field == "site_name" => FieldError::on("site_name"),
        StoreError::Invalid(_) => edition_field(ApiError::from(err)),
        _ => return Err(err.into()),
    })
}

pub async fn submit(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let ip = client_ip(&parts);
    let headers = parts.headers.clone();
    let form = FileForm::from_request(Request::from_parts(parts, body), &state).await?;
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let values = SetupValues::from_form(&form.fields);
    if state.store.has_staff().await? {
        return done_page(&state, &locale);
    }
    let names = &state.auth.cookies;
    let cookie_token = read_cookie(&headers, names.login).unwrap_or_default();
    if !same_token(form.fields.get(crate::auth::CSRF_FIELD), &cookie_token) {
        return refused(&state, &locale, values, FieldError::on("csrf"));
    }
    let mut setup = match values.parse(form.fields.raw("password")).await {
        Ok(setup) => setup,
        Err(error) => return refused(&state, &locale, values, error),
    };
    if let Some(file) = form.file {
        match store_logo(&state, &setup, file, &ip).await? {
            Ok(id) => setup.edition.logo_media_id = Some(id),
            Err(error) => return refused(&state, &locale, values, error),
        }
    }
    let at = now();
    let site = match state.store.set_up_site(&setup, at).await {
        Ok(site) => site,
        Err(SetupError::AlreadyDone) => return done_page(&state, &locale),
        Err(SetupError::BadToken) => {
            return refused(&state, &locale, values, FieldError::on("token"))
        }
        Err(SetupError::Store(err)) => {
            return refused(&state, &locale, values, store_field(err)?);
        }
    };
    state.setup_pending.store(false, Ordering::Relaxed);
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(
        LOCATION,
        HeaderValue::from_static(crate::urls::newsroom::HOME),
    );
    let audit = NewAudit::new("session.login", "session", None, at)
        .by(Some(site.admin.id()), None)
        .ip(ip.clone());
    sign_in(
        &state,
        &headers,
        site.admin.id(),
        &ip,
        &audit,
        &mut response,
    )
    .await?;
    Ok(response)
}
