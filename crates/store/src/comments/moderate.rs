//! Status changes: a moderator approving, rejecting or deleting a comment,
//! and a reader deleting their own. Counters, open reports, the moderation
//! log, the audit log and the page purge all move in one transaction.

use dateline_domain::comment::CommentStatus;
use dateline_domain::UnixTime;
use sqlx::{AnyConnection, Row};

use super::counters::{count_visibility, locked_comment};
use super::{comment_on, erase_on, Comment};
use crate::audit::{record_audit_on, NewAudit};
use crate::{events, Result, Store, StoreError};

/// What a moderator did; stored in the moderation log as its `as_str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModerationAction {
    Approve,
    Reject,
    Delete,
    Suspend,
    Ban,
    Reinstate,
}

impl ModerationAction {
    pub fn as_str(self) -> &'static str {
        match self {
            ModerationAction::Approve => "comment.approve",
            ModerationAction::Reject => "comment.reject",
            ModerationAction::Delete => "comment.delete",
            ModerationAction::Suspend => "reader.suspend",
            ModerationAction::Ban => "reader.ban",
            ModerationAction::Reinstate => "reader.reinstate",
        }
    }
}

/// A moderator's decision on one comment.
#[derive(Debug, Clone)]
pub struct StatusChange {
    pub comment_id: i64,
    /// `Approve` publishes (and dismisses reports), `Reject` rejects,
    /// `Delete` deletes.
    pub action: ModerationAction,
    pub reason: String,
    pub at: UnixTime,
    pub actor_user_id: i64,
    /// The staff audit entry written with the change.
    pub audit: NewAudit,
}

/// One line of the moderation log, with names as they are now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModerationLogEntry {
    pub id: i64,
    pub at: UnixTime,
    pub actor_user_id: Option<i64>,
    pub actor_name: Option<String>,
    pub action: String,
    pub reason: String,
    pub comment_id: Option<i64>,
    pub reader_id: Option<i64>,
    pub reader_name: Option<String>,
}

/// Writes one moderation log line on the caller's transaction.
pub(crate) async fn log_on(
    conn: &mut AnyConnection,
    at: UnixTime,
    actor: i64,
    action: ModerationAction,
    reason: &str,
    comment_id: Option<i64>,
    reader_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO moderation_log (at, actor_user_id, action, reason, comment_id, reader_id) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(at)
    .bind(actor)
    .bind(action.as_str())
    .bind(reason)
    .bind(comment_id)
    .bind(reader_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// Applies a moderator's decision; returns the comment as it now is.
    /// Any decision closes the comment's open reports.
    pub async fn moderate_comment(&self, change: &StatusChange) -> Result<Comment> {
        let to = match change.action {
            ModerationAction::Approve => CommentStatus::Published,
            ModerationAction::Reject => CommentStatus::Rejected,
            ModerationAction::Delete => CommentStatus::Deleted,
            _ => return Err(StoreError::NotFound),
        };
        let reason = if to == CommentStatus::Published {
            ""
        } else {
            change.reason.as_str()
        };
        let mut tx = self.begin_write().await?;
        let before = locked_comment(&mut tx, change.comment_id).await?;
        // A second moderator making the decision already made (and no
        // report since) changes nothing, and logs nothing.
        if before.status == to && before.report_count == 0 {
            return Ok(before);
        }
        // Guarded on the status read, so that a writer that skipped the
        // lock can never be counted over.
        let done = sqlx::query(
            "UPDATE comments SET status = $1, status_reason = $2, report_count = 0 \
             WHERE id = $3 AND status = $4",
        )
        .bind(to.as_str())
        .bind(reason)
        .bind(before.id)
        .bind(before.status.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict { what: "comment" });
        }
        sqlx::query("UPDATE comment_reports SET resolved_at = $1 WHERE comment_id = $2 AND resolved_at IS NULL")
            .bind(change.at)
            .bind(before.id)
            .execute(&mut *tx)
            .await?;
        log_on(
            &mut tx,
            change.at,
            change.actor_user_id,
            change.action,
            &change.reason,
            Some(before.id),
            Some(before.reader_id),
        )
        .await?;
        record_audit_on(&mut tx, &change.audit).await?;
        let staged = self.restatus(&mut tx, &before, to, change.at).await?;
        let after = comment_on(&mut tx, before.id).await?;
        tx.commit().await?;
        if let Some(staged) = staged {
            staged.deliver();
        }
        Ok(after)
    }

    /// A reader deletes their own comment (`NotFound` if it is not theirs
    /// or already gone). A published comment others replied to is erased in
    /// place, so that their replies stay on the page; any other is deleted.
    pub async fn delete_own_comment(
        &self,
        comment_id: i64,
        reader_id: i64,
        at: UnixTime,
    ) -> Result<Comment> {
        let mut tx = self.begin_write().await?;
        let before = locked_comment(&mut tx, comment_id).await?;
        if before.reader_id != reader_id
            || before.status == CommentStatus::Deleted
            || before.erased_at.is_some()
        {
            return Err(StoreError::NotFound);
        }
        let staged = if before.status == CommentStatus::Published && before.reply_count > 0 {
            erase_on(&mut tx, comment_id, at).await?;
            let events = events::comments_changed(self.node_id(), before.article_id);
            Some(self.stage_events(&mut tx, events).await?)
        } else {
            let done =
                sqlx::query("UPDATE comments SET status = 'deleted' WHERE id = $1 AND status = $2")
                    .bind(comment_id)
                    .bind(before.status.as_str())
                    .execute(&mut *tx)
                    .await?;
            if done.rows_affected() != 1 {
                return Err(StoreError::Conflict { what: "comment" });
            }
            self.restatus(&mut tx, &before, CommentStatus::Deleted, at)
                .await?
        };
        let after = comment_on(&mut tx, comment_id).await?;
        tx.commit().await?;
        if let Some(staged) = staged {
            staged.deliver();
        }
        Ok(after)
    }

    /// Moves the counters for `before` going to `to` and stages the purge
    /// when what readers see changed; a comment shown is queued for the
    /// webhooks that want it.
    pub(super) async fn restatus(
        &self,
        conn: &mut AnyConnection,
        before: &Comment,
        to: CommentStatus,
        at: UnixTime,
    ) -> Result<Option<events::Staged>> {
        let was = before.status == CommentStatus::Published;
        let is = to == CommentStatus::Published;
        if was != is {
            count_visibility(conn, before, if is { 1 } else { -1 }).await?;
        }
        if is && !was {
            crate::webhooks::enqueue_comment_posted(conn, before.id, at).await?;
        }
        if was || is {
            let events = events::comments_changed(self.node_id(), before.article_id);
            let events = [
                events,
                events::comment_shown(before.article_id, before.id, was, is),
            ]
            .concat();
            return Ok(Some(self.stage_events(conn, events).await?));
        }
        Ok(None)
    }

    /// The moderation log, newest first, ids below `before` (when given).
    pub async fn moderation_log(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<(Vec<ModerationLogEntry>, Option<i64>)> {
        let limit = limit.clamp(1, 100);
        let rows = sqlx::query(
            "SELECT l.id, l.at, l.actor_user_id, u.display_name AS actor_name, l.action, l.reason, \
             l.comment_id, l.reader_id, r.display_name AS reader_name FROM moderation_log l \
             LEFT JOIN users u ON u.id = l.actor_user_id LEFT JOIN readers r ON r.id = l.reader_id \
             WHERE l.id < $1 ORDER BY l.id DESC LIMIT $2",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit) + 1)
        .fetch_all(&self.pool)
        .await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            items.push(ModerationLogEntry {
                id: row.try_get("id")?,
                at: row.try_get("at")?,
                actor_user_id: row.try_get("actor_user_id")?,
                actor_name: row.try_get("actor_name")?,
                action: row.try_get("action")?,
                reason: row.try_get("reason")?,
                comment_id: row.try_get("comment_id")?,
                reader_id: row.try_get("reader_id")?,
                reader_name: row.try_get("reader_name")?,
            });
        }
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|e| e.id)
        } else {
            None
        };
        Ok((items, next))
    }
}
