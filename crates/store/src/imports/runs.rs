//! Imports started from the newsroom, and how far each one is.

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::{record_audit_on, NewAudit};
use crate::{Result, Store, StoreError};

/// A run as the newsroom shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    pub id: i64,
    /// `wordpress` or `ghost`.
    pub format: String,
    pub file_name: String,
    /// The file's name under the node's `{data_dir}/imports/`.
    pub stored_as: String,
    pub edition_id: i64,
    /// The run's options as JSON (the importer's to read).
    pub options: String,
    /// `running`, `finished`, `failed` or `interrupted`.
    pub status: String,
    pub total: i64,
    pub done: i64,
    pub report: String,
    pub error: String,
    pub started_by: Option<i64>,
    pub created_at: UnixTime,
    pub updated_at: UnixTime,
}

/// What starting a run records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportRun {
    pub format: String,
    pub file_name: String,
    pub stored_as: String,
    pub edition_id: i64,
    pub options: String,
    pub started_by: Option<i64>,
}

const COLUMNS: &str =
    "id, format, file_name, stored_as, edition_id, options, status, total, done, \
     report, error, started_by, created_at, updated_at";

fn run_from(row: &AnyRow) -> Result<ImportRun> {
    Ok(ImportRun {
        id: row.try_get("id")?,
        format: row.try_get("format")?,
        file_name: row.try_get("file_name")?,
        stored_as: row.try_get("stored_as")?,
        edition_id: row.try_get("edition_id")?,
        options: row.try_get("options")?,
        status: row.try_get("status")?,
        total: row.try_get("total")?,
        done: row.try_get("done")?,
        report: row.try_get("report")?,
        error: row.try_get("error")?,
        started_by: row.try_get("started_by")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

impl Store {
    /// Records a run as running, with `audit` in the same transaction.
    pub async fn start_import_run(
        &self,
        new: &NewImportRun,
        audit: &NewAudit,
        now: UnixTime,
    ) -> Result<ImportRun> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO import_runs (format, file_name, stored_as, edition_id, options, status, \
             started_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $7) \
             RETURNING id",
        )
        .bind(&new.format)
        .bind(&new.file_name)
        .bind(&new.stored_as)
        .bind(new.edition_id)
        .bind(&new.options)
        .bind(new.started_by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::on_constraint("edition"))?
        .try_get("id")?;
        record_audit_on(&mut tx, &audit.clone().on_item(id)).await?;
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM import_runs WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        run_from(&row)
    }

    /// How far run `id` is.
    pub async fn import_run_progress(
        &self,
        id: i64,
        total: i64,
        done: i64,
        now: UnixTime,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE import_runs SET total = $2, done = $3, updated_at = $4 \
             WHERE id = $1 AND status = 'running'",
        )
        .bind(id)
        .bind(total)
        .bind(done)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Ends run `id` as `status`, with its report or the reason it failed.
    pub async fn end_import_run(
        &self,
        id: i64,
        status: &str,
        report: &str,
        error: &str,
        now: UnixTime,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE import_runs SET status = $2, report = $3, error = $4, updated_at = $5 \
             WHERE id = $1",
        )
        .bind(id)
        .bind(status)
        .bind(report)
        .bind(error)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn import_run(&self, id: i64) -> Result<Option<ImportRun>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM import_runs WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(run_from).transpose()
    }

    /// The newest runs, at most `limit`.
    pub async fn import_runs(&self, limit: u32) -> Result<Vec<ImportRun>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM import_runs ORDER BY id DESC LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(run_from).collect()
    }
}
