//! Readers' likes and reports.

use dateline_domain::comment::{CommentStatus, ReportReason};
use dateline_domain::UnixTime;
use sqlx::Row;

use super::comment_on;
use crate::{Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LikeOutcome {
    Liked,
    /// The reader had liked it before: nothing changed.
    AlreadyLiked,
}

#[derive(Debug, Clone)]
pub struct NewReport {
    pub comment_id: i64,
    pub reader_id: i64,
    pub reason: ReportReason,
    pub note: String,
    pub at: UnixTime,
}

impl Store {
    /// One like per reader per published comment; `NotFound` for a comment
    /// readers cannot see.
    pub async fn like_comment(
        &self,
        comment_id: i64,
        reader_id: i64,
        at: UnixTime,
    ) -> Result<LikeOutcome> {
        let mut tx = self.begin_write().await?;
        let comment = comment_on(&mut tx, comment_id).await?;
        if comment.status != CommentStatus::Published {
            return Err(StoreError::NotFound);
        }
        let done = sqlx::query(
            "INSERT INTO comment_likes (comment_id, reader_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (comment_id, reader_id) DO NOTHING",
        )
        .bind(comment_id)
        .bind(reader_id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(LikeOutcome::AlreadyLiked);
        }
        sqlx::query("UPDATE comments SET like_count = like_count + 1 WHERE id = $1")
            .bind(comment_id)
            .execute(&mut *tx)
            .await?;
        // No event: no cached page shows like counts (the article page's
        // comments leave them out), so a like purges nothing.
        tx.commit().await?;
        Ok(LikeOutcome::Liked)
    }

    /// The ids among `comment_ids` that `reader_id` has liked.
    pub async fn liked_by(&self, reader_id: i64, comment_ids: &[i64]) -> Result<Vec<i64>> {
        if comment_ids.is_empty() {
            return Ok(Vec::new());
        }
        let binds = (2..comment_ids.len() + 2)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT comment_id FROM comment_likes WHERE reader_id = $1 AND comment_id IN ({binds})"
        );
        let mut q = sqlx::query(&sql).bind(reader_id);
        for id in comment_ids {
            q = q.bind(*id);
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| Ok(row.try_get("comment_id")?))
            .collect()
    }

    /// Records a report on a published comment; a reader's second report of
    /// the same comment changes nothing. Returns whether it was new.
    pub async fn report_comment(&self, report: &NewReport) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let comment = comment_on(&mut tx, report.comment_id).await?;
        if comment.status != CommentStatus::Published {
            return Err(StoreError::NotFound);
        }
        let done = sqlx::query(
            "INSERT INTO comment_reports (comment_id, reader_id, reason, note, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (comment_id, reader_id) DO NOTHING",
        )
        .bind(report.comment_id)
        .bind(report.reader_id)
        .bind(report.reason.as_str())
        .bind(&report.note)
        .bind(report.at)
        .execute(&mut *tx)
        .await?;
        let new = done.rows_affected() == 1;
        if new {
            sqlx::query("UPDATE comments SET report_count = report_count + 1 WHERE id = $1")
                .bind(report.comment_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(new)
    }

    /// Open reports of a comment as `(reason, note)`, oldest first.
    pub async fn comment_reports(&self, comment_id: i64) -> Result<Vec<(String, String)>> {
        sqlx::query(
            "SELECT reason, note FROM comment_reports WHERE comment_id = $1 AND resolved_at IS NULL ORDER BY id",
        )
        .bind(comment_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| Ok((row.try_get("reason")?, row.try_get("note")?)))
        .collect()
    }
}
