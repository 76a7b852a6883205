//! Reply notifications: whether a reader is mailed when someone answers
//! one of their comments, and the secret of the one-click unsubscribe link
//! those mails carry (RFC 8058). The secret is made with the first reply
//! mail and kept, so every link a reader was ever sent keeps working.

use sqlx::Row;

use crate::{Result, Store};

/// A reader's reply-mail setting and unsubscribe secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyMail {
    pub enabled: bool,
    pub unsubscribe_key: String,
}

impl Store {
    /// The reply-mail setting of a reader who still has an account;
    /// `fresh_key` becomes their unsubscribe secret when they have none yet.
    pub async fn reply_mail(&self, reader_id: i64, fresh_key: &str) -> Result<Option<ReplyMail>> {
        let read = || {
            sqlx::query(
                "SELECT reply_mail, unsubscribe_key FROM readers \
                 WHERE id = $1 AND deleted_at IS NULL",
            )
            .bind(reader_id)
            .fetch_optional(&self.pool)
        };
        let Some(row) = read().await? else {
            return Ok(None);
        };
        let row = match row.try_get::<Option<String>, _>("unsubscribe_key")? {
            Some(_) => row,
            None => {
                // Guarded, so two first mails at once agree on one secret.
                sqlx::query(
                    "UPDATE readers SET unsubscribe_key = $1 \
                     WHERE id = $2 AND unsubscribe_key IS NULL",
                )
                .bind(fresh_key)
                .bind(reader_id)
                .execute(&self.pool)
                .await?;
                let Some(row) = read().await? else {
                    return Ok(None);
                };
                row
            }
        };
        Ok(Some(ReplyMail {
            enabled: row.try_get::<i64, _>("reply_mail")? != 0,
            unsubscribe_key: row
                .try_get::<Option<String>, _>("unsubscribe_key")?
                .unwrap_or_default(),
        }))
    }

    /// Turns reply mail off for the reader whose unsubscribe secret is
    /// `key`; false when the reader or the secret is not known.
    pub async fn unsubscribe_replies(&self, reader_id: i64, key: &str) -> Result<bool> {
        if key.is_empty() {
            return Ok(false);
        }
        let done = sqlx::query(
            "UPDATE readers SET reply_mail = 0 \
             WHERE id = $1 AND unsubscribe_key = $2 AND deleted_at IS NULL",
        )
        .bind(reader_id)
        .bind(key)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Whether a reader is mailed replies (their profile's setting).
    pub async fn reply_mail_enabled(&self, reader_id: i64) -> Result<bool> {
        let on: Option<i64> = sqlx::query_scalar("SELECT reply_mail FROM readers WHERE id = $1")
            .bind(reader_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(on.is_some_and(|on| on != 0))
    }

    /// Turns a reader's reply mail on or off (their profile's setting).
    pub async fn set_reply_mail(&self, reader_id: i64, enabled: bool) -> Result<()> {
        sqlx::query("UPDATE readers SET reply_mail = $1 WHERE id = $2")
            .bind(i64::from(enabled))
            .bind(reader_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
