//! The doctor's checks of what Dateline keeps: the data folder, the
//! database (reachable, migrations, clock) and the media store.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use dateline_media::MediaStoreConfig;
use dateline_store::upgrade::MigrationStatus;
use dateline_store::{Backend, Store};

use super::Report;
use crate::commands::{redact, sqlite_file};
use crate::config::Config;

/// How long a database or media store may take to answer.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);
/// Clock skew between the database server and this machine worth a warning.
const MAX_SKEW_SECS: f64 = 5.0;

/// The data folder exists, is a folder, and this user can write in it.
pub fn data_dir(config: &Config, report: &mut Report) {
    let dir = &config.data_dir;
    if !dir.exists() {
        report.fail(
            "data_dir",
            format!(
                "{} does not exist: create it for the user Dateline runs as, or run \
                 `dateline migrate`, which creates it",
                dir.display()
            ),
        );
        return;
    }
    if !dir.is_dir() {
        report.fail(
            "data_dir",
            format!(
                "{} is not a folder: point data_dir at a folder",
                dir.display()
            ),
        );
        return;
    }
    let probe = dir.join(format!(".doctor-probe-{}", std::process::id()));
    match std::fs::write(&probe, b"probe").and_then(|()| std::fs::remove_file(&probe)) {
        Ok(()) => report.ok("data_dir", format!("{} is writable", dir.display())),
        Err(err) => report.fail(
            "data_dir",
            format!(
                "{} is not writable by this user ({err}): give it to the user Dateline runs \
                 as (chown) or choose another data_dir",
                dir.display()
            ),
        ),
    }
}

/// The database answers, its migrations match this binary's, and (on
/// PostgreSQL) its clock agrees with this machine's.
pub async fn database(config: &Config, report: &mut Report) {
    let url = config.effective_database_url();
    let shown = redact(&url);
    if let Some(file) = sqlite_file(&url) {
        if !file.is_file() {
            report.fail(
                "database",
                format!(
                    "there is no database at {}: `dateline migrate` creates it",
                    file.display()
                ),
            );
            return;
        }
    }
    let store = match tokio::time::timeout(ANSWER_WITHIN, Store::connect(&url, 2)).await {
        Err(_) => {
            report.fail(
                "database",
                format!(
                    "{shown} did not answer within {} s: check database_url, the network and \
                     that the server runs",
                    ANSWER_WITHIN.as_secs()
                ),
            );
            return;
        }
        Ok(Err(err)) => {
            report.fail(
                "database",
                format!(
                    "cannot connect to {shown}: {}: check database_url and that the server \
                     runs and accepts this user",
                    super::causes(&err)
                ),
            );
            return;
        }
        Ok(Ok(store)) => store,
    };
    report.ok(
        "database",
        format!("{shown} answers ({})", store.backend().name()),
    );
    match store.migration_status().await {
        Ok(status) => migrations(&status, report),
        Err(err) => report.fail(
            "migrations",
            format!("cannot read the applied migrations: {err}"),
        ),
    }
    clock(&store, report).await;
    store.close().await;
}

fn versions(list: &[i64]) -> String {
    list.iter()
        .map(|v| format!("{v:04}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn migrations(status: &MigrationStatus, report: &mut Report) {
    if let Some(version) = status.failed {
        report.fail(
            "migrations",
            format!(
                "migration {version:04} started and failed: read the log of the node that ran \
                 it; the database needs repair (or a restore) before Dateline can migrate it"
            ),
        );
    } else if !status.changed.is_empty() {
        report.fail(
            "migrations",
            format!(
                "applied migration(s) {} differ from this binary's copy: this is not an \
                 upgrade but a changed history; use the binary that made this database or \
                 restore a backup",
                versions(&status.changed)
            ),
        );
    } else if status.applied == 0 {
        report.warn(
            "migrations",
            "the database is empty: `dateline migrate` creates the schema (so does \
             `dateline serve` at start-up)",
        );
    } else if !status.pending.is_empty() {
        report.warn(
            "migrations",
            format!(
                "{} of {} pending ({}): `dateline migrate` applies them (so does \
                 `dateline serve` at start-up)",
                status.pending.len(),
                status.known,
                versions(&status.pending)
            ),
        );
    } else if !status.newer.is_empty() {
        report.warn(
            "migrations",
            format!(
                "the database has {} migration(s) of a newer release ({}): this binary runs \
                 beside it during a rolling upgrade; finish the upgrade",
                status.newer.len(),
                versions(&status.newer)
            ),
        );
    } else {
        report.ok(
            "migrations",
            format!("all {} applied, none unknown", status.known),
        );
    }
}

async fn clock(store: &Store, report: &mut Report) {
    let local = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or_default();
    // 2024-01-01: a clock before it has never been set.
    if local < 1_704_067_200.0 {
        report.fail(
            "clock",
            "this machine's clock is before 2024: set it (NTP: systemd-timesyncd or chrony)",
        );
        return;
    }
    if store.backend() == Backend::Sqlite {
        report.ok(
            "clock",
            "SQLite runs in this process and uses this machine's clock",
        );
        return;
    }
    match store.database_time().await {
        Ok(db) => {
            let skew = db - local;
            let text = format!(
                "the database server's clock is {:.1} s {} this machine's",
                skew.abs(),
                if skew >= 0.0 { "ahead of" } else { "behind" }
            );
            if skew.abs() > MAX_SKEW_SECS {
                report.warn(
                    "clock",
                    format!(
                        "{text}: scheduled publishing and sessions mix both; keep both in \
                         sync with NTP"
                    ),
                );
            } else {
                report.ok("clock", text);
            }
        }
        Err(err) => report.fail("clock", format!("cannot read the database's clock: {err}")),
    }
}

/// The media store takes, returns and deletes a small probe object.
pub async fn media(config: &Config, report: &mut Report) {
    let settings = config.media_store();
    let local_root = config.data_dir.join("media");
    let shown = match &settings {
        MediaStoreConfig::Local => format!("local folder {}", local_root.display()),
        MediaStoreConfig::S3(s3) => format!(
            "S3 bucket {}{}",
            s3.bucket,
            s3.endpoint
                .as_deref()
                .map(|e| format!(" at {e}"))
                .unwrap_or_default()
        ),
    };
    let sink = match settings.open(&local_root) {
        Ok(sink) => sink,
        Err(err) => {
            report.fail("media_store", format!("cannot open the {shown}: {err}"));
            return;
        }
    };
    let key = format!(
        "doctor/probe-{}-{}.txt",
        std::process::id(),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    );
    let bytes = b"dateline doctor probe".to_vec();
    let probe = async {
        sink.put(&key, bytes.clone())
            .await
            .map_err(|e| ("write", e.to_string()))?;
        let back = sink
            .get(&key)
            .await
            .map_err(|e| ("read back", e.to_string()))?;
        sink.delete(&key)
            .await
            .map_err(|e| ("delete", e.to_string()))?;
        match back {
            Some(b) if b == bytes => Ok(()),
            _ => Err(("read back", "the probe came back different".to_owned())),
        }
    };
    match tokio::time::timeout(ANSWER_WITHIN, probe).await {
        Ok(Ok(())) => report.ok(
            "media_store",
            format!("the {shown} took, returned and deleted a probe object"),
        ),
        Ok(Err((step, err))) => report.fail(
            "media_store",
            format!(
                "cannot {step} a probe object in the {shown}: {err}: check media_store, its \
                 permissions or credentials"
            ),
        ),
        Err(_) => report.fail(
            "media_store",
            format!(
                "the {shown} did not answer within {} s",
                ANSWER_WITHIN.as_secs()
            ),
        ),
    }
}
