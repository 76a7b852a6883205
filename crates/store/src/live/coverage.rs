//! Opening an article's live coverage (again) and ending it.

use super::{coverage_from_row, LiveCoverage, COVERAGE_COLUMNS};
use crate::audit::NewAudit;
use crate::{Result, Store, StoreError};
use dateline_domain::UnixTime;

impl Store {
    /// Marks the article as live coverage, or reopens coverage that ended.
    /// `NotFound` when the article does not exist.
    pub async fn open_live_coverage(
        &self,
        article_id: i64,
        at: UnixTime,
        audit: &NewAudit,
    ) -> Result<LiveCoverage> {
        let mut tx = self.begin_write().await?;
        let sql = format!(
            "INSERT INTO live_coverage (article_id, status, seq, status_seq, started_at) \
             VALUES ($1, 'open', 1, 1, $2) \
             ON CONFLICT (article_id) DO UPDATE SET status = 'open', ended_at = NULL, \
             seq = live_coverage.seq + 1, status_seq = live_coverage.seq + 1 \
             RETURNING {COVERAGE_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(article_id)
            .bind(at)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| match StoreError::on_constraint("article")(e) {
                StoreError::MissingReference { .. } => StoreError::NotFound,
                other => other,
            })?;
        let coverage = coverage_from_row(&row)?;
        self.finish_live_write(tx, article_id, coverage.seq, audit)
            .await?;
        Ok(coverage)
    }

    /// Ends open coverage: the entries stay, the "live" mark goes.
    /// `NotFound` when the article has no open coverage.
    pub async fn end_live_coverage(
        &self,
        article_id: i64,
        at: UnixTime,
        audit: &NewAudit,
    ) -> Result<LiveCoverage> {
        let mut tx = self.begin_write().await?;
        let sql = format!(
            "UPDATE live_coverage SET status = 'ended', ended_at = $2, seq = seq + 1, \
             status_seq = seq + 1 WHERE article_id = $1 AND status = 'open' \
             RETURNING {COVERAGE_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(article_id)
            .bind(at)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let coverage = coverage_from_row(&row)?;
        self.finish_live_write(tx, article_id, coverage.seq, audit)
            .await?;
        Ok(coverage)
    }
}
