//! Options every command takes, what a command refuses before touching a
//! database, and what `user add`, `demo` and `gen` print.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::{command, dateline, stderr, stdout};

fn add_user(role: &str) -> Vec<&str> {
    vec![
        "user",
        "add",
        "--email",
        "desk@news.example",
        "--role",
        role,
    ]
}

#[test]
fn global_options_work_on_every_command_and_win_over_environment_and_file() {
    let env_dir = tempfile::tempdir().unwrap();
    let cli_dir = tempfile::tempdir().unwrap();
    let cli = cli_dir.path().to_str().unwrap();

    // Before or after the subcommand; the environment's folder is untouched.
    let out = dateline(env_dir.path(), &["--data-dir", cli, "migrate"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(cli_dir.path().join("dateline.db").exists());
    let mut args = add_user("editor");
    args.extend(["--data-dir", cli]);
    let out = dateline(env_dir.path(), &args, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("created editor desk@news.example"));
    assert!(!env_dir.path().join("dateline.db").exists());

    // A file naming another folder loses to the option too.
    let file = env_dir.path().join("dateline.toml");
    std::fs::write(&file, "data_dir = \"/nonexistent/dateline\"\n").unwrap();
    let config = file.to_str().unwrap();
    let out = dateline(
        env_dir.path(),
        &[
            "--config",
            config,
            "gen",
            "--articles",
            "3",
            "--data-dir",
            cli,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    // --database-url, on any command.
    let db = env_dir.path().join("other.db");
    let url = format!("sqlite:{}", db.display());
    let out = dateline(env_dir.path(), &["migrate", "--database-url", &url], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(db.exists());

    // --listen where the command serves: it wins over DATELINE_LISTEN (an
    // address held here, so that the server cannot start on the other).
    let held = TcpListener::bind("127.0.0.1:0").unwrap();
    let held_addr = held.local_addr().unwrap().to_string();
    let out = dateline(
        cli_dir.path(),
        &["serve", "--listen", &held_addr],
        &[("DATELINE_LISTEN", "127.0.0.1:1")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("cannot listen on {held_addr}")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_mistyped_data_folder_is_refused_by_commands_that_need_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("datelin-data");
    let out = dateline(&typo, &add_user("editor"), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(typo.to_str().unwrap()), "{err}");
    assert!(err.contains("dateline migrate"), "{err}");
    assert!(!typo.exists(), "nothing was created");

    // Commands that make sites still do.
    let out = dateline(&typo, &["migrate"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = dateline(&typo, &add_user("editor"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn user_add_refuses_a_reader_role_names_editions_plainly_and_explains_every_option() {
    let dir = tempfile::tempdir().unwrap();
    assert!(dateline(dir.path(), &["migrate"], &[]).status.success());

    let out = dateline(dir.path(), &add_user("reader"), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("\"reader\" is not one of contributor"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());

    let mut args = add_user("editor");
    args.extend(["--editions", "fr"]);
    let out = dateline(dir.path(), &args, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        "dateline: editions: there is no edition fr"
    );

    let help = stdout(&dateline(dir.path(), &["user", "add", "--help"], &[]));
    for option in [
        "--email",
        "--role",
        "--name",
        "--password",
        "--editions",
        "--config",
        "--data-dir",
        "--database-url",
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(option))
            .unwrap_or_else(|| panic!("{option} in {help}"));
        assert!(
            line.split_whitespace().count() > 2,
            "{option} has no help: {line:?}"
        );
    }
}

#[test]
fn demo_on_a_folder_filled_by_gen_prints_only_what_exists() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(dir.path(), &["gen", "--articles", "5"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut child = command(dir.path())
        .args(["demo", "--listen", &listen])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    for line in lines.by_ref() {
        let line = line.unwrap();
        banner.push_str(&line);
        banner.push('\n');
        if line.contains("Press Ctrl-C") || Instant::now() > deadline {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let site = format!("http://{listen}/");
    assert!(banner.contains(&format!("{site}en/")), "{banner}");
    assert!(!banner.contains(&format!("{site}ru/")), "{banner}");
    assert!(!banner.contains("editor@dateline.test"), "{banner}");
    assert!(!banner.contains("reader@dateline.test"), "{banner}");
    assert!(banner.contains("dateline user add"), "{banner}");
}

#[test]
fn gen_prints_its_rate_in_whole_articles_per_second() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(dir.path(), &["gen", "--articles", "300"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("added 300 articles"))
        .unwrap_or_else(|| panic!("{text}"));
    // "added 300 articles in 0.1 s (3,000/s, sqlite)"
    let (_, inside) = line.split_once('(').unwrap_or_else(|| panic!("{line:?}"));
    let (rate, _) = inside
        .split_once("/s")
        .unwrap_or_else(|| panic!("{line:?}"));
    let digits = rate.replace(',', "");
    assert!(
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
        "{line:?}"
    );
}

#[test]
fn reindex_builds_the_search_index_of_what_gen_made() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("no-site");
    let out = dateline(&typo, &["reindex"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("dateline migrate"),
        "{}",
        stderr(&out)
    );
    assert!(!typo.exists(), "nothing was created");

    let out = dateline(dir.path(), &["gen", "--articles", "40"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = dateline(dir.path(), &["reindex"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("search index rebuilt: "))
        .unwrap_or_else(|| panic!("{text}"));
    let documents: u64 = line["search index rebuilt: ".len()..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{line:?}"));
    // 40 articles and the pictures gen made for them.
    assert!(documents > 40, "{line:?}");
    let current = std::fs::read_to_string(dir.path().join("search/CURRENT")).unwrap();
    assert!(dir.path().join("search").join(current.trim()).is_dir());
}
