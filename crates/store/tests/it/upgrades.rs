//! Rolling upgrades: the migration trees only expand (anything destructive is
//! a marked contract migration), a node of the previous release starts on
//! the new schema while a changed migration is refused, and the new binary
//! carries the previous release's data forward. See OPERATIONS.md, Upgrades.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dateline_store::upgrade::{known_migrations, rolling_migrator};
use dateline_store::{Backend, Store};
use sqlx::migrate::{Migration, Migrator};
use sqlx::{AnyPool, Row};

/// Migrations up to this number were written before the expand/contract
/// rule and are not linted.
const GRANDFATHERED_THROUGH: i64 = 33;

/// The last migration of the previous release: its nodes run beside the
/// new ones during a rolling upgrade. Raise it when a release is cut.
const PREVIOUS_RELEASE_LAST: i64 = 32;

// ---- the lint over the migration files -------------------------------------

fn tree(backend: &str) -> BTreeMap<i64, (String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path: PathBuf = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let number: i64 = name.split('_').next().unwrap().parse().unwrap();
        let sql = std::fs::read_to_string(&path).unwrap();
        assert!(
            files.insert(number, (name.clone(), sql)).is_none(),
            "{name}"
        );
    }
    files
}

/// The statements of `sql` that remove or change what older code relies on.
fn destructive_statements(sql: &str) -> Vec<String> {
    let code: String = sql
        .lines()
        .map(|line| line.split("--").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ");
    code.split(';')
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| {
            let up = s.to_uppercase();
            let has = |word: &str| up.contains(word);
            has("DROP ")
                || has("RENAME")
                || has("TRUNCATE")
                || has("DELETE FROM")
                || (has("ALTER COLUMN") && !has("SET DEFAULT"))
                || (has("ADD COLUMN") && has("NOT NULL") && !has("DEFAULT"))
        })
        .collect()
}

/// The release named by a `-- contract: … since <version>` header line.
fn contract_release(sql: &str) -> Option<Vec<u64>> {
    let header = sql
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with("--"))
        .find_map(|l| l.trim().strip_prefix("-- contract:"))?;
    let version = header.split("since ").nth(1)?.split_whitespace().next()?;
    let version = version.trim_end_matches(['.', ',', ')']);
    version.split('.').map(|n| n.parse().ok()).collect()
}

fn this_release() -> Vec<u64> {
    env!("CARGO_PKG_VERSION")
        .split('.')
        .map(|n| n.parse().unwrap())
        .collect()
}

#[test]
fn the_lint_tells_destructive_statements_from_expansions() {
    for sql in [
        "ALTER TABLE a DROP COLUMN b;",
        "DROP TABLE a",
        "alter table a rename to b",
        "ALTER TABLE a ALTER COLUMN b TYPE BIGINT",
        "ALTER TABLE a ALTER COLUMN b SET NOT NULL",
        "ALTER TABLE a ADD COLUMN b TEXT NOT NULL",
        "DELETE FROM a WHERE x = 1",
        "CREATE TABLE a (x INT); DROP INDEX a_x",
    ] {
        assert!(!destructive_statements(sql).is_empty(), "{sql}");
    }
    for sql in [
        "CREATE TABLE a (x INTEGER NOT NULL REFERENCES b (id) ON DELETE CASCADE);",
        "ALTER TABLE a ADD COLUMN b TEXT NOT NULL DEFAULT 'x'",
        "ALTER TABLE a ADD COLUMN b TEXT",
        "ALTER TABLE a ALTER COLUMN b SET DEFAULT 0",
        "CREATE INDEX a_b ON a (b); UPDATE a SET b = 1",
        "-- we DROP nothing here\nCREATE TABLE c (x TEXT)",
    ] {
        assert_eq!(destructive_statements(sql), Vec::<String>::new(), "{sql}");
    }
    let marked = "-- contract: articles.old_slug, unused since 0.3.0\nALTER TABLE articles DROP COLUMN old_slug;";
    assert_eq!(contract_release(marked), Some(vec![0, 3, 0]));
    assert_eq!(contract_release("ALTER TABLE a DROP COLUMN b"), None);
    assert_eq!(
        contract_release("-- contract: gone\nDROP TABLE a"),
        None,
        "a contract names the release that stopped using what it removes"
    );
}

/// Every migration after the baseline that removes or changes something is
/// a contract migration naming an earlier release; both trees have the
/// same migrations.
#[test]
fn migrations_after_the_baseline_only_expand_or_are_marked_contract() {
    let (lite, pg) = (tree("sqlite"), tree("postgres"));
    let names = |t: &BTreeMap<i64, (String, String)>| {
        t.values().map(|(name, _)| name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(&lite), names(&pg), "both trees, same migrations");
    assert!(
        lite.contains_key(&GRANDFATHERED_THROUGH) && lite.contains_key(&PREVIOUS_RELEASE_LAST),
        "the recorded numbers name real migrations"
    );
    let mut problems = Vec::new();
    for (backend, files) in [("sqlite", &lite), ("postgres", &pg)] {
        for (number, (name, sql)) in files.range(GRANDFATHERED_THROUGH + 1..) {
            let destructive = destructive_statements(sql);
            match contract_release(sql) {
                _ if destructive.is_empty() => {}
                None => problems.push(format!(
                    "{backend}/{name} (migration {number}) is destructive but not marked \
                     `-- contract: … since <release>`: {destructive:?}"
                )),
                Some(release) if release >= this_release() => problems.push(format!(
                    "{backend}/{name}: a contract migration ships at least one release after \
                     the code stopped using what it removes ({release:?} is not before {})",
                    env!("CARGO_PKG_VERSION")
                )),
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---- the previous release and the new one on one database -------------------

/// A database of its own, not migrated; its URL for a second pool.
struct Fresh {
    url: String,
    admin: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl Fresh {
    async fn sqlite() -> Fresh {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("upgrade.db").display());
        Fresh {
            url,
            admin: None,
            _dir: Some(dir),
        }
    }

    async fn postgres() -> Fresh {
        let admin_url = std::env::var(dateline_store::testing::POSTGRES_URL_VAR)
            .unwrap_or_else(|_| panic!("{}", dateline_store::testing::IGNORED_POSTGRES));
        sqlx::any::install_default_drivers();
        let database = format!("dateline_t_upgrade_{}", std::process::id());
        let admin = AnyPool::connect(&admin_url).await.unwrap();
        sqlx::query(&format!("DROP DATABASE IF EXISTS {database}"))
            .execute(&admin)
            .await
            .unwrap();
        sqlx::query(&format!("CREATE DATABASE {database}"))
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
        let (base, query) = match admin_url.split_once('?') {
            Some((b, q)) => (b, format!("?{q}")),
            None => (admin_url.as_str(), String::new()),
        };
        let url = format!("{}/{database}{query}", &base[..base.rfind('/').unwrap()]);
        Fresh {
            url,
            admin: Some((admin_url, database)),
            _dir: None,
        }
    }

    async fn drop(self) {
        if let Some((admin_url, database)) = &self.admin {
            let admin = AnyPool::connect(admin_url).await.unwrap();
            sqlx::query(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
                .execute(&admin)
                .await
                .unwrap();
            admin.close().await;
        }
    }
}

fn previous_release(backend: Backend) -> Vec<Migration> {
    known_migrations(backend)
        .iter()
        .filter(|m| m.version <= PREVIOUS_RELEASE_LAST)
        .cloned()
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
struct Column {
    kind: &'static str,
    nullable: bool,
    has_default: bool,
}

type Schema = BTreeMap<String, BTreeMap<String, Column>>;

async fn schema(pool: &AnyPool, backend: Backend) -> Schema {
    let (tables, columns) = match backend {
        Backend::Sqlite => (
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name NOT LIKE '!_sqlx%' ESCAPE '!'",
            "SELECT name, type, \"notnull\" AS not_null, \
             CASE WHEN dflt_value IS NULL THEN 0 ELSE 1 END AS has_default, pk \
             FROM pragma_table_info($1)",
        ),
        Backend::Postgres => (
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name NOT LIKE '!_sqlx%' ESCAPE '!'",
            "SELECT column_name::text AS name, data_type::text AS type, \
             CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END::bigint AS not_null, \
             CASE WHEN column_default IS NULL AND is_identity = 'NO' THEN 0 ELSE 1 END::bigint \
             AS has_default, 0::bigint AS pk \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1",
        ),
    };
    let mut out = Schema::new();
    for row in sqlx::query(tables).fetch_all(pool).await.unwrap() {
        let table: String = row.get("name");
        let mut cols = BTreeMap::new();
        for c in sqlx::query(columns)
            .bind(&table)
            .fetch_all(pool)
            .await
            .unwrap()
        {
            // An INTEGER PRIMARY KEY is filled in by SQLite.
            let pk: i64 = c.get("pk");
            cols.insert(
                c.get::<String, _>("name"),
                Column {
                    kind: dateline_store::testing::normalise_type(&c.get::<String, _>("type")),
                    nullable: c.get::<i64, _>("not_null") == 0,
                    has_default: c.get::<i64, _>("has_default") == 1 || pk > 0,
                },
            );
        }
        out.insert(table, cols);
    }
    out
}

/// Rows written with the previous release's schema: an edition, a section
/// and a published story in it.
async fn write_previous_release_rows(pool: &AnyPool) {
    for sql in [
        "INSERT INTO editions (id, code, name, language, direction, time_zone, date_format) \
         VALUES (7, 'old', 'Old Times', 'en', 'ltr', 'Europe/London', '%e %B %Y')",
        "INSERT INTO sections (id, edition_id, slug, title) VALUES (8, 7, 'world', 'World')",
        "INSERT INTO articles (id, edition_id, section_id, slug, headline, status, is_public, \
         published_at, updated_at, created_at, translation_group) \
         VALUES (9, 7, 8, 'kept-story', 'Kept across the upgrade', 'published', 1, \
         1700000000, 1700000000, 1700000000, 9)",
    ] {
        sqlx::query(sql).execute(pool).await.unwrap();
    }
}

async fn row_counts(pool: &AnyPool, schema: &Schema) -> BTreeMap<String, i64> {
    let mut counts = BTreeMap::new();
    for table in schema.keys() {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(pool)
            .await
            .unwrap();
        counts.insert(table.clone(), n);
    }
    counts
}

async fn previous_and_new_release_share_one_database(fresh: &Fresh, backend: Backend) {
    sqlx::any::install_default_drivers();
    // One connection: a refused migrator returns without releasing the
    // advisory lock it took on PostgreSQL (a refused node exits, which
    // releases it); on the same connection the next migrator takes it again.
    let store = Store::connect(&fresh.url, 1).await.unwrap();
    let pool = AnyPool::connect(&fresh.url).await.unwrap();
    let previous = previous_release(backend);
    assert!(previous.len() > 1 && previous.len() <= known_migrations(backend).len());

    // The database as the previous release left it, with its data.
    store
        .run_migrator(&rolling_migrator(Cow::Owned(previous.clone())))
        .await
        .unwrap();
    let old_schema = schema(&pool, backend).await;
    write_previous_release_rows(&pool).await;
    let old_counts = row_counts(&pool, &old_schema).await;
    let status = store.migration_status().await.unwrap();
    let newer: Vec<i64> = known_migrations(backend)
        .iter()
        .map(|m| m.version)
        .filter(|v| *v > PREVIOUS_RELEASE_LAST)
        .collect();
    assert_eq!(status.pending, newer, "{status:?}");
    assert_eq!(status.applied, previous.len());

    // (iii) The new binary migrates it forward without losing a row.
    store.migrate().await.unwrap();
    let status = store.migration_status().await.unwrap();
    assert!(
        status.pending.is_empty() && status.newer.is_empty() && status.changed.is_empty(),
        "{status:?}"
    );
    let new_schema = schema(&pool, backend).await;
    let new_counts = row_counts(&pool, &old_schema).await;
    assert_eq!(old_counts, new_counts, "rows per table, before and after");
    let edition = store
        .editions()
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.code.as_str() == "old")
        .expect("the old edition is read by the new binary");
    let story = store
        .article_by_slug(edition.id, &"kept-story".parse().unwrap())
        .await
        .unwrap()
        .expect("the old story is read by the new binary");
    assert_eq!(story.headline, "Kept across the upgrade");

    // (i) The old code's view of the new schema: every table and column it
    // knew is there with a compatible type, and every column added to its
    // tables fills itself in when its INSERTs do not name it.
    let problems = incompatibilities(&old_schema, &new_schema);
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // (ii) A node of the previous release starts on the new schema...
    store
        .run_migrator(&rolling_migrator(Cow::Owned(previous.clone())))
        .await
        .expect("the previous release's migrator accepts the newer schema");
    // ...which sqlx's default would have refused when anything was added.
    let strict = Migrator {
        migrations: Cow::Owned(previous.clone()),
        ..Migrator::DEFAULT
    };
    if !newer.is_empty() {
        let err = store.run_migrator(&strict).await.unwrap_err().to_string();
        assert!(
            err.contains(&format!(
                "migration {} was previously applied but is missing",
                newer[0]
            )),
            "{err}"
        );
    }
    // A binary whose copy of an applied migration differs is refused, with
    // or without newer migrations around.
    for set in [previous, known_migrations(backend).to_vec()] {
        let mut changed = set.clone();
        let last = changed.pop().unwrap();
        changed.push(Migration::new(
            last.version,
            last.description.clone(),
            last.migration_type,
            Cow::Owned(format!("{}\n-- edited after it was applied\n", last.sql)),
            last.no_tx,
        ));
        let err = store
            .run_migrator(&rolling_migrator(Cow::Owned(changed)))
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!(
                "migration {} was previously applied but has been modified",
                last.version
            )),
            "{err}"
        );
    }
    pool.close().await;
    store.close().await;
}

/// What in `new` breaks code written for `old`: a table or column gone, a
/// column's type changed or made NOT NULL, a column added to an old table
/// that is NOT NULL without a default (the old INSERTs do not name it).
fn incompatibilities(old: &Schema, new: &Schema) -> Vec<String> {
    let mut problems = Vec::new();
    for (table, columns) in old {
        let Some(now) = new.get(table) else {
            problems.push(format!("table {table} is gone"));
            continue;
        };
        for (name, was) in columns {
            match now.get(name) {
                None => problems.push(format!("{table}.{name} is gone")),
                Some(is) if is.kind != was.kind => {
                    problems.push(format!("{table}.{name}: {} became {}", was.kind, is.kind))
                }
                Some(is) if was.nullable && !is.nullable => {
                    problems.push(format!("{table}.{name} became NOT NULL"))
                }
                Some(_) => {}
            }
        }
        for (name, added) in now.iter().filter(|(n, _)| !columns.contains_key(*n)) {
            if !added.nullable && !added.has_default {
                problems.push(format!(
                    "{table}.{name} was added NOT NULL without a default: the previous release's \
                     INSERTs into {table} fail"
                ));
            }
        }
    }
    problems
}

/// The comparison above catches what a breaking migration does, read from
/// a real database: a dropped column and table, a retyped column, a column
/// made NOT NULL, and one added NOT NULL without a default.
#[tokio::test]
async fn the_schema_comparison_catches_a_breaking_migration() {
    let fresh = Fresh::sqlite().await;
    sqlx::any::install_default_drivers();
    // The store creates the (empty) database file; no migration is run.
    Store::connect(&fresh.url, 1).await.unwrap().close().await;
    // One connection: the rebuild below renames a table another pooled
    // connection may still know by its old schema.
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&fresh.url)
        .await
        .unwrap();
    for sql in [
        "CREATE TABLE kept (id INTEGER PRIMARY KEY, title TEXT, body TEXT, n INTEGER)",
        "CREATE TABLE dropped (id INTEGER PRIMARY KEY)",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    let before = schema(&pool, Backend::Sqlite).await;
    // SQLite changes a column's type or nullability by rebuilding the table.
    for sql in [
        "DROP TABLE dropped",
        "CREATE TABLE kept_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL, n TEXT, \
         added TEXT NOT NULL, defaulted TEXT NOT NULL DEFAULT '', optional TEXT)",
        "DROP TABLE kept",
        "ALTER TABLE kept_new RENAME TO kept",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    let after = schema(&pool, Backend::Sqlite).await;
    let mut found = incompatibilities(&before, &after);
    found.sort();
    assert_eq!(
        found,
        [
            "kept.added was added NOT NULL without a default: the previous release's INSERTs \
             into kept fail",
            "kept.body is gone",
            "kept.n: integer became text",
            "kept.title became NOT NULL",
            "table dropped is gone",
        ]
    );
    assert!(incompatibilities(&before, &before).is_empty());
    pool.close().await;
    fresh.drop().await;
}

#[tokio::test]
async fn sqlite_previous_and_new_release_share_one_database() {
    let fresh = Fresh::sqlite().await;
    previous_and_new_release_share_one_database(&fresh, Backend::Sqlite).await;
    fresh.drop().await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
async fn postgres_previous_and_new_release_share_one_database() {
    let fresh = Fresh::postgres().await;
    previous_and_new_release_share_one_database(&fresh, Backend::Postgres).await;
    fresh.drop().await;
}

/// A database whose migration was changed after it was applied is reported,
/// and so is one a newer release expanded.
#[tokio::test]
async fn migration_status_reports_newer_and_changed_migrations() {
    let fresh = Fresh::sqlite().await;
    sqlx::any::install_default_drivers();
    let store = Store::connect(&fresh.url, 1).await.unwrap();
    let status = store.migration_status().await.unwrap();
    assert_eq!(status.applied, 0);
    assert_eq!(
        status.pending.len(),
        known_migrations(Backend::Sqlite).len()
    );
    store.migrate().await.unwrap();
    let pool = AnyPool::connect(&fresh.url).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990, 'from a newer release', 1, x'00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("UPDATE _sqlx_migrations SET checksum = x'01' WHERE version = 1")
        .execute(&pool)
        .await
        .unwrap();
    let status = store.migration_status().await.unwrap();
    assert_eq!(
        (status.newer, status.changed, status.pending),
        (vec![99990], vec![1], vec![])
    );
    let err = store.migrate().await.unwrap_err().to_string();
    assert!(
        err.contains("migration 1 was previously applied but has been modified"),
        "{err}"
    );
    pool.close().await;
    store.close().await;
}
