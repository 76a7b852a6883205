//! What `dateline backup` and `dateline restore` ask of the database: the
//! schema version applied and known, an online SQLite snapshot, and whether
//! a database is empty enough to restore into.

use std::path::Path;

use crate::connect::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use crate::{Backend, Result, Store, StoreError};

impl Backend {
    /// The newest migration this build knows for the backend.
    pub fn known_schema_version(self) -> i64 {
        let migrator = match self {
            Self::Sqlite => &SQLITE_MIGRATIONS,
            Self::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.iter().map(|m| m.version).max().unwrap_or(0)
    }
}

impl Store {
    /// The newest migration applied to this database (0 when none is).
    pub async fn schema_version(&self) -> Result<i64> {
        if self
            .table_names()
            .await?
            .iter()
            .all(|t| t != "_sqlx_migrations")
        {
            return Ok(0);
        }
        let version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = $1")
                .bind(true)
                .fetch_one(&self.pool)
                .await?;
        Ok(version.unwrap_or(0))
    }

    /// The database's own tables (not SQLite's internal ones), sorted.
    pub async fn table_names(&self) -> Result<Vec<String>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
                 WHERE table_schema = current_schema() ORDER BY 1"
            }
        };
        Ok(sqlx::query_scalar(sql).fetch_all(&self.pool).await?)
    }

    /// Writes a consistent copy of the whole SQLite database to `target`
    /// (`VACUUM INTO`: one read transaction, so writers go on meanwhile and
    /// none of their commits is half in the copy). `target` must not exist.
    pub async fn snapshot_sqlite(&self, target: &Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Database(sqlx::Error::Configuration(
                "an SQLite snapshot needs an SQLite database".into(),
            )));
        }
        let target = target.to_str().ok_or_else(|| {
            StoreError::Database(sqlx::Error::Configuration(
                "the snapshot's path is not UTF-8".into(),
            ))
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
