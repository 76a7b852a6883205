//! API tokens for the Admin API: found by the SHA-256 of the bearer secret
//! (the secret is shown once at creation and never stored), limited to
//! their scopes, optionally expiring, revocable.
//!
//! A token made by a token is its child (`parent_id`, migration 0014): its
//! scopes are among its parent's, it never outlives its parent (its expiry
//! is capped at the parent's), and revoking a token revokes all its
//! descendants in the same transaction, each with its audit entry.

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::accounts::{load_account, Account};
use crate::audit::{record_audit_on, NewAudit};
use crate::people::non_empty;
use crate::{Result, Store, StoreError};

const TOKEN_COLUMNS: &str = "id, user_id, parent_id, name, token_prefix, scopes, created_at, \
     expires_at, last_used_at, revoked_at";

#[derive(Debug, Clone, PartialEq)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    /// The token that made this one, if a token did (a session's are roots).
    pub parent_id: Option<i64>,
    pub name: String,
    /// The token's first characters, to recognise it; not enough to use it.
    pub prefix: String,
    /// Scope names as stored (space-separated in the table); the web layer
    /// parses them and ignores unknown ones.
    pub scopes: Vec<String>,
    pub created_at: UnixTime,
    pub expires_at: Option<UnixTime>,
    pub last_used_at: Option<UnixTime>,
    pub revoked_at: Option<UnixTime>,
}

impl ApiToken {
    /// Neither revoked nor expired at `now`.
    pub fn is_live(&self, now: UnixTime) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|t| t > now)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewApiToken {
    pub user_id: i64,
    /// The token making this one: the new token is its child (same owner,
    /// scopes among the parent's, expiry capped at the parent's).
    pub parent_id: Option<i64>,
    pub name: String,
    pub prefix: String,
    /// Hex SHA-256 of the secret.
    pub token_hash: String,
    pub scopes: Vec<String>,
    pub created_at: UnixTime,
    pub expires_at: Option<UnixTime>,
}

fn token_from_row(row: &AnyRow) -> Result<ApiToken> {
    let scopes: String = row.try_get("scopes")?;
    Ok(ApiToken {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        parent_id: row.try_get("parent_id")?,
        name: row.try_get("name")?,
        prefix: row.try_get("token_prefix")?,
        scopes: scopes.split_whitespace().map(str::to_owned).collect(),
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        last_used_at: row.try_get("last_used_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

impl Store {
    /// Creates a token and records `audit` (its `item_id` becomes the
    /// token's id) in one transaction. Unknown user → `MissingReference`.
    /// With a parent: a parent that is not its owner's, revoked or expired
    /// → `MissingReference`; scopes beyond the parent's → `Invalid`; the
    /// expiry is capped at the parent's.
    pub async fn create_api_token(&self, new: &NewApiToken, audit: &NewAudit) -> Result<ApiToken> {
        let name = non_empty(&new.name, "name", "empty_token_name")?;
        let mut tx = self.begin_write().await?;
        let expires_at = match new.parent_id {
            None => new.expires_at,
            Some(parent_id) => {
                let parent = locked_parent(&mut tx, parent_id, new).await?;
                match (new.expires_at, parent.expires_at) {
                    (Some(asked), Some(cap)) => Some(asked.min(cap)),
                    (asked, cap) => asked.or(cap),
                }
            }
        };
        let sql = format!(
            "INSERT INTO api_tokens (user_id, parent_id, name, token_prefix, token_hash, scopes, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {TOKEN_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(new.user_id)
            .bind(new.parent_id)
            .bind(name)
            .bind(new.prefix.as_str())
            .bind(new.token_hash.as_str())
            .bind(new.scopes.join(" "))
            .bind(new.created_at)
            .bind(expires_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::on_constraint("user"))?;
        let token = token_from_row(&row)?;
        record_audit_on(&mut tx, &audit.clone().on_item(token.id)).await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The live token with this hash and its owner's account: `None` when
    /// unknown, revoked, expired at `now`, or when the owner is disabled.
    pub async fn api_token_by_hash(
        &self,
        token_hash: &str,
        now: UnixTime,
    ) -> Result<Option<(ApiToken, Account)>> {
        let mut conn = self.pool.acquire().await?;
        let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1");
        let Some(row) = sqlx::query(&sql)
            .bind(token_hash)
            .fetch_optional(&mut *conn)
            .await?
        else {
            return Ok(None);
        };
        let token = token_from_row(&row)?;
        if !token.is_live(now) {
            return Ok(None);
        }
        let account = load_account(&mut conn, token.user_id).await?;
        Ok(account.filter(|a| !a.disabled).map(|a| (token, a)))
    }

    pub async fn api_token_by_id(&self, id: i64) -> Result<Option<ApiToken>> {
        let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE id = $1");
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(token_from_row)
            .transpose()
    }

    /// Records a use (callers throttle this to a write a minute per token).
    pub async fn touch_api_token(&self, id: i64, now: UnixTime) -> Result<()> {
        sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 \
             WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)",
        )
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Tokens of one user, or of everyone when `user_id` is `None`, newest first.
    pub async fn api_tokens(&self, user_id: Option<i64>) -> Result<Vec<ApiToken>> {
        let rows = match user_id {
            Some(user_id) => {
                let sql = format!(
                    "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC"
                );
                sqlx::query(&sql)
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY id DESC");
                sqlx::query(&sql).fetch_all(&self.pool).await?
            }
        };
        rows.iter().map(token_from_row).collect()
    }

    /// Revokes a token and all its descendants, recording `audit` for the
    /// token and an entry for each descendant (details name the token whose
    /// revocation took it), in one transaction. Revoking an already revoked
    /// token keeps its first revocation time and writes no entry for it.
    /// Unknown token → `NotFound`.
    pub async fn revoke_api_token(
        &self,
        id: i64,
        now: UnixTime,
        audit: &NewAudit,
    ) -> Result<ApiToken> {
        let mut tx = self.begin_write().await?;
        // The first write takes the token's row lock: a child being made
        // under it (which locks its parent first) commits before, and is
        // found below, or waits and then sees its parent revoked.
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            record_audit_on(&mut tx, &audit.clone().on_item(id)).await?;
        }
        let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let token = token_from_row(&row)?;
        revoke_descendants(&mut tx, id, now, audit).await?;
        tx.commit().await?;
        Ok(token)
    }
}

/// The parent of a token being made, locked until the transaction ends
/// (a no-op write: SQLite already holds the write lock, PostgreSQL takes
/// the row's), checked to be live, its owner's, and to hold the scopes.
async fn locked_parent(
    conn: &mut sqlx::AnyConnection,
    parent_id: i64,
    new: &NewApiToken,
) -> Result<ApiToken> {
    sqlx::query("UPDATE api_tokens SET revoked_at = revoked_at WHERE id = $1")
        .bind(parent_id)
        .execute(&mut *conn)
        .await?;
    let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE id = $1");
    let parent = sqlx::query(&sql)
        .bind(parent_id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(token_from_row)
        .transpose()?
        .filter(|p| p.user_id == new.user_id && p.is_live(new.created_at))
        .ok_or(StoreError::MissingReference {
            what: "parent token",
        })?;
    if let Some(extra) = new.scopes.iter().find(|s| !parent.scopes.contains(s)) {
        return Err(StoreError::Invalid(dateline_domain::ParseError::new(
            "scopes",
            "invalid_scope",
            format!("{extra:?} is not a scope of the token making this one"),
        )));
    }
    Ok(parent)
}

/// Revokes every live descendant of token `id`, one audit entry each.
/// Repeated until a pass finds none: on PostgreSQL each statement sees
/// what committed before it, so a grandchild committed while this runs
/// is found by the next pass (its maker locked its parent, which this
/// transaction then waits for).
async fn revoke_descendants(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    now: UnixTime,
    audit: &NewAudit,
) -> Result<()> {
    loop {
        let ids: Vec<i64> = sqlx::query_scalar(
            "WITH RECURSIVE tree (id) AS ( \
                 SELECT id FROM api_tokens WHERE parent_id = $1 \
                 UNION ALL \
                 SELECT t.id FROM api_tokens t JOIN tree ON t.parent_id = tree.id \
             ) \
             SELECT tree.id FROM tree JOIN api_tokens a ON a.id = tree.id \
             WHERE a.revoked_at IS NULL ORDER BY tree.id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        if ids.is_empty() {
            return Ok(());
        }
        for child in ids {
            let done = sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(child)
            .execute(&mut *conn)
            .await?;
            if done.rows_affected() == 1 {
                let entry = audit
                    .clone()
                    .on_item(child)
                    .details(serde_json::json!({ "revoked_with": id }));
                record_audit_on(&mut *conn, &entry).await?;
            }
        }
    }
}
