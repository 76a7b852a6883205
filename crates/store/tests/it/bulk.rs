//! Bulk loading, then recounting.

use std::collections::HashMap;

use dateline_domain::{ArticleStatus, BodyBlock, NewArticle, NewAuthor};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{ArticleFilter, Store, StoreError};

use crate::{all_ids, assert_no_drift};

const T: i64 = Fixtures::NOW;
/// More than one multi-row INSERT's worth of articles.
const N: i64 = 3_000;

async fn bulk_insert_then_recount_leaves_no_drift(store: &Store) {
    let fx = Fixtures::new(store).await;
    let (second_media, _) = store
        .create_media(&Fixtures::media_asset(2, T))
        .await
        .unwrap();
    let co_author = store
        .create_author(&NewAuthor::new(slug("co"), "Co", "", vec![fx.en.id]))
        .await
        .unwrap();
    let mut en_tags = Vec::new();
    for t in 0..10 {
        en_tags.push(
            store
                .upsert_tag(fx.en.id, &slug(&format!("t{t}")), "T")
                .await
                .unwrap()
                .id,
        );
    }
    let ru_tag = store
        .upsert_tag(fx.ru.id, &slug("r0"), "R")
        .await
        .unwrap()
        .id;
    let anchor = store
        .create_article(&fx.article("anchor", T))
        .await
        .unwrap();

    let mut articles = Vec::new();
    let mut tag_ids = Vec::new();
    for i in 0..N {
        let ru = i % 5 == 0;
        let (status, published_at) = match i {
            _ if i % 7 == 0 => (ArticleStatus::Draft, None),
            _ if i % 11 == 0 => (ArticleStatus::Unpublished, Some(T + i % 97)),
            _ => (ArticleStatus::Published, Some(T + i % 97)),
        };
        articles.push(NewArticle {
            edition_id: if ru { fx.ru.id } else { fx.en.id },
            section_id: if ru {
                fx.ru_world.id
            } else if i % 2 == 0 {
                fx.world.id
            } else {
                fx.business.id
            },
            status,
            published_at,
            updated_at: T + i,
            lead_media_id: (i % 2 == 0).then_some(fx.media.id),
            body: if i % 4 == 0 {
                vec![BodyBlock::Image {
                    media_id: second_media.id,
                    caption: None,
                }]
            } else {
                vec![BodyBlock::paragraph("Text")]
            },
            translation_group: (i == 10).then_some(anchor.translation_group),
            author_ids: if i % 3 == 0 {
                vec![co_author.id, fx.author.id]
            } else {
                vec![fx.author.id]
            },
            ..fx.article(&format!("bulk-{i}"), T)
        });
        tag_ids.push(if ru {
            vec![ru_tag]
        } else {
            vec![en_tags[(i % 10) as usize], en_tags[((i + 3) % 10) as usize]]
        });
    }
    assert_eq!(
        store
            .insert_articles_bulk(&articles, &tag_ids)
            .await
            .unwrap(),
        N as u64
    );

    // Media usage is kept by the bulk insert; the rest waits for the recount.
    let drift = store.counter_drift().await.unwrap();
    assert!(drift
        .mismatches
        .iter()
        .any(|(table, id, stored, _)| *table == "editions" && *id == fx.en.id && *stored == 1));
    assert!(
        drift
            .mismatches
            .iter()
            .all(|(table, ..)| *table != "media_assets"),
        "{drift:?}"
    );
    store.recount_counters().await.unwrap();
    assert_no_drift(store).await;

    // Expected counts, computed from the input.
    let public = |a: &&NewArticle| a.status.is_public();
    let en_public = articles
        .iter()
        .filter(public)
        .filter(|a| a.edition_id == fx.en.id)
        .count() as i64;
    let ru_public = articles
        .iter()
        .filter(public)
        .filter(|a| a.edition_id == fx.ru.id)
        .count() as i64;
    assert_eq!(
        store
            .edition_by_id(fx.en.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        en_public + 1
    );
    assert_eq!(
        store
            .edition_by_id(fx.ru.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        ru_public
    );
    let co_count = articles
        .iter()
        .filter(public)
        .filter(|a| a.author_ids.contains(&co_author.id))
        .count() as i64;
    assert_eq!(
        store
            .author_by_id(co_author.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        co_count
    );
    let mut per_tag: HashMap<i64, i64> = HashMap::new();
    for (a, tags) in articles.iter().zip(&tag_ids) {
        if a.status.is_public() {
            for t in tags {
                *per_tag.entry(*t).or_default() += 1;
            }
        }
    }
    let t0 = store
        .tag_by_slug(fx.en.id, &slug("t0"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t0.article_count, per_tag[&t0.id]);
    let lead_uses = articles
        .iter()
        .filter(|a| a.lead_media_id.is_some())
        .count() as i64
        + 1; // + anchor
    assert_eq!(
        store
            .media_by_id(fx.media.id)
            .await
            .unwrap()
            .unwrap()
            .usage_count,
        lead_uses
    );
    assert_eq!(
        store
            .media_by_id(second_media.id)
            .await
            .unwrap()
            .unwrap()
            .usage_count,
        N / 4
    );

    // Rows read back like created ones.
    let one = store
        .article_by_slug(fx.en.id, &slug("bulk-3"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(one.translation_group, one.id, "no group given: its own");
    assert_eq!(
        one.authors.iter().map(|a| a.id).collect::<Vec<_>>(),
        [co_author.id, fx.author.id]
    );
    assert_eq!(
        one.tags.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(),
        ["t3", "t6"]
    );
    assert_eq!(
        (one.status, one.published_at, one.updated_at, one.version),
        (ArticleStatus::Published, Some(T + 3), T + 3, 1)
    );
    let ru = store
        .article_by_slug(fx.ru.id, &slug("bulk-10"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ru.translation_group, anchor.id);
    assert_eq!(store.translations(anchor.id).await.unwrap().len(), 2);

    // The tag page lists exactly the public articles carrying the tag, newest first.
    let mut expected: Vec<(i64, i64)> = Vec::new();
    for (a, tags) in articles.iter().zip(&tag_ids) {
        if a.status.is_public() && tags.contains(&t0.id) {
            let id = store
                .article_by_slug(a.edition_id, &a.slug)
                .await
                .unwrap()
                .unwrap()
                .id;
            expected.push((a.published_at.unwrap(), id));
        }
    }
    expected.sort_unstable_by(|a, b| b.cmp(a));
    let (ids, _) = all_ids(store, ArticleFilter::Tag(t0.id), 100).await;
    assert_eq!(ids, expected.iter().map(|(_, id)| *id).collect::<Vec<_>>());

    // Later single creates continue after the bulk ids.
    let after = store
        .create_article(&fx.article("after-bulk", T))
        .await
        .unwrap();
    assert!(after.id > one.id);
    assert_no_drift(store).await;
}

async fn bulk_insert_is_all_or_nothing(store: &Store) {
    let fx = Fixtures::new(store).await;
    store.create_article(&fx.article("taken", T)).await.unwrap();
    let batch = |slugs: &[&str]| slugs.iter().map(|s| fx.article(s, T)).collect::<Vec<_>>();

    let articles = batch(&["fresh-1", "taken"]);
    let err = store
        .insert_articles_bulk(&articles, &[vec![], vec![]])
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Duplicate {
                what: "article slug"
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        store
            .article_by_slug(fx.en.id, &slug("fresh-1"))
            .await
            .unwrap(),
        None
    );

    let articles = batch(&["fresh-2"]);
    let err = store
        .insert_articles_bulk(&articles, &[vec![9_999]])
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { what: "tag" }),
        "{err:?}"
    );
    assert_eq!(
        store
            .article_by_slug(fx.en.id, &slug("fresh-2"))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .media_by_id(fx.media.id)
            .await
            .unwrap()
            .unwrap()
            .usage_count,
        1
    );

    let err = store
        .insert_articles_bulk(&articles, &[])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let invalid = vec![NewArticle {
        published_at: None,
        ..fx.article("bad", T)
    }];
    let err = store
        .insert_articles_bulk(&invalid, &[vec![]])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(store.insert_articles_bulk(&[], &[]).await.unwrap(), 0);
    assert_no_drift(store).await;
}

on_both_backends!(
    bulk_insert_then_recount_leaves_no_drift,
    bulk_insert_is_all_or_nothing
);
