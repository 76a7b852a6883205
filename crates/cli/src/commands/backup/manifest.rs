//! `manifest.json`: what a backup holds (versions, backend, every file with
//! its size and SHA-256), written last, and checked before a restore.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const MANIFEST: &str = "manifest.json";
/// The layout of a backup folder; a newer layout is refused by older binaries.
pub const FORMAT: u32 = 1;
/// The database file in a backup, by backend.
pub const SQLITE_FILE: &str = "dateline.sqlite3";
pub const POSTGRES_FILE: &str = "dateline.pgdump";
/// Media files are kept under `media/{key}`, catalog overrides under `locales/`.
pub const MEDIA: &str = "media";
pub const LOCALES: &str = "locales";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    pub dateline_version: String,
    /// The newest migration applied to the database backed up.
    pub schema_version: i64,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// The database file (`dateline.sqlite3` or `dateline.pgdump`).
    pub database: String,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// Relative to the backup folder, `/`-separated.
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

impl Manifest {
    /// Writes the manifest into `dir` (through a temporary name).
    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        let text = serde_json::to_vec_pretty(self)?;
        let temp = dir.join(format!("{MANIFEST}.tmp"));
        write_synced(&temp, &text)?;
        std::fs::rename(&temp, dir.join(MANIFEST))
            .with_context(|| format!("cannot write {}", dir.join(MANIFEST).display()))
    }

    /// Reads `dir/manifest.json`; a folder without one is not a complete backup.
    pub fn read(dir: &Path) -> anyhow::Result<Self> {
        let path = dir.join(MANIFEST);
        let text = match std::fs::read(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => anyhow::bail!(
                "{} has no {MANIFEST}: it is not a complete Dateline backup",
                dir.display()
            ),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let manifest: Manifest = serde_json::from_slice(&text)
            .with_context(|| format!("{} is damaged", path.display()))?;
        if manifest.format != FORMAT {
            anyhow::bail!(
                "{} is a backup of layout {}, which this dateline ({}) cannot read",
                dir.display(),
                manifest.format,
                env!("CARGO_PKG_VERSION")
            );
        }
        Ok(manifest)
    }

    /// Checks every file's size and SHA-256, naming the first that differs;
    /// reads only.
    pub fn verify(&self, dir: &Path) -> anyhow::Result<()> {
        if !self.files.iter().any(|f| f.path == self.database) {
            anyhow::bail!("the backup's manifest lists no database file");
        }
        for file in &self.files {
            let path = self.file_path(dir, &file.path)?;
            let (size, sha256) = hash_file(&path)
                .with_context(|| format!("the backup is incomplete: cannot read {}", file.path))?;
            if size != file.size || sha256 != file.sha256 {
                anyhow::bail!(
                    "the backup is damaged: {} does not match its checksum in {MANIFEST} \
                     ({size} bytes, {} expected); nothing was restored",
                    file.path,
                    file.size
                );
            }
        }
        Ok(())
    }

    /// A listed file's place, refusing paths that would leave the folder.
    pub fn file_path(&self, dir: &Path, path: &str) -> anyhow::Result<PathBuf> {
        let safe = path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains('\\'));
        if !safe {
            anyhow::bail!("the backup's manifest names an unsafe path {path:?}");
        }
        Ok(dir.join(path))
    }
}

/// Writes `bytes` to `path` (creating its folder), synced to disk, and
/// returns its manifest entry under the name `name`.
pub fn write_entry(root: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<FileEntry> {
    let path = root.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    write_synced(&path, bytes)?;
    Ok(FileEntry {
        path: name.to_owned(),
        size: bytes.len() as u64,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

/// The manifest entry of a file already written under `root`.
pub fn entry_of(root: &Path, name: &str) -> anyhow::Result<FileEntry> {
    let path = root.join(name);
    let (size, sha256) =
        hash_file(&path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(FileEntry {
        path: name.to_owned(),
        size,
        sha256,
    })
}

fn write_synced(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Size and SHA-256 (hex) of a file, read in pieces.
pub fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    let mut size = 0;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        size += n as u64;
    }
    Ok((size, hex::encode(hasher.finalize())))
}
