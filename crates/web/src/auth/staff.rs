//! The [`Staff`] extractor: who is asking, from a bearer API token or the
//! session cookie, with the rights they have.

use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, USER_AGENT};
use axum::http::request::Parts;
use dateline_domain::UnixTime;
use dateline_store::{Account, NewAudit};

use super::permissions::{permits, role_scopes, Actor, ArticleRef, Permission, Scopes};
use super::{client_ip, csrf_token_for, hash_secret, read_cookie};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// Sessions and tokens record their last use at most once a minute.
const TOUCH_EVERY: i64 = 60;

/// Seconds since the Unix epoch.
pub fn now() -> UnixTime {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// How the request was authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// The session cookie; `csrf` is the token its forms must send back.
    Session {
        id: i64,
        secret_hash: String,
        csrf: String,
    },
    /// A bearer API token.
    Token { id: i64 },
}

/// A signed-in staff member (contributor or above, not disabled).
#[derive(Debug, Clone)]
pub struct Staff {
    pub account: Account,
    pub actor: Actor,
    pub via: Via,
    pub ip: String,
    pub user_agent: String,
}

impl Staff {
    pub fn id(&self) -> i64 {
        self.account.id()
    }

    pub fn scopes(&self) -> Scopes {
        self.actor.scopes
    }

    pub fn can(&self, permission: Permission) -> bool {
        permits(&self.actor, permission)
    }

    /// `Ok` when allowed, else 403 `forbidden` saying what is missing.
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if self.can(permission) {
            return Ok(());
        }
        let scope = permission.scope();
        let message = if matches!(self.via, Via::Token { .. })
            && role_scopes(self.account.role()).contains(scope)
            && !self.actor.scopes.contains(scope)
        {
            format!("this API token lacks the {scope} scope")
        } else {
            format!(
                "your role ({}) does not allow this ({scope})",
                self.account.role()
            )
        };
        Err(ApiError::new(ErrorCode::Forbidden, message))
    }

    pub fn can_edit_article(&self, article: &ArticleRef) -> bool {
        self.can(Permission::EditArticle(*article))
    }

    pub fn can_publish_article(&self, article: &ArticleRef) -> bool {
        self.can(Permission::MoveArticle(
            *article,
            dateline_domain::ArticleStatus::Published,
        ))
    }

    /// The CSRF token forms must carry (sessions only).
    pub fn csrf_token(&self) -> Option<&str> {
        match &self.via {
            Via::Session { csrf, .. } => Some(csrf),
            Via::Token { .. } => None,
        }
    }

    pub fn token_id(&self) -> Option<i64> {
        match self.via {
            Via::Token { id } => Some(id),
            Via::Session { .. } => None,
        }
    }

    /// An audit entry by this staff member, from this address, now.
    pub fn audit(&self, action: &str, item_type: &str, item_id: Option<i64>) -> NewAudit {
        NewAudit::new(action, item_type, item_id, now())
            .by(Some(self.id()), self.token_id())
            .ip(self.ip.clone())
    }

    fn new(account: Account, scopes: Scopes, via: Via, parts: &Parts) -> Result<Self, ApiError> {
        if account.disabled || !account.role().is_staff() {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                "this account has no access to the newsroom",
            ));
        }
        let actor = Actor {
            user_id: account.id(),
            role: account.role(),
            editions: account.editions.clone(),
            scopes: role_scopes(account.role()).intersect(scopes),
        };
        let user_agent = parts
            .headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        Ok(Self {
            account,
            actor,
            via,
            ip: client_ip(parts),
            user_agent,
        })
    }
}

fn unauthenticated(message: &str) -> ApiError {
    ApiError::new(ErrorCode::Unauthenticated, message)
}

/// The bearer token of an `Authorization` header; `Some("")` when the
/// header is there but malformed, so that it is refused rather than ignored.
pub(crate) fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?;
    let text = value.to_str().unwrap_or_default();
    Some(match text.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ => "",
    })
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = ApiError;

    /// A bearer token wins over the cookie (and needs no CSRF token).
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let now = now();
        if let Some(token) = bearer(parts) {
            let found = match token {
                "" => None,
                token => {
                    state
                        .store
                        .api_token_by_hash(&hash_secret(token), now)
                        .await?
                }
            };
            let (token, account) = found
                .ok_or_else(|| unauthenticated("the API token is unknown, expired or revoked"))?;
            if token.last_used_at.is_none_or(|t| now - t >= TOUCH_EVERY) {
                state.store.touch_api_token(token.id, now).await?;
            }
            let scopes = Scopes::from_names(&token.scopes);
            return Staff::new(account, scopes, Via::Token { id: token.id }, parts);
        }
        let auth = &state.auth;
        let secret = read_cookie(&parts.headers, auth.cookies.session)
            .ok_or_else(|| unauthenticated("please log in"))?;
        let secret_hash = hash_secret(&secret);
        let (session, account) = state
            .store
            .session_by_token(&secret_hash, now, auth.policy.session_idle)
            .await?
            .ok_or_else(|| unauthenticated("your session has ended; please log in again"))?;
        if now - session.last_seen_at >= TOUCH_EVERY {
            state.store.touch_session(session.id, now).await?;
        }
        let via = Via::Session {
            id: session.id,
            secret_hash,
            csrf: csrf_token_for(&secret),
        };
        Staff::new(account, Scopes::all(), via, parts)
    }
}
