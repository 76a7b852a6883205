//! Reading messages: the latest, a page before an id, everything after an
//! id (a resume), one by id, and the newsroom's recent list.

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{Result, Store};

/// A message with its author's current name (empty when the account is gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    pub id: i64,
    pub room_id: i64,
    pub reader_id: Option<i64>,
    pub author_name: String,
    pub body: String,
    pub created_at: UnixTime,
    /// Removed by a moderator; readers never get these.
    pub deleted: bool,
}

/// A resume looks back at most this many ids (of all rooms), so that its
/// overlap stays one short index range.
const OVERLAP_IDS: i64 = 1000;

pub(super) const MESSAGE_COLUMNS: &str = "m.id, m.room_id, m.reader_id, \
     COALESCE(r.display_name, '') AS author_name, m.body, m.created_at, m.deleted_at";
pub(super) const MESSAGE_FROM: &str = "chat_messages m LEFT JOIN readers r ON r.id = m.reader_id";

pub(super) fn message_from_row(row: &AnyRow) -> Result<ChatMessage> {
    let deleted: Option<i64> = row.try_get("deleted_at")?;
    Ok(ChatMessage {
        id: row.try_get("id")?,
        room_id: row.try_get("room_id")?,
        reader_id: row.try_get("reader_id")?,
        author_name: row.try_get("author_name")?,
        body: row.try_get("body")?,
        created_at: row.try_get("created_at")?,
        deleted: deleted.is_some(),
    })
}

impl Store {
    /// One message whatever its state, or `None`.
    pub async fn chat_message(&self, id: i64) -> Result<Option<ChatMessage>> {
        let sql = format!("SELECT {MESSAGE_COLUMNS} FROM {MESSAGE_FROM} WHERE m.id = $1");
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(message_from_row)
            .transpose()
    }

    /// Up to `limit` shown messages of the room older than `before` (or the
    /// latest), oldest first, and whether older ones exist.
    pub async fn chat_history(
        &self,
        room_id: i64,
        before: Option<i64>,
        limit: u32,
    ) -> Result<(Vec<ChatMessage>, bool)> {
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM {MESSAGE_FROM} WHERE m.room_id = $1 AND m.id < $2 \
             AND m.deleted_at IS NULL ORDER BY m.id DESC LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(room_id)
            .bind(before.unwrap_or(i64::MAX))
            .bind(i64::from(limit) + 1)
            .fetch_all(&self.pool)
            .await?;
        let more = rows.len() > limit as usize;
        let mut messages = rows
            .iter()
            .take(limit as usize)
            .map(message_from_row)
            .collect::<Result<Vec<_>>>()?;
        messages.reverse();
        Ok((messages, more))
    }

    /// Shown messages of the room a resuming client may have missed, oldest
    /// first, at most `limit`: every one after `after`, and those before it
    /// posted up to `overlap` seconds before it (concurrent posts can commit
    /// out of id order on PostgreSQL; clients skip the ids they have).
    pub async fn chat_messages_since(
        &self,
        room_id: i64,
        after: i64,
        overlap: i64,
        limit: u32,
    ) -> Result<Vec<ChatMessage>> {
        let since: Option<i64> =
            sqlx::query_scalar("SELECT created_at FROM chat_messages WHERE id = $1")
                .bind(after)
                .fetch_optional(&self.pool)
                .await?;
        // An unknown position (a deleted room's message, a made-up id) falls
        // back to the id alone.
        let since = since.map_or(i64::MAX, |t| t - overlap);
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM {MESSAGE_FROM} WHERE m.room_id = $1 \
             AND m.id > $2 AND (m.id > $3 OR (m.id < $3 AND m.created_at >= $4)) \
             AND m.deleted_at IS NULL \
             ORDER BY m.id LIMIT $5"
        );
        sqlx::query(&sql)
            .bind(room_id)
            .bind(after.saturating_sub(OVERLAP_IDS))
            .bind(after)
            .bind(since)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(message_from_row)
            .collect()
    }

    /// Ids of the room's messages up to `up_to` that a moderator deleted at
    /// or after `since`, newest first, at most `limit`: a resuming client
    /// may still show them.
    pub async fn chat_deleted_since(
        &self,
        room_id: i64,
        up_to: i64,
        since: UnixTime,
        limit: u32,
    ) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM chat_messages WHERE room_id = $1 AND id <= $2 AND deleted_at >= $3 \
             ORDER BY id DESC LIMIT $4",
        )
        .bind(room_id)
        .bind(up_to)
        .bind(since)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?)
    }

    /// The newest messages of every room (deleted ones too), newest first,
    /// for moderators; `before` pages back.
    pub async fn recent_chat_messages(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<ChatMessage>> {
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM {MESSAGE_FROM} WHERE m.id < $1 \
             ORDER BY m.id DESC LIMIT $2"
        );
        sqlx::query(&sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(message_from_row)
            .collect()
    }
}
