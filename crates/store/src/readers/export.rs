//! Everything stored about a reader, as one JSON document (the "export my
//! data" download). Features that store more about readers add their part
//! in [`Store::reader_export`]'s `FEATURE ROWS` hook below.

use dateline_domain::UnixTime;
use serde_json::{json, Value};

use super::sessions::session_from_row;
use crate::{Result, Store};

impl Store {
    /// The account (without its password hash or lockout counters) and its
    /// sessions; `None` when there is no such reader. Mailed tokens are
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
        })))
    }
}
