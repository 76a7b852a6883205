//! Test support (feature `testing`): a fresh migrated database per test on
//! SQLite or PostgreSQL, and a small set of fixtures.
//!
//! Other crates enable it in their dev-dependencies:
//! `dateline-store = { workspace = true, features = ["testing"] }`.
//!
//! ```no_run
//! # async fn example() -> dateline_store::Result<()> {
//! use dateline_store::testing::{Fixtures, TestDb, SKIP_POSTGRES};
//!
//! let db = TestDb::sqlite().await;
//! let fx = Fixtures::new(db.store()).await;
//! let article = db.store().create_article(&fx.article("hello", Fixtures::NOW)).await?;
//! assert_eq!(article.section_id, fx.world.id);
//!
//! // PostgreSQL only when DATELINE_TEST_POSTGRES_URL is set:
//! match TestDb::postgres().await {
//!     Some(db) => { /* the same test body on db.store() */ }
//!     None => eprintln!("{SKIP_POSTGRES}"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Running a crate's tests on both backends:
//! `DATELINE_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
//! DATELINE_REQUIRE_POSTGRES=1 cargo test -p <crate>`. Each PostgreSQL
//! `TestDb` is a database of its own (`dateline_t_…`), created through that
//! URL and dropped with the `TestDb`.
//!
//! Everything here panics on failure: it runs only inside tests.

mod fixtures;
mod schema;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::Executor;

pub use fixtures::{slug, Fixtures};
pub use schema::{normalise_type, ColumnShape, IndexShape, SchemaShape};

use crate::Store;

/// Administrative URL of a PostgreSQL server the tests may create databases on.
pub const POSTGRES_URL_VAR: &str = "DATELINE_TEST_POSTGRES_URL";
/// Set to `1` (as CI does) to make a missing PostgreSQL URL fail loudly.
pub const REQUIRE_POSTGRES_VAR: &str = "DATELINE_REQUIRE_POSTGRES";
/// What a test prints when it skips PostgreSQL.
pub const SKIP_POSTGRES: &str = "skipping PostgreSQL: DATELINE_TEST_POSTGRES_URL not set";
/// The reason PostgreSQL test cases give for being ignored by default: they
/// run with `cargo test -- --include-ignored` and a server to run on.
pub const IGNORED_POSTGRES: &str =
    "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored";

/// One test's own database, removed when dropped.
pub struct TestDb {
    store: Store,
    cleanup: Cleanup,
}

enum Cleanup {
    /// Dropping the directory deletes the SQLite file.
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres {
        admin_url: String,
        database: String,
    },
}

impl std::fmt::Debug for TestDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestDb")
            .field("backend", &self.store.backend())
            .finish()
    }
}

impl TestDb {
    /// A migrated SQLite file in a fresh temporary directory.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir()
            .unwrap_or_else(|e| panic!("cannot create a temporary directory: {e}"));
        let url = format!("sqlite://{}", dir.path().join("dateline.db").display());
        let store = Store::open(&url, 4)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        TestDb {
            store,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    /// The SQLite file's URL, for a test that opens a second connection of
    /// its own (to hold the write lock, say); `None` on PostgreSQL.
    pub fn sqlite_url(&self) -> Option<String> {
        match &self.cleanup {
            Cleanup::Sqlite(dir) => Some(format!(
                "sqlite://{}",
                dir.path().join("dateline.db").display()
            )),
            Cleanup::Postgres { .. } => None,
        }
    }

    /// A fresh PostgreSQL database for a test case that exists only to run
    /// there (marked `#[ignore]` with [`IGNORED_POSTGRES`]): asked to run
    /// without a server, it fails instead of passing without testing.
    pub async fn postgres_required() -> TestDb {
        match TestDb::postgres().await {
            Some(db) => db,
            None => panic!("{IGNORED_POSTGRES}"),
        }
    }

    /// A migrated, freshly created PostgreSQL database on the server named by
    /// `DATELINE_TEST_POSTGRES_URL`, or `None` when that is not set.
    ///
    /// Panics when `DATELINE_REQUIRE_POSTGRES=1` and the URL is not set, so
    /// that CI cannot silently skip half the suite.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = match std::env::var(POSTGRES_URL_VAR) {
            Ok(url) if !url.trim().is_empty() => url,
            _ if std::env::var(REQUIRE_POSTGRES_VAR).is_ok_and(|v| v == "1") => panic!(
                "{REQUIRE_POSTGRES_VAR}=1 but {POSTGRES_URL_VAR} is not set; \
                 set it to e.g. postgres://postgres@127.0.0.1:5432/postgres"
            ),
            _ => return None,
        };
        let database = unique_database_name();
        let admin = Store::connect(&admin_url, 1)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to {admin_url}: {e}"));
        admin
            .pool
            .execute(format!("CREATE DATABASE {database}").as_str())
            .await
            .unwrap_or_else(|e| panic!("cannot create database {database}: {e}"));
        admin.close().await;
        let url = with_database(&admin_url, &database);
        // Built before the store so that a failed migration still drops the database.
        let db = TestDb {
            store: Store::connect(&url, 4)
                .await
                .unwrap_or_else(|e| panic!("cannot connect to {url}: {e}")),
            cleanup: Cleanup::Postgres {
                admin_url,
                database,
            },
        };
        db.store
            .migrate()
            .await
            .unwrap_or_else(|e| panic!("cannot migrate {url}: {e}"));
        Some(db)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The database's URL on either backend, for a test that connects as
    /// a second node would.
    pub fn url(&self) -> String {
        match &self.cleanup {
            Cleanup::Sqlite(dir) => {
                format!("sqlite://{}", dir.path().join("dateline.db").display())
            }
            Cleanup::Postgres {
                admin_url,
                database,
            } => with_database(admin_url, database),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Cleanup::Postgres {
            admin_url,
            database,
        } = &self.cleanup
        else {
            return;
        };
        let (admin_url, database) = (admin_url.clone(), database.clone());
        // Drop cannot await, and blocking inside the test's own runtime would
        // panic: a separate thread gets a small runtime of its own.
        let dropper = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async {
                if let Ok(admin) = Store::connect(&admin_url, 1).await {
                    // FORCE ends the test's own pool connections, still open here.
                    let sql = format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                    if let Err(e) = admin.pool.execute(sql.as_str()).await {
                        eprintln!("could not drop test database {database}: {e}");
                    }
                    admin.close().await;
                }
            });
        });
        let _ = dropper.join();
    }
}

/// `dateline_t_<pid>_<time>_<counter>`: unique across parallel test
/// processes and the tests inside each.
fn unique_database_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "dateline_t_{}_{nanos}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Replaces the database name in a PostgreSQL URL, keeping any query string.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{host_part}/{database}?{query}"),
        None => format!("{host_part}/{database}"),
    }
}

/// Replaces the snapshot a revision holds, so that a test can stand for one
/// written by an older version (before a field existed).
pub async fn overwrite_revision_content(store: &Store, revision_id: i64, content: &str) {
    sqlx::query("UPDATE article_revisions SET content = $1 WHERE id = $2")
        .bind(content)
        .bind(revision_id)
        .execute(&store.pool)
        .await
        .unwrap_or_else(|e| panic!("cannot overwrite revision {revision_id}: {e}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_and_urls() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "t2"),
            "postgres://u@h/t2?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://u@h:5432", "t3"),
            "postgres://u@h:5432/t3"
        );
        let (a, b) = (unique_database_name(), unique_database_name());
        assert_ne!(a, b);
        assert!(
            a.starts_with("dateline_t_")
                && a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        );
    }
}
