//! `/newsroom/tokens`: your API tokens: create (the secret is shown once),
//! list, revoke.

use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::form::FormData;
use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::{issue_token, requested_scopes, revoke_token, Permission, Scope, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

#[derive(Serialize)]
struct TokenRow {
    id: i64,
    name: String,
    prefix: String,
    scopes: Vec<String>,
    created_at: i64,
    expires_at: Option<i64>,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

#[derive(Serialize)]
struct TokensView {
    #[serde(flatten)]
    chrome: Chrome,
    tokens: Vec<TokenRow>,
    /// The scopes this user may grant.
    grantable: Vec<&'static str>,
    /// A token just created: its secret, shown this once.
    created: Option<String>,
    error: Option<String>,
}

async fn view(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    status: StatusCode,
    created: Option<String>,
    error: Option<String>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageTokens)?;
    let locale = NewsroomLocale::from_headers(state, headers);
    let tokens = state
        .store
        .api_tokens(Some(staff.id()))
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            scopes: t.scopes,
            created_at: t.created_at,
            expires_at: t.expires_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        })
        .collect();
    let view = TokensView {
        chrome: Chrome::new(staff, "tokens"),
        tokens,
        grantable: staff.scopes().iter().map(Scope::as_str).collect(),
        created,
        error,
    };
    render_page(state, &locale, status, "newsroom/tokens.html", &view)
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    view(&state, &headers, &staff, StatusCode::OK, None, None).await
}

/// Creates a token from the form; shows its secret once.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    form: FormData,
) -> Result<Response, ApiError> {
    let scopes: Vec<&str> = form.all("scopes").collect();
    let days = match form.get("expires_in_days") {
        "" => None,
        raw => Some(raw.parse::<i64>().map_err(|_| {
            ApiError::new(
                ErrorCode::InvalidInput,
                "expires_in_days: not a whole number",
            )
        })),
    };
    let result = match (requested_scopes(&staff, &scopes), days.transpose()) {
        (Ok(scopes), Ok(days)) => issue_token(&state, &staff, form.get("name"), scopes, days).await,
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match result {
        Ok((_, secret)) => {
            view(
                &state,
                &headers,
                &staff,
                StatusCode::CREATED,
                Some(secret),
                None,
            )
            .await
        }
        Err(err) if err.code.status().is_client_error() => {
            let status = err.code.status();
            view(&state, &headers, &staff, status, None, Some(err.message)).await
        }
        Err(err) => Err(err),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    revoke_token(&state, &staff, id).await?;
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(
        LOCATION,
        HeaderValue::from_static(crate::urls::newsroom::TOKENS),
    );
    Ok(response)
}
