//! Moderators deleting messages and muting or banning readers from chats.
//! Each action writes the moderation log and the audit log in its
//! transaction; a deletion is announced so open sockets drop the message.

use dateline_domain::UnixTime;
use sqlx::{AnyConnection, AnyPool, Row};

use crate::audit::{record_audit_on, NewAudit};
use crate::events::Event;
use crate::{Result, Store, StoreError};

/// A chat mute (until a time) or ban (until lifted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatSanctionKind {
    Mute { until: UnixTime },
    Ban,
}

/// An active chat sanction on a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatSanction {
    pub reader_id: i64,
    /// The reader's name now.
    pub reader_name: String,
    pub kind: ChatSanctionKind,
    /// Shown to the reader when they try to post.
    pub reason: String,
    pub created_at: UnixTime,
}

/// A moderator's change to a reader's chat sanction (`None`: lift it).
#[derive(Debug, Clone)]
pub struct ChatSanctionChange {
    pub reader_id: i64,
    pub kind: Option<ChatSanctionKind>,
    pub reason: String,
    pub at: UnixTime,
    pub actor_user_id: i64,
    pub audit: NewAudit,
}

const SANCTION_SQL: &str = "SELECT s.reader_id, COALESCE(r.display_name, '') AS reader_name, \
     s.kind, s.until, s.reason, s.created_at FROM chat_sanctions s \
     JOIN readers r ON r.id = s.reader_id \
     WHERE (s.kind = 'ban' OR s.until > $1)";

fn sanction_from_row(row: &sqlx::any::AnyRow) -> Result<ChatSanction> {
    let kind: String = row.try_get("kind")?;
    let until: Option<i64> = row.try_get("until")?;
    let kind = match (kind.as_str(), until) {
        ("ban", _) => ChatSanctionKind::Ban,
        ("mute", Some(until)) => ChatSanctionKind::Mute { until },
        _ => {
            return Err(StoreError::Corrupt {
                table: "chat_sanctions",
                detail: format!("kind {kind:?} until {until:?}"),
            })
        }
    };
    Ok(ChatSanction {
        reader_id: row.try_get("reader_id")?,
        reader_name: row.try_get("reader_name")?,
        kind,
        reason: row.try_get("reason")?,
        created_at: row.try_get("created_at")?,
    })
}

/// The reader's sanction in force at `now`, if any.
pub(super) async fn active_sanction(
    pool: &AnyPool,
    reader_id: i64,
    now: UnixTime,
) -> Result<Option<ChatSanction>> {
    let sql = format!("{SANCTION_SQL} AND s.reader_id = $2");
    sqlx::query(&sql)
        .bind(now)
        .bind(reader_id)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(sanction_from_row)
        .transpose()
}

/// One moderation-log line about chats (`comment_id` stays empty).
async fn log_on(
    conn: &mut AnyConnection,
    at: UnixTime,
    actor: i64,
    action: &str,
    reason: &str,
    reader_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO moderation_log (at, actor_user_id, action, reason, reader_id) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(reason)
    .bind(reader_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// Removes a message from its room for everyone; `NotFound` when there
    /// is no such message or it is already removed.
    pub async fn delete_chat_message(
        &self,
        id: i64,
        reason: &str,
        at: UnixTime,
        actor_user_id: i64,
        audit: &NewAudit,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "UPDATE chat_messages SET deleted_at = $1, deleted_by = $2 \
             WHERE id = $3 AND deleted_at IS NULL RETURNING room_id, reader_id",
        )
        .bind(at)
        .bind(actor_user_id)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let room_id: i64 = row.try_get("room_id")?;
        let reader_id: Option<i64> = row.try_get("reader_id")?;
        log_on(&mut tx, at, actor_user_id, "chat.delete", reason, reader_id).await?;
        record_audit_on(&mut tx, audit).await?;
        let staged = self
            .stage_events(
                &mut tx,
                vec![Event::ChatDeleted {
                    room_id,
                    message_id: id,
                }],
            )
            .await?;
        tx.commit().await?;
        staged.deliver();
        Ok(())
    }

    /// Mutes, bans or lets a reader back into chats; `NotFound` for no reader.
    pub async fn change_chat_sanction(&self, change: &ChatSanctionChange) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM readers WHERE id = $1")
            .bind(change.reader_id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM chat_sanctions WHERE reader_id = $1")
            .bind(change.reader_id)
            .execute(&mut *tx)
            .await?;
        let action = match change.kind {
            None => "chat.lift",
            Some(kind) => {
                let (name, until) = match kind {
                    ChatSanctionKind::Mute { until } => ("mute", Some(until)),
                    ChatSanctionKind::Ban => ("ban", None),
                };
                sqlx::query(
                    "INSERT INTO chat_sanctions (reader_id, kind, until, reason, created_at, \
                     actor_user_id) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(change.reader_id)
                .bind(name)
                .bind(until)
                .bind(&change.reason)
                .bind(change.at)
                .bind(change.actor_user_id)
                .execute(&mut *tx)
                .await?;
                if name == "ban" {
                    "chat.ban"
                } else {
                    "chat.mute"
                }
            }
        };
        log_on(
            &mut tx,
            change.at,
            change.actor_user_id,
            action,
            &change.reason,
            Some(change.reader_id),
        )
        .await?;
        record_audit_on(&mut tx, &change.audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The reader's chat sanction in force at `now`, if any.
    pub async fn chat_sanction(
        &self,
        reader_id: i64,
        now: UnixTime,
    ) -> Result<Option<ChatSanction>> {
        active_sanction(&self.pool, reader_id, now).await
    }

    /// Every chat sanction in force at `now`, newest first.
    pub async fn chat_sanctions(&self, now: UnixTime) -> Result<Vec<ChatSanction>> {
        let sql = format!("{SANCTION_SQL} ORDER BY s.created_at DESC, s.reader_id");
        sqlx::query(&sql)
            .bind(now)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(sanction_from_row)
            .collect()
    }
}
