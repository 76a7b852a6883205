//! The `dateline` binary as a user runs it: exit codes, one-line errors, and
//! what each subcommand leaves in the database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod backup;
mod commands;
mod doctor;
mod edition;
mod i18n;
mod metrics;
mod packaging;
mod resume;
mod serving;
mod shutdown;
mod telemetry;
mod trusted_proxies;

use std::path::Path;
use std::process::{Command, Output};

/// `dateline` with a clean environment but for `DATELINE_DATA_DIR`.
fn command(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATELINE_DATA_DIR", data_dir)
        .env("RUST_LOG", "error");
    cmd
}

fn dateline(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = command(data_dir);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_bad_setting_stops_with_one_line_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    for (key, value, expected) in [
        ("DATELINE_LISTEN", "nowhere", "DATELINE_LISTEN"),
        (
            "DATELINE_DATABASE_URL",
            "mysql://db/x",
            "DATELINE_DATABASE_URL",
        ),
        ("DATELINE_BASE_URL", "news.example", "DATELINE_BASE_URL"),
        ("DATELINE_MAX_CONNECTIONS", "0", "DATELINE_MAX_CONNECTIONS"),
    ] {
        let out = dateline(dir.path(), &["migrate"], &[(key, value)]);
        assert_eq!(out.status.code(), Some(2), "{key}={value}");
        let err = stderr(&out);
        assert!(err.contains(expected), "{key}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    assert!(
        !dir.path().join("dateline.db").exists(),
        "nothing was created"
    );
}

#[test]
fn an_invalid_config_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dateline.toml");
    std::fs::write(&file, "listen = [\n").unwrap();
    let out = dateline(
        dir.path(),
        &["--config", file.to_str().unwrap(), "migrate"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("dateline.toml"), "{}", stderr(&out));
}

#[test]
fn an_unreachable_database_fails_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    // Port 1 on loopback: nothing listens there.
    let out = dateline(
        dir.path(),
        &["migrate"],
        &[("DATELINE_DATABASE_URL", "postgres://u:secret@127.0.0.1:1/x")],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("refused"), "{err}");
    assert!(
        !err.contains("secret"),
        "the password is never printed: {err}"
    );
}

#[test]
fn migrate_then_user_add_then_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(dir.path(), &["migrate"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("dateline.db").exists());
    let again = dateline(dir.path(), &["migrate"], &[]);
    assert!(again.status.success(), "migrating twice is a no-op");

    let out = dateline(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "desk@news.example",
            "--role",
            "editor",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("created editor desk@news.example"), "{text}");
    let password = text
        .lines()
        .find_map(|l| l.strip_prefix("password: "))
        .unwrap();
    assert_eq!(password.len(), 20);

    let dup = dateline(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "DESK@news.example",
            "--role",
            "admin",
        ],
        &[],
    );
    assert_eq!(dup.status.code(), Some(1));
    assert!(stderr(&dup).contains("already exists"), "{}", stderr(&dup));

    let bad_role = dateline(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "a@news.example",
            "--role",
            "chief",
        ],
        &[],
    );
    assert_eq!(bad_role.status.code(), Some(1));
    assert!(stderr(&bad_role).contains("chief"), "{}", stderr(&bad_role));
}

#[test]
fn gen_adds_articles_and_comments() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(
        dir.path(),
        &["gen", "--articles", "1200", "--batch", "500", "--seed", "3"],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("added 1200 articles"),
        "{}",
        stdout(&out)
    );
    // A second run with another seed adds more to the same database.
    let out = dateline(
        dir.path(),
        &["gen", "--articles", "300", "--seed", "4"],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    // The counters were recomputed: the editions account for every public article.
    let url = format!("sqlite:{}", dir.path().join("dateline.db").display());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (published, drift) = rt.block_on(async {
        let store = dateline_store::Store::open(&url, 1).await.unwrap();
        let editions = store.editions().await.unwrap();
        let published: i64 = editions.iter().map(|e| e.article_count).sum();
        (published, store.counter_drift().await.unwrap())
    });
    assert!(
        published > 1000 && published <= 1500,
        "{published} public articles"
    );
    assert!(drift.mismatches.is_empty(), "{drift:?}");

    // Comments go on the newest story (and 3 on the next), counters exact.
    let out = dateline(
        dir.path(),
        &[
            "gen",
            "--articles",
            "10",
            "--comments",
            "25",
            "--quiet-comments",
            "3",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let hot = printed
        .lines()
        .find_map(|l| l.strip_prefix("25 comments on "))
        .unwrap_or_else(|| panic!("{printed}"))
        .to_owned();
    assert!(printed.contains("3 comments on /"), "{printed}");
    let (count, drift) = rt.block_on(async {
        let store = dateline_store::Store::open(&url, 1).await.unwrap();
        let mut parts = hot.trim_start_matches('/').split('/');
        let edition = store
            .edition_by_code(&parts.next().unwrap().parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        let _section = parts.next();
        let slug = parts.next().unwrap().parse().unwrap();
        let article = store
            .article_by_slug(edition.id, &slug)
            .await
            .unwrap()
            .unwrap();
        (
            article.comment_count,
            store.comment_counter_drift().await.unwrap(),
        )
    });
    // 25 top-level comments, every fifth with a reply.
    assert_eq!(count, 30);
    assert!(drift.is_empty(), "{drift:?}");
}

/// Reads `serve`'s console until a line contains `needle`, it ends, or 30
/// seconds pass (a server that never prints must fail, not hang).
fn console_until(child: &mut std::process::Child, needle: &str) -> String {
    use std::io::BufRead;
    let stdout = child.stdout.take().unwrap();
    let (lines, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if lines.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    let mut seen = String::new();
    while let Ok(line) = received.recv_timeout(std::time::Duration::from_secs(30)) {
        seen.push_str(&line);
        seen.push('\n');
        if line.contains(needle) {
            break;
        }
    }
    seen
}

#[test]
fn serve_on_an_empty_data_dir_prints_a_setup_address() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATELINE_DATA_DIR", dir.path())
        .env("DATELINE_LISTEN", "127.0.0.1:0")
        .env("DATELINE_BASE_URL", "https://news.example")
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let console = console_until(&mut child, "/newsroom/");
    child.kill().unwrap();
    child.wait().unwrap();
    let line = console
        .lines()
        .find(|l| l.contains("/setup?token="))
        .unwrap_or_else(|| panic!("no setup address in: {console}"));
    let token = line
        .trim()
        .trim_start_matches("https://news.example/setup?token=");
    assert!(
        token.len() >= 32
            && token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{line}"
    );
    assert!(
        console.contains("https://news.example/newsroom/"),
        "{console}"
    );
}
