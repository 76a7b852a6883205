//! One-use secrets mailed to readers: address verification, password
//! reset, sign-in links and codes, change of address. Only hashes are
//! stored; a token is consumed at most once (one guarded `UPDATE`), and a
//! short sign-in code also counts wrong guesses so that it cannot be
//! guessed within its lifetime.

use dateline_domain::UnixTime;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::{Result, Store, StoreError};

const TOKEN_COLUMNS: &str =
    "id, purpose, reader_id, new_email, created_at, expires_at, used_at, attempts";

/// What a mailed secret proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
    SignInLink,
    SignInCode,
    ChangeEmail,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::SignInLink => "sign_in_link",
            Self::SignInCode => "sign_in_code",
            Self::ChangeEmail => "change_email",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [
            Self::VerifyEmail,
            Self::ResetPassword,
            Self::SignInLink,
            Self::SignInCode,
            Self::ChangeEmail,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// A consumed or stored token (never its secret or hash).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderToken {
    pub id: i64,
    pub purpose: TokenPurpose,
    pub reader_id: i64,
    /// The address to move to (`ChangeEmail`); empty otherwise.
    pub new_email: String,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    pub used_at: Option<UnixTime>,
    pub attempts: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewReaderToken {
    /// Hex SHA-256 of the secret. Short codes must be hashed together with
    /// the reader's id, so that two readers' codes never collide.
    pub token_hash: String,
    pub purpose: TokenPurpose,
    pub reader_id: i64,
    pub new_email: String,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
}

fn token_from_row(row: &AnyRow) -> Result<ReaderToken> {
    let purpose: String = row.try_get("purpose")?;
    Ok(ReaderToken {
        id: row.try_get("id")?,
        purpose: TokenPurpose::parse(&purpose).ok_or_else(|| StoreError::Corrupt {
            table: "reader_tokens",
            detail: format!("unknown purpose {purpose:?}"),
        })?,
        reader_id: row.try_get("reader_id")?,
        new_email: row.try_get("new_email")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        used_at: row.try_get("used_at")?,
        attempts: row.try_get("attempts")?,
    })
}

/// Why a sign-in code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRefusal {
    /// Wrong, expired or already used.
    Wrong,
    /// Too many wrong guesses: the code no longer works.
    Exhausted,
}

/// [`Store::create_reader_token`] on the caller's transaction.
pub(super) async fn insert_token_on(
    conn: &mut AnyConnection,
    new: &NewReaderToken,
) -> Result<ReaderToken> {
    sqlx::query("DELETE FROM reader_tokens WHERE reader_id = $1 AND purpose = $2")
        .bind(new.reader_id)
        .bind(new.purpose.as_str())
        .execute(&mut *conn)
        .await?;
    let sql = format!(
            "INSERT INTO reader_tokens (token_hash, purpose, reader_id, new_email, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {TOKEN_COLUMNS}"
        );
    let row = sqlx::query(&sql)
        .bind(new.token_hash.as_str())
        .bind(new.purpose.as_str())
        .bind(new.reader_id)
        .bind(new.new_email.as_str())
        .bind(new.created_at)
        .bind(new.expires_at)
        .fetch_one(&mut *conn)
        .await
        .map_err(StoreError::on_constraint("token"))?;
    token_from_row(&row)
}

/// [`Store::consume_reader_token`] on the caller's transaction.
pub(super) async fn consume_token_on(
    conn: &mut AnyConnection,
    token_hash: &str,
    purpose: TokenPurpose,
    now: UnixTime,
) -> Result<Option<ReaderToken>> {
    let sql = format!(
        "UPDATE reader_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
             RETURNING {TOKEN_COLUMNS}"
    );
    sqlx::query(&sql)
        .bind(now)
        .bind(token_hash)
        .bind(purpose.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(token_from_row)
        .transpose()
}

/// [`Store::consume_reader_code`] on the caller's transaction.
pub(super) async fn consume_code_on(
    conn: &mut AnyConnection,
    reader_id: i64,
    code_hash: &str,
    max_attempts: i64,
    now: UnixTime,
) -> Result<Result<ReaderToken, CodeRefusal>> {
    let purpose = TokenPurpose::SignInCode.as_str();
    let sql = format!(
        "UPDATE reader_tokens SET used_at = $1 \
             WHERE reader_id = $2 AND purpose = $3 AND token_hash = $4 \
             AND used_at IS NULL AND expires_at > $1 AND attempts < $5 \
             RETURNING {TOKEN_COLUMNS}"
    );
    let used = sqlx::query(&sql)
        .bind(now)
        .bind(reader_id)
        .bind(purpose)
        .bind(code_hash)
        .bind(max_attempts)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(row) = used {
        return Ok(Ok(token_from_row(&row)?));
    }
    let attempts: Option<i64> = sqlx::query_scalar(
        "UPDATE reader_tokens SET attempts = attempts + 1 \
             WHERE reader_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 \
             RETURNING attempts",
    )
    .bind(reader_id)
    .bind(purpose)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(Err(match attempts {
        Some(n) if n >= max_attempts => CodeRefusal::Exhausted,
        _ => CodeRefusal::Wrong,
    }))
}

impl Store {
    /// Stores a token, replacing the reader's earlier unused tokens of the
    /// same purpose (only the newest mail works; for codes this keeps one
    /// live code per reader, so guesses cannot be spread over several).
    pub async fn create_reader_token(&self, new: &NewReaderToken) -> Result<ReaderToken> {
        let mut tx = self.begin_write().await?;
        let token = insert_token_on(&mut tx, new).await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Stores several tokens in one transaction, each as
    /// [`Store::create_reader_token`] does (a sign-in mail's link and code
    /// exist together or not at all).
    pub async fn create_reader_tokens(&self, new: &[NewReaderToken]) -> Result<Vec<ReaderToken>> {
        let mut tx = self.begin_write().await?;
        let mut tokens = Vec::with_capacity(new.len());
        for token in new {
            tokens.push(insert_token_on(&mut tx, token).await?);
        }
        tx.commit().await?;
        Ok(tokens)
    }

    /// Uses the token with this hash and purpose if it is live: exactly one
    /// of any number of parallel calls gets it. `None` when unknown, of
    /// another purpose, expired or already used.
    pub async fn consume_reader_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: UnixTime,
    ) -> Result<Option<ReaderToken>> {
        let mut conn = self.pool.acquire().await?;
        consume_token_on(&mut conn, token_hash, purpose, now).await
    }

    /// Checks a guess at the reader's live sign-in code (`code_hash` made
    /// as for [`NewReaderToken::token_hash`]). A right guess within
    /// `max_attempts` uses the code; a wrong one counts against it, and once
    /// `max_attempts` wrong guesses are spent the code is dead.
    pub async fn consume_reader_code(
        &self,
        reader_id: i64,
        code_hash: &str,
        max_attempts: i64,
        now: UnixTime,
    ) -> Result<Result<ReaderToken, CodeRefusal>> {
        let mut conn = self.pool.acquire().await?;
        consume_code_on(&mut conn, reader_id, code_hash, max_attempts, now).await
    }

    /// Drops a reader's unused tokens of these purposes (a sign-in by link
    /// kills the code mailed with it, and the other way round).
    pub async fn discard_reader_tokens(
        &self,
        reader_id: i64,
        purposes: &[TokenPurpose],
    ) -> Result<()> {
        for purpose in purposes {
            sqlx::query("DELETE FROM reader_tokens WHERE reader_id = $1 AND purpose = $2")
                .bind(reader_id)
                .bind(purpose.as_str())
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Deletes tokens that expired before `now` or were used; returns the count.
    pub async fn purge_reader_tokens(&self, now: UnixTime) -> Result<u64> {
        let done =
            sqlx::query("DELETE FROM reader_tokens WHERE expires_at <= $1 OR used_at IS NOT NULL")
                .bind(now)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected())
    }
}
