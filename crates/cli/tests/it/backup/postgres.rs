//! The round trip on PostgreSQL: `pg_dump` while serving, `pg_restore`
//! into an empty database, the same rows, media and page; a database with
//! tables and a missing `pg_dump` are refused in plain words.

use super::refusals::manifest;
use super::{assert_same_site, get, make_site, serve, stop, title};
use crate::{command, dateline, stderr, stdout};

/// An empty PostgreSQL database beside the test server's, dropped at the end.
struct EmptyDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl EmptyDatabase {
    fn new(admin_url: &str) -> Self {
        let name = format!("dateline_restore_{}", std::process::id());
        let mut url = url::Url::parse(admin_url).unwrap();
        url.set_path(&name);
        let db = Self {
            admin_url: admin_url.to_owned(),
            url: url.to_string(),
            name,
        };
        db.psql(&format!(
            "DROP DATABASE IF EXISTS {0}; CREATE DATABASE {0}",
            db.name
        ));
        db
    }

    fn psql(&self, sql: &str) {
        for statement in sql.split("; ") {
            let out = std::process::Command::new("psql")
                .args([
                    "--no-password",
                    "--quiet",
                    "-d",
                    &self.admin_url,
                    "-c",
                    statement,
                ])
                .output()
                .expect("psql runs");
            assert!(out.status.success(), "{}", stderr(&out));
        }
    }
}

impl Drop for EmptyDatabase {
    fn drop(&mut self) {
        self.psql(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

#[test]
#[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
fn a_postgres_site_is_backed_up_and_restored_whole() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // A fresh database, dropped with `db` at the end.
    let db = runtime.block_on(dateline_store::testing::TestDb::postgres_required());
    let url = db.url();
    let env = [("DATELINE_DATABASE_URL", url.as_str())];
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    let article = make_site(&site, &env);
    let (server, port) = serve(&site, &env);
    let (status, page) = get(port, &article);
    assert_eq!(status, 200, "{page}");
    let original_title = title(&page);

    // Without pg_dump on PATH, a plain word on what to install.
    let nowhere = root.path().join("nowhere");
    let out = command(&site)
        .args(["backup", nowhere.to_str().unwrap()])
        .env("DATELINE_DATABASE_URL", &url)
        .env("PATH", root.path().join("no-tools"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("pg_dump was not found on PATH"),
        "{}",
        stderr(&out)
    );
    assert!(!nowhere.exists(), "a failed backup leaves nothing");

    let backup = root.path().join("backup");
    let out = dateline(&site, &["backup", backup.to_str().unwrap()], &env);
    assert!(out.status.success(), "{}", stderr(&out));
    stop(server);
    assert_eq!(manifest(&backup)["backend"], "postgres");
    assert!(backup.join("dateline.pgdump").is_file());

    // The site's own database has tables: refused, nothing written.
    let restored = root.path().join("restored");
    let out = dateline(&restored, &["restore", backup.to_str().unwrap()], &env);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already has"), "{}", stderr(&out));
    assert!(!restored.join("media").exists());

    let admin_url = std::env::var("DATELINE_TEST_POSTGRES_URL").unwrap();
    let empty = EmptyDatabase::new(&admin_url);
    let target_env = [("DATELINE_DATABASE_URL", empty.url.as_str())];
    let out = dateline(
        &restored,
        &["restore", backup.to_str().unwrap()],
        &target_env,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    if let Some(password) = url::Url::parse(&url).unwrap().password() {
        let printed = format!("{}{}", stdout(&out), stderr(&out));
        let leaked = format!(":{password}@");
        assert!(!printed.contains(&leaked), "the password was printed");
    }
    assert_same_site(
        (&url, &site),
        (&empty.url, &restored),
        &target_env,
        &article,
        &original_title,
    );
}
