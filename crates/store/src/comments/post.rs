//! Posting a comment or a reply, and the facts the checks need first.

use dateline_domain::comment::{CommentStatus, WordKind};
use dateline_domain::UnixTime;
use sqlx::Row;

use super::counters::{count_visibility, lock_comments_of};
use super::{comment_on, Comment};
use crate::{events, Result, Store, StoreError};

/// A checked comment to store; the web layer has rendered `body_html` and
/// decided `status` (published or pending) and why (`status_reason`).
#[derive(Debug, Clone)]
pub struct NewComment {
    pub article_id: i64,
    pub reader_id: i64,
    /// The comment answered, when this is a reply.
    pub reply_to: Option<i64>,
    pub body_source: String,
    pub body_html: String,
    pub status: CommentStatus,
    pub status_reason: String,
    pub ip: String,
    pub at: UnixTime,
}

/// What the checks need to know about a reader's recent comments and the
/// site's word lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostFacts {
    pub recent_by_reader: i64,
    pub recent_by_ip: i64,
    /// The reader posted the same text since `repeat_since`.
    pub repeated: bool,
    pub banned_words: Vec<String>,
    pub suspect_words: Vec<String>,
}

/// Where a reply to comment `id` (at `depth`, under `parent_id` in the
/// thread `root_id`) goes: `(parent_id, root_id, depth)`. Under it, or
/// beside it when it is already at the third level.
pub(crate) fn reply_place(
    id: i64,
    depth: i64,
    parent_id: Option<i64>,
    root_id: Option<i64>,
) -> (Option<i64>, Option<i64>, i64) {
    match depth {
        0 => (Some(id), Some(id), 1),
        1 => (Some(id), root_id, 2),
        _ => (parent_id, root_id, 2),
    }
}

impl Store {
    /// Recent comments by `reader_id` and from `ip` since `rate_since`,
    /// whether the reader posted `body` since `repeat_since`, and the word
    /// lists. Each count is an index range over a short window.
    pub async fn comment_post_facts(
        &self,
        reader_id: i64,
        ip: &str,
        body: &str,
        rate_since: UnixTime,
        repeat_since: UnixTime,
    ) -> Result<PostFacts> {
        let by_reader: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM comments WHERE reader_id = $1 AND created_at >= $2",
        )
        .bind(reader_id)
        .bind(rate_since)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        let by_ip: i64 = if ip.is_empty() {
            0
        } else {
            sqlx::query("SELECT COUNT(*) AS n FROM comments WHERE ip = $1 AND created_at >= $2")
                .bind(ip)
                .bind(rate_since)
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?
        };
        let repeated = sqlx::query(
            "SELECT 1 AS one FROM comments WHERE reader_id = $1 AND created_at >= $2 \
             AND body_source = $3 AND status <> 'deleted' LIMIT 1",
        )
        .bind(reader_id)
        .bind(repeat_since)
        .bind(body)
        .fetch_optional(&self.pool)
        .await?
        .is_some();
        let mut facts = PostFacts {
            recent_by_reader: by_reader,
            recent_by_ip: by_ip,
            repeated,
            ..PostFacts::default()
        };
        for word in self.moderation_words().await? {
            match word.kind {
                WordKind::Banned => facts.banned_words.push(word.word),
                WordKind::Suspect => facts.suspect_words.push(word.word),
            }
        }
        Ok(facts)
    }

    /// Stores a comment. A reply must answer a published comment of the same
    /// article (`NotFound` otherwise); it is placed under the answered
    /// comment, or beside it when that one is already at level 2. A
    /// published comment moves the counters and purges the article's pages
    /// in the same transaction.
    pub async fn post_comment(&self, new: &NewComment) -> Result<Comment> {
        let mut tx = self.begin_write().await?;
        if new.status == CommentStatus::Published {
            // The counters will move by the statuses read below.
            lock_comments_of(&mut tx, new.article_id).await?;
        }
        let (parent_id, root_id, depth) = match new.reply_to {
            None => (None, None, 0),
            Some(target_id) => {
                let target = comment_on(&mut tx, target_id).await?;
                if target.article_id != new.article_id || target.status != CommentStatus::Published
                {
                    return Err(StoreError::NotFound);
                }
                reply_place(target.id, target.depth, target.parent_id, target.root_id)
            }
        };
        let id: i64 = sqlx::query(
            "INSERT INTO comments (article_id, reader_id, parent_id, reply_to_id, root_id, depth, \
             body_source, body_html, status, status_reason, ip, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(new.article_id)
        .bind(new.reader_id)
        .bind(parent_id)
        .bind(new.reply_to)
        .bind(root_id)
        .bind(depth)
        .bind(&new.body_source)
        .bind(&new.body_html)
        .bind(new.status.as_str())
        .bind(&new.status_reason)
        .bind(&new.ip)
        .bind(new.at)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::on_constraint("article or reader"))?
        .try_get("id")?;
        let comment = comment_on(&mut tx, id).await?;
        let mut staged = None;
        if comment.status == CommentStatus::Published {
            count_visibility(&mut tx, &comment, 1).await?;
            crate::webhooks::enqueue_comment_posted(&mut tx, comment.id, new.at).await?;
            let events = events::comments_changed(self.node_id(), comment.article_id);
            let events = [
                events,
                events::comment_shown(comment.article_id, comment.id, false, true),
            ]
            .concat();
            staged = Some(self.stage_events(&mut tx, events).await?);
        }
        tx.commit().await?;
        if let Some(staged) = staged {
            staged.deliver();
        }
        Ok(comment)
    }
}
