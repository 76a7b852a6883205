//! Rendering newsroom pages: the staff member's language, the page chrome
//! (who is signed in, navigation, the CSRF token for forms) and HTML error
//! pages for every refusal.

use axum::body::to_bytes;
use axum::extract::{OriginalUri, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use dateline_render::PageLocale;
use serde::Serialize;

use crate::auth::{set_cookie, Staff};
use crate::error::{html_error_response, ApiError, ErrorCode, ErrorReport};
use crate::urls::newsroom as urls;
use crate::AppState;

/// The language of newsroom pages: the first of the browser's languages
/// that has a catalog (English otherwise). Times are shown in UTC.
#[derive(Debug, Clone)]
pub struct NewsroomLocale(pub PageLocale);

impl NewsroomLocale {
    pub fn from_headers(state: &AppState, headers: &HeaderMap) -> Self {
        let wanted = headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let catalogs = state.renderer.catalogs();
        let language = wanted
            .split(',')
            .map(|part| part.split(';').next().unwrap_or_default().trim())
            .find(|tag| {
                let primary = tag.split('-').next().unwrap_or_default();
                catalogs
                    .languages()
                    .any(|l| l.eq_ignore_ascii_case(primary))
            })
            .unwrap_or("en");
        Self(state.renderer.locale(language, "UTC", "%d.%m.%Y %H:%M"))
    }
}

/// Who is signed in and where they can go: shared by every page.
#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    /// `home`, `sessions`, `tokens`, `users`, `audit`, …: marks the current link.
    pub page: &'static str,
    pub me: Me,
    pub csrf: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Me {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub is_admin: bool,
}

impl Chrome {
    pub fn new(staff: &Staff, page: &'static str) -> Self {
        Self {
            page,
            me: Me {
                id: staff.id(),
                name: staff.account.user.display_name.clone(),
                email: staff.account.user.email.to_string(),
                role: staff.account.role().as_str(),
                is_admin: staff.account.role() == dateline_domain::Role::Admin,
            },
            csrf: staff.csrf_token().unwrap_or_default().to_owned(),
        }
    }
}

/// Renders `template` (under `newsroom/`) with `view`.
pub fn render_page<T: Serialize>(
    state: &AppState,
    locale: &NewsroomLocale,
    status: StatusCode,
    template: &str,
    view: &T,
) -> Result<Response, ApiError> {
    let html = state
        .renderer
        .render(template, &locale.0, view)
        .map_err(|e| ApiError::internal(e.to_string()))?;
    Ok((status, Html(html)).into_response())
}

/// Renders a form page: `200`, or `422` when `refused` says why the form
/// came back.
pub fn render_form_page<T: Serialize>(
    state: &AppState,
    headers: &HeaderMap,
    refused: bool,
    template: &str,
    view: &T,
) -> Result<Response, ApiError> {
    let status = if refused {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let locale = NewsroomLocale::from_headers(state, headers);
    render_page(state, &locale, status, template, view)
}

/// How long a signed-out form's double-submit token lives (seconds).
const FORM_TOKEN_TTL: i64 = 3600;

/// Renders a page whose form is posted signed out and checks its own
/// double-submit token (login, setup, invitation): `token` is in the form
/// and goes out as the login-form cookie too.
pub fn render_with_form_token<T: Serialize>(
    state: &AppState,
    locale: &NewsroomLocale,
    status: StatusCode,
    template: &str,
    view: &T,
    token: &str,
) -> Result<Response, ApiError> {
    let mut response = render_page(state, locale, status, template, view)?;
    let names = &state.auth.cookies;
    response.headers_mut().append(
        SET_COOKIE,
        set_cookie(names, names.login, token, FORM_TOKEN_TTL),
    );
    Ok(response)
}

#[derive(Serialize)]
struct ErrorView {
    status: u16,
    code: &'static str,
    message: String,
    signed_in: bool,
    /// This request's `X-Request-Id`, to quote when reporting the error.
    request_id: Option<String>,
}

/// Middleware: turns the JSON error answers of newsroom handlers and
/// extractors into HTML. An ended or missing session leads to the login
/// form, coming back to the page asked for.
pub async fn html_errors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let locale = NewsroomLocale::from_headers(&state, request.headers());
    let method = request.method().clone();
    let uri = request
        .extensions()
        .get::<OriginalUri>()
        .map_or_else(|| request.uri().clone(), |o| o.0.clone());
    let signed_in =
        crate::auth::read_cookie(request.headers(), state.auth.cookies.session).is_some();
    let response = next.run(request).await;
    let Some(report) = response.extensions().get::<ErrorReport>().cloned() else {
        return response;
    };
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|ct| ct.as_bytes().starts_with(b"application/json"));
    if !is_json {
        return response;
    }
    if report.code == ErrorCode::Unauthenticated {
        let next_path = if method == Method::GET {
            uri.path()
        } else {
            urls::HOME
        };
        let location = urls::login(next_path);
        let mut redirect = StatusCode::SEE_OTHER.into_response();
        if let Ok(value) = HeaderValue::from_str(&location) {
            redirect.headers_mut().insert(LOCATION, value);
        }
        redirect.extensions_mut().insert(report);
        return redirect;
    }
    let status = response.status();
    let message = match to_bytes(response.into_body(), 64 * 1024).await {
        Ok(bytes) => serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v["error"]["message"].as_str().map(str::to_owned))
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let view = ErrorView {
        status: status.as_u16(),
        code: report.code.as_str(),
        message: if status.is_server_error() {
            String::new()
        } else {
            message
        },
        signed_in,
        request_id: crate::request_id::current().map(|id| id.to_string()),
    };
    let html = state
        .renderer
        .render("newsroom/error.html", &locale.0, &view);
    html_error_response(status, html, report)
}
