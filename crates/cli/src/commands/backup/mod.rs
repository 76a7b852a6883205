//! `dateline backup` and `dateline restore`: a backup folder holds the
//! database (an SQLite snapshot or a `pg_dump` archive), the media store's
//! files, the data folder's catalog overrides and a manifest of them all.
//! The search index is not in it: it is rebuilt from the database.

pub mod create;
mod manifest;
mod pg_tools;
pub mod restore;

use anyhow::Context;
use dateline_store::Store;

use crate::config::Config;

/// Opens the configured database as it is, without migrating: a backup
/// never changes the site it copies.
async fn connect(config: &Config) -> anyhow::Result<Store> {
    let url = config.effective_database_url();
    if let Some(file) = super::sqlite_file(&url) {
        if !file.exists() {
            anyhow::bail!(
                "there is no Dateline database at {}: check --data-dir, DATELINE_DATA_DIR \
                 or --database-url",
                file.display()
            );
        }
    }
    Store::connect_with_sync(&url, 2, config.sqlite_synchronous.into())
        .await
        .with_context(|| format!("cannot open database {}", super::redact(&url)))
}
