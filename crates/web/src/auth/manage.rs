//! Account and token changes shared by the newsroom pages and the Admin
//! API: input checks, the rules about one's own account, the audit entry.

use dateline_domain::{EmailAddress, NewUser, Role};
use dateline_store::{Account, AccountUpdate, ApiToken, NewApiToken};

use super::{
    check_new_password, hash_password, hash_secret, new_api_token, now, Permission, Scope, Scopes,
    Staff,
};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// Longest lifetime a token may be given, in days.
pub const MAX_TOKEN_DAYS: i64 = 365;

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

/// Scope names as submitted → a set, refusing unknown names and any scope
/// beyond what the caller itself holds.
pub fn requested_scopes<S: AsRef<str>>(staff: &Staff, names: &[S]) -> Result<Scopes, ApiError> {
    let mut scopes = Vec::new();
    for name in names {
        let scope: Scope = name.as_ref().trim().parse().map_err(ApiError::from)?;
        scopes.push(scope);
    }
    if scopes.is_empty() {
        return Err(invalid("scopes", "choose at least one scope"));
    }
    let scopes = Scopes::of(&scopes);
    if !scopes.is_subset_of(staff.scopes()) {
        let extra: Vec<_> = scopes
            .iter()
            .filter(|s| !staff.scopes().contains(*s))
            .map(Scope::as_str)
            .collect();
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            format!(
                "you cannot grant scopes you do not hold: {}",
                extra.join(", ")
            ),
        ));
    }
    Ok(scopes)
}

/// Issues a token for the caller; returns it with its secret (shown once).
pub async fn issue_token(
    state: &AppState,
    staff: &Staff,
    name: &str,
    scopes: Scopes,
    expires_in_days: Option<i64>,
) -> Result<(ApiToken, String), ApiError> {
    if let Some(days) = expires_in_days {
        if !(1..=MAX_TOKEN_DAYS).contains(&days) {
            return Err(invalid(
                "expires_in_days",
                format!("expires_in_days: must be 1 to {MAX_TOKEN_DAYS}"),
            ));
        }
    }
    let secret = new_api_token();
    let now = now();
    let new = NewApiToken {
        user_id: staff.id(),
        name: name.to_owned(),
        prefix: secret.chars().take(10).collect(),
        token_hash: hash_secret(&secret),
        scopes: scopes.names().into_iter().map(str::to_owned).collect(),
        created_at: now,
        expires_at: expires_in_days.map(|d| now + d * 86_400),
    };
    let audit = staff
        .audit("token.create", "token", None)
        .details(serde_json::json!({ "name": name.trim(), "scopes": scopes.names() }));
    let token = state.store.create_api_token(&new, &audit).await?;
    Ok((token, secret))
}

/// Revokes a token: one's own, or anyone's for admins.
pub async fn revoke_token(state: &AppState, staff: &Staff, id: i64) -> Result<ApiToken, ApiError> {
    let token = state
        .store
        .api_token_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("token"))?;
    if token.user_id != staff.id() {
        staff
            .require(Permission::AdminUsers)
            .map_err(|_| ApiError::not_found("token"))?;
    }
    let audit = staff.audit("token.revoke", "token", Some(id));
    Ok(state.store.revoke_api_token(id, now(), &audit).await?)
}
