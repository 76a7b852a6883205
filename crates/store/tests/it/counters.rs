//! Status changes and the counters they move; drift detection and repair.

use dateline_domain::{ArticleStatus, NewArticle};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{ArticleFilter, Store, StoreError};

use crate::{all_ids, assert_no_drift};

const T: i64 = Fixtures::NOW;

/// (edition, section, author, tag) counts as stored.
async fn counts(store: &Store, fx: &Fixtures) -> (i64, i64, i64, i64) {
    (
        store
            .edition_by_id(fx.en.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        store
            .section_by_id(fx.world.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        store
            .author_by_id(fx.author.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        store
            .tag_by_slug(fx.en.id, &slug("floods"))
            .await
            .unwrap()
            .unwrap()
            .article_count,
    )
}

async fn tag_page(store: &Store, fx: &Fixtures) -> Vec<i64> {
    let tag = store
        .tag_by_slug(fx.en.id, &slug("floods"))
        .await
        .unwrap()
        .unwrap();
    all_ids(store, ArticleFilter::Tag(tag.id), 10).await.0
}

async fn publish_correct_unpublish_move_counters_exactly(store: &Store) {
    let fx = Fixtures::new(store).await;
    let draft = store
        .create_article(&NewArticle {
            tags: vec![(slug("floods"), "Floods".into())],
            ..fx.draft("story")
        })
        .await
        .unwrap();
    assert_eq!(counts(store, &fx).await, (0, 0, 0, 0));

    let review = store
        .set_article_status(draft.id, ArticleStatus::InReview, T + 1)
        .await
        .unwrap();
    assert_eq!(
        (review.status, review.published_at, review.version),
        (ArticleStatus::InReview, None, 2)
    );
    assert_eq!(counts(store, &fx).await, (0, 0, 0, 0));
    assert_no_drift(store).await;

    let published = store
        .set_article_status(draft.id, ArticleStatus::Published, T + 10)
        .await
        .unwrap();
    assert_eq!(
        published.published_at,
        Some(T + 10),
        "first publication sets the time"
    );
    assert_eq!((published.updated_at, published.version), (T + 10, 3));
    assert_eq!(counts(store, &fx).await, (1, 1, 1, 1));
    assert_eq!(
        tag_page(store, &fx).await,
        [draft.id],
        "the tag page sees it"
    );
    assert_no_drift(store).await;

    let corrected = store
        .set_article_status(draft.id, ArticleStatus::Corrected, T + 20)
        .await
        .unwrap();
    assert_eq!(
        (
            corrected.status,
            corrected.published_at,
            corrected.updated_at
        ),
        (ArticleStatus::Corrected, Some(T + 10), T + 20)
    );
    assert_eq!(
        counts(store, &fx).await,
        (1, 1, 1, 1),
        "still public: nothing moves"
    );
    assert_no_drift(store).await;

    let gone = store
        .set_article_status(draft.id, ArticleStatus::Unpublished, T + 30)
        .await
        .unwrap();
    assert_eq!(gone.published_at, Some(T + 10));
    assert_eq!(counts(store, &fx).await, (0, 0, 0, 0));
    assert!(tag_page(store, &fx).await.is_empty());
    assert_no_drift(store).await;

    // Unpublishing twice moves nothing twice.
    store
        .set_article_status(draft.id, ArticleStatus::Unpublished, T + 31)
        .await
        .unwrap();
    assert_eq!(counts(store, &fx).await, (0, 0, 0, 0));

    let back = store
        .set_article_status(draft.id, ArticleStatus::Published, T + 40)
        .await
        .unwrap();
    assert_eq!(
        back.published_at,
        Some(T + 10),
        "republishing keeps the original time"
    );
    assert_eq!((back.version, back.updated_at), (7, T + 40));
    assert_eq!(counts(store, &fx).await, (1, 1, 1, 1));
    assert_eq!(tag_page(store, &fx).await, [draft.id]);
    assert_no_drift(store).await;

    let err = store
        .set_article_status(9_999, ArticleStatus::Published, T)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

async fn counts_follow_many_articles(store: &Store) {
    let fx = Fixtures::new(store).await;
    let mut ids = Vec::new();
    for i in 0..6 {
        let new = NewArticle {
            section_id: if i % 2 == 0 {
                fx.world.id
            } else {
                fx.business.id
            },
            tags: vec![(slug("floods"), "Floods".into())],
            ..fx.article(&format!("n{i}"), T + i)
        };
        ids.push(store.create_article(&new).await.unwrap().id);
    }
    store
        .set_article_status(ids[0], ArticleStatus::Unpublished, T + 100)
        .await
        .unwrap();
    store
        .set_article_status(ids[1], ArticleStatus::Draft, T + 100)
        .await
        .unwrap();
    store
        .set_article_status(ids[2], ArticleStatus::Corrected, T + 100)
        .await
        .unwrap();
    // world: n0 (off), n2, n4; business: n1 (off), n3, n5.
    assert_eq!(counts(store, &fx).await, (4, 2, 4, 4));
    assert_eq!(
        store
            .section_by_id(fx.business.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        2
    );
    assert_no_drift(store).await;
    // Nothing is off, so a recount changes nothing.
    store.recount_counters().await.unwrap();
    assert_eq!(counts(store, &fx).await, (4, 2, 4, 4));
    assert_no_drift(store).await;
}

async fn concurrent_status_changes_keep_counters_right(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.draft("busy")).await.unwrap();
    let mut tasks = Vec::new();
    for worker in 0..4_i64 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for round in 0..8 {
                let status = if (worker + round) % 2 == 0 {
                    ArticleStatus::Published
                } else {
                    ArticleStatus::Unpublished
                };
                // Losing every retry to the other workers is allowed; a wrong count is not.
                match store
                    .set_article_status(article.id, status, T + round)
                    .await
                {
                    Ok(_) | Err(StoreError::Conflict { .. }) => {}
                    Err(e) => panic!("{e:?}"),
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let stored = store.article_by_id(article.id).await.unwrap().unwrap();
    let expected = i64::from(stored.status.is_public());
    assert_eq!(
        store
            .edition_by_id(fx.en.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        expected
    );
    assert_no_drift(store).await;
}

on_both_backends!(
    publish_correct_unpublish_move_counters_exactly,
    counts_follow_many_articles,
    concurrent_status_changes_keep_counters_right,
);
