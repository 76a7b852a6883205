//! A reader deletes their account. Everything personal goes: address,
//! name, password, sessions, mail tokens, newsletter subscriptions, likes, reports, chat messages and
//! the text of every comment. Conversations stay whole: a comment others replied to is
//! erased in place (a "deleted" placeholder above the replies), any other
//! comment is deleted; the account row itself is deleted, or kept as an
//! anonymous tombstone while erased comments still point to it. Every
//! counter moves in the same transaction, which also purges the pages that
//! showed the reader's comments.

use std::collections::BTreeSet;

use dateline_domain::UnixTime;
use sqlx::{AnyConnection, Row};

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
        // The account's address leaves the newsletters with its consent
        // record (subscriptions, events and confirmations cascade).
        sqlx::query(
            "DELETE FROM newsletter_subscribers \
             WHERE reader_id = $1 OR email = (SELECT email FROM readers WHERE id = $1)",
        )
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

/// SQL: comment `x` has a comment by someone other than reader `$1`
/// beneath it (anywhere in its thread below it), so it must stay, erased,
/// to hold their replies. Everything beneath a comment shares its root,
/// which the thread index finds.
const ANCHORED: &str =
    "EXISTS (SELECT 1 FROM comments o WHERE o.root_id = COALESCE(x.root_id, x.id) \
     AND o.reader_id <> $1 AND (o.parent_id = x.id OR o.root_id = x.id))";

/// SQL: comment `x` is shown (published, and so is every comment above it),
/// given `tc` its top comment and `pc` its parent.
const SHOWN: &str = "x.status = 'published' AND (x.root_id IS NULL OR (tc.status = 'published' \
     AND (x.depth < 2 OR pc.status = 'published')))";

/// Erases the reader's comments that hold others' replies and deletes the
/// rest (their own replies beneath going with them), moving the counters as
/// one comment at a time would: a few statements whatever the count. Adds
/// the articles whose pages changed to `pages` and the `(article, comment)`
/// readers saw go to `gone`. True when an erased comment still needs the
/// row.
async fn remove_comments(
    conn: &mut AnyConnection,
    reader: i64,
    at: UnixTime,
    pages: &mut BTreeSet<i64>,
    gone: &mut Vec<(i64, i64)>,
) -> Result<bool> {
    // Other writers of these articles' comments wait (see `lock_comments_of`).
    sqlx::query(
        "UPDATE articles SET comment_count = comment_count \
         WHERE id IN (SELECT article_id FROM comments WHERE reader_id = $1)",
    )
    .bind(reader)
    .execute(&mut *conn)
    .await?;
    let shown_pages = sqlx::query_scalar::<_, i64>(
        "SELECT DISTINCT article_id FROM comments WHERE reader_id = $1 AND status = 'published'",
    )
    .bind(reader)
    .fetch_all(&mut *conn)
    .await?;
    pages.extend(shown_pages);
    let leaving = sqlx::query(&format!(
        "SELECT x.article_id, x.id FROM comments x WHERE x.reader_id = $1 \
         AND x.status = 'published' AND NOT {ANCHORED} ORDER BY x.id"
    ))
    .bind(reader)
    .fetch_all(&mut *conn)
    .await?;
    for row in &leaving {
        gone.push((row.try_get("article_id")?, row.try_get("id")?));
    }
    let kept = sqlx::query(&format!(
        "SELECT x.id FROM comments x WHERE x.reader_id = $1 AND {ANCHORED} LIMIT 1"
    ))
    .bind(reader)
    .fetch_optional(&mut *conn)
    .await?
    .is_some();

    // Counters first, while the statuses above each comment are as before.
    // Nothing beneath a deleted comment is shown any more (its own replies
    // go too, and nobody else's hang there), so each counts for itself.
    sqlx::query(&format!(
        "UPDATE articles SET comment_count = comment_count - (SELECT COUNT(*) FROM comments x \
         LEFT JOIN comments tc ON tc.id = x.root_id LEFT JOIN comments pc ON pc.id = x.parent_id \
         WHERE x.reader_id = $1 AND x.article_id = articles.id AND {SHOWN} AND NOT {ANCHORED}) \
         WHERE id IN (SELECT article_id FROM comments WHERE reader_id = $1)"
    ))
    .bind(reader)
    .execute(&mut *conn)
    .await?;
    // A top comment counts its published level-1 replies and the published
    // level-2 replies under a published level-1 one; a level-1 comment its
    // published level-2 replies (see `comments::counters`).
    sqlx::query(&format!(
        "UPDATE comments SET reply_count = reply_count - (SELECT COUNT(*) FROM comments x \
         LEFT JOIN comments pc ON pc.id = x.parent_id \
         WHERE x.reader_id = $1 AND x.status = 'published' AND NOT {ANCHORED} \
         AND ((x.root_id = comments.id AND (x.depth = 1 OR pc.status = 'published')) \
         OR (x.depth = 2 AND x.parent_id = comments.id))) \
         WHERE id IN (SELECT root_id FROM comments WHERE reader_id = $1 AND root_id IS NOT NULL) \
         OR id IN (SELECT parent_id FROM comments WHERE reader_id = $1 AND depth = 2)"
    ))
    .bind(reader)
    .execute(&mut *conn)
    .await?;

    // Erased in place: the text goes, open reports on it close.
    sqlx::query(&format!(
        "UPDATE comment_reports SET resolved_at = $2 WHERE resolved_at IS NULL AND comment_id IN \
         (SELECT x.id FROM comments x WHERE x.reader_id = $1 AND {ANCHORED})"
    ))
    .bind(reader)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "UPDATE comments SET body_source = '', body_html = '', erased_at = $2, report_count = 0 \
         WHERE id IN (SELECT x.id FROM comments x WHERE x.reader_id = $1 AND {ANCHORED})"
    ))
    .bind(reader)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    // The rest go, with their likes and reports (ON DELETE CASCADE).
    sqlx::query(&format!(
        "DELETE FROM comments WHERE id IN \
         (SELECT x.id FROM comments x WHERE x.reader_id = $1 AND NOT {ANCHORED})"
    ))
    .bind(reader)
    .execute(&mut *conn)
    .await?;
    Ok(kept)
}
