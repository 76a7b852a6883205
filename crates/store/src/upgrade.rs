//! Rolling upgrades: the migrator every node runs, which starts on a schema a
//! newer release has already expanded but never on one whose migrations were
//! changed, and what a database has applied compared with this binary.
//!
//! The rule the migration trees follow (checked by the store's
//! `upgrades` tests): a release's migrations only expand the schema; a
//! destructive one opens with `-- contract: … since <release>` and ships at
//! least one release after the code stopped using what it removes.

use std::borrow::Cow;
use std::collections::BTreeMap;

use sqlx::migrate::Migrator;
use sqlx::Row;

use crate::connect::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use crate::{Backend, Result, Store};

/// The migrations this binary carries for `backend`, in order.
pub fn known_migrations(backend: Backend) -> &'static [sqlx::migrate::Migration] {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS.migrations,
        Backend::Postgres => &POSTGRES_MIGRATIONS.migrations,
    }
}

/// The migrator for `migrations`, as every node runs it: applied migrations
/// it does not know are a newer release's (a node of the previous release
/// still runs beside the new ones during a rolling upgrade), while an applied
/// migration whose text differs from this binary's copy of the same version
/// is refused (`VersionMismatch`): that is a changed or corrupt history, not
/// an upgrade.
pub fn rolling_migrator(migrations: Cow<'static, [sqlx::migrate::Migration]>) -> Migrator {
    let mut migrator = Migrator {
        migrations,
        ..Migrator::DEFAULT
    };
    migrator.set_ignore_missing(true);
    migrator
}

/// What a database has applied, measured against this binary's migrations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MigrationStatus {
    /// How many migrations this binary carries.
    pub known: usize,
    /// How many the database records as applied.
    pub applied: usize,
    /// Known and not yet applied (`dateline migrate` or a start applies them).
    pub pending: Vec<i64>,
    /// Applied but unknown here: a newer release's expansions.
    pub newer: Vec<i64>,
    /// Applied with a different checksum than this binary's copy.
    pub changed: Vec<i64>,
    /// A migration that started and failed (the database is "dirty").
    pub failed: Option<i64>,
}

impl Store {
    /// Applies this binary's pending migrations with [`rolling_migrator`].
    pub(crate) async fn run_rolling_migrations(&self) -> Result<()> {
        let migrator = rolling_migrator(Cow::Borrowed(known_migrations(self.backend)));
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Runs `migrator` on this store's database, as a node whose binary
    /// carries other migrations would (an older release, say).
    #[cfg(any(test, feature = "testing"))]
    pub async fn run_migrator(&self, migrator: &Migrator) -> Result<()> {
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Compares the database's applied migrations with this binary's,
    /// without changing anything (a database never migrated has none).
    pub async fn migration_status(&self) -> Result<MigrationStatus> {
        let exists_sql = match self.backend {
            Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
            }
            Backend::Postgres => "SELECT COUNT(*) FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'",
        };
        let exists: i64 = sqlx::query_scalar(exists_sql).fetch_one(&self.pool).await?;
        let mut applied: BTreeMap<i64, Vec<u8>> = BTreeMap::new();
        let mut failed = None;
        if exists > 0 {
            let rows = sqlx::query("SELECT version, checksum FROM _sqlx_migrations WHERE success")
                .fetch_all(&self.pool)
                .await?;
            for row in rows {
                applied.insert(row.try_get("version")?, row.try_get("checksum")?);
            }
            failed = sqlx::query_scalar(
                "SELECT version FROM _sqlx_migrations WHERE NOT success ORDER BY version LIMIT 1",
            )
            .fetch_optional(&self.pool)
            .await?;
        }
        let known = known_migrations(self.backend);
        let mut status = MigrationStatus {
            known: known.len(),
            applied: applied.len(),
            failed,
            ..MigrationStatus::default()
        };
        for migration in known {
            match applied.get(&migration.version) {
                None => status.pending.push(migration.version),
                Some(checksum) if checksum.as_slice() != &*migration.checksum => {
                    status.changed.push(migration.version)
                }
                Some(_) => {}
            }
        }
        status.newer = applied
            .keys()
            .filter(|v| !known.iter().any(|m| m.version == **v))
            .copied()
            .collect();
        Ok(status)
    }
}
