//! Search and social fields of articles: stored with every save (partial
//! changes keep the rest), in revisions (old snapshots without them still
//! restore), the social picture counted as a picture the story uses, and
//! syndicated copies left out of sitemaps and flagged in translations.

use dateline_domain::{
    ArticleSeo, ArticleSeoPatch, ArticleStatus, CanonicalUrl, NewArticle, SEO_TEXT_MAX_CHARS,
};
use dateline_store::testing::{overwrite_revision_content, Fixtures};
use dateline_store::{ArticleUpdate, MediaAsset, Save, Store, StoreError};

use crate::assert_no_drift;

const T: i64 = Fixtures::NOW;

fn url(text: &str) -> CanonicalUrl {
    text.parse().unwrap()
}

async fn picture(store: &Store, n: u32) -> MediaAsset {
    store
        .create_media(&Fixtures::media_asset(n, T))
        .await
        .unwrap()
        .0
}

/// `(uses, public uses, is_public)` as stored.
async fn uses(store: &Store, id: i64) -> (i64, i64, bool) {
    let m = store.media_by_id(id).await.unwrap().unwrap();
    (m.usage_count, m.public_use_count, m.is_public)
}

fn full_seo(social_media_id: i64) -> ArticleSeo {
    ArticleSeo {
        seo_title: Some("Bridge reopens after two years | Dateline".into()),
        seo_description: Some("Traffic is back on the harbour bridge.".into()),
        social_title: Some("It's open!".into()),
        social_description: Some("Two years of repairs, done.".into()),
        social_media_id: Some(social_media_id),
        canonical_url: Some(url("https://wire.example/2024/bridge")),
    }
}

async fn the_fields_are_saved_read_back_and_changed_one_at_a_time(store: &Store) {
    let fx = Fixtures::new(store).await;
    let social = picture(store, 2).await;
    let created = store
        .create_article(&NewArticle {
            seo: full_seo(social.id),
            ..fx.draft("bridge")
        })
        .await
        .unwrap();
    assert_eq!(created.seo, full_seo(social.id));
    let read = store.article_by_id(created.id).await.unwrap().unwrap();
    assert_eq!(read.seo, full_seo(social.id));

    // A change naming two fields leaves the other four; a blank text is the
    // default, stored as nothing.
    let update = ArticleUpdate {
        seo: ArticleSeoPatch {
            seo_title: Some(Some("  ".into())),
            canonical_url: Some(None),
            ..ArticleSeoPatch::default()
        },
        ..ArticleUpdate::default()
    };
    let saved = store
        .update_article(created.id, 1, &update, T + 60)
        .await
        .unwrap();
    let expected = ArticleSeo {
        seo_title: None,
        canonical_url: None,
        ..full_seo(social.id)
    };
    assert_eq!(saved.seo, expected);
    let read = store.article_by_id(created.id).await.unwrap().unwrap();
    assert_eq!(read.seo, expected);
    assert_eq!(read.headline, "Headline of bridge", "other fields kept");

    // Too long is refused before anything is written.
    let too_long = ArticleUpdate {
        seo: ArticleSeoPatch {
            social_description: Some(Some("x".repeat(SEO_TEXT_MAX_CHARS + 1))),
            ..ArticleSeoPatch::default()
        },
        ..ArticleUpdate::default()
    };
    match store.update_article(created.id, 2, &too_long, T + 90).await {
        Err(StoreError::Invalid(e)) => assert_eq!(e.field, "social_description"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    // A picture that does not exist is named as the social picture.
    let missing = ArticleUpdate {
        seo: ArticleSeoPatch {
            social_media_id: Some(Some(999_999)),
            ..ArticleSeoPatch::default()
        },
        ..ArticleUpdate::default()
    };
    match store.update_article(created.id, 2, &missing, T + 90).await {
        Err(StoreError::MissingReference { what }) => assert_eq!(what, "social picture"),
        other => panic!("expected MissingReference, got {other:?}"),
    }
    let unchanged = store.article_by_id(created.id).await.unwrap().unwrap();
    assert_eq!((unchanged.version, unchanged.seo), (2, expected));
}

async fn a_social_picture_is_public_while_its_story_is(store: &Store) {
    let fx = Fixtures::new(store).await;
    let social = picture(store, 2).await;
    let other = picture(store, 3).await;
    let draft = store
        .create_article(&NewArticle {
            seo: ArticleSeo {
                social_media_id: Some(social.id),
                ..ArticleSeo::default()
            },
            ..fx.draft("bridge")
        })
        .await
        .unwrap();
    assert_eq!(uses(store, social.id).await, (1, 0, false), "a draft's");

    let published = store
        .set_article_status(draft.id, ArticleStatus::Published, T + 60)
        .await
        .unwrap();
    assert_eq!(uses(store, social.id).await, (1, 1, true), "published");
    let usage = store.media_usage(social.id, 10).await.unwrap();
    assert_eq!(
        usage.iter().map(|c| c.id).collect::<Vec<_>>(),
        [draft.id],
        "listed among the story's pictures"
    );

    // Another social picture: the old one leaves the story, the new one
    // becomes public with it.
    let update = ArticleUpdate {
        seo: ArticleSeoPatch {
            social_media_id: Some(Some(other.id)),
            ..ArticleSeoPatch::default()
        },
        ..ArticleUpdate::default()
    };
    store
        .update_article(draft.id, published.version, &update, T + 120)
        .await
        .unwrap();
    assert_eq!(uses(store, social.id).await, (0, 0, false));
    assert_eq!(uses(store, other.id).await, (1, 1, true));

    // The lead picture as social picture is one use, not two.
    let update = ArticleUpdate {
        seo: ArticleSeoPatch {
            social_media_id: Some(Some(fx.media.id)),
            ..ArticleSeoPatch::default()
        },
        ..ArticleUpdate::default()
    };
    let moved = store
        .update_article(draft.id, published.version + 1, &update, T + 180)
        .await
        .unwrap();
    assert_eq!(uses(store, fx.media.id).await, (1, 1, true));
    assert_eq!(uses(store, other.id).await, (0, 0, false));

    store
        .set_article_status(moved.id, ArticleStatus::Unpublished, T + 240)
        .await
        .unwrap();
    assert_eq!(uses(store, fx.media.id).await, (1, 0, false));
    assert_no_drift(store).await;
}

async fn revisions_keep_and_restore_the_fields(store: &Store) {
    let fx = Fixtures::new(store).await;
    let social = picture(store, 2).await;
    let created = store
        .create_article_by(&fx.draft("bridge"), None, None)
        .await
        .unwrap();
    let set = ArticleUpdate {
        seo: ArticleSeoPatch::all(full_seo(social.id)),
        ..ArticleUpdate::default()
    };
    store
        .save_article(created.id, 1, &set, Save::by(None), T + 60)
        .await
        .unwrap();
    let cleared = ArticleUpdate {
        seo: ArticleSeoPatch::all(ArticleSeo::default()),
        ..ArticleUpdate::default()
    };
    store
        .save_article(created.id, 2, &cleared, Save::by(None), T + 120)
        .await
        .unwrap();
    assert_eq!(uses(store, social.id).await.0, 0);

    let history = store.revisions(created.id).await.unwrap();
    let with_fields = history.iter().find(|r| r.version == 2).unwrap();
    let revision = store.revision(created.id, with_fields.id).await.unwrap();
    assert_eq!(revision.content.seo, full_seo(social.id));
    let restored = store
        .restore_revision(created.id, with_fields.id, 3, Save::by(None), T + 180)
        .await
        .unwrap();
    assert_eq!(restored.seo, full_seo(social.id));
    assert_eq!(uses(store, social.id).await.0, 1, "linked again");

    // A snapshot written before these fields existed has no `seo` at all:
    // it still reads, and restoring it empties them (no story had any then).
    let first = history.iter().find(|r| r.version == 1).unwrap();
    let old = store.revision(created.id, first.id).await.unwrap();
    let mut json = serde_json::to_value(&old.content).unwrap();
    json.as_object_mut().unwrap().remove("seo");
    overwrite_revision_content(store, first.id, &json.to_string()).await;
    let old = store.revision(created.id, first.id).await.unwrap();
    assert_eq!(old.content.seo, ArticleSeo::default());
    assert_eq!(old.content.headline, "Headline of bridge");
    let restored = store
        .restore_revision(created.id, first.id, 4, Save::by(None), T + 240)
        .await
        .unwrap();
    assert_eq!(restored.seo, ArticleSeo::default());
    assert_eq!(uses(store, social.id).await.0, 0);
    assert_no_drift(store).await;
}

async fn syndicated_copies_stay_out_of_sitemaps_and_are_flagged(store: &Store) {
    let fx = Fixtures::new(store).await;
    let own = store.create_article(&fx.article("own", T)).await.unwrap();
    let copy = store
        .create_article(&NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            translation_group: Some(own.translation_group),
            seo: ArticleSeo {
                canonical_url: Some(url("https://wire.example/ru/copy")),
                ..ArticleSeo::default()
            },
            ..fx.article("copy", T)
        })
        .await
        .unwrap();
    let listed = |entries: Vec<dateline_store::SitemapEntry>| {
        entries.iter().map(|e| e.id).collect::<Vec<_>>()
    };
    assert_eq!(
        listed(store.sitemap_entries(fx.en.id, 0, 10).await.unwrap()),
        [own.id]
    );
    assert!(
        store
            .sitemap_entries(fx.ru.id, 0, 10)
            .await
            .unwrap()
            .is_empty(),
        "the copy's canonical page is elsewhere"
    );
    let translations = store.translations(own.translation_group).await.unwrap();
    let flags: Vec<_> = translations
        .iter()
        .map(|t| (t.article_id, t.canonical_url.is_some()))
        .collect();
    assert_eq!(flags, [(own.id, false), (copy.id, true)]);

    // Back to being its own page: listed again.
    let update = ArticleUpdate {
        seo: ArticleSeoPatch {
            canonical_url: Some(None),
            ..ArticleSeoPatch::default()
        },
        ..ArticleUpdate::default()
    };
    store
        .update_article(copy.id, copy.version, &update, T + 60)
        .await
        .unwrap();
    assert_eq!(
        listed(store.sitemap_entries(fx.ru.id, 0, 10).await.unwrap()),
        [copy.id]
    );
}

async fn bulk_loads_keep_the_fields_and_social_pictures(store: &Store) {
    let fx = Fixtures::new(store).await;
    let social = picture(store, 2).await;
    let articles = vec![NewArticle {
        seo: full_seo(social.id),
        ..fx.article("bulk", T)
    }];
    store
        .insert_articles_bulk(&articles, &[vec![]])
        .await
        .unwrap();
    store.recount_counters().await.unwrap();
    let slug = dateline_store::testing::slug("bulk");
    let read = store
        .article_by_slug(fx.en.id, &slug)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.seo, full_seo(social.id));
    assert_eq!(uses(store, social.id).await, (1, 1, true));
    assert_no_drift(store).await;
}

on_both_backends!(
    the_fields_are_saved_read_back_and_changed_one_at_a_time,
    a_social_picture_is_public_while_its_story_is,
    revisions_keep_and_restore_the_fields,
    syndicated_copies_stay_out_of_sitemaps_and_are_flagged,
    bulk_loads_keep_the_fields_and_social_pictures,
);
