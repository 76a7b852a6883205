//! Reader accounts: people who register on the public site to comment and
//! chat (never staff). An account with its standing (active, suspended,
//! banned), its failed-login lockout, its sessions (`sessions.rs`), the
//! one-use secrets sent to it by mail (`tokens.rs`) and everything stored
//! about it as one JSON document (`export.rs`).

mod delete;
mod export;
mod mail_sign_in;
mod notifications;
mod sessions;
mod tokens;

use dateline_domain::{EmailAddress, UnixTime};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::{Result, Store, StoreError};

pub use mail_sign_in::MailedSecret;
pub use notifications::ReplyMail;
pub use sessions::{NewReaderSession, ReaderSession};
pub use tokens::{CodeRefusal, NewReaderToken, ReaderToken, TokenPurpose};

const READER_COLUMNS: &str = "id, email, display_name, password_hash, language, created_at, \
     email_verified_at, status, suspended_until, status_reason, failed_logins, locked_until";

/// Longest display name kept, in characters.
pub const MAX_DISPLAY_NAME_CHARS: usize = 60;

/// A reader's standing with the moderators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReaderStatus {
    Active,
    /// May read and sign in, but not take part until `suspended_until`.
    Suspended,
    /// May sign in to see why, export and delete; never take part again.
    Banned,
}

impl ReaderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Banned => "banned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "suspended" => Some(Self::Suspended),
            "banned" => Some(Self::Banned),
            _ => None,
        }
    }
}

/// A reader account. The password hash is never serialised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reader {
    pub id: i64,
    /// Lower-cased.
    pub email: String,
    pub display_name: String,
    #[serde(skip)]
    pub password_hash: Option<String>,
    /// The language mail is written in.
    pub language: String,
    pub created_at: UnixTime,
    pub email_verified_at: Option<UnixTime>,
    pub status: ReaderStatus,
    pub suspended_until: Option<UnixTime>,
    pub status_reason: String,
    #[serde(skip)]
    pub failed_logins: i64,
    #[serde(skip)]
    pub locked_until: Option<UnixTime>,
}

impl Reader {
    pub fn is_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }

    pub fn has_password(&self) -> bool {
        self.password_hash.is_some()
    }

    /// Password logins are refused until `locked_until`.
    pub fn is_locked(&self, now: UnixTime) -> bool {
        self.locked_until.is_some_and(|until| until > now)
    }

    /// The standing at `now`: a suspension whose end has passed is over.
    pub fn status_at(&self, now: UnixTime) -> ReaderStatus {
        match self.status {
            ReaderStatus::Suspended if self.suspended_until.is_some_and(|t| t <= now) => {
                ReaderStatus::Active
            }
            status => status,
        }
    }

    /// May comment and chat: verified address and active standing.
    pub fn can_participate(&self, now: UnixTime) -> bool {
        self.is_verified() && self.status_at(now) == ReaderStatus::Active
    }
}

/// A reader to create; the e-mail address is stored lower-cased.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReader {
    pub email: EmailAddress,
    pub display_name: String,
    /// argon2id PHC string; `None` signs in by mail only.
    pub password_hash: Option<String>,
    pub language: String,
    pub created_at: UnixTime,
    /// Set for accounts created already verified (the demo reader).
    pub verified_at: Option<UnixTime>,
}

fn reader_from_row(row: &AnyRow) -> Result<Reader> {
    let status: String = row.try_get("status")?;
    Ok(Reader {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        language: row.try_get("language")?,
        created_at: row.try_get("created_at")?,
        email_verified_at: row.try_get("email_verified_at")?,
        status: ReaderStatus::parse(&status).ok_or_else(|| StoreError::Corrupt {
            table: "readers",
            detail: format!("unknown status {status:?}"),
        })?,
        suspended_until: row.try_get("suspended_until")?,
        status_reason: row.try_get("status_reason")?,
        failed_logins: row.try_get("failed_logins")?,
        locked_until: row.try_get("locked_until")?,
    })
}

pub(crate) async fn load_reader(conn: &mut AnyConnection, id: i64) -> Result<Option<Reader>> {
    let sql = format!("SELECT {READER_COLUMNS} FROM readers WHERE id = $1 AND deleted_at IS NULL");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(reader_from_row)
        .transpose()
}

/// A display name trimmed, not empty and not too long.
fn display_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        return Err(dateline_domain::ParseError::new(
            "display_name",
            "invalid_display_name",
            format!("a display name has 1 to {MAX_DISPLAY_NAME_CHARS} characters"),
        )
        .into());
    }
    Ok(name)
}

fn lower(email: &EmailAddress) -> String {
    email.as_str().to_lowercase()
}

/// [`Store::create_reader`] on the caller's transaction.
pub(crate) async fn create_reader_on(conn: &mut AnyConnection, new: &NewReader) -> Result<Reader> {
    let name = display_name(&new.display_name)?;
    let sql = format!(
            "INSERT INTO readers (email, display_name, password_hash, language, created_at, email_verified_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {READER_COLUMNS}"
        );
    let row = sqlx::query(&sql)
        .bind(lower(&new.email))
        .bind(name)
        .bind(new.password_hash.as_deref())
        .bind(new.language.as_str())
        .bind(new.created_at)
        .bind(new.verified_at)
        .fetch_one(&mut *conn)
        .await
        .map_err(StoreError::on_constraint("e-mail address"))?;
    reader_from_row(&row)
}

/// [`Store::change_reader_email`] on the caller's transaction.
pub(crate) async fn change_email_on(
    conn: &mut AnyConnection,
    id: i64,
    email: &EmailAddress,
    now: UnixTime,
) -> Result<Reader> {
    let sql = format!(
        "UPDATE readers SET email = $1, email_verified_at = $2 WHERE id = $3 RETURNING {READER_COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(lower(email))
        .bind(now)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(StoreError::on_constraint("e-mail address"))?
        .ok_or(StoreError::NotFound)?;
    reader_from_row(&row)
}

impl Store {
    /// Creates a reader. A taken address → `Duplicate { what: "e-mail address" }`.
    pub async fn create_reader(&self, new: &NewReader) -> Result<Reader> {
        let mut conn = self.pool.acquire().await?;
        create_reader_on(&mut conn, new).await
    }

    pub async fn reader_by_id(&self, id: i64) -> Result<Option<Reader>> {
        let mut conn = self.pool.acquire().await?;
        load_reader(&mut conn, id).await
    }

    /// Matches the address whatever its case.
    pub async fn reader_by_email(&self, email: &EmailAddress) -> Result<Option<Reader>> {
        let sql = format!("SELECT {READER_COLUMNS} FROM readers WHERE email = $1");
        sqlx::query(&sql)
            .bind(lower(email))
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(reader_from_row)
            .transpose()
    }

    /// Marks the address as proven (keeps the first proof's time).
    pub async fn verify_reader_email(&self, id: i64, now: UnixTime) -> Result<Reader> {
        self.update_reader(
            "UPDATE readers SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2",
            id,
            |q| q.bind(now),
        )
        .await
    }

    /// Changes the display name and mail language.
    pub async fn update_reader_profile(
        &self,
        id: i64,
        name: &str,
        language: &str,
    ) -> Result<Reader> {
        let name = display_name(name)?.to_owned();
        let language = language.to_owned();
        self.update_reader(
            "UPDATE readers SET display_name = $1, language = $2 WHERE id = $3",
            id,
            move |q| q.bind(name).bind(language),
        )
        .await
    }

    /// Sets (or, with `None`, removes) the password and ends every session
    /// but `keep` (the token hash of the browser that made the change).
    pub async fn set_reader_password(
        &self,
        id: i64,
        hash: Option<&str>,
        keep: Option<&str>,
    ) -> Result<Reader> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE readers SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE id = $2",
        )
        .bind(hash)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM reader_sessions WHERE reader_id = $1 AND token_hash <> $2")
            .bind(id)
            .bind(keep.unwrap_or(""))
            .execute(&mut *tx)
            .await?;
        let reader = load_reader(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(reader)
    }

    /// Moves the account to a new address, proven by the caller (a link
    /// mailed to it). A taken address → `Duplicate`.
    pub async fn change_reader_email(
        &self,
        id: i64,
        email: &EmailAddress,
        now: UnixTime,
    ) -> Result<Reader> {
        let mut conn = self.pool.acquire().await?;
        change_email_on(&mut conn, id, email, now).await
    }

    /// Sets a reader's standing (moderation). `until` is the end of a
    /// suspension (ignored otherwise); `reason` is shown to the reader.
    /// Banning ends the reader's sessions' right to take part, not the
    /// sessions: a banned reader can still export and delete the account.
    pub async fn set_reader_status(
        &self,
        id: i64,
        status: ReaderStatus,
        until: Option<UnixTime>,
        reason: &str,
    ) -> Result<Reader> {
        let until = if status == ReaderStatus::Suspended {
            until
        } else {
            None
        };
        let reason = reason.trim().to_owned();
        self.update_reader(
            "UPDATE readers SET status = $1, suspended_until = $2, status_reason = $3 WHERE id = $4",
            id,
            move |q| q.bind(status.as_str()).bind(until).bind(reason),
        )
        .await
    }

    /// Counts a failed password login, exactly like staff accounts: at the
    /// `max_failures`-th consecutive failure the account is locked until
    /// `now + lock_for`; returns the lock's end when this failure locked it.
    pub async fn record_reader_login_failure(
        &self,
        id: i64,
        max_failures: u32,
        lock_for: i64,
        now: UnixTime,
    ) -> Result<Option<UnixTime>> {
        let max = i64::from(max_failures.max(1));
        let until = now + lock_for;
        let row = sqlx::query(
            "UPDATE readers SET \
             locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END, \
             failed_logins = CASE WHEN failed_logins + 1 >= $1 THEN 0 ELSE failed_logins + 1 END \
             WHERE id = $3 RETURNING locked_until",
        )
        .bind(max)
        .bind(until)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let locked_until: Option<i64> = row.try_get("locked_until")?;
        Ok(locked_until.filter(|t| *t == until))
    }

    /// Runs one `UPDATE … WHERE id = $last` and reads the reader back.
    async fn update_reader<'q, F>(&self, sql: &'q str, id: i64, bind: F) -> Result<Reader>
    where
        F: FnOnce(
            sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
        ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    {
        let mut tx = self.begin_write().await?;
        let done = bind(sqlx::query(sql)).bind(id).execute(&mut *tx).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let reader = load_reader(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(reader)
    }
}
