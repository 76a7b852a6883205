//! `/newsroom/users` (admins): list staff, create an account (with a
//! password, or by mailing an invitation to choose one), send an
//! invitation again, change a role, assigned editions or name, disable or
//! enable.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use dateline_domain::Role;
use dateline_store::AccountUpdate;
use serde::{Deserialize, Serialize};

use super::form::FormData;
use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::{
    create_staff, invite_staff, reinvite_staff, update_staff, Permission, Staff, StaffInput,
};
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
    /// Invited and has not chosen a password yet.
    invited: bool,
    editions: Vec<i64>,
}

/// After an invitation: the account it was for, and whether it went out.
#[derive(Debug, Default, Deserialize)]
pub struct UsersQuery {
    invited: Option<i64>,
    unsent: Option<i64>,
}

/// A message above the list, with the address it is about.
#[derive(Serialize)]
struct Notice {
    key: &'static str,
    email: String,
    is_error: bool,
}

#[derive(Serialize)]
struct UsersView {
    #[serde(flatten)]
    chrome: Chrome,
    users: Vec<UserRow>,
    editions: Vec<EditionOption>,
    roles: Vec<&'static str>,
    error: Option<String>,
    notice: Option<Notice>,
}

async fn view(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    status: StatusCode,
    error: Option<String>,
    query: &UsersQuery,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(state, headers);
    let now = crate::auth::now();
    let accounts = state.store.staff_accounts().await?;
    let notice = [
        (query.invited, "nr-user-invitation-sent", false),
        (query.unsent, "nr-user-invitation-not-sent", true),
    ]
    .into_iter()
    .find_map(|(id, key, is_error)| {
        let account = accounts.iter().find(|a| Some(a.id()) == id)?;
        Some(Notice {
            key,
            email: account.user.email.to_string(),
            is_error,
        })
    });
    let users = accounts
        .into_iter()
        .map(|a| UserRow {
            id: a.id(),
            locked: a.is_locked(now),
            invited: a.user.password_hash.is_none() && !a.disabled,
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
        notice,
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

/// Done: back to the list (`query` says what happened, or is empty). A
/// refused change shows the page again with the reason; nothing was saved.
async fn or_page(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    result: Result<String, ApiError>,
) -> Result<Response, ApiError> {
    match result {
        Ok(query) => {
            Ok(Redirect::to(&format!("{}{query}", crate::urls::newsroom::USERS)).into_response())
        }
        Err(err) if err.code.status().is_client_error() && err.code != ErrorCode::Forbidden => {
            let status = err.code.status();
            let query = UsersQuery::default();
            view(state, headers, staff, status, Some(err.message), &query).await
        }
        Err(err) => Err(err),
    }
}

/// The list after an invitation: whether the mail went out.
fn invitation_query(id: i64, sent: bool) -> String {
    if sent {
        format!("?invited={id}")
    } else {
        format!("?unsent={id}")
    }
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Query(query): Query<UsersQuery>,
) -> Result<Response, ApiError> {
    staff.require(Permission::AdminUsers)?;
    view(&state, &headers, &staff, StatusCode::OK, None, &query).await
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::AdminUsers)?;
    let language = NewsroomLocale::from_headers(&state, &headers).0.language;
    let result = async {
        let input = StaffInput {
            email: form.get("email").to_owned(),
            display_name: form.get("display_name").to_owned(),
            role: form.get("role").to_owned(),
            password: form.raw("password").to_owned(),
            editions: editions(&form)?,
        };
        // No password: they choose their own, from an invitation.
        if input.password.is_empty() {
            let (account, sent) = invite_staff(&state, &staff, input, language).await?;
            return Ok(invitation_query(account.id(), sent));
        }
        create_staff(&state, &staff, input)
            .await
            .map(|_| String::new())
    }
    .await;
    or_page(&state, &headers, &staff, result).await
}

/// A new invitation link for an account that has not chosen its password.
pub async fn invite_again(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    staff.require(Permission::AdminUsers)?;
    let language = NewsroomLocale::from_headers(&state, &headers).0.language;
    let result = reinvite_staff(&state, &staff, id, language)
        .await
        .map(|(account, sent)| invitation_query(account.id(), sent));
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
            .map(|_| String::new())
    }
    .await;
    or_page(&state, &headers, &staff, result).await
}
