//! `GET /setup` (the form, or "already set up") and `POST /setup` (one
//! store transaction, then the new admin is signed in).

use std::sync::atomic::Ordering;

use axum::extract::{Query, Request, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_store::{NewAudit, SetupError, StoreError};
use serde::{Deserialize, Serialize};

use super::form::{edition_field, FieldError, SetupValues};
use crate::auth::{client_ip, new_secret, now, read_cookie, same_token, sign_in};
use crate::error::{ApiError, ErrorCode};
use crate::newsroom::{render_page, render_with_form_token, FormData, NewsroomLocale};
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
    error: Option<FieldError>,
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
    let status = match error.field {
        "token" | "csrf" => StatusCode::FORBIDDEN,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let view = SetupView {
        done: false,
        csrf: new_secret(),
        values,
        error: Some(error),
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
    let view = SetupView {
        done: false,
        csrf: new_secret(),
        values: SetupValues::suggested(
            locale.0.language,
            query.token.as_deref().unwrap_or_default().trim(),
        ),
        error: None,
    };
    setup_page(&state, &locale, StatusCode::OK, &view)
}

pub async fn submit(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let ip = client_ip(&parts);
    let headers = parts.headers;
    let form = FormData::parse(
        &axum::body::to_bytes(body, 64 * 1024)
            .await
            .map_err(|_| ApiError::new(ErrorCode::InvalidInput, "the form is too large"))?,
    );
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let values = SetupValues::from_form(&form);
    if state.store.has_staff().await? {
        return done_page(&state, &locale);
    }
    let names = &state.auth.cookies;
    let cookie_token = read_cookie(&headers, names.login).unwrap_or_default();
    if !same_token(form.get(crate::auth::CSRF_FIELD), &cookie_token) {
        return refused(&state, &locale, values, FieldError::on("csrf"));
    }
    let setup = match values.parse(form.raw("password")).await {
        Ok(setup) => setup,
        Err(error) => return refused(&state, &locale, values, error),
    };
    let at = now();
    let site = match state.store.set_up_site(&setup, at).await {
        Ok(site) => site,
        Err(SetupError::AlreadyDone) => return done_page(&state, &locale),
        Err(SetupError::BadToken) => {
            return refused(&state, &locale, values, FieldError::on("token"))
        }
        Err(SetupError::Store(err)) => {
            let field = match &err {
                StoreError::Duplicate {
                    what: "e-mail address",
                } => FieldError::on("email"),
                StoreError::Duplicate { what: "section" } => FieldError::on("sections"),
                StoreError::Duplicate { .. } => FieldError::on("edition_code"),
                StoreError::Invalid(parse) if parse.field == "display_name" => {
                    FieldError::on("admin_name")
                }
                StoreError::Invalid(_) => edition_field(ApiError::from(err)),
                _ => return Err(err.into()),
            };
            return refused(&state, &locale, values, field);
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
