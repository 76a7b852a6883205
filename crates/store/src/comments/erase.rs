//! Erasing a comment in place: its author removed it, but others' replies
//! hang beneath it. The text goes, the comment keeps its place (and its
//! status, so the counts and the replies stay as they are) and pages show
//! a placeholder. Open reports on it are closed: there is nothing left to
//! judge.

use dateline_domain::UnixTime;
use sqlx::AnyConnection;

use crate::Result;

/// Erases comment `id` on the caller's transaction.
pub(crate) async fn erase_on(conn: &mut AnyConnection, id: i64, at: UnixTime) -> Result<()> {
    sqlx::query(
        "UPDATE comments SET body_source = '', body_html = '', erased_at = $1, report_count = 0 \
         WHERE id = $2",
    )
    .bind(at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE comment_reports SET resolved_at = $1 WHERE comment_id = $2 AND resolved_at IS NULL",
    )
    .bind(at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
