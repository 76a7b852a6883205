//! Opening a store: picking the backend from the URL, tuning connections,
//! running migrations.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Connection, Executor};

use crate::{Result, StoreError};

// Run through `upgrade::rolling_migrator`; `backup.rs` reads the newest.
pub(crate) static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
pub(crate) static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Which database engine a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Reads the backend from a database URL: `sqlite:` or `postgres(ql)://`.
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// How hard SQLite works to keep a commit (`PRAGMA synchronous`); ignored
/// on PostgreSQL, whose own settings decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SqliteSync {
    /// A commit has reached the disk before it is acknowledged: a power cut
    /// cannot take back what a reader or an editor was told was saved.
    #[default]
    Full,
    /// The write-ahead log is synced only at checkpoints: faster commits,
    /// but a power cut (not a process crash) can lose the last ones.
    Normal,
}

impl SqliteSync {
    fn pragma(self) -> &'static str {
        match self {
            Self::Full => "FULL",
            Self::Normal => "NORMAL",
        }
    }
}

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: AnyPool,
    pub(crate) backend: Backend,
    /// Change events of this store's writes and, on PostgreSQL, other nodes'.
    pub(crate) events: std::sync::Arc<crate::events::Hub>,
}

impl Store {
    /// Connects without migrating. SQLite files are created when missing and
    /// opened in WAL mode with foreign keys on and a busy timeout, so that
    /// readers never wait for the writer and a contended write retries.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        Self::connect_with_sync(url, max_connections, SqliteSync::Full).await
    }

    /// [`Store::connect`] with a chosen SQLite durability level.
    pub async fn connect_with_sync(
        url: &str,
        max_connections: u32,
        sync: SqliteSync,
    ) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url).ok_or_else(|| {
            StoreError::Database(sqlx::Error::Configuration(
                "database URL must start with sqlite: or postgres://".into(),
            ))
        })?;
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let events = std::sync::Arc::new(crate::events::Hub::new(backend, &url));
        let options = AnyConnectOptions::from_str(&url)?;
        // One direct connection first: a pool only reports "timed out",
        // while this surfaces the real reason (refused, bad password, …).
        sqlx::AnyConnection::connect_with(&options)
            .await?
            .close()
            .await?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // FULL (the default): a commit is on disk before it
                        // is acknowledged; NORMAL in WAL mode can lose the
                        // last commits to a power cut (a process crash loses
                        // nothing either way). See SqliteSync.
                        let pragmas = format!(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = {}; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                             PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY;",
                            sync.pragma()
                        );
                        conn.execute(pragmas.as_str()).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        // On PostgreSQL, listen for other nodes' events from the start.
        events.listen().await;
        Ok(Self {
            pool,
            backend,
            events,
        })
    }

    /// A transaction that writes. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), queueing behind another writer for up to the
    /// busy timeout. A deferred transaction that read first would instead
    /// fail at once with "database is locked" when it came to write while
    /// another connection held the lock: SQLite does not wait there, since
    /// waiting could deadlock.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// Connects and brings the schema up to date.
    pub async fn open(url: &str, max_connections: u32) -> Result<Self> {
        let store = Self::connect(url, max_connections).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Applies pending migrations, each in its own transaction: a failing
    /// migration leaves the database as it was before that migration. A
    /// newer release's migrations already applied are left alone (see
    /// `upgrade.rs`).
    pub async fn migrate(&self) -> Result<()> {
        self.run_rolling_migrations().await?;
        self.repair_legacy_rows().await?;
        self.fold_old_rows().await
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Connections the pool holds open, and how many of them are idle
    /// (metrics, read at scrape time).
    pub fn pool_connections(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// One round trip to the database, for readiness probes.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.events.stop();
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    /// Every SQLite connection waits for the disk before a commit returns
    /// (`synchronous = FULL`, reported as 2) and writes ahead (WAL).
    #[tokio::test]
    async fn sqlite_commits_are_durable_on_every_connection() {
        let db = crate::testing::TestDb::sqlite().await;
        let mut held = Vec::new();
        for _ in 0..3 {
            let mut conn = db.store().pool.acquire().await.unwrap();
            let level: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            assert_eq!((level, journal.as_str()), (2, "wal"));
            held.push(conn);
        }
    }

    /// The chosen level reaches every connection of the pool (NORMAL is 1).
    #[tokio::test]
    async fn sqlite_sync_level_is_applied_to_every_connection() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("sync.db").display());
        for (sync, expected) in [(super::SqliteSync::Normal, 1), (super::SqliteSync::Full, 2)] {
            let store = super::Store::connect_with_sync(&url, 3, sync)
                .await
                .unwrap();
            let mut held = Vec::new();
            for _ in 0..3 {
                let mut conn = store.pool.acquire().await.unwrap();
                let level: i64 = sqlx::query_scalar("PRAGMA synchronous")
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap();
                assert_eq!(level, expected, "{sync:?}");
                held.push(conn);
            }
            drop(held);
            store.close().await;
        }
    }
}
