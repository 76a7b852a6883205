//! A reader editing their own comment within the edit window: the checks
//! (the reader's standing, the word lists) and the write in one
//! transaction, so that a ban or a new banned word cannot slip between them.

use dateline_domain::comment::{CommentStatus, WordKind};
use dateline_domain::UnixTime;

use super::sanctions::commenter_on;
use super::settings::moderation_words_on;
use super::{comment_on, Comment, CommenterRecord, PostFacts};
use crate::{events, Result, Store, StoreError};

/// A new text for a reader's comment.
#[derive(Debug, Clone)]
pub struct CommentEdit<'a> {
    pub comment_id: i64,
    pub reader_id: i64,
    pub body_source: &'a str,
    pub body_html: &'a str,
    pub at: UnixTime,
    /// Comments posted before this can no longer be edited.
    pub window_start: UnixTime,
}

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
        let edit = CommentEdit {
            comment_id,
            reader_id,
            body_source,
            body_html,
            at,
            window_start,
        };
        self.edit_comment_checked(&edit, |_, _| Ok::<(), ()>(()))
            .await?
            .map_err(|()| StoreError::NotFound)
    }

    /// [`Store::edit_comment`] after `check` approved the edit, given the
    /// author's record and the word lists as they are inside the writing
    /// transaction; `Err(refusal)` from `check` writes nothing. `NotFound`
    /// when the reader is gone.
    pub async fn edit_comment_checked<R>(
        &self,
        edit: &CommentEdit<'_>,
        check: impl FnOnce(&CommenterRecord, &PostFacts) -> std::result::Result<(), R> + Send,
    ) -> Result<std::result::Result<Comment, R>> {
        let mut tx = self.begin_write().await?;
        let who = commenter_on(&mut tx, edit.reader_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut facts = PostFacts::default();
        for word in moderation_words_on(&mut tx).await? {
            match word.kind {
                WordKind::Banned => facts.banned_words.push(word.word),
                WordKind::Suspect => facts.suspect_words.push(word.word),
            }
        }
        if let Err(refusal) = check(&who, &facts) {
            return Ok(Err(refusal));
        }
        let done = sqlx::query(
            "UPDATE comments SET body_source = $1, body_html = $2, edited_at = $3 \
             WHERE id = $4 AND reader_id = $5 AND created_at >= $6 \
             AND status IN ('published', 'pending')",
        )
        .bind(edit.body_source)
        .bind(edit.body_html)
        .bind(edit.at)
        .bind(edit.comment_id)
        .bind(edit.reader_id)
        .bind(edit.window_start)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let comment = comment_on(&mut tx, edit.comment_id).await?;
        let mut staged = None;
        if comment.status == CommentStatus::Published {
            let events = events::comments_changed(self.node_id(), comment.article_id);
            staged = Some(self.stage_events(&mut tx, events).await?);
        }
        tx.commit().await?;
        if let Some(staged) = staged {
            staged.deliver();
        }
        Ok(Ok(comment))
    }
}
