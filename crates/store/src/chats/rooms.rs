//! Chat rooms: created and edited by moderators, listed per edition.

use dateline_domain::{Slug, UnixTime};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::{record_audit_on, NewAudit};
use crate::{Result, Store, StoreError};

/// A room of an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatRoom {
    pub id: i64,
    pub edition_id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    /// Seconds a reader waits between two of their messages here; 0: none.
    pub slow_mode_seconds: i64,
    /// A closed room is read-only.
    pub is_open: bool,
    pub position: i64,
    pub created_at: UnixTime,
}

/// What a moderator sets on a room (already validated).
#[derive(Debug, Clone)]
pub struct ChatRoomInput {
    pub edition_id: i64,
    pub slug: Slug,
    pub title: String,
    pub description: String,
    pub slow_mode_seconds: i64,
    pub is_open: bool,
    pub position: i64,
}

const ROOM_COLUMNS: &str = "id, edition_id, slug, title, description, slow_mode_seconds, \
     is_open, position, created_at";

fn room_from_row(row: &AnyRow) -> Result<ChatRoom> {
    let open: i64 = row.try_get("is_open")?;
    Ok(ChatRoom {
        id: row.try_get("id")?,
        edition_id: row.try_get("edition_id")?,
        slug: row.try_get("slug")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        slow_mode_seconds: row.try_get("slow_mode_seconds")?,
        is_open: open != 0,
        position: row.try_get("position")?,
        created_at: row.try_get("created_at")?,
    })
}

/// A taken slug is `Duplicate`, an unknown edition `MissingReference`.
fn taken(e: sqlx::Error) -> StoreError {
    StoreError::on_constraint("chat room")(e)
}

impl Store {
    /// Creates a room; `Duplicate` when the edition has one with that slug.
    pub async fn create_chat_room(
        &self,
        input: &ChatRoomInput,
        at: UnixTime,
        audit: &NewAudit,
    ) -> Result<ChatRoom> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO chat_rooms (edition_id, slug, title, description, slow_mode_seconds, \
             is_open, position, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(input.edition_id)
        .bind(input.slug.as_str())
        .bind(&input.title)
        .bind(&input.description)
        .bind(input.slow_mode_seconds)
        .bind(i64::from(input.is_open))
        .bind(input.position)
        .bind(at)
        .fetch_one(&mut *tx)
        .await
        .map_err(taken)?;
        let mut audit = audit.clone();
        audit.item_id = Some(id);
        record_audit_on(&mut tx, &audit).await?;
        tx.commit().await?;
        self.chat_room(id).await?.ok_or(StoreError::NotFound)
    }

    /// Changes a room's settings (its edition stays); `NotFound`, `Duplicate`.
    pub async fn update_chat_room(
        &self,
        id: i64,
        input: &ChatRoomInput,
        audit: &NewAudit,
    ) -> Result<ChatRoom> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE chat_rooms SET slug = $1, title = $2, description = $3, \
             slow_mode_seconds = $4, is_open = $5, position = $6 WHERE id = $7",
        )
        .bind(input.slug.as_str())
        .bind(&input.title)
        .bind(&input.description)
        .bind(input.slow_mode_seconds)
        .bind(i64::from(input.is_open))
        .bind(input.position)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(taken)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        record_audit_on(&mut tx, audit).await?;
        tx.commit().await?;
        self.chat_room(id).await?.ok_or(StoreError::NotFound)
    }

    /// One room, or `None`.
    pub async fn chat_room(&self, id: i64) -> Result<Option<ChatRoom>> {
        let sql = format!("SELECT {ROOM_COLUMNS} FROM chat_rooms WHERE id = $1");
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(room_from_row)
            .transpose()
    }

    /// The edition's room at `slug`, or `None`.
    pub async fn chat_room_by_slug(&self, edition_id: i64, slug: &str) -> Result<Option<ChatRoom>> {
        let sql =
            format!("SELECT {ROOM_COLUMNS} FROM chat_rooms WHERE edition_id = $1 AND slug = $2");
        sqlx::query(&sql)
            .bind(edition_id)
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(room_from_row)
            .transpose()
    }

    /// The rooms of one edition (`Some`) or of all, by position then title.
    pub async fn chat_rooms(&self, edition_id: Option<i64>) -> Result<Vec<ChatRoom>> {
        let order = "ORDER BY edition_id, position, title, id";
        let rows = match edition_id {
            Some(edition) => {
                let sql =
                    format!("SELECT {ROOM_COLUMNS} FROM chat_rooms WHERE edition_id = $1 {order}");
                sqlx::query(&sql)
                    .bind(edition)
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                let sql = format!("SELECT {ROOM_COLUMNS} FROM chat_rooms {order}");
                sqlx::query(&sql).fetch_all(&self.pool).await?
            }
        };
        rows.iter().map(room_from_row).collect()
    }
}
