//! `dateline doctor` and `dateline healthcheck` as an operator runs them:
//! one line per check, what is wrong in plain words, and the exit code.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::{dateline, stderr, stdout};

/// A loopback SMTP server that greets, answers every command and records
/// them; enough for lettre's connection test.
fn smtp_listener() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            let record = Arc::clone(&record);
            std::thread::spawn(move || {
                let _ = stream.write_all(b"220 sink.test ESMTP ready\r\n");
                let reader = BufReader::new(stream.try_clone().unwrap());
                for line in reader.lines() {
                    let Ok(line) = line else { break };
                    record.lock().unwrap().push(line.clone());
                    let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
                    let answer: &[u8] = match verb.as_str() {
                        "EHLO" => b"250-sink.test\r\n250 8BITMIME\r\n",
                        "QUIT" => b"221 bye\r\n",
                        _ => b"250 ok\r\n",
                    };
                    if stream.write_all(answer).is_err() || verb == "QUIT" {
                        break;
                    }
                }
            });
        }
    });
    (port, seen)
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn lines_of(out: &Output, tag: &str) -> Vec<String> {
    stdout(out)
        .lines()
        .filter(|l| l.starts_with(tag))
        .map(str::to_owned)
        .collect()
}

fn line_for(out: &Output, check: &str) -> String {
    stdout(out)
        .lines()
        .find(|l| {
            l.get(5..)
                .is_some_and(|rest| rest.starts_with(&format!("{check}:")))
        })
        .unwrap_or_else(|| panic!("no {check} line in:\n{}", stdout(out)))
        .to_owned()
}

#[test]
fn a_good_sqlite_site_passes_every_check() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = dateline(&data, &["migrate"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (smtp, seen) = smtp_listener();
    let config = dir.path().join("dateline.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:18720\"\nbase_url = \"http://127.0.0.1:18720\"\n\
             smtp_url = \"smtp://127.0.0.1:{smtp}\"\n"
        ),
    )
    .unwrap();
    let out = dateline(
        &data,
        &["--config", config.to_str().unwrap(), "doctor"],
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let not_ok: Vec<_> = stdout(&out)
        .lines()
        .filter(|l| l.starts_with("WARN") || l.starts_with("FAIL"))
        .map(str::to_owned)
        .collect();
    assert!(not_ok.is_empty(), "{}", stdout(&out));
    for check in [
        "config",
        "data_dir",
        "database",
        "migrations",
        "clock",
        "media_store",
        "smtp_url",
        "base_url",
        "trusted_proxies",
        "metrics",
    ] {
        assert!(line_for(&out, check).starts_with("OK   "), "{check}");
    }
    assert!(
        line_for(&out, "migrations").contains("applied, none unknown"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("0 failed, 0 with warnings"));
    assert!(
        seen.lock().unwrap().iter().any(|l| l.starts_with("EHLO")),
        "the mail server was greeted: {:?}",
        seen.lock().unwrap()
    );
    // The media probe was removed again.
    let probes = data.join("media").join("doctor");
    assert!(
        !probes.exists() || std::fs::read_dir(&probes).unwrap().next().is_none(),
        "probe left behind"
    );
}

#[test]
fn a_broken_site_fails_with_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let (pg, smtp) = (closed_port(), closed_port());
    let config = dir.path().join("dateline.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = \"postgres://u:secret@127.0.0.1:{pg}/news\"\n\
             base_url = \"https://news.example/?edition=en\"\n\
             smtp_url = \"smtp://127.0.0.1:{smtp}\"\n\
             listen = \"127.0.0.1:18721\"\nmetrics_listen = \"0.0.0.0:18739\"\n"
        ),
    )
    .unwrap();
    // Read-only for everyone; root writes anyway, so as root the doctor
    // runs as nobody (setpriv), for whom the folder is as unwritable.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let root = std::fs::metadata("/proc/self").map(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    let mut cmd = if root.unwrap_or(false) {
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_dateline"));
        cmd
    } else {
        Command::new(env!("CARGO_BIN_EXE_dateline"))
    };
    let out = cmd
        .args(["--config", config.to_str().unwrap(), "doctor"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATELINE_DATA_DIR", &data)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    let printed = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{printed}{}", stderr(&out));
    assert!(
        !printed.contains("secret"),
        "no password printed: {printed}"
    );
    let data_line = line_for(&out, "data_dir");
    assert!(
        data_line.starts_with("FAIL")
            && data_line.contains(&format!("{} is not writable by this user", data.display())),
        "{data_line}"
    );
    let db = line_for(&out, "database");
    assert!(
        db.starts_with(&format!(
            "FAIL database: cannot connect to postgres://u:***@127.0.0.1:{pg}/news"
        )) && db.contains("refused"),
        "{db}"
    );
    let media = line_for(&out, "media_store");
    assert!(
        media.starts_with("FAIL media_store: cannot write a probe object in the local folder"),
        "{media}"
    );
    let mail = line_for(&out, "smtp_url");
    assert!(
        mail.starts_with(&format!(
            "FAIL smtp_url: cannot talk to the mail server at smtp://127.0.0.1:{smtp}"
        )),
        "{mail}"
    );
    let base = line_for(&out, "base_url");
    assert!(
        base.starts_with("FAIL base_url: https://news.example/?edition=en has a query"),
        "{base}"
    );
    let proxies = line_for(&out, "trusted_proxies");
    assert!(
        proxies.starts_with("WARN trusted_proxies: empty, but the server listens on loopback"),
        "{proxies}"
    );
    let metrics = line_for(&out, "metrics");
    assert!(
        metrics.starts_with("WARN metrics: /metrics is served on 0.0.0.0:18739 to whoever"),
        "{metrics}"
    );
    assert_eq!(lines_of(&out, "FAIL").len(), 5, "{printed}");
    assert!(printed.contains("5 failed"), "{printed}");
}

#[test]
fn an_invalid_configuration_is_the_first_and_only_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(
        dir.path(),
        &["doctor"],
        &[("DATELINE_MAX_CONNECTIONS", "0")],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let fails = lines_of(&out, "FAIL");
    assert_eq!(fails.len(), 1, "{}", stdout(&out));
    assert!(
        fails[0].starts_with("FAIL config: configuration: max_connections"),
        "{}",
        fails[0]
    );
}

#[test]
fn pending_and_newer_migrations_are_warnings_with_the_way_out() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sql = |dir: &Path, q: &'static str| {
        let url = format!("sqlite:{}", dir.join("dateline.db").display());
        runtime.block_on(async {
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&url).await.unwrap();
            sqlx::query(q).execute(&pool).await.unwrap();
            pool.close().await;
        })
    };
    let migrated = || {
        let dir = tempfile::tempdir().unwrap();
        let out = dateline(dir.path(), &["migrate"], &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        dir
    };
    // As if the newest migration had not been applied yet.
    let dir = migrated();
    sql(
        dir.path(),
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    );
    let out = dateline(dir.path(), &["doctor"], &[]);
    let line = line_for(&out, "migrations");
    assert!(
        line.starts_with("WARN migrations: 1 of ")
            && line.contains("`dateline migrate` applies them"),
        "{line}"
    );
    assert_eq!(out.status.code(), Some(0), "warnings alone do not fail");
    // A newer release's migration: this binary runs beside it.
    let dir = migrated();
    sql(
        dir.path(),
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990, 'newer', 1, x'00', 0)",
    );
    let out = dateline(dir.path(), &["migrate"], &[]);
    assert!(
        out.status.success(),
        "an older binary migrates a newer database: {}",
        stderr(&out)
    );
    let line = line_for(&dateline(dir.path(), &["doctor"], &[]), "migrations");
    assert!(
        line.starts_with(
            "WARN migrations: the database has 1 migration(s) of a newer release (99990)"
        ),
        "{line}"
    );
    // A changed history is a failure, and the binary refuses to start on it.
    sql(
        dir.path(),
        "UPDATE _sqlx_migrations SET checksum = x'01' WHERE version = 1",
    );
    let out = dateline(dir.path(), &["doctor"], &[]);
    let line = line_for(&out, "migrations");
    assert!(
        line.starts_with("FAIL migrations: applied migration(s) 0001 differ"),
        "{line}"
    );
    assert_eq!(out.status.code(), Some(1));
    let out = dateline(dir.path(), &["migrate"], &[]);
    assert!(
        stderr(&out).contains("migration 1 was previously applied but has been modified"),
        "{}",
        stderr(&out)
    );
}

#[test]
#[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
fn a_postgres_site_compares_the_database_clock() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let db = runtime.block_on(dateline_store::testing::TestDb::postgres_required());
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(
        dir.path(),
        &["doctor"],
        &[("DATELINE_DATABASE_URL", &db.url())],
    );
    assert_eq!(
        line_for(&out, "database").get(..4),
        Some("OK  "),
        "{}",
        stdout(&out)
    );
    let clock = line_for(&out, "clock");
    assert!(
        clock.starts_with("OK   clock: the database server's clock is"),
        "{clock}"
    );
    assert!(line_for(&out, "migrations").starts_with("OK   migrations: all"));
}

/// Waits until `dateline healthcheck` succeeds, or 30 seconds pass.
fn healthcheck_until_ready(dir: &Path, listen: &str) -> Output {
    let started = Instant::now();
    loop {
        let out = dateline(dir, &["healthcheck"], &[("DATELINE_LISTEN", listen)]);
        if out.status.success() || started.elapsed() > Duration::from_secs(30) {
            return out;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn healthcheck_answers_for_a_ready_server_and_fails_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let listen = "0.0.0.0:18733";
    let out = dateline(dir.path(), &["healthcheck"], &[("DATELINE_LISTEN", listen)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("http://127.0.0.1:18733/readyz"),
        "{}",
        stderr(&out)
    );
    let mut server = crate::command(dir.path())
        .arg("serve")
        .env("DATELINE_LISTEN", listen)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let out = healthcheck_until_ready(dir.path(), listen);
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        "ready: http://127.0.0.1:18733/readyz answered 200"
    );
}
