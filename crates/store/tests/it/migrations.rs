//! Migrations and the connection handle.

use dateline_store::testing::Fixtures;
use dateline_store::{Backend, Store};

async fn migrating_twice_changes_nothing(store: &Store) {
    let fx = Fixtures::new(store).await;
    store
        .create_article(&fx.article("kept", Fixtures::NOW))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store.migrate().await.unwrap();
    assert_eq!(store.editions().await.unwrap().len(), 2);
    assert_eq!(
        store
            .edition_by_id(fx.en.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        1
    );
    assert_eq!(
        store
            .media_by_id(fx.media.id)
            .await
            .unwrap()
            .unwrap()
            .usage_count,
        1,
        "article_media exists"
    );
    store.ping().await.unwrap();
}

async fn closing_ends_the_pool(store: &Store) {
    assert!(matches!(
        store.backend(),
        Backend::Sqlite | Backend::Postgres
    ));
    store.ping().await.unwrap();
    store.close().await;
    assert!(store.ping().await.is_err());
}

on_both_backends!(migrating_twice_changes_nothing, closing_ends_the_pool);

#[test]
fn backend_is_read_from_the_url() {
    assert_eq!(Backend::from_url("sqlite://x.db"), Some(Backend::Sqlite));
    assert_eq!(
        Backend::from_url("postgresql://h/db"),
        Some(Backend::Postgres)
    );
    assert_eq!(Backend::from_url("mysql://h/db"), None);
    assert_eq!(Backend::Postgres.name(), "postgres");
}

#[tokio::test]
async fn test_databases_match_their_backend() {
    let db = dateline_store::testing::TestDb::sqlite().await;
    assert_eq!(db.store().backend(), Backend::Sqlite);
    if let Some(db) = dateline_store::testing::TestDb::postgres().await {
        assert_eq!(db.store().backend(), Backend::Postgres);
    }
}

/// The SQLite and PostgreSQL trees must build the same schema: the same
/// tables and columns with the same type family and nullability, the same
/// primary keys, unique constraints and indexes.
#[tokio::test]
async fn both_migration_trees_build_the_same_schema() {
    let Some(pg) = dateline_store::testing::TestDb::postgres().await else {
        eprintln!("{}", dateline_store::testing::SKIP_POSTGRES);
        return;
    };
    let lite = dateline_store::testing::TestDb::sqlite().await;
    let (lite, pg) = (
        lite.store().schema_shape().await,
        pg.store().schema_shape().await,
    );
    assert!(lite.columns.len() > 20, "the schema was read: {lite:?}");
    let names =
        |s: &dateline_store::testing::SchemaShape| s.columns.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&lite), names(&pg), "tables");
    for (table, columns) in &lite.columns {
        assert_eq!(
            Some(columns),
            pg.columns.get(table),
            "columns of {table} (SQLite, then PostgreSQL)"
        );
    }
    assert_eq!(lite.primary_keys, pg.primary_keys, "primary keys");
    assert_eq!(
        lite.unique_constraints, pg.unique_constraints,
        "unique constraints"
    );
    let index_names =
        |s: &dateline_store::testing::SchemaShape| s.indexes.keys().cloned().collect::<Vec<_>>();
    assert_eq!(index_names(&lite), index_names(&pg), "index names");
    for (name, index) in &lite.indexes {
        assert_eq!(
            Some(index),
            pg.indexes.get(name),
            "index {name} (SQLite, then PostgreSQL)"
        );
    }
}

#[test]
fn types_fall_into_the_same_families() {
    use dateline_store::testing::normalise_type;
    assert_eq!(normalise_type("INTEGER"), normalise_type("bigint"));
    assert_eq!(normalise_type("INTEGER"), normalise_type("integer"));
    assert_eq!(normalise_type("TEXT"), normalise_type("character varying"));
    assert_eq!(normalise_type("REAL"), normalise_type("double precision"));
    assert_eq!(normalise_type("BLOB"), normalise_type("bytea"));
    assert_ne!(normalise_type("TEXT"), normalise_type("bigint"));
    assert_ne!(normalise_type("jsonb"), normalise_type("TEXT"));
}
