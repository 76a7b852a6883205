//! A reader editing their own comment within the edit window.

use dateline_domain::comment::CommentStatus;
use dateline_domain::UnixTime;

use super::{comment_on, Comment};
use crate::{events, Result, Store, StoreError};

impl Store {
    /// Replaces the text of `reader_id`'s comment if it was posted at or
    /// after `window_start` and is published or pending; marks it edited.
    /// `NotFound` when it is not theirs, gone, or the window has passed.
    pub async fn edit_comment(
        &self,
        comment_id: i64,
        reader_id: i64,
        body_source: &str,
        body_html: &str,
        at: UnixTime,
        window_start: UnixTime,
    ) -> Result<Comment> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE comments SET body_source = $1, body_html = $2, edited_at = $3 \
             WHERE id = $4 AND reader_id = $5 AND created_at >= $6 \
             AND status IN ('published', 'pending')",
        )
        .bind(body_source)
        .bind(body_html)
        .bind(at)
        .bind(comment_id)
        .bind(reader_id)
        .bind(window_start)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let comment = comment_on(&mut tx, comment_id).await?;
        let mut staged = None;
        if comment.status == CommentStatus::Published {
            let events = events::comments_changed(self.node_id(), comment.article_id);
            staged = Some(self.stage_events(&mut tx, events).await?);
        }
        tx.commit().await?;
        if let Some(staged) = staged {
            staged.deliver();
        }
        Ok(comment)
    }
}
