//! Where picture bytes go: the `BlobSink` trait, a local directory
//! implementation and an in-memory one for tests and dry runs (the S3 one
//! is in `s3.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use async_trait::async_trait;

use crate::MediaError;

/// A place to keep blobs by key (`originals/ab/ab…cd.jpg`). Writing the same
/// key twice replaces the object; a reader never sees half an object.
#[async_trait]
pub trait BlobSink: Send + Sync {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), MediaError>;
    /// The object's bytes, `None` when there is no such key.
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, MediaError>;
    /// Removes the object; removing a missing key is not an error.
    async fn delete(&self, key: &str) -> Result<(), MediaError>;
    /// Every key in the store, sorted (what `dateline backup` copies);
    /// a local folder's temporary files are not keys.
    async fn list(&self) -> Result<Vec<String>, MediaError>;
}

fn joined(e: tokio::task::JoinError) -> MediaError {
    MediaError::Io(std::io::Error::other(e.to_string()))
}

/// Blobs as files under a root directory, the key being the relative path.
#[derive(Debug, Clone)]
pub struct LocalBlobs {
    pub root: PathBuf,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl LocalBlobs {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The file a key maps to, refusing keys that could leave the root.
    pub fn path_of(&self, key: &str) -> Result<PathBuf, MediaError> {
        check_key(key)?;
        Ok(self.root.join(key))
    }
}

#[async_trait]
impl BlobSink for LocalBlobs {
    /// Writes to a temporary file next to the target and renames it into
    /// place, so a reader never sees half a picture.
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), MediaError> {
        let path = self.path_of(key)?;
        tokio::task::spawn_blocking(move || write_atomically(&path, &bytes))
            .await
            .map_err(joined)?
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, MediaError> {
        let path = self.path_of(key)?;
        match tokio::fs::read(&path).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), MediaError> {
        let path = self.path_of(key)?;
        match tokio::fs::remove_file(&path).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    async fn list(&self) -> Result<Vec<String>, MediaError> {
        let root = self.root.clone();
        tokio::task::spawn_blocking(move || list_files(&root))
            .await
            .map_err(joined)?
    }
}

/// The keys of the files under `root` (none when it does not exist),
/// sorted; dot-files (`put`'s temporary files) are skipped.
fn list_files(root: &Path) -> Result<Vec<String>, MediaError> {
    let mut keys = Vec::new();
    let mut folders = vec![(root.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = folders.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && prefix.is_empty() => continue,
            Err(e) => return Err(e.into()),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let key = format!("{prefix}{name}");
            if entry.file_type()?.is_dir() {
                folders.push((entry.path(), format!("{key}/")));
            } else if check_key(&key).is_ok() {
                keys.push(key);
            }
        }
    }
    keys.sort_unstable();
    Ok(keys)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), MediaError> {
    use std::io::Write;
    let dir = path
        .parent()
        .ok_or_else(|| MediaError::InvalidKey(path.display().to_string()))?;
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    Ok(result?)
}

/// Keys are relative paths of `[A-Za-z0-9._-]` segments; no empty, `.` or
/// `..` segment, no leading slash.
pub(crate) fn check_key(key: &str) -> Result<(), MediaError> {
    let segment_ok = |s: &str| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    };
    if key.len() > 512 || !key.split('/').all(segment_ok) {
        return Err(MediaError::InvalidKey(key.to_owned()));
    }
    Ok(())
}

/// Blobs kept in memory: for tests, and for generating without writing.
#[derive(Debug, Default)]
pub struct MemoryBlobs {
    objects: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemoryBlobs {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, key: &str) -> Option<Vec<u8>> {
        self.lock().get(key).cloned()
    }

    /// Every key, sorted.
    pub fn keys(&self) -> Vec<String> {
        self.lock().keys().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Vec<u8>>> {
        // A panic while holding the lock cannot leave the map half-updated.
        self.objects.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[async_trait]
impl BlobSink for MemoryBlobs {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), MediaError> {
        check_key(key)?;
        self.lock().insert(key.to_owned(), bytes);
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, MediaError> {
        check_key(key)?;
        Ok(MemoryBlobs::get(self, key))
    }

    async fn delete(&self, key: &str) -> Result<(), MediaError> {
        check_key(key)?;
        self.lock().remove(key);
        Ok(())
    }

    async fn list(&self) -> Result<Vec<String>, MediaError> {
        Ok(self.keys())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cannot_escape_the_root() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../b",
            "a//b",
            "a/./b",
            "a\\b",
            "a b",
        ] {
            assert!(check_key(bad).is_err(), "{bad:?} accepted");
        }
        assert!(check_key("originals/ab/ab12.jpg").is_ok());
    }

    #[tokio::test]
    async fn a_folder_lists_its_keys_without_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = LocalBlobs::new(dir.path().join("media"));
        assert!(blobs.list().await.unwrap().is_empty(), "no folder yet");
        for key in ["renditions/ab/ab-320.jpg", "originals/ab/ab.png", "x.jpg"] {
            blobs.put(key, vec![1]).await.unwrap();
        }
        std::fs::write(dir.path().join("media/originals/ab/.ab.png.1.0.tmp"), b"").unwrap();
        assert_eq!(
            blobs.list().await.unwrap(),
            ["originals/ab/ab.png", "renditions/ab/ab-320.jpg", "x.jpg"]
        );
    }
}
