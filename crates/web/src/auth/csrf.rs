//! CSRF protection for everything a session cookie authenticates: every
//! request other than GET, HEAD and OPTIONS must carry the session's token,
//! in the `X-CSRF-Token` header (scripts, JSON) or a `csrf_token` form field
//! (URL-encoded forms; the first field of multipart forms). Never in the
//! address, which history, logs and `Referer` headers keep.
//! Bearer-token requests are exempt: browsers never add that header by
//! themselves. Requests without a session cookie pass: they are either
//! refused by [`super::Staff`] or are the login, which has its own check.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{csrf_multipart, csrf_token_for, read_cookie, same_token};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_FIELD: &str = "csrf_token";

/// Largest URL-encoded form read to find the token (article bodies included).
pub(crate) const FORM_LIMIT: usize = 16 * 1024 * 1024;

/// Middleware: refuses an unsafe request whose CSRF token is missing or
/// wrong with 403 `csrf_failed`, before the handler runs (nothing changes).
pub async fn require_csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    if super::staff::bearer(&parts).is_some() {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let Some(secret) = read_cookie(&parts.headers, state.auth.cookies.session) else {
        return next.run(Request::from_parts(parts, body)).await;
    };
    let expected = csrf_token_for(&secret);
    let mut provided = parts
        .headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let body = if provided.is_some() {
        body
    } else if is_form {
        let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
            return ApiError::new(ErrorCode::InvalidInput, "the form is too large").into_response();
        };
        provided = field(&bytes);
        Body::from(bytes)
    } else if let Some(boundary) = csrf_multipart::boundary(content_type) {
        let (token, body) = csrf_multipart::first_field_token(body, &boundary).await;
        provided = token;
        body
    } else {
        body
    };
    match provided {
        Some(token) if same_token(&token, &expected) => {
            next.run(Request::from_parts(parts, body)).await
        }
        _ => ApiError::new(
            ErrorCode::CsrfFailed,
            "the form's security token is missing or out of date; reload the page and try again",
        )
        .into_response(),
    }
}

fn field(encoded: &[u8]) -> Option<String> {
    form_urlencoded::parse(encoded)
        .find(|(name, _)| name == CSRF_FIELD)
        .map(|(_, value)| value.into_owned())
}
