//! A watched folder: every wire file in it (named as one, see
//! [`WIRE_EXTENSIONS`]; not hidden, not still being written) is read,
//! queued, and moved to `processed/`; a file that cannot be taken goes to
//! `failed/` with a `.error.txt` beside it saying why, so that nothing is
//! read twice and nothing is lost. Other files are left where they are: a
//! folder named by mistake loses nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use dateline_domain::UnixTime;
use dateline_store::wires::{PollResult, WireSource};
use dateline_store::Store;

use super::Tally;
use crate::error::ImportError;
use crate::wire::MAX_WIRE_BYTES;

/// A file changed more recently than this may still be being written.
const SETTLE: Duration = Duration::from_secs(2);
/// Files taken per poll; the rest wait for the next one.
const FILES_PER_POLL: usize = 500;

/// The endings a wire file has (compared without case).
pub const WIRE_EXTENSIONS: [&str; 6] = ["xml", "json", "rss", "atom", "ninjs", "newsml"];

pub const PROCESSED: &str = "processed";
pub const FAILED: &str = "failed";

pub async fn poll(store: &Store, source: &WireSource, now: UnixTime) -> (Tally, PollResult) {
    let dir = PathBuf::from(&source.location);
    let mut tally = Tally::default();
    let files = match waiting_files(&dir).await {
        Ok(files) => files,
        Err(error) => {
            return (
                tally,
                PollResult {
                    error: format!("{}: {error}", dir.display()),
                    ..PollResult::default()
                },
            )
        }
    };
    let mut errors = Vec::new();
    for path in files.into_iter().take(FILES_PER_POLL) {
        let name = path.display().to_string();
        let outcome = match read_bounded(&path).await {
            Ok(bytes) => super::ingest_bytes(store, source.id, bytes, &name, None, now).await,
            Err(error) => Err(ImportError::io(&path, error)),
        };
        match outcome {
            Ok(taken) => {
                tally.add(taken);
                if let Err(error) = move_aside(&path, PROCESSED, None).await {
                    errors.push(error);
                }
            }
            // The database, not the file: it stays for the next poll
            // (what was queued of it is found again, unchanged).
            Err(ImportError::Store(error)) => {
                errors.push(format!(
                    "{name}: {error}; the file stays in the folder for the next poll"
                ));
                break;
            }
            Err(refusal) => {
                let reason = refusal.to_string();
                tally.refused += 1;
                tracing::warn!(file = %name, %reason, "wire file refused");
                if let Err(error) = move_aside(&path, FAILED, Some(&reason)).await {
                    errors.push(error);
                }
                errors.push(reason);
            }
        }
    }
    (
        tally,
        PollResult {
            error: errors.join("\n"),
            ..PollResult::default()
        },
    )
}

/// The folder's files waiting to be read, oldest first.
async fn waiting_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = tokio::fs::read_dir(dir).await?;
    let settled_before = SystemTime::now() - SETTLE;
    let mut files = Vec::new();
    while let Some(entry) = entries.next_entry().await? {
        let name = entry.file_name();
        let path = entry.path();
        let is_wire = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| WIRE_EXTENSIONS.iter().any(|w| e.eq_ignore_ascii_case(w)));
        if name.to_string_lossy().starts_with('.') || !is_wire {
            continue;
        }
        let meta = entry.metadata().await?;
        if !meta.is_file() {
            continue;
        }
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        if modified > settled_before {
            continue;
        }
        files.push((modified, path));
    }
    files.sort();
    Ok(files.into_iter().map(|(_, path)| path).collect())
}

async fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let size = tokio::fs::metadata(path).await?.len();
    if size > MAX_WIRE_BYTES as u64 {
        return Err(std::io::Error::other(format!(
            "the file has {size} bytes; a wire file may have at most {} MB",
            MAX_WIRE_BYTES / (1024 * 1024)
        )));
    }
    tokio::fs::read(path).await
}

/// Moves `path` into the folder's `sub` folder (a name already there gets
/// a numbered one), with the reason it failed beside it.
async fn move_aside(path: &Path, sub: &str, reason: Option<&str>) -> Result<(), String> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let target_dir = parent.join(sub);
    let fail = |e: std::io::Error| format!("cannot move {} to {sub}/: {e}", path.display());
    tokio::fs::create_dir_all(&target_dir).await.map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut target = target_dir.join(&name);
    let mut n = 1;
    while tokio::fs::try_exists(&target).await.unwrap_or(false) {
        target = target_dir.join(format!("{n}-{name}"));
        n += 1;
    }
    tokio::fs::rename(path, &target).await.map_err(fail)?;
    if let Some(reason) = reason {
        let mut note = target.clone().into_os_string();
        note.push(".error.txt");
        tokio::fs::write(&note, format!("{reason}\n"))
            .await
            .map_err(fail)?;
    }
    Ok(())
}
