//! A reader deletes their account. Everything personal goes: address,
//! name, password, sessions, mail tokens, likes, reports, chat messages and
//! the text of every comment. Conversations stay whole: a comment others replied to is
//! erased in place (a "deleted" placeholder above the replies), any other
//! comment is deleted; the account row itself is deleted, or kept as an
//! anonymous tombstone while erased comments still point to it. Every
//! counter moves in the same transaction, which also purges the pages that
//! showed the reader's comments.

use std::collections::BTreeSet;

use dateline_domain::comment::CommentStatus;
use dateline_domain::UnixTime;
use sqlx::{AnyConnection, Row};

use crate::comments::{comment_on, count_visibility, erase_on};
use crate::{events, Result, Store};

impl Store {
    /// Deletes reader `id` as described above; false when there was no such
    /// (live) account.
    pub async fn delete_reader(&self, id: i64, at: UnixTime) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let live: Option<i64> =
            sqlx::query_scalar("SELECT id FROM readers WHERE id = $1 AND deleted_at IS NULL")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        if live.is_none() {
            return Ok(false);
        }
        let mut pages = withdraw_reactions(&mut tx, id).await?;
        let mut gone = Vec::new();
        let kept = remove_comments(&mut tx, id, at, &mut pages, &mut gone).await?;
        // Chat messages leave the rooms' histories with their text wiped.
        sqlx::query(
            "UPDATE chat_messages SET body = '', deleted_at = COALESCE(deleted_at, $1) \
             WHERE reader_id = $2",
        )
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        for table in ["reader_sessions", "reader_tokens", "chat_sanctions"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE reader_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        if kept {
            sqlx::query(
                "UPDATE readers SET email = $1, display_name = '', password_hash = NULL, \
                 status = 'active', suspended_until = NULL, status_reason = '', \
                 email_verified_at = NULL, failed_logins = 0, locked_until = NULL, deleted_at = $2 \
                 WHERE id = $3",
            )
            .bind(format!("deleted-{id}"))
            .bind(at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query("DELETE FROM readers WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let events = pages
            .into_iter()
            .flat_map(|article| events::comments_changed(self.node_id(), article))
            .chain(gone.into_iter().flat_map(|(article, comment)| {
                events::comment_shown(article, comment, true, false)
            }))
            .collect();
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(true)
    }
}

/// Takes back the reader's likes and reports, with the counters they moved;
/// returns the articles whose pages showed a changed like count.
async fn withdraw_reactions(conn: &mut AnyConnection, reader: i64) -> Result<BTreeSet<i64>> {
    let liked = sqlx::query(
        "SELECT DISTINCT c.article_id FROM comment_likes l JOIN comments c ON c.id = l.comment_id \
         WHERE l.reader_id = $1 AND c.status = 'published'",
    )
    .bind(reader)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| row.try_get("article_id"))
    .collect::<std::result::Result<BTreeSet<i64>, _>>()?;
    for statement in [
        "UPDATE comments SET like_count = like_count - 1 \
         WHERE id IN (SELECT comment_id FROM comment_likes WHERE reader_id = $1)",
        "DELETE FROM comment_likes WHERE reader_id = $1",
        "UPDATE comments SET report_count = report_count - 1 \
         WHERE id IN (SELECT comment_id FROM comment_reports WHERE reader_id = $1 AND resolved_at IS NULL)",
        "DELETE FROM comment_reports WHERE reader_id = $1",
    ] {
        sqlx::query(statement)
            .bind(reader)
            .execute(&mut *conn)
            .await?;
    }
    Ok(liked)
}

/// Erases or deletes each of the reader's comments, deepest first so that a
/// reply goes before the comment it answers; adds the articles whose pages
/// changed to `pages` and the `(article, comment)` readers saw go to
/// `gone`. True when an erased comment still needs the row.
async fn remove_comments(
    conn: &mut AnyConnection,
    reader: i64,
    at: UnixTime,
    pages: &mut BTreeSet<i64>,
    gone: &mut Vec<(i64, i64)>,
) -> Result<bool> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM comments WHERE reader_id = $1 ORDER BY depth DESC, id")
            .bind(reader)
            .fetch_all(&mut *conn)
            .await?;
    let mut kept = false;
    for id in ids {
        let comment = comment_on(conn, id).await?;
        let shown = comment.status == CommentStatus::Published;
        let anchors: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM comments WHERE parent_id = $1 OR root_id = $1 LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        if anchors.is_some() {
            erase_on(conn, id, at).await?;
            kept = true;
        } else {
            if shown {
                count_visibility(conn, &comment, -1).await?;
                gone.push((comment.article_id, id));
            }
            sqlx::query("DELETE FROM comments WHERE id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        if shown {
            pages.insert(comment.article_id);
        }
    }
    Ok(kept)
}
