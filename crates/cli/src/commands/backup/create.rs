//! `dateline backup DIR`: a consistent copy of a running site. The database
//! first (SQLite `VACUUM INTO`, or `pg_dump`: each one snapshot while
//! writers go on), then the media store's files and the data folder's
//! catalog overrides, then the manifest; all in a temporary folder renamed
//! to DIR at the end, so a failed backup never looks complete.

use std::path::{Path, PathBuf};

use anyhow::Context;
use dateline_media::{BlobSink, LocalBlobs};
use dateline_store::{Backend, Store};

use super::manifest::{self, FileEntry, Manifest};
use crate::config::Config;

pub async fn run(config: Config, dir: PathBuf) -> anyhow::Result<()> {
    check_target(&dir)?;
    let store = super::connect(&config).await?;
    let known = store.backend().known_schema_version();
    let before = store.schema_version().await?;
    if before > known {
        anyhow::bail!(
            "the database is at schema {before}, newer than this dateline knows ({known}): \
             back it up with the dateline the site runs"
        );
    }
    let temp = temporary_folder(&dir)?;
    let result = write_backup(&config, &store, &temp, before).await;
    store.close().await;
    let summary = match result {
        Ok(summary) => summary,
        Err(err) => {
            let _ = std::fs::remove_dir_all(&temp);
            return Err(err);
        }
    };
    if dir.exists() {
        std::fs::remove_dir(&dir).with_context(|| format!("cannot replace {}", dir.display()))?;
    }
    std::fs::rename(&temp, &dir).with_context(|| {
        format!(
            "cannot move the finished backup from {} to {}",
            temp.display(),
            dir.display()
        )
    })?;
    println!("backup written to {}: {summary}", dir.display());
    Ok(())
}

/// DIR must be new or an empty folder: a backup never mixes with other files.
fn check_target(dir: &Path) -> anyhow::Result<()> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                anyhow::bail!(
                    "{} is not empty: give a new or empty folder for the backup",
                    dir.display()
                );
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            anyhow::bail!("{} is a file, not a folder", dir.display())
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", dir.display())),
    }
}

/// `.{name}.partial-{pid}` beside DIR (same file system, so the final
/// rename is atomic).
fn temporary_folder(dir: &Path) -> anyhow::Result<PathBuf> {
    let name = dir
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("{} does not name a folder", dir.display()))?;
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = parent.join(format!(
        ".{}.partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    std::fs::create_dir_all(&temp).with_context(|| format!("cannot create {}", temp.display()))?;
    Ok(temp)
}

async fn write_backup(
    config: &Config,
    store: &Store,
    temp: &Path,
    schema_version: i64,
) -> anyhow::Result<String> {
    let backend = store.backend();
    let database = match backend {
        Backend::Sqlite => {
            store
                .snapshot_sqlite(&temp.join(manifest::SQLITE_FILE))
                .await
                .context("cannot snapshot the SQLite database")?;
            manifest::SQLITE_FILE
        }
        Backend::Postgres => {
            let file = temp.join(manifest::POSTGRES_FILE);
            let url = config.effective_database_url();
            tokio::task::spawn_blocking(move || super::pg_tools::dump(&url, &file)).await??;
            manifest::POSTGRES_FILE
        }
    };
    // A migration run by an upgrade during the dump would make the
    // recorded version a lie.
    if store.schema_version().await? != schema_version {
        anyhow::bail!(
            "the database schema changed during the backup (an upgrade ran): run it again"
        );
    }
    let mut files = vec![manifest::entry_of(temp, database)?];
    let db_size = files[0].size;
    let blobs = super::super::serve::media_blobs(config)?;
    let media = copy_blobs(blobs.as_ref(), temp, manifest::MEDIA)
        .await
        .context("cannot copy the media store")?;
    let locales = LocalBlobs::new(config.data_dir.join(manifest::LOCALES));
    let catalogs = copy_blobs(&locales, temp, manifest::LOCALES)
        .await
        .context("cannot copy the data folder's catalogs")?;
    let media_bytes: u64 = media.iter().map(|f| f.size).sum();
    let summary = format!(
        "database ({}, schema {schema_version}, {}), {} media files ({}), {} catalog files",
        backend.name(),
        megabytes(db_size),
        media.len(),
        megabytes(media_bytes),
        catalogs.len()
    );
    files.extend(media);
    files.extend(catalogs);
    Manifest {
        format: manifest::FORMAT,
        dateline_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version,
        backend: backend.name().to_owned(),
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        database: database.to_owned(),
        files,
    }
    .write(temp)?;
    Ok(summary)
}

/// Every object of `blobs`, written under `temp/{folder}/{key}`. Keys are
/// content hashes: a file never changes once written, so copying after the
/// database snapshot gives every file it names (and perhaps newer ones).
async fn copy_blobs(
    blobs: &dyn BlobSink,
    temp: &Path,
    folder: &str,
) -> anyhow::Result<Vec<FileEntry>> {
    let mut entries = Vec::new();
    for key in blobs.list().await? {
        // Gone since the listing (a retired rendition swept): not needed.
        let Some(bytes) = blobs.get(&key).await? else {
            continue;
        };
        let name = format!("{folder}/{key}");
        let root = temp.to_owned();
        let entry =
            tokio::task::spawn_blocking(move || manifest::write_entry(&root, &name, &bytes))
                .await??;
        entries.push(entry);
    }
    Ok(entries)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}
