//! Reader sessions: one row per signed-in browser, found by the SHA-256 of
//! the cookie's secret. A session ends at its absolute expiry, after an
//! idle period, at logout, at "log out everywhere", at a password change
//! (all but the changing browser's) and with the account.

use dateline_domain::UnixTime;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{load_reader, Reader};
use crate::{Result, Store, StoreError};

const SESSION_COLUMNS: &str = "id, reader_id, created_at, last_seen_at, expires_at, user_agent, ip";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderSession {
    pub id: i64,
    pub reader_id: i64,
    pub created_at: UnixTime,
    pub last_seen_at: UnixTime,
    pub expires_at: UnixTime,
    pub user_agent: String,
    pub ip: String,
}

/// A session to start; `token_hash` is the hex SHA-256 of the cookie secret.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReaderSession {
    pub token_hash: String,
    pub reader_id: i64,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    pub user_agent: String,
    pub ip: String,
}

pub(super) fn session_from_row(row: &AnyRow) -> Result<ReaderSession> {
    Ok(ReaderSession {
        id: row.try_get("id")?,
        reader_id: row.try_get("reader_id")?,
        created_at: row.try_get("created_at")?,
        last_seen_at: row.try_get("last_seen_at")?,
        expires_at: row.try_get("expires_at")?,
        user_agent: row.try_get("user_agent")?,
        ip: row.try_get("ip")?,
    })
}

/// [`Store::start_reader_session`] on the caller's transaction.
pub(super) async fn start_session_on(
    conn: &mut AnyConnection,
    new: &NewReaderSession,
    replaces: Option<&str>,
) -> Result<ReaderSession> {
    if let Some(old) = replaces {
        sqlx::query("DELETE FROM reader_sessions WHERE token_hash = $1")
            .bind(old)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM reader_sessions WHERE reader_id = $1 AND expires_at <= $2")
        .bind(new.reader_id)
        .bind(new.created_at)
        .execute(&mut *conn)
        .await?;
    let sql = format!(
            "INSERT INTO reader_sessions (token_hash, reader_id, created_at, last_seen_at, expires_at, user_agent, ip) \
             VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING {SESSION_COLUMNS}"
        );
    let row = sqlx::query(&sql)
        .bind(new.token_hash.as_str())
        .bind(new.reader_id)
        .bind(new.created_at)
        .bind(new.expires_at)
        .bind(truncate(&new.user_agent, 300))
        .bind(truncate(&new.ip, 64))
        .fetch_one(&mut *conn)
        .await
        .map_err(StoreError::on_constraint("reader"))?;
    let session = session_from_row(&row)?;
    sqlx::query("UPDATE readers SET failed_logins = 0, locked_until = NULL WHERE id = $1")
        .bind(new.reader_id)
        .execute(&mut *conn)
        .await?;
    Ok(session)
}

impl Store {
    /// Starts a session after a successful sign-in, in one transaction:
    /// ends the session the browser presented (`replaces`, a token hash) so
    /// that no session is carried across a sign-in, drops the reader's
    /// expired sessions and clears the failed-login count and lockout.
    pub async fn start_reader_session(
        &self,
        new: &NewReaderSession,
        replaces: Option<&str>,
    ) -> Result<ReaderSession> {
        let mut tx = self.begin_write().await?;
        let session = start_session_on(&mut tx, new, replaces).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// The live session with this token hash and its reader: `None` when
    /// unknown, past its absolute expiry, or idle since `now - idle_for`.
    pub async fn reader_session_by_token(
        &self,
        token_hash: &str,
        now: UnixTime,
        idle_for: i64,
    ) -> Result<Option<(ReaderSession, Reader)>> {
        let mut conn = self.pool.acquire().await?;
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM reader_sessions \
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
        let reader = load_reader(&mut conn, session.reader_id).await?;
        Ok(reader.map(|reader| (session, reader)))
    }

    /// Marks a session as used now (callers throttle this to a write a minute).
    pub async fn touch_reader_session(&self, id: i64, now: UnixTime) -> Result<()> {
        sqlx::query(
            "UPDATE reader_sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1",
        )
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A reader's sessions that have not reached their absolute expiry,
    /// most recently used first.
    pub async fn reader_sessions_of(
        &self,
        reader_id: i64,
        now: UnixTime,
    ) -> Result<Vec<ReaderSession>> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM reader_sessions \
             WHERE reader_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, id DESC"
        );
        sqlx::query(&sql)
            .bind(reader_id)
            .bind(now)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(session_from_row)
            .collect()
    }

    /// Ends the session with this token hash (logout); false when unknown.
    pub async fn end_reader_session(&self, token_hash: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM reader_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Ends one of a reader's sessions (signing out another device); false
    /// when the reader has no such session.
    pub async fn end_reader_session_of(&self, reader_id: i64, session_id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM reader_sessions WHERE id = $1 AND reader_id = $2")
            .bind(session_id)
            .bind(reader_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Ends every session of a reader ("log out everywhere"); returns the count.
    pub async fn end_all_reader_sessions(&self, reader_id: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM reader_sessions WHERE reader_id = $1")
            .bind(reader_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

/// At most `max` characters, so a hostile header cannot bloat the table.
fn truncate(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}
