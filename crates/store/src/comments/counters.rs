//! The counters comments move: the article's `comment_count` and the
//! `reply_count` of the thread above a reply. Only published comments count.

use sqlx::{AnyConnection, Row};

use super::Comment;
use crate::{Result, Store};

/// Adds `delta` (±1) for `comment` becoming visible or hidden, on the
/// caller's transaction: its article, its thread's top comment, and its
/// level-1 parent when it sits at level 2.
pub(crate) async fn count_visibility(
    conn: &mut AnyConnection,
    comment: &Comment,
    delta: i64,
) -> Result<()> {
    sqlx::query("UPDATE articles SET comment_count = comment_count + $1 WHERE id = $2")
        .bind(delta)
        .bind(comment.article_id)
        .execute(&mut *conn)
        .await?;
    let mut above: Vec<i64> = comment.root_id.into_iter().collect();
    if comment.depth == 2 {
        above.extend(comment.parent_id);
    }
    for id in above {
        sqlx::query("UPDATE comments SET reply_count = reply_count + $1 WHERE id = $2")
            .bind(delta)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// `(table, counter column, SQL of the true count per id as columns k, n)`,
/// each one grouped scan so that a check stays linear at any size.
const TRUTHS: [(&str, &str, &str); 4] = [
    (
        "articles",
        "comment_count",
        "SELECT article_id AS k, COUNT(*) AS n FROM comments WHERE status = 'published' GROUP BY article_id",
    ),
    (
        "comments",
        "reply_count",
        "SELECT k, COUNT(*) AS n FROM (\
         SELECT root_id AS k FROM comments WHERE status = 'published' AND root_id IS NOT NULL \
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
        let mut tx = self.pool.begin().await?;
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
