//! `/api/v1/admin/users`: staff accounts (scope `users:admin`, admins only).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use dateline_domain::Role;
use dateline_store::{Account, AccountUpdate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiJson;
use crate::api::extract::ApiPath;
use crate::auth::{
    create_staff, invite_staff, reinvite_staff, update_staff, Permission, Staff, StaffInput,
};
use crate::error::{ApiError, ErrorBody};
use crate::newsroom::NewsroomLocale;
use crate::AppState;

/// A staff account as the Admin API shows it (never its password hash).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    #[schema(value_type = Role)]
    pub role: String,
    pub disabled: bool,
    /// Logins are refused until then (Unix seconds), after too many failures.
    pub locked_until: Option<i64>,
    /// Ids of the editions an editor works in.
    pub editions: Vec<i64>,
    pub created_at: i64,
    /// Invited, and has not chosen a password yet.
    pub invited: bool,
    /// In the answer that made or sent again an invitation: whether its
    /// mail went out (when it did not, send it again with
    /// `POST …/users/{id}/invitation`); `null` in every other answer.
    pub invitation_mailed: Option<bool>,
}

impl From<Account> for UserDto {
    fn from(a: Account) -> Self {
        Self {
            id: a.user.id,
            email: a.user.email.to_string(),
            display_name: a.user.display_name,
            role: a.user.role.to_string(),
            disabled: a.disabled,
            locked_until: a.locked_until,
            invited: a.user.password_hash.is_none() && !a.disabled,
            editions: a.editions,
            created_at: a.user.created_at,
            invitation_mailed: None,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    /// By e-mail address.
    pub items: Vec<UserDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserDto {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    /// Defaults to the part of the address before `@`.
    #[serde(default)]
    pub display_name: String,
    #[schema(value_type = Role)]
    pub role: String,
    /// At least 10 characters. Without it, the account is made without a
    /// password and an invitation to choose one is mailed to the address
    /// (in the language of `Accept-Language`); the link works for 7 days.
    #[schema(min_length = 10)]
    pub password: Option<String>,
    #[serde(default)]
    pub editions: Vec<i64>,
}

/// Fields to change; absent ones stay as they are.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct UserPatch {
    /// Not blank.
    #[schema(pattern = r"\S")]
    pub display_name: Option<String>,
    #[schema(value_type = Option<Role>)]
    pub role: Option<String>,
    pub editions: Option<Vec<i64>>,
    pub disabled: Option<bool>,
    /// A new password, at least 10 characters; ends the account's sessions.
    #[schema(min_length = 10)]
    pub password: Option<String>,
}

/// Every staff account.
#[utoipa::path(get, path = "/api/v1/admin/users", operation_id = "admin_list_users", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, description = "Staff accounts", body = UserList),
        (status = 401, description = "No valid token (`unauthenticated`)", body = ErrorBody),
        (status = 403, description = "Not an admin, or the token lacks `users:admin` (`forbidden`)", body = ErrorBody),
    ))]
pub async fn list(State(state): State<AppState>, staff: Staff) -> Result<Json<UserList>, ApiError> {
    staff.require(Permission::AdminUsers)?;
    let items = state
        .store
        .staff_accounts()
        .await?
        .into_iter()
        .map(UserDto::from)
        .collect();
    Ok(Json(UserList { items }))
}

/// Creates a staff account.
#[utoipa::path(post, path = "/api/v1/admin/users", operation_id = "admin_create_user", tag = "admin", security(("bearer" = [])),
    request_body = NewUserDto,
    responses(
        (status = 201, description = "Created; without a password, invited by mail (`invitation_mailed`)", body = UserDto),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, or `csrf_failed` for a session without its token", body = ErrorBody),
        (status = 409, description = "The address is taken (`duplicate`)", body = ErrorBody),
        (status = 422, description = "Bad address, role or password, unknown edition (`invalid_input`, `missing_reference`)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    ApiJson(body): ApiJson<NewUserDto>,
) -> Result<(StatusCode, Json<UserDto>), ApiError> {
    let input = StaffInput {
        email: body.email,
        display_name: body.display_name,
        role: body.role,
        password: body.password.clone().unwrap_or_default(),
        editions: body.editions,
    };
    if body.password.is_none() {
        let language = NewsroomLocale::from_headers(&state, &headers).0.language;
        let (account, sent) = invite_staff(&state, &staff, input, language).await?;
        let dto = UserDto {
            invitation_mailed: Some(sent),
            ..account.into()
        };
        return Ok((StatusCode::CREATED, Json(dto)));
    }
    let account = create_staff(&state, &staff, input).await?;
    Ok((StatusCode::CREATED, Json(account.into())))
}

/// Mails a new invitation link to an account that has not chosen its
/// password yet; the earlier link stops working.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/invitation", operation_id = "admin_reinvite_user", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "The account, with `invitation_mailed`", body = UserDto),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "The account already has a password, or is disabled (`conflict`)", body = ErrorBody),
    ))]
pub async fn invite_again(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<UserDto>, ApiError> {
    let language = NewsroomLocale::from_headers(&state, &headers).0.language;
    let (account, sent) = reinvite_staff(&state, &staff, id, language).await?;
    Ok(Json(UserDto {
        invitation_mailed: Some(sent),
        ..account.into()
    }))
}

/// One staff account.
#[utoipa::path(get, path = "/api/v1/admin/users/{id}", operation_id = "admin_get_user", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "The account", body = UserDto),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 404, description = "No such user (`not_found`)", body = ErrorBody),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<UserDto>, ApiError> {
    staff.require(Permission::AdminUsers)?;
    let account = state
        .store
        .account_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("user"))?;
    Ok(Json(account.into()))
}

/// Changes an account. Admins cannot demote or disable themselves.
///
/// `disabled: true` disables an account: it can no longer log in, and its
/// sessions and tokens stop working. Accounts are never erased (there is no
/// `DELETE`), so that the articles and the audit log keep their authors.
#[utoipa::path(patch, path = "/api/v1/admin/users/{id}", operation_id = "admin_update_user", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    request_body = UserPatch,
    responses(
        (status = 200, description = "The changed account", body = UserDto),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`invalid_input`, `missing_reference`", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UserPatch>,
) -> Result<Json<UserDto>, ApiError> {
    let update = AccountUpdate {
        display_name: body.display_name,
        editions: body.editions,
        disabled: body.disabled,
        ..AccountUpdate::default()
    };
    let account = update_staff(
        &state,
        &staff,
        id,
        body.role.as_deref(),
        update,
        body.password,
    )
    .await?;
    Ok(Json(account.into()))
}
