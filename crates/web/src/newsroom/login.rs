//! `/newsroom/login` (the form and its check) and `/newsroom/logout`.

use axum::extract::{Query, Request, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::form::FormData;
use super::pages::{render_with_form_token, NewsroomLocale};
use crate::auth::{
    authenticate, clear_cookie, client_ip, new_secret, now, read_cookie, same_token, sign_in,
    Staff, CSRF_FIELD,
};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// The login form's token lives this long (seconds).

#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    /// `password` after a password change ended every session.
    changed: Option<String>,
}

#[derive(Serialize)]
struct LoginView {
    email: String,
    next: String,
    csrf: String,
    /// Catalog key of the message shown above the form.
    error: Option<&'static str>,
    /// Catalog key of a notice (not an error) above the form.
    notice: Option<&'static str>,
    retry_minutes: i64,
}

/// Where to go after login: only newsroom paths, never another site.
fn safe_next(next: &str) -> String {
    let ok = next.starts_with("/newsroom/")
        && !next.contains("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if ok {
        next.to_owned()
    } else {
        crate::urls::newsroom::HOME.to_owned()
    }
}

fn login_page(
    state: &AppState,
    locale: &NewsroomLocale,
    status: StatusCode,
    view: LoginView,
) -> Result<Response, ApiError> {
    render_with_form_token(
        state,
        locale,
        status,
        "newsroom/login.html",
        &view,
        &view.csrf,
    )
}

/// `GET /newsroom/login`: the form, with a fresh double-submit token.
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LoginQuery>,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let view = LoginView {
        email: String::new(),
        next: safe_next(query.next.as_deref().unwrap_or_default()),
        csrf: new_secret(),
        error: None,
        notice: (query.changed.as_deref() == Some("password")).then_some("nr-password-changed"),
        retry_minutes: 0,
    };
    login_page(&state, &locale, StatusCode::OK, view)
}

/// `POST /newsroom/login`: checks the form token, the limits and the
/// password; on success starts a new session (ending the one the browser
/// had) and goes on to `next`.
pub async fn submit(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    let (mut parts, body) = request.into_parts();
    let ip = client_ip(&parts);
    let headers = std::mem::take(&mut parts.headers);
    let form = FormData::parse(
        &axum::body::to_bytes(body, 64 * 1024)
            .await
            .map_err(|_| ApiError::new(ErrorCode::InvalidInput, "the form is too large"))?,
    );
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let names = &state.auth.cookies;
    let cookie_token = read_cookie(&headers, names.login).unwrap_or_default();
    if !same_token(form.get(CSRF_FIELD), &cookie_token) {
        return Err(ApiError::new(
            ErrorCode::CsrfFailed,
            "the login form's security token is missing or out of date; reload the page and try again",
        ));
    }
    let email = form.get("email").to_owned();
    let next = safe_next(form.get("next"));
    let now = now();
    let account =
        match authenticate(&state, &email, form.raw("password").to_owned(), &ip, now).await {
            Ok(account) => account,
            Err(err) => {
                let key = match err.code {
                    ErrorCode::InvalidCredentials => "nr-login-invalid",
                    ErrorCode::AccountLocked => "nr-login-locked",
                    ErrorCode::RateLimited => "nr-login-rate-limited",
                    ErrorCode::Forbidden => "nr-login-no-access",
                    _ => return Err(err),
                };
                let view = LoginView {
                    email,
                    next,
                    csrf: new_secret(),
                    error: Some(key),
                    notice: None,
                    retry_minutes: err
                        .retry_after
                        .map_or(0, |s| (i64::try_from(s).unwrap_or(0) + 59) / 60),
                };
                let mut page = login_page(&state, &locale, err.code.status(), view)?;
                if let Some(seconds) = err.retry_after {
                    page.headers_mut()
                        .insert(axum::http::header::RETRY_AFTER, seconds.into());
                }
                return Ok(page);
            }
        };
    let audit = dateline_store::NewAudit::new("session.login", "session", None, now)
        .by(Some(account.id()), None)
        .ip(ip.clone());
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(
        LOCATION,
        HeaderValue::from_str(&next)
            .unwrap_or(HeaderValue::from_static(crate::urls::newsroom::HOME)),
    );
    sign_in(&state, &headers, account.id(), &ip, &audit, &mut response).await?;
    Ok(response)
}

/// `POST /newsroom/logout`: ends this session.
pub async fn logout(State(state): State<AppState>, staff: Staff) -> Result<Response, ApiError> {
    if let crate::auth::Via::Session { secret_hash, .. } = &staff.via {
        let audit = staff.audit("session.logout", "session", None);
        state.store.end_session(secret_hash, &audit).await?;
    }
    Ok(to_login(&state))
}

/// 303 to the login form, removing the session cookie.
pub fn to_login(state: &AppState) -> Response {
    let names = &state.auth.cookies;
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(
        LOCATION,
        HeaderValue::from_static(crate::urls::newsroom::LOGIN),
    );
    response
        .headers_mut()
        .append(SET_COOKIE, clear_cookie(names, names.session));
    response
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_in_the_newsroom() {
        assert_eq!(safe_next("/newsroom/users"), "/newsroom/users");
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/newsroom//evil",
            "/en/",
            "",
            "/newsroom/\\x",
        ] {
            assert_eq!(safe_next(bad), "/newsroom/", "{bad}");
        }
    }
}
