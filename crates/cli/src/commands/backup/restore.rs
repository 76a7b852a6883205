//! `dateline restore DIR`: checks the backup whole (every checksum, the
//! backend, the schema version) and the target (an empty data folder, an
//! empty database, an empty media store) before writing anything; then the
//! database, the media files and the catalogs, then pending migrations.

use std::path::Path;

use anyhow::Context;
use dateline_media::{BlobSink, LocalBlobs};
use dateline_store::Backend;

use super::manifest::{self, Manifest};
use crate::config::Config;

pub async fn run(config: Config, dir: &Path) -> anyhow::Result<()> {
    let manifest = Manifest::read(dir)?;
    manifest.verify(dir)?;
    let url = config.effective_database_url();
    let backend = Backend::from_url(&url).ok_or_else(|| {
        anyhow::anyhow!("the database URL must start with sqlite: or postgres://")
    })?;
    if manifest.backend != backend.name() {
        anyhow::bail!(
            "{} is a backup of a {} site, and this site is configured for {}: \
             restore it with a matching database_url",
            dir.display(),
            manifest.backend,
            backend.name()
        );
    }
    let known = backend.known_schema_version();
    if manifest.schema_version > known {
        anyhow::bail!(
            "the backup is of schema {}, newer than this dateline ({}, schema {known}) knows: \
             restore it with dateline {} or newer",
            manifest.schema_version,
            env!("CARGO_PKG_VERSION"),
            manifest.dateline_version
        );
    }
    check_empty_folder(&config.data_dir)?;
    let blobs = super::super::serve::media_blobs(&config)?;
    if let Some(key) = blobs.list().await?.first() {
        anyhow::bail!("the media store is not empty (it holds {key}): restore into an empty one");
    }
    match backend {
        Backend::Sqlite => restore_sqlite(&url, &manifest, dir)?,
        Backend::Postgres => restore_postgres(&url, &manifest, dir).await?,
    }
    let media = put_files(&manifest, dir, manifest::MEDIA, blobs.as_ref())
        .await
        .context("cannot restore the media files")?;
    let locales = LocalBlobs::new(config.data_dir.join(manifest::LOCALES));
    put_files(&manifest, dir, manifest::LOCALES, &locales)
        .await
        .context("cannot restore the catalogs")?;
    let store = super::super::open_store(&config, super::super::Site::MustExist).await?;
    let now = store.schema_version().await?;
    store.close().await;
    let migrated = if now == manifest.schema_version {
        String::new()
    } else {
        format!(
            ", migrated from schema {} to {now}",
            manifest.schema_version
        )
    };
    println!(
        "restored the backup of {} ({}, schema {}) with {media} media files{migrated}; \
         the search index is rebuilt when `dateline serve` starts",
        manifest.created_at, manifest.backend, manifest.schema_version
    );
    Ok(())
}

/// A restore never merges into a site: the data folder must be new or empty.
fn check_empty_folder(data_dir: &Path) -> anyhow::Result<()> {
    let mut entries = match std::fs::read_dir(data_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", data_dir.display())),
    };
    if entries.next().is_some() {
        anyhow::bail!(
            "the data directory {} is not empty: restore into a new or empty one \
             (--data-dir or DATELINE_DATA_DIR)",
            data_dir.display()
        );
    }
    Ok(())
}

/// Copies the snapshot in place through a temporary name.
fn restore_sqlite(url: &str, manifest: &Manifest, dir: &Path) -> anyhow::Result<()> {
    let target = super::super::sqlite_file(url).ok_or_else(|| {
        anyhow::anyhow!("restore needs an SQLite file, not an in-memory database")
    })?;
    if target.exists() {
        anyhow::bail!(
            "{} exists already: restore into a new database file",
            target.display()
        );
    }
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    let partial = folder.join(".dateline.db.restoring");
    let copied = std::fs::copy(manifest.file_path(dir, &manifest.database)?, &partial)
        .and_then(|_| std::fs::File::open(&partial)?.sync_all())
        .and_then(|()| std::fs::rename(&partial, &target));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(e).with_context(|| format!("cannot write {}", target.display()));
    }
    Ok(())
}

/// `pg_restore` into a database that has no tables yet.
async fn restore_postgres(url: &str, manifest: &Manifest, dir: &Path) -> anyhow::Result<()> {
    let store = dateline_store::Store::connect(url, 1)
        .await
        .with_context(|| format!("cannot open database {}", super::super::redact(url)))?;
    let tables = store.table_names().await?;
    store.close().await;
    if !tables.is_empty() {
        anyhow::bail!(
            "the database {} already has {} tables ({}…): restore into an empty database \
             (createdb a new one)",
            super::super::redact(url),
            tables.len(),
            tables[0]
        );
    }
    let file = manifest.file_path(dir, &manifest.database)?;
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || super::pg_tools::restore(&url, &file)).await?
}

/// Puts the backup's files under `folder/` into `blobs`; returns how many.
async fn put_files(
    manifest: &Manifest,
    dir: &Path,
    folder: &str,
    blobs: &dyn BlobSink,
) -> anyhow::Result<usize> {
    let prefix = format!("{folder}/");
    let mut count = 0;
    for file in &manifest.files {
        let Some(key) = file.path.strip_prefix(&prefix) else {
            continue;
        };
        let path = manifest.file_path(dir, &file.path)?;
        let bytes = tokio::fs::read(&path)
            .await
            .with_context(|| format!("cannot read {}", path.display()))?;
        blobs.put(key, bytes).await?;
        count += 1;
    }
    Ok(count)
}
