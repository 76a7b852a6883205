//! A reader editing their own comment within the edit window. An edit is
//! checked as a new comment is (standing, word lists, links, repeats, the
//! reader's rate, which edits spend as posts do) inside the transaction
//! that writes it, so that a ban or a new banned word cannot slip between
//! them; what would be held for review goes back to the queue.

use dateline_domain::comment::{CommentStatus, WordKind};
use dateline_domain::UnixTime;
use sqlx::{AnyConnection, Row};

use super::counters::locked_comment;
use super::sanctions::commenter_on;
use super::settings::moderation_words_on;
use super::{comment_on, Comment, CommenterRecord, PostFacts};
use crate::{events, Result, Store, StoreError};

/// A new text for a reader's comment under one article.
#[derive(Debug, Clone)]
pub struct CommentEdit<'a> {
    pub comment_id: i64,
    /// The article whose page the edit came from: a comment is edited only
    /// under its own article.
    pub article_id: i64,
    pub reader_id: i64,
    pub body_source: &'a str,
    pub body_html: &'a str,
    pub at: UnixTime,
    /// Comments posted before this can no longer be edited.
    pub window_start: UnixTime,
    /// Posts and edits since this count against the reader's rate.
    pub rate_since: UnixTime,
    /// Another comment of the reader's with the same text since this is a
    /// repeat.
    pub repeat_since: UnixTime,
}

/// What the checks decided about an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditCheck<R> {
    /// The comment keeps its status: a published one stays on the page, a
    /// held one stays in the queue.
    Keep,
    /// The comment (back) into the review queue, for this reason.
    Hold(String),
    Refuse(R),
}

impl Store {
    /// Replaces the text of `edit.reader_id`'s comment `edit.comment_id`
    /// under `edit.article_id` if it was posted at or after `window_start`
    /// and is published or pending, after `check` judged it given the
    /// author's record and the facts (word lists, recent posts and edits,
    /// repeats) as they are inside the writing transaction. A refusal writes
    /// nothing; a hold takes a published comment off the page (counters and
    /// live pages follow). `NotFound` when the comment is not the reader's,
    /// not under that article, gone, or past its window.
    pub async fn edit_comment_checked<R>(
        &self,
        edit: &CommentEdit<'_>,
        check: impl FnOnce(&CommenterRecord, &PostFacts) -> EditCheck<R> + Send,
    ) -> Result<std::result::Result<Comment, R>> {
        let mut tx = self.begin_write().await?;
        let who = commenter_on(&mut tx, edit.reader_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let before = locked_comment(&mut tx, edit.comment_id).await?;
        let editable = matches!(
            before.status,
            CommentStatus::Published | CommentStatus::Pending
        );
        if before.reader_id != edit.reader_id
            || before.article_id != edit.article_id
            || before.created_at < edit.window_start
            || before.erased_at.is_some()
            || !editable
        {
            return Err(StoreError::NotFound);
        }
        let facts = edit_facts(&mut tx, edit).await?;
        let (status, reason) = match check(&who, &facts) {
            EditCheck::Refuse(refusal) => return Ok(Err(refusal)),
            EditCheck::Keep => (before.status, before.status_reason.clone()),
            EditCheck::Hold(reason) => (CommentStatus::Pending, reason),
        };
        // Guarded on the status read under the article's lock.
        let done = sqlx::query(
            "UPDATE comments SET body_source = $1, body_html = $2, edited_at = $3, \
             edit_count = edit_count + 1, status = $4, status_reason = $5 \
             WHERE id = $6 AND status = $7",
        )
        .bind(edit.body_source)
        .bind(edit.body_html)
        .bind(edit.at)
        .bind(status.as_str())
        .bind(&reason)
        .bind(before.id)
        .bind(before.status.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict { what: "comment" });
        }
        let staged = if status == before.status {
            if status == CommentStatus::Published {
                let events = events::comments_changed(self.node_id(), before.article_id);
                Some(self.stage_events(&mut tx, events).await?)
            } else {
                None
            }
        } else {
            self.restatus(&mut tx, &before, status, edit.at).await?
        };
        let comment = comment_on(&mut tx, edit.comment_id).await?;
        tx.commit().await?;
        if let Some(staged) = staged {
            staged.deliver();
        }
        Ok(Ok(comment))
    }
}

/// The facts an edit is checked with: word lists; the reader's comments
/// posted since `rate_since` plus the edits of comments last edited since
/// then (edits spend the budget posts do); and whether another of the
/// reader's recent comments already says the same.
async fn edit_facts(conn: &mut AnyConnection, edit: &CommentEdit<'_>) -> Result<PostFacts> {
    let posted: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM comments WHERE reader_id = $1 AND created_at >= $2")
            .bind(edit.reader_id)
            .bind(edit.rate_since)
            .fetch_one(&mut *conn)
            .await?
            .try_get("n")?;
    // A comment can only be edited inside its window, so its edits are
    // found among the comments posted since the window's start.
    let edits: i64 = sqlx::query(
        "SELECT COALESCE(SUM(edit_count), 0) AS n FROM comments \
         WHERE reader_id = $1 AND created_at >= $2 AND edited_at >= $3",
    )
    .bind(edit.reader_id)
    .bind(edit.window_start.min(edit.rate_since))
    .bind(edit.rate_since)
    .fetch_one(&mut *conn)
    .await?
    .try_get("n")?;
    let repeated = sqlx::query(
        "SELECT 1 AS one FROM comments WHERE reader_id = $1 AND created_at >= $2 \
         AND body_source = $3 AND status <> 'deleted' AND id <> $4 LIMIT 1",
    )
    .bind(edit.reader_id)
    .bind(edit.repeat_since)
    .bind(edit.body_source)
    .bind(edit.comment_id)
    .fetch_optional(&mut *conn)
    .await?
    .is_some();
    let mut facts = PostFacts {
        recent_by_reader: posted + edits,
        repeated,
        ..PostFacts::default()
    };
    for word in moderation_words_on(conn).await? {
        match word.kind {
            WordKind::Banned => facts.banned_words.push(word.word),
            WordKind::Suspect => facts.suspect_words.push(word.word),
        }
    }
    Ok(facts)
}
