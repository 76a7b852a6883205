//! Signing in by a mailed link or code (sign-in, address verification,
//! password reset), and registering, each one transaction: the secret is spent, the address counts as proven and the
//! session starts together, or nothing happens (a failed session insert
//! leaves the link or code live).

use dateline_domain::{EmailAddress, UnixTime};

use super::sessions::start_session_on;
use super::tokens::{consume_code_on, consume_token_on, insert_token_on};
use super::{
    change_email_on, create_reader_on, load_reader, CodeRefusal, NewReader, NewReaderSession,
    NewReaderToken, Reader,
};
use super::{ReaderSession, ReaderToken, TokenPurpose};
use crate::{Result, Store};

/// The secret a reader brought back from a sign-in mail.
#[derive(Debug, Clone, Copy)]
pub enum MailedSecret<'a> {
    /// The hash of a mailed link's secret and what it was mailed for:
    /// signing in (`SignInLink`) or proving the address (`VerifyEmail`).
    Link {
        token_hash: &'a str,
        purpose: TokenPurpose,
    },
    /// The hash of a password-reset link's secret and the new password's
    /// hash: every other session of the reader ends.
    Reset {
        token_hash: &'a str,
        password_hash: &'a str,
    },
    /// The hash of a guess at `reader_id`'s sign-in code, and how many
    /// guesses the code allows.
    Code {
        reader_id: i64,
        code_hash: &'a str,
        max_attempts: i64,
    },
}

impl Store {
    /// Signs in with a mailed link or code: spends it; drops the reader's
    /// other sign-in link or code (or, for a password reset, sets the
    /// password and ends every session); marks the address proven and
    /// starts the session `session(reader_id)` (ending `replaces`, as
    /// [`Store::start_reader_session`] does), all in one transaction.
    /// `Err(refusal)` for a wrong, used or expired secret (of another
    /// purpose included); a wrong code guess is counted even so.
    pub async fn sign_in_by_mail(
        &self,
        secret: MailedSecret<'_>,
        session: impl FnOnce(i64) -> NewReaderSession + Send,
        replaces: Option<&str>,
        now: UnixTime,
    ) -> Result<Result<ReaderSession, CodeRefusal>> {
        let mut tx = self.begin_write().await?;
        let spent = match secret {
            MailedSecret::Link {
                token_hash,
                purpose,
            } => consume_token_on(&mut tx, token_hash, purpose, now)
                .await?
                .ok_or(CodeRefusal::Wrong),
            MailedSecret::Reset { token_hash, .. } => {
                consume_token_on(&mut tx, token_hash, TokenPurpose::ResetPassword, now)
                    .await?
                    .ok_or(CodeRefusal::Wrong)
            }
            MailedSecret::Code {
                reader_id,
                code_hash,
                max_attempts,
            } => consume_code_on(&mut tx, reader_id, code_hash, max_attempts, now).await?,
        };
        let token = match spent {
            Ok(token) => token,
            Err(refusal) => {
                // Keeps the count of wrong guesses.
                tx.commit().await?;
                return Ok(Err(refusal));
            }
        };
        match secret {
            MailedSecret::Reset { password_hash, .. } => {
                // Whoever knew the old password is out.
                sqlx::query(
                    "UPDATE readers SET password_hash = $1, failed_logins = 0, locked_until = NULL \
                     WHERE id = $2",
                )
                .bind(password_hash)
                .bind(token.reader_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM reader_sessions WHERE reader_id = $1")
                    .bind(token.reader_id)
                    .execute(&mut *tx)
                    .await?;
            }
            MailedSecret::Link {
                purpose: TokenPurpose::VerifyEmail,
                ..
            } => {}
            // The link and the code of one sign-in mail: using one kills
            // the other.
            _ => {
                sqlx::query(
                    "DELETE FROM reader_tokens WHERE reader_id = $1 AND purpose IN ($2, $3) \
                     AND id <> $4",
                )
                .bind(token.reader_id)
                .bind(TokenPurpose::SignInLink.as_str())
                .bind(TokenPurpose::SignInCode.as_str())
                .bind(token.id)
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query(
            "UPDATE readers SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2",
        )
        .bind(now)
        .bind(token.reader_id)
        .execute(&mut *tx)
        .await?;
        let started = start_session_on(&mut tx, &session(token.reader_id), replaces).await?;
        tx.commit().await?;
        Ok(Ok(started))
    }

    /// Creates a reader together with the token its verification mail
    /// carries (`token.reader_id` is ignored: the new reader's id is used).
    /// A taken address → `Duplicate { what: "e-mail address" }`, and no
    /// token is stored.
    pub async fn register_reader(
        &self,
        new: &NewReader,
        token: &NewReaderToken,
    ) -> Result<(Reader, ReaderToken)> {
        let mut tx = self.begin_write().await?;
        let reader = create_reader_on(&mut tx, new).await?;
        let token = insert_token_on(
            &mut tx,
            &NewReaderToken {
                reader_id: reader.id,
                ..token.clone()
            },
        )
        .await?;
        tx.commit().await?;
        Ok((reader, token))
    }

    /// Moves a reader to the address a change-of-address link was mailed
    /// to, spending the link, in one transaction: `(before, after)`, or
    /// `None` for a wrong, used or expired link. A taken address →
    /// `Duplicate`, and the link stays unspent.
    pub async fn change_reader_email_by_link(
        &self,
        token_hash: &str,
        now: UnixTime,
    ) -> Result<Option<(Reader, Reader)>> {
        let mut tx = self.begin_write().await?;
        let Some(token) =
            consume_token_on(&mut tx, token_hash, TokenPurpose::ChangeEmail, now).await?
        else {
            return Ok(None);
        };
        let Some(before) = load_reader(&mut tx, token.reader_id).await? else {
            return Ok(None);
        };
        let email: EmailAddress = token.new_email.parse()?;
        let after = change_email_on(&mut tx, before.id, &email, now).await?;
        tx.commit().await?;
        Ok(Some((before, after)))
    }
}
