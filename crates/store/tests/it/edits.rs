//! Editing articles under optimistic concurrency; comment counts.

use dateline_domain::NewArticle;
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{ArticleUpdate, Store, StoreError};

use crate::articles::rich_body;
use crate::assert_no_drift;

const T: i64 = Fixtures::NOW;

async fn update_applies_fields_and_moves_counters(store: &Store) {
    let fx = Fixtures::new(store).await;
    let (picture, _) = store
        .create_media(&Fixtures::media_asset(2, T))
        .await
        .unwrap();
    let created = store
        .create_article(&NewArticle {
            tags: vec![
                (slug("floods"), "Floods".into()),
                (slug("rain"), "Rain".into()),
            ],
            ..fx.article("old-slug", T)
        })
        .await
        .unwrap();
    let floods = created.tags[0].id;

    let update = ArticleUpdate {
        section_id: Some(fx.business.id),
        slug: Some(slug("new-slug")),
        headline: Some("New headline".into()),
        lead: Some("New lead".into()),
        body: Some(rich_body(picture.id)),
        lead_media_id: Some(None),
        author_ids: Some(vec![]),
        tags: Some(vec![
            (slug("rain"), "Rain".into()),
            (slug("drought"), "Drought".into()),
        ]),
        seo: Default::default(),
    };
    let updated = store
        .update_article(created.id, 1, &update, T + 60)
        .await
        .unwrap();
    assert_eq!(
        (updated.version, updated.updated_at, updated.created_at),
        (2, T + 60, T)
    );
    assert_eq!(updated.published_at, Some(T), "an edit does not republish");
    assert_eq!(
        (updated.section_id, updated.slug.as_str()),
        (fx.business.id, "new-slug")
    );
    assert_eq!(
        (updated.headline.as_str(), updated.lead.as_str()),
        ("New headline", "New lead")
    );
    assert_eq!(updated.body, rich_body(picture.id));
    assert_eq!(updated.lead_media_id, None);
    assert!(updated.authors.is_empty());
    let tags: Vec<_> = updated
        .tags
        .iter()
        .map(|t| (t.slug.as_str(), t.article_count))
        .collect();
    assert_eq!(tags, [("rain", 1), ("drought", 1)]);
    assert_eq!(
        store
            .article_by_slug(fx.en.id, &slug("old-slug"))
            .await
            .unwrap(),
        None
    );

    assert_eq!(
        store
            .section_by_id(fx.world.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        0
    );
    assert_eq!(
        store
            .section_by_id(fx.business.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        1
    );
    assert_eq!(
        store
            .author_by_id(fx.author.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        0
    );
    assert_eq!(
        store
            .tag_by_slug(fx.en.id, &slug("floods"))
            .await
            .unwrap()
            .unwrap()
            .id,
        floods
    );
    assert_eq!(
        store
            .tag_by_slug(fx.en.id, &slug("floods"))
            .await
            .unwrap()
            .unwrap()
            .article_count,
        0
    );
    assert_eq!(
        store
            .media_by_id(fx.media.id)
            .await
            .unwrap()
            .unwrap()
            .usage_count,
        0
    );
    assert_eq!(
        store
            .media_by_id(picture.id)
            .await
            .unwrap()
            .unwrap()
            .usage_count,
        1
    );
    assert_eq!(
        store
            .edition_by_id(fx.en.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        1
    );
    assert_no_drift(store).await;

    // An empty update still saves: version and time move, nothing else.
    let touched = store
        .update_article(created.id, 2, &ArticleUpdate::default(), T + 120)
        .await
        .unwrap();
    assert_eq!((touched.version, touched.updated_at), (3, T + 120));
    assert_eq!(
        touched.tags,
        store.article_by_id(created.id).await.unwrap().unwrap().tags
    );
    assert_eq!(touched.body, updated.body);
    assert_no_drift(store).await;
}

async fn stale_version_conflicts_and_changes_nothing(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store
        .create_article(&fx.article("contested", T))
        .await
        .unwrap();
    let first = ArticleUpdate {
        headline: Some("First editor".into()),
        ..ArticleUpdate::default()
    };
    store
        .update_article(article.id, 1, &first, T + 1)
        .await
        .unwrap();
    let second = ArticleUpdate {
        headline: Some("Second editor".into()),
        section_id: Some(fx.business.id),
        tags: Some(vec![(slug("late"), "Late".into())]),
        ..ArticleUpdate::default()
    };
    let err = store
        .update_article(article.id, 1, &second, T + 2)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { what: "article" }),
        "{err:?}"
    );
    let stored = store.article_by_id(article.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.headline.as_str(), stored.version, stored.updated_at),
        ("First editor", 2, T + 1)
    );
    assert_eq!(stored.section_id, fx.world.id);
    assert_eq!(
        store.tag_by_slug(fx.en.id, &slug("late")).await.unwrap(),
        None
    );
    assert_no_drift(store).await;
}

async fn update_errors(store: &Store) {
    let fx = Fixtures::new(store).await;
    let a = store.create_article(&fx.article("a", T)).await.unwrap();
    store.create_article(&fx.article("b", T)).await.unwrap();
    let a = store.article_by_id(a.id).await.unwrap().unwrap();
    let cases = [
        (
            ArticleUpdate {
                slug: Some(slug("b")),
                ..ArticleUpdate::default()
            },
            "duplicate",
        ),
        (
            ArticleUpdate {
                section_id: Some(fx.ru_world.id),
                ..ArticleUpdate::default()
            },
            "section",
        ),
        (
            ArticleUpdate {
                section_id: Some(9_999),
                ..ArticleUpdate::default()
            },
            "section",
        ),
        (
            ArticleUpdate {
                author_ids: Some(vec![9_999]),
                ..ArticleUpdate::default()
            },
            "author",
        ),
        (
            ArticleUpdate {
                lead_media_id: Some(Some(9_999)),
                ..ArticleUpdate::default()
            },
            "media asset",
        ),
        (
            ArticleUpdate {
                headline: Some(String::new()),
                ..ArticleUpdate::default()
            },
            "invalid",
        ),
    ];
    for (update, expected) in cases {
        let err = store
            .update_article(a.id, 1, &update, T + 5)
            .await
            .unwrap_err();
        let ok = match (&err, expected) {
            (
                StoreError::Duplicate {
                    what: "article slug",
                },
                "duplicate",
            ) => true,
            (StoreError::Invalid(_), "invalid") => true,
            (StoreError::MissingReference { what }, _) => *what == expected,
            _ => false,
        };
        assert!(ok, "{update:?} → {err:?}");
    }
    let err = store
        .update_article(9_999, 1, &ArticleUpdate::default(), T)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert_eq!(
        store.article_by_id(a.id).await.unwrap().unwrap(),
        a,
        "nothing changed"
    );
    assert_no_drift(store).await;
}
async fn comment_counts_add_up_and_stop_at_zero(store: &Store) {
    let fx = Fixtures::new(store).await;
    let a = store
        .create_article(&fx.article("talked-about", T))
        .await
        .unwrap();
    store.add_comment_count(a.id, 3).await.unwrap();
    store.add_comment_count(a.id, -1).await.unwrap();
    assert_eq!(
        store
            .article_by_id(a.id)
            .await
            .unwrap()
            .unwrap()
            .comment_count,
        2
    );
    store.add_comment_count(a.id, -10).await.unwrap();
    let stored = store.article_by_id(a.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.comment_count, stored.version),
        (0, 1),
        "comments do not bump the version"
    );
    let err = store.add_comment_count(9_999, 1).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}
on_both_backends!(
    update_applies_fields_and_moves_counters,
    stale_version_conflicts_and_changes_nothing,
    update_errors,
    comment_counts_add_up_and_stop_at_zero,
);
