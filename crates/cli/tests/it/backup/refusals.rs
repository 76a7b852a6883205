//! What `dateline restore` and `dateline backup` refuse: a damaged or cut
//! file (named), a newer schema, a folder that is not a backup, non-empty
//! targets; each refusal leaves the target as it was.

use std::path::{Path, PathBuf};

use super::{article_count, sqlite_url};
use crate::{dateline, stderr, stdout};

/// A small site's backup in `root/backup`.
fn small_backup(root: &Path) -> PathBuf {
    let site = root.join("site");
    let out = dateline(&site, &["gen", "--articles", "3"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let backup = root.join("backup");
    let out = dateline(&site, &["backup", backup.to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    backup
}

pub(super) fn manifest(backup: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(backup.join("manifest.json")).unwrap()).unwrap()
}

/// Restore into `target` must fail saying `expected`, and leave it empty.
fn refused(target: &Path, backup: &Path, expected: &str) {
    std::fs::create_dir_all(target).unwrap();
    let out = dateline(target, &["restore", backup.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains(expected), "{expected:?} not in: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(
        std::fs::read_dir(target).unwrap().count(),
        0,
        "target touched"
    );
}

#[test]
fn a_damaged_backup_is_refused_naming_the_file_and_nothing_is_restored() {
    let root = tempfile::tempdir().unwrap();
    let backup = small_backup(root.path());
    let listed = manifest(&backup);
    assert_eq!(listed["backend"], "sqlite");
    assert!(listed["schema_version"].as_i64().unwrap() >= 33, "{listed}");
    let files = listed["files"].as_array().unwrap();
    let picture = files
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .find(|p| p.starts_with("media/renditions/"))
        .expect("the pictures' renditions are in the backup");
    let target = root.path().join("target");

    // One flipped byte in a picture, then in the database; then a cut file.
    let file = backup.join(&picture);
    let good = std::fs::read(&file).unwrap();
    let mut bad = good.clone();
    bad[good.len() / 2] ^= 0x01;
    std::fs::write(&file, &bad).unwrap();
    refused(&target, &backup, &picture);
    std::fs::write(&file, &good).unwrap();

    let database = backup.join("dateline.sqlite3");
    let good_db = std::fs::read(&database).unwrap();
    let mut bad_db = good_db.clone();
    bad_db[good_db.len() - 100] ^= 0x80;
    std::fs::write(&database, &bad_db).unwrap();
    refused(&target, &backup, "dateline.sqlite3");
    std::fs::write(&database, &good_db[..good_db.len() / 2]).unwrap();
    refused(&target, &backup, "dateline.sqlite3");
    std::fs::write(&database, &good_db).unwrap();

    // A schema newer than this binary knows.
    let mut newer = listed.clone();
    newer["schema_version"] = serde_json::json!(99_999_999);
    std::fs::write(backup.join("manifest.json"), newer.to_string()).unwrap();
    refused(&target, &backup, "newer than this dateline");
    std::fs::write(backup.join("manifest.json"), listed.to_string()).unwrap();

    // Whole again, it restores.
    let out = dateline(&target, &["restore", backup.to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn non_empty_targets_are_refused() {
    let root = tempfile::tempdir().unwrap();
    let backup = small_backup(root.path());
    let site = root.path().join("site");

    // A backup never goes into a folder holding anything.
    let full = root.path().join("full");
    std::fs::create_dir_all(&full).unwrap();
    std::fs::write(full.join("notes.txt"), "keep me").unwrap();
    let out = dateline(&site, &["backup", full.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not empty"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(&full).unwrap().count(), 1);
    // Nor does a folder without a manifest pass for a backup.
    let out = dateline(&site, &["restore", full.to_str().unwrap()], &[]);
    assert!(
        stderr(&out).contains("no manifest.json"),
        "{}",
        stderr(&out)
    );

    // A restore never goes into a data folder holding anything.
    let out = dateline(&site, &["restore", backup.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not empty"), "{}", stderr(&out));
    assert_eq!(article_count(&sqlite_url(&site)), 3);
}
