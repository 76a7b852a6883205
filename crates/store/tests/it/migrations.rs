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
