//! The database server's clock, for `dateline doctor` to compare with the
//! node's: scheduled publishing and session expiry mix the two.

use crate::{Backend, Result, Store};

impl Store {
    /// Seconds since the Unix epoch by the database's clock (on SQLite,
    /// this machine's: the database runs in the process).
    pub async fn database_time(&self) -> Result<f64> {
        let sql = match self.backend {
            Backend::Sqlite => "SELECT (julianday('now') - 2440587.5) * 86400.0",
            Backend::Postgres => "SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8",
        };
        Ok(sqlx::query_scalar(sql).fetch_one(&self.pool).await?)
    }
}
