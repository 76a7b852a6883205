//! Account changes shared by the newsroom pages and the Admin API: input
//! checks, the rules about one's own account, the audit entry.

use dateline_domain::{EmailAddress, NewUser, Role};
use dateline_store::{Account, AccountUpdate};

use super::{check_new_password, hash_password, Permission, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// A new staff account as submitted.
#[derive(Debug, Clone, Default)]
pub struct StaffInput {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub password: String,
    pub editions: Vec<i64>,
}

fn invalid(field: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message).with_field(field)
}

fn role(raw: &str) -> Result<Role, ApiError> {
    let role: Role = raw.parse().map_err(ApiError::from)?;
    Ok(role)
}

/// Creates a staff account (admins only).
pub async fn create_staff(
    state: &AppState,
    staff: &Staff,
    input: StaffInput,
) -> Result<Account, ApiError> {
    staff.require(Permission::AdminUsers)?;
    let email: EmailAddress = input.email.parse().map_err(ApiError::from)?;
    let role = role(&input.role)?;
    check_new_password(&input.password)?;
    let display_name = match input.display_name.trim() {
        "" => email
            .as_str()
            .split('@')
            .next()
            .unwrap_or_default()
            .to_owned(),
        name => name.to_owned(),
    };
    let new = NewUser {
        email,
        display_name,
        role,
        password_hash: Some(hash_password(input.password).await?),
    };
    let audit = staff.audit("user.create", "user", None);
    Ok(state
        .store
        .create_account(&new, &input.editions, &audit)
        .await?)
}

/// Changes an account (admins only). Admins cannot demote or disable
/// themselves, so that a site always keeps one.
pub async fn update_staff(
    state: &AppState,
    staff: &Staff,
    id: i64,
    role_raw: Option<&str>,
    mut update: AccountUpdate,
    password: Option<String>,
) -> Result<Account, ApiError> {
    staff.require(Permission::AdminUsers)?;
    update.role = role_raw.map(role).transpose()?;
    if id == staff.id()
        && (update.disabled == Some(true) || update.role.is_some_and(|r| r != Role::Admin))
    {
        return Err(invalid(
            "role",
            "you cannot demote or disable your own account; ask another admin",
        ));
    }
    if let Some(password) = password {
        check_new_password(&password)?;
        update.password_hash = Some(hash_password(password).await?);
    }
    let audit = staff.audit("user.update", "user", Some(id));
    state
        .store
        .update_account(id, &update, &audit)
        .await
        .map_err(|e| match e {
            dateline_store::StoreError::NotFound => ApiError::not_found("user"),
            other => other.into(),
        })
}
