//! The counters comments move: the article's `comment_count` and the
//! `reply_count` of the comments above a reply.
//!
//! A comment is *shown* when it is published and so is every comment above
//! it: removing a comment takes the replies beneath it off the page, so
//! they leave the counts too, and come back with it. Precisely:
//! - `articles.comment_count`: the article's shown comments;
//! - a top-level comment's `reply_count`: the published replies in its
//!   thread whose level-1 parent (for level 2) is published, whatever the
//!   top-level comment's own status (so that restoring it adds them back);
//! - a level-1 comment's `reply_count`: its published level-2 replies.

use dateline_domain::comment::CommentStatus;
use sqlx::{AnyConnection, Row};

use super::{comment_on, Comment};
use crate::{Result, Store};

/// Serialises the writers of `article_id`'s comments until the caller's
/// transaction ends. Counters move by what a writer read (a comment's
/// status, its replies, its parents' statuses), so two writers must not
/// both read before either writes. SQLite's `BEGIN IMMEDIATE` already holds
/// the database's write lock and this no-op write costs nothing; on
/// PostgreSQL it takes the article row's lock, and a second writer waits,
/// then reads (READ COMMITTED) what the first committed. Call it before
/// reading the comments a change depends on.
pub(crate) async fn lock_comments_of(conn: &mut AnyConnection, article_id: i64) -> Result<()> {
    sqlx::query("UPDATE articles SET comment_count = comment_count WHERE id = $1")
        .bind(article_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Comment `id` as it is once its article's comments are locked (see
/// [`lock_comments_of`]), or `NotFound`.
pub(crate) async fn locked_comment(conn: &mut AnyConnection, id: i64) -> Result<Comment> {
    let article_id: i64 = sqlx::query_scalar("SELECT article_id FROM comments WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    lock_comments_of(conn, article_id).await?;
    comment_on(conn, id).await
}

/// Moves the counters for `comment` becoming published (`delta` 1) or
/// leaving published (`delta` -1), on the caller's transaction.
pub(crate) async fn count_visibility(
    conn: &mut AnyConnection,
    comment: &Comment,
    delta: i64,
) -> Result<()> {
    // The comment itself and what hangs beneath it.
    let weight = delta
        * (1 + if comment.depth < 2 {
            comment.reply_count
        } else {
            0
        });
    let published = |c: &Comment| c.status == CommentStatus::Published;
    let reaches_article = match (comment.depth, comment.root_id, comment.parent_id) {
        (0, _, _) => true,
        (1, Some(root), _) => {
            add_replies(conn, root, weight).await?;
            published(&comment_on(conn, root).await?)
        }
        (_, Some(root), Some(parent)) => {
            add_replies(conn, parent, delta).await?;
            let parent_shown = published(&comment_on(conn, parent).await?);
            if parent_shown {
                add_replies(conn, root, delta).await?;
            }
            parent_shown && published(&comment_on(conn, root).await?)
        }
        _ => false,
    };
    if reaches_article {
        sqlx::query("UPDATE articles SET comment_count = comment_count + $1 WHERE id = $2")
            .bind(weight)
            .bind(comment.article_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn add_replies(conn: &mut AnyConnection, id: i64, delta: i64) -> Result<()> {
    sqlx::query("UPDATE comments SET reply_count = reply_count + $1 WHERE id = $2")
        .bind(delta)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// `(table, counter column, SQL of the true count per id as columns k, n)`,
/// each one grouped scan so that a check stays linear at any size.
const TRUTHS: [(&str, &str, &str); 4] = [
    (
        "articles",
        "comment_count",
        "SELECT c.article_id AS k, COUNT(*) AS n FROM comments c \
         LEFT JOIN comments tc ON tc.id = c.root_id LEFT JOIN comments pc ON pc.id = c.parent_id \
         WHERE c.status = 'published' AND (c.root_id IS NULL OR (tc.status = 'published' \
         AND (c.depth < 2 OR pc.status = 'published'))) GROUP BY c.article_id",
    ),
    (
        "comments",
        "reply_count",
        "SELECT k, COUNT(*) AS n FROM (\
         SELECT c.root_id AS k FROM comments c LEFT JOIN comments pc ON pc.id = c.parent_id \
         WHERE c.status = 'published' AND c.root_id IS NOT NULL \
         AND (c.depth = 1 OR pc.status = 'published') \
         UNION ALL SELECT parent_id AS k FROM comments WHERE status = 'published' AND depth = 2) r GROUP BY k",
    ),
    (
        "comments",
        "like_count",
        "SELECT comment_id AS k, COUNT(*) AS n FROM comment_likes GROUP BY comment_id",
    ),
    (
        "comments",
        "report_count",
        "SELECT comment_id AS k, COUNT(*) AS n FROM comment_reports WHERE resolved_at IS NULL GROUP BY comment_id",
    ),
];

/// Rows `(id, stored, actual)` of `table` whose counter is off.
fn drift_sql(table: &str, column: &str, truth: &str) -> String {
    format!(
        "SELECT t.id, t.{column} AS stored, COALESCE(c.n, 0) AS actual FROM {table} t \
         LEFT JOIN ({truth}) c ON c.k = t.id WHERE t.{column} <> COALESCE(c.n, 0)"
    )
}

impl Store {
    /// Comment counters that disagree with a true count, as
    /// `(counter, id, stored, actual)`. Reads whole tables: for checks and
    /// tests, never for a page.
    pub async fn comment_counter_drift(&self) -> Result<Vec<(&'static str, i64, i64, i64)>> {
        let mut off = Vec::new();
        for (table, column, truth) in TRUTHS {
            let sql = format!("{} ORDER BY t.id", drift_sql(table, column, truth));
            for row in sqlx::query(&sql).fetch_all(&self.pool).await? {
                off.push((
                    column,
                    row.try_get("id")?,
                    row.try_get("stored")?,
                    row.try_get("actual")?,
                ));
            }
        }
        Ok(off)
    }

    /// Rewrites every comment counter from the rows (after a bulk load).
    pub async fn recount_comment_counters(&self) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for (table, column, truth) in TRUTHS {
            let update = format!(
                "UPDATE {table} SET {column} = d.actual FROM ({}) d WHERE {table}.id = d.id",
                drift_sql(table, column, truth)
            );
            sqlx::query(&update).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
