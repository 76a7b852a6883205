//! One module per subcommand.

pub mod backup;
pub mod demo;
pub mod doctor;
pub mod edition;
pub mod gen;
pub mod healthcheck;
pub mod i18n;
pub mod import;
pub mod migrate;
pub mod openapi;
pub mod reindex;
pub mod serve;
pub mod user;

use std::path::{Path, PathBuf};

use anyhow::Context;
use dateline_store::Store;

use crate::config::Config;

/// Whether a command may make a new site where there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// `serve`, `demo`, `gen` and `migrate`: a new SQLite file is expected
    /// on first use (`migrate` is how a deployment prepares its database).
    MayCreate,
    /// Every other command works on a site that exists: a mistyped data
    /// folder must not quietly become a new empty database.
    MustExist,
}

/// Opens the configured database and brings its schema up to date.
pub async fn open_store(config: &Config, site: Site) -> anyhow::Result<Store> {
    let url = config.effective_database_url();
    if let Some(file) = sqlite_file(&url) {
        if site == Site::MustExist && !file.exists() {
            let folder = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            anyhow::bail!(
                "there is no Dateline database in {} ({} does not exist): check --data-dir, \
                 DATELINE_DATA_DIR or --database-url, or create one with `dateline migrate`",
                folder.display(),
                file.display()
            );
        }
    }
    // Every backend keeps a node's own files there (search index, logins
    // the demo writes, mail without SMTP).
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create data directory {}", config.data_dir.display()))?;
    let store = Store::connect_with_sync(
        &url,
        config.max_connections,
        config.sqlite_synchronous.into(),
    )
    .await
    .with_context(|| format!("cannot open database {}", redact(&url)))?;
    store
        .migrate()
        .await
        .context("database migration failed; the database was left as it was")?;
    Ok(store)
}

/// The file of an SQLite URL (`sqlite:path`, `sqlite://path?mode=…`);
/// `None` for other databases and for in-memory ones.
pub(crate) fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.contains(":memory:")).then(|| PathBuf::from(path))
}

/// Hides a password in a database URL before printing it.
pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn finds_the_file_of_sqlite_urls() {
        let file = |url| super::sqlite_file(url);
        assert_eq!(
            file("sqlite:d/dateline.db").as_deref(),
            Some(Path::new("d/dateline.db"))
        );
        assert_eq!(
            file("sqlite:///srv/x.db?mode=rwc").as_deref(),
            Some(Path::new("/srv/x.db"))
        );
        assert_eq!(file("sqlite::memory:"), None);
        assert_eq!(file("postgres://h/db"), None);
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            super::redact("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact("sqlite:x.db"), "sqlite:x.db");
    }
}
