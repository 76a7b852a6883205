//! Account changes shared by the newsroom pages and the Admin API: input
//! checks, the rules about one's own account, the audit entry.

use dateline_domain::{EmailAddress, NewUser, Role};
use dateline_store::{Account, AccountUpdate, NewInvitation, StoreError};
use serde_json::json;

use super::{check_new_password, hash_password, hash_secret, new_secret, now, Permission, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::mail::Mail;
use crate::AppState;

/// How long an invitation link works, in days.
pub const INVITATION_DAYS: i64 = 7;

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

/// The account's address, role and name (the address's local part when
/// none is given), checked.
fn new_user(input: &StaffInput) -> Result<NewUser, ApiError> {
    let email: EmailAddress = input.email.parse().map_err(ApiError::from)?;
    let role = role(&input.role)?;
    let display_name = match input.display_name.trim() {
        "" => email
            .as_str()
            .split('@')
            .next()
            .unwrap_or_default()
            .to_owned(),
        name => name.to_owned(),
    };
    Ok(NewUser {
        email,
        display_name,
        role,
        password_hash: None,
    })
}

/// Creates a staff account (admins only).
pub async fn create_staff(
    state: &AppState,
    staff: &Staff,
    input: StaffInput,
) -> Result<Account, ApiError> {
    staff.require(Permission::AdminUsers)?;
    let new = new_user(&input)?;
    check_new_password(&input.password)?;
    let new = NewUser {
        password_hash: Some(hash_password(input.password).await?),
        ..new
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

/// An invitation's link secret and its row.
fn invitation(staff: &Staff) -> (String, NewInvitation) {
    let secret = new_secret();
    let at = now();
    let row = NewInvitation {
        token_hash: hash_secret(&secret),
        created_at: at,
        expires_at: at + INVITATION_DAYS * 86_400,
        invited_by: Some(staff.id()),
    };
    (secret, row)
}

/// Mails the invitation link; whether it went out.
async fn mail_invitation(
    state: &AppState,
    staff: &Staff,
    account: &Account,
    secret: &str,
    language: &str,
) -> bool {
    // The name an admin gave the site, else the first edition's.
    let site_name = match state.cache.site(&state.store).await {
        Ok(site) => site
            .settings
            .site_name
            .clone()
            .or_else(|| site.editions.first().map(|e| e.name.clone())),
        Err(_) => None,
    }
    .unwrap_or_else(|| "Dateline".to_owned());
    let link = crate::urls::Urls::new(&state.config.base_url)
        .path(&crate::urls::newsroom::invitation(secret));
    let mail = Mail {
        to: account.user.email.to_string(),
        language: language.to_owned(),
        kind: "staff_invitation",
        context: json!({
            "name": account.user.display_name,
            "inviter": staff.account.user.display_name,
            "site_name": site_name,
            "link": link,
            "days": INVITATION_DAYS,
        }),
    };
    state.mailer.send(mail).await.is_ok()
}

/// Creates a staff account without a password and mails its holder a link
/// to choose one (admins only); `input.password` is not used. Answers the
/// account and whether the mail went out (when it did not, the account
/// stays, and the invitation can be sent again).
pub async fn invite_staff(
    state: &AppState,
    staff: &Staff,
    input: StaffInput,
    language: &str,
) -> Result<(Account, bool), ApiError> {
    staff.require(Permission::AdminUsers)?;
    let new = new_user(&input)?;
    let (secret, row) = invitation(staff);
    let audit = staff.audit("user.invite", "user", None);
    let account = state
        .store
        .invite_staff(&new, &input.editions, &row, &audit)
        .await?;
    let sent = mail_invitation(state, staff, &account, &secret, language).await;
    Ok((account, sent))
}

/// A new invitation link for an account that has not chosen its password
/// yet; the earlier link stops working.
pub async fn reinvite_staff(
    state: &AppState,
    staff: &Staff,
    id: i64,
    language: &str,
) -> Result<(Account, bool), ApiError> {
    staff.require(Permission::AdminUsers)?;
    let (secret, row) = invitation(staff);
    let audit = staff.audit("user.invite_again", "user", Some(id));
    let account = state
        .store
        .reinvite_staff(id, &row, &audit)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => ApiError::not_found("user"),
            StoreError::Conflict { .. } => ApiError::new(
                ErrorCode::Conflict,
                "this account already has a password, or is disabled",
            ),
            other => other.into(),
        })?;
    let sent = mail_invitation(state, staff, &account, &secret, language).await;
    Ok((account, sent))
}
