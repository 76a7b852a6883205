//! Newsroom sessions: one row per signed-in browser, found by the SHA-256 of
//! the cookie's secret (the secret itself is never stored). A session ends
//! at its absolute expiry, after an idle period, at logout, or when its
//! user logs out everywhere, is disabled or changes password.

use dateline_domain::UnixTime;
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::accounts::{load_account, Account};
use crate::audit::{record_audit_on, NewAudit};
use crate::{Result, Store};

const SESSION_COLUMNS: &str = "id, user_id, created_at, last_seen_at, expires_at, user_agent, ip";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub id: i64,
    pub user_id: i64,
    pub created_at: UnixTime,
    pub last_seen_at: UnixTime,
    pub expires_at: UnixTime,
    pub user_agent: String,
    pub ip: String,
}

/// A session to start; `token_hash` is the hex SHA-256 of the cookie secret.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    pub user_agent: String,
    pub ip: String,
}

fn session_from_row(row: &AnyRow) -> Result<Session> {
    Ok(Session {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        created_at: row.try_get("created_at")?,
        last_seen_at: row.try_get("last_seen_at")?,
        expires_at: row.try_get("expires_at")?,
        user_agent: row.try_get("user_agent")?,
        ip: row.try_get("ip")?,
    })
}

impl Store {
    /// Starts a session after a successful login, in one transaction: ends
    /// the session the browser presented (`replaces`, a token hash) so that
    /// a session is never carried across a login, drops the user's expired
    /// sessions, clears the failed-login count and lockout, and records
    /// `audit` (its `item_id` becomes the session's id).
    pub async fn start_session(
        &self,
        new: &NewSession,
        replaces: Option<&str>,
        audit: &NewAudit,
    ) -> Result<Session> {
        let mut tx = self.begin_write().await?;
        if let Some(old) = replaces {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(old)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2")
            .bind(new.user_id)
            .bind(new.created_at)
            .execute(&mut *tx)
            .await?;
        let sql = format!(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip) \
             VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING {SESSION_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(new.token_hash.as_str())
            .bind(new.user_id)
            .bind(new.created_at)
            .bind(new.expires_at)
            .bind(truncate(&new.user_agent, 300))
            .bind(truncate(&new.ip, 64))
            .fetch_one(&mut *tx)
            .await?;
        let session = session_from_row(&row)?;
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
            .bind(new.user_id)
            .execute(&mut *tx)
            .await?;
        record_audit_on(&mut tx, &audit.clone().on_item(session.id)).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// The live session with this token hash and its account: `None` when
    /// unknown, past its absolute expiry, idle since `now - idle_for` or
    /// longer, or when its account is disabled.
    pub async fn session_by_token(
        &self,
        token_hash: &str,
        now: UnixTime,
        idle_for: i64,
    ) -> Result<Option<(Session, Account)>> {
        let mut conn = self.pool.acquire().await?;
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions \
             WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $3"
        );
        let Some(row) = sqlx::query(&sql)
            .bind(token_hash)
            .bind(now)
            .bind(now - idle_for)
            .fetch_optional(&mut *conn)
            .await?
        else {
            return Ok(None);
        };
        let session = session_from_row(&row)?;
        let account = load_account(&mut conn, session.user_id).await?;
        Ok(account
            .filter(|a| !a.disabled)
            .map(|account| (session, account)))
    }

    /// Marks a session as used now (callers throttle this to a write a minute).
    pub async fn touch_session(&self, id: i64, now: UnixTime) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1")
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A user's live sessions, most recently used first.
    pub async fn sessions_of(
        &self,
        user_id: i64,
        now: UnixTime,
        idle_for: i64,
    ) -> Result<Vec<Session>> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions \
             WHERE user_id = $1 AND expires_at > $2 AND last_seen_at > $3 \
             ORDER BY last_seen_at DESC, id DESC"
        );
        sqlx::query(&sql)
            .bind(user_id)
            .bind(now)
            .bind(now - idle_for)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(session_from_row)
            .collect()
    }

    /// Ends the session with this token hash (logout) and records `audit`,
    /// in one transaction; false when there was no such session.
    pub async fn end_session(&self, token_hash: &str, audit: &NewAudit) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> =
            sqlx::query_scalar("DELETE FROM sessions WHERE token_hash = $1 RETURNING id")
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(id) = id else {
            return Ok(false);
        };
        record_audit_on(&mut tx, &audit.clone().on_item(id)).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Ends every session of a user ("log out everywhere") and records
    /// `audit` with the count, in one transaction; returns the count.
    pub async fn end_all_sessions(&self, user_id: i64, audit: &NewAudit) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        let ended = done.rows_affected();
        let mut entry = audit.clone().on_item(user_id);
        if let serde_json::Value::Object(map) = &mut entry.details {
            map.insert("sessions_ended".into(), json!(ended));
        }
        record_audit_on(&mut tx, &entry).await?;
        tx.commit().await?;
        Ok(ended)
    }
}

/// At most `max` characters, so a hostile header cannot bloat the table.
fn truncate(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}
