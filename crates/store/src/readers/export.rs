//! Everything stored about a reader, as one JSON document (the "export my
//! data" download). Features that store more about readers add their part
//! in [`Store::reader_export`]'s `FEATURE ROWS` hook below.

use dateline_domain::UnixTime;
use serde_json::{json, Value};
use sqlx::Row;

use super::sessions::session_from_row;
use crate::{Result, Store};

impl Store {
    /// The account (without its password hash or lockout counters), its
    /// sessions, and its comments (with their text as typed), likes and
    /// reports; `None` when there is no such reader. Mailed tokens are
    /// left out: they are secrets in flight, not data about the reader.
    pub async fn reader_export(&self, id: i64, now: UnixTime) -> Result<Option<Value>> {
        let Some(reader) = self.reader_by_id(id).await? else {
            return Ok(None);
        };
        let sessions = sqlx::query(
            "SELECT id, reader_id, created_at, last_seen_at, expires_at, user_agent, ip \
             FROM reader_sessions WHERE reader_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(session_from_row)
        .collect::<Result<Vec<_>>>()?;
        // FEATURE ROWS: comments, chat messages and other rows that belong to
        // the reader are added here by their features, each under its own key.
        let comments = sqlx::query(
            "SELECT id, article_id, parent_id, reply_to_id, body_source, status, status_reason, \
             ip, created_at, edited_at FROM comments WHERE reader_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| -> Result<Value> {
            Ok(json!({
                "id": row.try_get::<i64, _>("id")?,
                "article_id": row.try_get::<i64, _>("article_id")?,
                "parent_id": row.try_get::<Option<i64>, _>("parent_id")?,
                "reply_to_id": row.try_get::<Option<i64>, _>("reply_to_id")?,
                "text": row.try_get::<String, _>("body_source")?,
                "status": row.try_get::<String, _>("status")?,
                "status_reason": row.try_get::<String, _>("status_reason")?,
                "ip": row.try_get::<String, _>("ip")?,
                "created_at": row.try_get::<i64, _>("created_at")?,
                "edited_at": row.try_get::<Option<i64>, _>("edited_at")?,
            }))
        })
        .collect::<Result<Vec<_>>>()?;
        let likes = sqlx::query(
            "SELECT comment_id FROM comment_likes WHERE reader_id = $1 ORDER BY comment_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| row.try_get::<i64, _>("comment_id").map_err(Into::into))
        .collect::<Result<Vec<_>>>()?;
        let reports = sqlx::query(
            "SELECT comment_id, reason, note, created_at FROM comment_reports \
             WHERE reader_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| -> Result<Value> {
            Ok(json!({
                "comment_id": row.try_get::<i64, _>("comment_id")?,
                "reason": row.try_get::<String, _>("reason")?,
                "note": row.try_get::<String, _>("note")?,
                "created_at": row.try_get::<i64, _>("created_at")?,
            }))
        })
        .collect::<Result<Vec<_>>>()?;
        let chat_messages = sqlx::query(
            "SELECT m.id, r.slug AS room, m.body, m.created_at FROM chat_messages m \
             JOIN chat_rooms r ON r.id = m.room_id \
             WHERE m.reader_id = $1 AND m.deleted_at IS NULL ORDER BY m.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| -> Result<Value> {
            Ok(json!({
                "id": row.try_get::<i64, _>("id")?,
                "room": row.try_get::<String, _>("room")?,
                "text": row.try_get::<String, _>("body")?,
                "created_at": row.try_get::<i64, _>("created_at")?,
            }))
        })
        .collect::<Result<Vec<_>>>()?;
        // Newsletters belong to the address, whether or not an account has it.
        let newsletters = self.newsletter_export(&reader.email).await?;
        Ok(Some(json!({
            "exported_at": now,
            "account": {
                "id": reader.id,
                "email": reader.email,
                "display_name": reader.display_name,
                "language": reader.language,
                "created_at": reader.created_at,
                "email_verified_at": reader.email_verified_at,
                "has_password": reader.has_password(),
                "status": reader.status,
                "suspended_until": reader.suspended_until,
                "status_reason": reader.status_reason,
            },
            "sessions": sessions,
            "comments": comments,
            "comment_likes": likes,
            "comment_reports": reports,
            "chat_messages": chat_messages,
            "newsletters": newsletters,
        })))
    }
}
