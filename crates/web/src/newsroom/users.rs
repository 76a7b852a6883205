//! `/newsroom/users` (admins): list staff, create an account, change a
//! role, assigned editions or name, disable or enable.

use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_domain::Role;
use dateline_store::AccountUpdate;
use serde::Serialize;

use super::form::FormData;
use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::{create_staff, update_staff, Permission, Staff, StaffInput};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

#[derive(Serialize)]
struct EditionOption {
    id: i64,
    name: String,
    code: String,
}

#[derive(Serialize)]
struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: &'static str,
    disabled: bool,
    locked: bool,
    editions: Vec<i64>,
}

#[derive(Serialize)]
struct UsersView {
    #[serde(flatten)]
    chrome: Chrome,
    users: Vec<UserRow>,
    editions: Vec<EditionOption>,
    roles: Vec<&'static str>,
    error: Option<String>,
}

async fn view(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    status: StatusCode,
    error: Option<String>,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(state, headers);
    let now = crate::auth::now();
    let users = state
        .store
        .staff_accounts()
        .await?
        .into_iter()
        .map(|a| UserRow {
            id: a.id(),
            locked: a.is_locked(now),
            email: a.user.email.to_string(),
            name: a.user.display_name,
            role: a.user.role.as_str(),
            disabled: a.disabled,
            editions: a.editions,
        })
        .collect();
    let editions = state
        .store
        .editions()
        .await?
        .into_iter()
        .map(|e| EditionOption {
            id: e.id,
            name: e.name,
            code: e.code.to_string(),
        })
        .collect();
    let view = UsersView {
        chrome: Chrome::new(staff, "users"),
        users,
        editions,
        roles: Role::ALL
            .iter()
            .filter(|r| r.is_staff())
            .map(|r| r.as_str())
            .collect(),
        error,
    };
    render_page(state, &locale, status, "newsroom/users.html", &view)
}

fn editions(form: &FormData) -> Result<Vec<i64>, ApiError> {
    form.all("editions")
        .map(|raw| {
            raw.parse().map_err(|_| {
                ApiError::new(ErrorCode::InvalidInput, "editions: not an edition id")
                    .with_field("editions")
            })
        })
        .collect()
}

/// A refused change shows the page again with the reason; nothing was saved.
async fn or_page(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    result: Result<(), ApiError>,
) -> Result<Response, ApiError> {
    match result {
        Ok(()) => {
            let mut response = StatusCode::SEE_OTHER.into_response();
            response.headers_mut().insert(
                LOCATION,
                HeaderValue::from_static(crate::urls::newsroom::USERS),
            );
            Ok(response)
        }
        Err(err) if err.code.status().is_client_error() && err.code != ErrorCode::Forbidden => {
            view(state, headers, staff, err.code.status(), Some(err.message)).await
        }
        Err(err) => Err(err),
    }
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    staff.require(Permission::AdminUsers)?;
    view(&state, &headers, &staff, StatusCode::OK, None).await
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::AdminUsers)?;
    let result = async {
        let input = StaffInput {
            email: form.get("email").to_owned(),
            display_name: form.get("display_name").to_owned(),
            role: form.get("role").to_owned(),
            password: form.raw("password").to_owned(),
            editions: editions(&form)?,
        };
        create_staff(&state, &staff, input).await.map(|_| ())
    }
    .await;
    or_page(&state, &headers, &staff, result).await
}

/// The row's form sends every field; a `disabled` checkbox left unticked
/// enables the account.
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::AdminUsers)?;
    let result = async {
        let update = AccountUpdate {
            display_name: Some(form.get("display_name").to_owned()).filter(|n| !n.is_empty()),
            editions: Some(editions(&form)?),
            disabled: Some(form.has("disabled")),
            ..AccountUpdate::default()
        };
        let role = Some(form.get("role")).filter(|r| !r.is_empty());
        let password = Some(form.raw("password").to_owned()).filter(|p| !p.is_empty());
        update_staff(&state, &staff, id, role, update, password)
            .await
            .map(|_| ())
    }
    .await;
    or_page(&state, &headers, &staff, result).await
}
