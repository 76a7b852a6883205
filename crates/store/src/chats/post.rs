//! Posting a message: the facts the checks need, and the insert that
//! announces it to every node.

use dateline_domain::comment::{Commenter, WordKind};
use dateline_domain::UnixTime;

use super::history::{message_from_row, MESSAGE_COLUMNS, MESSAGE_FROM};
use super::moderate::{active_sanction, ChatSanction};
use super::ChatMessage;
use crate::events::Event;
use crate::{Result, Store, StoreError};

/// A checked message.
#[derive(Debug, Clone)]
pub struct NewChatMessage {
    pub room_id: i64,
    pub reader_id: i64,
    pub body: String,
    pub at: UnixTime,
}

/// What the chat checks need to know about a reader about to post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatPostFacts {
    /// The reader's site-wide standing (`None`: no such reader).
    pub standing: Option<Commenter>,
    /// An active chat mute or ban.
    pub sanction: Option<ChatSanction>,
    /// Messages by the reader, in any room, since the rate window began.
    pub recent: i64,
    /// When the reader last posted in this room.
    pub last_in_room: Option<UnixTime>,
    /// The banned words shared with comments (normalised).
    pub banned_words: Vec<String>,
}

impl Store {
    /// The facts about `reader_id` posting in `room_id` at `now`, counting
    /// their messages since `rate_since`.
    pub async fn chat_post_facts(
        &self,
        reader_id: i64,
        room_id: i64,
        rate_since: UnixTime,
        now: UnixTime,
    ) -> Result<ChatPostFacts> {
        let standing = self.commenter(reader_id).await?.map(|c| c.standing);
        let sanction = active_sanction(&self.pool, reader_id, now).await?;
        let recent: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM chat_messages WHERE reader_id = $1 AND created_at >= $2",
        )
        .bind(reader_id)
        .bind(rate_since)
        .fetch_one(&self.pool)
        .await?;
        let last_in_room: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(created_at) FROM chat_messages WHERE reader_id = $1 AND room_id = $2",
        )
        .bind(reader_id)
        .bind(room_id)
        .fetch_one(&self.pool)
        .await?;
        let banned_words = self
            .moderation_words()
            .await?
            .into_iter()
            .filter(|w| w.kind == WordKind::Banned)
            .map(|w| w.word)
            .collect();
        Ok(ChatPostFacts {
            standing,
            sanction,
            recent,
            last_in_room,
            banned_words,
        })
    }

    /// Stores a checked message and announces it; `NotFound` when the room
    /// is gone or closed.
    pub async fn post_chat_message(&self, new: &NewChatMessage) -> Result<ChatMessage> {
        let mut tx = self.begin_write().await?;
        let open: Option<i64> = sqlx::query_scalar("SELECT is_open FROM chat_rooms WHERE id = $1")
            .bind(new.room_id)
            .fetch_optional(&mut *tx)
            .await?;
        if open.unwrap_or(0) == 0 {
            return Err(StoreError::NotFound);
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO chat_messages (room_id, reader_id, body, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(new.room_id)
        .bind(new.reader_id)
        .bind(&new.body)
        .bind(new.at)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::on_constraint("reader"))?;
        let sql = format!("SELECT {MESSAGE_COLUMNS} FROM {MESSAGE_FROM} WHERE m.id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_one(&mut *tx).await?;
        let message = message_from_row(&row)?;
        let staged = self
            .stage_events(
                &mut tx,
                vec![Event::ChatPosted {
                    room_id: new.room_id,
                    message_id: id,
                }],
            )
            .await?;
        tx.commit().await?;
        staged.deliver();
        Ok(message)
    }
}
