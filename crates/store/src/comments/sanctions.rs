//! Moderators suspending, banning and reinstating readers, and the reader
//! facts the comment checks and notifications read.

use dateline_domain::comment::Commenter;
use dateline_domain::UnixTime;
use sqlx::Row;

use super::moderate::{log_on, ModerationAction};
use crate::audit::{record_audit_on, NewAudit};
use crate::{Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SanctionKind {
    /// Cannot post until the given time.
    Suspend {
        until: UnixTime,
    },
    Ban,
    /// Back to active.
    Reinstate,
}

/// A moderator's sanction on a reader, usually for one of their comments.
#[derive(Debug, Clone)]
pub struct Sanction {
    pub reader_id: i64,
    pub kind: SanctionKind,
    /// Shown to the reader when they try to post.
    pub reason: String,
    pub comment_id: Option<i64>,
    pub at: UnixTime,
    pub actor_user_id: i64,
    pub audit: NewAudit,
}

/// A reader as comments need them: standing, and where to write to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommenterRecord {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub language: String,
    pub standing: Commenter,
}

impl Store {
    /// Sets a reader's standing, logging it in the moderation and audit logs.
    pub async fn sanction_reader(&self, sanction: &Sanction) -> Result<()> {
        let (status, until, action) = match sanction.kind {
            SanctionKind::Suspend { until } => {
                ("suspended", Some(until), ModerationAction::Suspend)
            }
            SanctionKind::Ban => ("banned", None, ModerationAction::Ban),
            SanctionKind::Reinstate => ("active", None, ModerationAction::Reinstate),
        };
        let reason = if status == "active" {
            ""
        } else {
            sanction.reason.as_str()
        };
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE readers SET status = $1, suspended_until = $2, status_reason = $3 WHERE id = $4",
        )
        .bind(status)
        .bind(until)
        .bind(reason)
        .bind(sanction.reader_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        log_on(
            &mut tx,
            sanction.at,
            sanction.actor_user_id,
            action,
            &sanction.reason,
            sanction.comment_id,
            Some(sanction.reader_id),
        )
        .await?;
        record_audit_on(&mut tx, &sanction.audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The reader's standing and contact details, or `None`.
    pub async fn commenter(&self, reader_id: i64) -> Result<Option<CommenterRecord>> {
        let mut conn = self.pool.acquire().await?;
        commenter_on(&mut conn, reader_id).await
    }
}

/// [`Store::commenter`] on the caller's connection.
pub(crate) async fn commenter_on(
    conn: &mut sqlx::AnyConnection,
    reader_id: i64,
) -> Result<Option<CommenterRecord>> {
    let Some(row) = sqlx::query(
        "SELECT id, display_name, email, language, status, suspended_until, status_reason, \
             email_verified_at, created_at FROM readers WHERE id = $1",
    )
    .bind(reader_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let verified: Option<i64> = row.try_get("email_verified_at")?;
    Ok(Some(CommenterRecord {
        id: row.try_get("id")?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        language: row.try_get("language")?,
        standing: Commenter {
            status: row.try_get("status")?,
            suspended_until: row.try_get("suspended_until")?,
            status_reason: row.try_get("status_reason")?,
            verified: verified.is_some(),
            created_at: row.try_get("created_at")?,
        },
    }))
}
