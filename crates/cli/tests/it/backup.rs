//! `dateline backup` of a running site and `dateline restore` into a fresh
//! one: the restored database equal table by table, media byte for byte,
//! the same article served; a snapshot taken mid-write holds whole
//! transactions only; damaged backups and non-empty targets are refused.

use std::collections::BTreeMap;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::serving::{self, free_port, serve_command};
use crate::{command, dateline, stderr, stdout};

// PostgreSQL's twin of the round trip.
mod postgres;
// Damaged backups, newer schemas and non-empty targets.
mod refusals;

/// A site with articles and pictures (with renditions) made by `gen`,
/// comments by a reader, and a staff account. Returns an article's path.
fn make_site(dir: &Path, env: &[(&str, &str)]) -> String {
    let out = dateline(
        dir,
        &[
            "gen",
            "--articles",
            "20",
            "--comments",
            "4",
            "--quiet-comments",
            "2",
            "--seed",
            "5",
        ],
        env,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let path = printed
        .lines()
        .find_map(|l| l.strip_prefix("4 comments on "))
        .unwrap_or_else(|| panic!("{printed}"))
        .trim_end_matches("/comments")
        .to_owned();
    let out = dateline(
        dir,
        &[
            "user",
            "add",
            "--email",
            "desk@news.example",
            "--role",
            "editor",
        ],
        env,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    path
}

/// `dateline serve` on its own port, once it answers.
fn serve(dir: &Path, env: &[(&str, &str)]) -> (Child, u16) {
    let port = free_port();
    let mut child = serve_command(dir, port, env).spawn().unwrap();
    drop(serving::connect(&mut child, port));
    (child, port)
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Status and body of a GET.
fn get(port: u16, path: &str) -> (u16, String) {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let answer = serving::get(stream, path);
    (serving::status(&answer), answer)
}

/// The page's `<title>`.
fn title(page: &str) -> String {
    let start = page.find("<title>").expect("a title") + "<title>".len();
    let end = start + page[start..].find("</title>").unwrap();
    page[start..end].to_owned()
}

/// Every table's row count and the SHA-256 of its rows as text, in order.
fn table_digests(url: &str) -> BTreeMap<String, (usize, String)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(url).await.unwrap();
        let sqlite = url.starts_with("sqlite:");
        let tables: Vec<String> = sqlx::query_scalar(if sqlite {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        } else {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = current_schema()"
        })
        .fetch_all(&pool)
        .await
        .unwrap();
        let mut digests = BTreeMap::new();
        for table in tables {
            let row_text = if sqlite {
                let columns: Vec<String> =
                    sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                        .bind(&table)
                        .fetch_all(&pool)
                        .await
                        .unwrap();
                columns
                    .iter()
                    .map(|c| format!("quote(\"{c}\")"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ")
            } else {
                "CAST(t AS TEXT)".to_owned()
            };
            let rows: Vec<String> =
                sqlx::query_scalar(&format!("SELECT {row_text} FROM \"{table}\" t ORDER BY 1"))
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            let mut hash = Sha256::new();
            for row in &rows {
                hash.update(row.as_bytes());
                hash.update(b"\n");
            }
            digests.insert(table, (rows.len(), hex::encode(hash.finalize())));
        }
        pool.close().await;
        digests
    })
}

/// Every file under `root` (dot-files aside) with its bytes, by relative path.
fn files_under(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.file_name().unwrap().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_owned();
                found.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

fn sqlite_url(dir: &Path) -> String {
    format!("sqlite:{}", dir.join("dateline.db").display())
}

fn scalar(url: &str, sql: &str) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(url).await.unwrap();
        let value: String = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
        pool.close().await;
        value
    })
}

fn article_count(url: &str) -> i64 {
    scalar(url, "SELECT CAST(COUNT(*) AS TEXT) FROM articles")
        .parse()
        .unwrap()
}

/// The restored site equals the original: tables, media files, the page.
fn assert_same_site(
    (original_url, original_dir): (&str, &Path),
    (restored_url, restored_dir): (&str, &Path),
    env: &[(&str, &str)],
    article: &str,
    original_title: &str,
) {
    let original = table_digests(original_url);
    assert!(original["articles"].0 >= 20, "{original:?}");
    for table in [
        "users",
        "readers",
        "comments",
        "media_assets",
        "media_renditions",
    ] {
        assert!(original[table].0 > 0, "{table} is empty: {original:?}");
    }
    assert_eq!(table_digests(restored_url), original, "tables differ");
    let media = files_under(&original_dir.join("media"));
    assert!(
        media.keys().any(|k| k.starts_with("renditions")),
        "{:?}",
        media.keys()
    );
    assert!(
        media == files_under(&restored_dir.join("media")),
        "media differ"
    );
    let (server, port) = serve(restored_dir, env);
    let (status, page) = get(port, article);
    stop(server);
    assert_eq!(status, 200, "{page}");
    assert_eq!(title(&page), original_title);
}

#[test]
fn a_running_site_is_backed_up_and_restored_whole() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    let article = make_site(&site, &[]);
    let url = sqlite_url(&site);
    let (server, port) = serve(&site, &[]);
    let (status, page) = get(port, &article);
    assert_eq!(status, 200, "{page}");
    let original_title = title(&page);

    // A writer adds articles in transactions of 7 while the backup runs
    // (and ends by itself: a killed writer's last commit can surface late).
    let before = article_count(&url);
    let added = 7 * 1000;
    let mut writer = command(&site)
        .args(["gen", "--articles", &added.to_string(), "--batch", "7"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while article_count(&url) == before {
        assert!(Instant::now() < deadline, "the writer wrote nothing");
        std::thread::sleep(Duration::from_millis(20));
    }
    let during = root.path().join("during");
    let out = dateline(&site, &["backup", during.to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(writer.wait().unwrap().success());
    assert_eq!(article_count(&url), before + added);
    let snapshot = format!("sqlite:{}", during.join("dateline.sqlite3").display());
    let taken = article_count(&snapshot);
    assert!(
        before < taken && taken < before + added,
        "{taken} articles: the backup was not taken while the writer wrote"
    );
    assert_eq!(
        (taken - before) % 7,
        0,
        "half a transaction in the snapshot"
    );
    assert_eq!(scalar(&snapshot, "PRAGMA integrity_check"), "ok");

    // Once the writer stopped, a backup while serving equals the site.
    let backup = root.path().join("backup");
    // As OPERATIONS.md shows them: `--data-dir`, then the command.
    let (site_arg, backup_arg) = (site.to_str().unwrap(), backup.to_str().unwrap());
    let out = dateline(&site, &["--data-dir", site_arg, "backup", backup_arg], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("backup written to"),
        "{}",
        stdout(&out)
    );
    stop(server);
    let restored = root.path().join("restored");
    let restored_arg = restored.to_str().unwrap();
    let out = dateline(
        &restored,
        &["--data-dir", restored_arg, "restore", backup_arg],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("restored the backup"),
        "{}",
        stdout(&out)
    );
    assert_same_site(
        (&url, &site),
        (&sqlite_url(&restored), &restored),
        &[],
        &article,
        &original_title,
    );
}
