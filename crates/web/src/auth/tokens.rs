//! API token management shared by the newsroom pages and the Admin API:
//! who may list, make and revoke tokens, and the lifetime of a child.
//!
//! - A session (a signed-in staff member) manages its owner's tokens; an
//!   admin (`users:admin`) lists and revokes everyone's.
//! - A token manages tokens only with the `tokens:manage` scope. A token it
//!   makes is its child: scopes among its own (and its owner's role), and
//!   it always expires, at the time asked for (1 to [`MAX_TOKEN_DAYS`]
//!   days) or, when none is asked for, in [`MAX_TOKEN_DAYS`] days; never
//!   after its parent (the store caps it). Revoking a token revokes its
//!   descendants (`Store::revoke_api_token`).
//! - Any token may revoke itself and its descendants; others' (siblings,
//!   its parent, the owner's other tokens) need `tokens:manage`.

use dateline_store::{ApiToken, NewApiToken};

use super::{hash_secret, new_api_token, now, Permission, Scope, Scopes, Staff, Via};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// Longest lifetime a token may be given, in days; also the lifetime of a
/// child token when none is asked for.
pub const MAX_TOKEN_DAYS: i64 = 365;

fn invalid(field: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message).with_field(field)
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

/// The tokens the caller may see: its owner's (everyone's for admins).
/// Needs `tokens:manage` on a token.
pub async fn visible_tokens(state: &AppState, staff: &Staff) -> Result<Vec<ApiToken>, ApiError> {
    staff.require(Permission::ManageTokens)?;
    let owner = (!staff.can(Permission::AdminUsers)).then_some(staff.id());
    Ok(state.store.api_tokens(owner).await?)
}

/// Issues a token for the caller; returns it with its secret (shown once).
/// Made by a token, it is that token's child (see the module's rules).
pub async fn issue_token(
    state: &AppState,
    staff: &Staff,
    name: &str,
    scopes: Scopes,
    expires_in_days: Option<i64>,
) -> Result<(ApiToken, String), ApiError> {
    staff.require(Permission::ManageTokens)?;
    if let Some(days) = expires_in_days {
        if !(1..=MAX_TOKEN_DAYS).contains(&days) {
            return Err(invalid(
                "expires_in_days",
                format!("expires_in_days: must be 1 to {MAX_TOKEN_DAYS}"),
            ));
        }
    }
    let parent_id = staff.token_id();
    // A child always expires; the store caps it at its parent's expiry.
    let days = match parent_id {
        Some(_) => Some(expires_in_days.unwrap_or(MAX_TOKEN_DAYS)),
        None => expires_in_days,
    };
    let secret = new_api_token();
    let now = now();
    let new = NewApiToken {
        user_id: staff.id(),
        parent_id,
        name: name.to_owned(),
        prefix: secret.chars().take(10).collect(),
        token_hash: hash_secret(&secret),
        scopes: scopes.names().into_iter().map(str::to_owned).collect(),
        created_at: now,
        expires_at: days.map(|d| now + d * 86_400),
    };
    let audit = staff
        .audit("token.create", "token", None)
        .details(serde_json::json!({
            "name": name.trim(),
            "scopes": scopes.names(),
            "parent_id": parent_id,
        }));
    let token = state.store.create_api_token(&new, &audit).await?;
    Ok((token, secret))
}

/// Revokes a token and its descendants: the calling token itself or one
/// of its descendants; with `tokens:manage`, any of the owner's; admins'
/// (`users:admin` too), anyone's.
pub async fn revoke_token(state: &AppState, staff: &Staff, id: i64) -> Result<ApiToken, ApiError> {
    let token = state
        .store
        .api_token_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("token"))?;
    if token.user_id != staff.id() {
        // Others' tokens are not even said to exist without the rights.
        let allowed = staff.can(Permission::AdminUsers) && staff.can(Permission::ManageTokens);
        if !allowed {
            return Err(ApiError::not_found("token"));
        }
    } else if !in_own_tree(state, staff, &token).await? {
        staff.require(Permission::ManageTokens)?;
    }
    let audit = staff.audit("token.revoke", "token", Some(id));
    Ok(state.store.revoke_api_token(id, now(), &audit).await?)
}

/// The calling token is `token` or one of its ancestors.
async fn in_own_tree(state: &AppState, staff: &Staff, token: &ApiToken) -> Result<bool, ApiError> {
    let Via::Token { id: caller } = staff.via else {
        return Ok(false);
    };
    let mut current = token.clone();
    loop {
        if current.id == caller {
            return Ok(true);
        }
        let Some(parent) = current.parent_id else {
            return Ok(false);
        };
        match state.store.api_token_by_id(parent).await? {
            Some(next) => current = next,
            None => return Ok(false),
        }
    }
}
