//! Keyset listings, cards, infinite scroll and sitemaps.

use dateline_domain::{ArticleStatus, NewArticle};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{ArticleFilter, ArticleQuery, Cursor, Store};

use crate::all_ids;

const T: i64 = Fixtures::NOW;

async fn pagination_with_identical_times_returns_each_article_once(store: &Store) {
    let fx = Fixtures::new(store).await;
    let second_author = store
        .create_author(&dateline_domain::NewAuthor::new(
            slug("second"),
            "Second",
            "",
            vec![fx.en.id],
        ))
        .await
        .unwrap();
    let (mut world, mut business, mut tagged, mut all) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..250 {
        let in_world = i % 3 != 0;
        let new = NewArticle {
            section_id: if in_world {
                fx.world.id
            } else {
                fx.business.id
            },
            tags: if i % 2 == 0 {
                vec![(slug("same-time"), "Same time".into())]
            } else {
                vec![]
            },
            author_ids: vec![second_author.id, fx.author.id],
            ..fx.article(&format!("same-{i}"), T)
        };
        let id = store.create_article(&new).await.unwrap().id;
        all.push(id);
        if in_world {
            world.push(id)
        } else {
            business.push(id)
        }
        if i % 2 == 0 {
            tagged.push(id);
        }
    }
    // Noise that no listing may show: a draft, an unpublished story, another edition.
    store.create_article(&fx.draft("hidden")).await.unwrap();
    let gone = store.create_article(&fx.article("gone", T)).await.unwrap();
    store
        .set_article_status(gone.id, ArticleStatus::Unpublished, T + 1)
        .await
        .unwrap();
    store
        .create_article(&NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            ..fx.article("other-edition", T)
        })
        .await
        .unwrap();

    let tag = store
        .tag_by_slug(fx.en.id, &slug("same-time"))
        .await
        .unwrap()
        .unwrap();
    let newest_first = |mut ids: Vec<i64>| {
        ids.sort_unstable_by(|a, b| b.cmp(a));
        ids
    };
    let expectations = [
        (ArticleFilter::Edition(fx.en.id), newest_first(all.clone())),
        (ArticleFilter::Section(fx.world.id), newest_first(world)),
        (
            ArticleFilter::Section(fx.business.id),
            newest_first(business),
        ),
        (ArticleFilter::Tag(tag.id), newest_first(tagged)),
        (
            ArticleFilter::Author {
                author_id: fx.author.id,
                edition_id: fx.en.id,
            },
            newest_first(all.clone()),
        ),
    ];
    for (filter, expected) in expectations {
        for limit in [7, 100] {
            let (ids, pages) = all_ids(store, filter, limit).await;
            assert_eq!(ids, expected, "{filter:?} with pages of {limit}");
            assert_eq!(
                pages,
                expected.len().div_ceil(limit as usize),
                "{filter:?} with pages of {limit}"
            );
        }
    }
}

async fn pages_follow_time_then_id(store: &Store) {
    let fx = Fixtures::new(store).await;
    // Created out of time order, so id order differs from time order.
    let times = [T + 50, T + 10, T + 30, T + 30, T + 40];
    let mut made = Vec::new();
    for (i, time) in times.into_iter().enumerate() {
        made.push((
            time,
            store
                .create_article(&fx.article(&format!("t{i}"), time))
                .await
                .unwrap()
                .id,
        ));
    }
    made.sort_unstable_by(|a, b| b.cmp(a));
    let expected: Vec<_> = made.iter().map(|(_, id)| *id).collect();

    let first = store
        .list_articles(&ArticleQuery {
            filter: ArticleFilter::Edition(fx.en.id),
            limit: 2,
            after: None,
        })
        .await
        .unwrap();
    assert_eq!(
        first.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        expected[..2]
    );
    let next = first.next.unwrap();
    assert_eq!(
        next,
        Cursor {
            time: made[1].0,
            id: made[1].1
        }
    );
    // Cursors survive their text form, as they travel through URLs.
    let again = Cursor::decode(&next.encode()).unwrap();
    let second = store
        .list_articles(&ArticleQuery {
            filter: ArticleFilter::Edition(fx.en.id),
            limit: 2,
            after: Some(again),
        })
        .await
        .unwrap();
    assert_eq!(
        second.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        expected[2..4]
    );
    assert_eq!(
        all_ids(store, ArticleFilter::Edition(fx.en.id), 2).await.0,
        expected
    );

    // Limits are clamped to 1..=100.
    let one = store
        .list_articles(&ArticleQuery {
            filter: ArticleFilter::Edition(fx.en.id),
            limit: 0,
            after: None,
        })
        .await
        .unwrap();
    assert_eq!(one.items.len(), 1);
    assert!(one.next.is_some());
}

async fn bad_filter_ids_give_empty_pages(store: &Store) {
    let fx = Fixtures::new(store).await;
    store
        .create_article(&fx.article("present", T))
        .await
        .unwrap();
    let filters = [
        ArticleFilter::Edition(9_999),
        ArticleFilter::Section(9_999),
        ArticleFilter::Tag(9_999),
        ArticleFilter::Author {
            author_id: 9_999,
            edition_id: fx.en.id,
        },
        ArticleFilter::Author {
            author_id: fx.author.id,
            edition_id: 9_999,
        },
        ArticleFilter::Author {
            author_id: fx.author.id,
            edition_id: fx.ru.id,
        },
        ArticleFilter::Section(fx.ru_world.id),
    ];
    for filter in filters {
        let page = store
            .list_articles(&ArticleQuery {
                filter,
                limit: 10,
                after: None,
            })
            .await
            .unwrap();
        assert!(
            page.items.is_empty() && page.next.is_none(),
            "{filter:?}: {page:?}"
        );
    }
    // A cursor before everything gives an empty page too.
    let after = Some(Cursor { time: 0, id: 0 });
    let page = store
        .list_articles(&ArticleQuery {
            filter: ArticleFilter::Edition(fx.en.id),
            limit: 10,
            after,
        })
        .await
        .unwrap();
    assert!(page.items.is_empty());
}

async fn cards_carry_section_and_picture(store: &Store) {
    let fx = Fixtures::new(store).await;
    let a = store
        .create_article(&fx.article("with-picture", T))
        .await
        .unwrap();
    let b = store
        .create_article(&NewArticle {
            lead_media_id: None,
            section_id: fx.business.id,
            ..fx.article("without", T + 5)
        })
        .await
        .unwrap();
    let draft = store.create_article(&fx.draft("draft")).await.unwrap();
    store.add_comment_count(a.id, 4).await.unwrap();

    let cards = store
        .article_cards(&[b.id, 9_999, draft.id, a.id])
        .await
        .unwrap();
    assert_eq!(
        cards.iter().map(|c| c.id).collect::<Vec<_>>(),
        [b.id, a.id],
        "in the order asked"
    );
    let card = &cards[1];
    assert_eq!((card.edition_id, card.section_id), (fx.en.id, fx.world.id));
    assert_eq!(
        (card.section_slug.as_str(), card.section_title.as_str()),
        ("world", "World")
    );
    assert_eq!(
        (card.slug.as_str(), card.headline.as_str()),
        ("with-picture", "Headline of with-picture")
    );
    assert_eq!(card.lead, "Lead of with-picture");
    assert_eq!(
        (card.published_at, card.updated_at, card.comment_count),
        (T, T, 4)
    );
    let picture = card.lead_media.as_ref().unwrap();
    assert_eq!(
        (picture.id, picture.width, picture.height),
        (fx.media.id, 1600, 900)
    );
    assert_eq!(
        (picture.caption.as_str(), picture.alt_text.as_str()),
        ("Picture 1", "Alt 1")
    );
    assert_eq!(
        (picture.credit.as_str(), picture.created_at),
        ("© Photo: Test Agency", T)
    );
    assert_eq!(cards[0].lead_media, None);
    assert_eq!(cards[0].section_slug.as_str(), "business");
    assert!(store.article_cards(&[]).await.unwrap().is_empty());

    // A search result's cards are the same, each with its body.
    let found = store
        .search_cards(&[b.id, 9_999, draft.id, a.id])
        .await
        .unwrap();
    assert_eq!(
        found.iter().map(|c| c.card.clone()).collect::<Vec<_>>(),
        cards
    );
    let with_picture = store.article_by_id(a.id).await.unwrap().unwrap();
    assert_eq!(found[1].body, with_picture.body);
    assert!(!found[1].body.is_empty());
    assert!(store.search_cards(&[]).await.unwrap().is_empty());
}

async fn next_article_scrolls_down_one_edition(store: &Store) {
    let fx = Fixtures::new(store).await;
    let a = store
        .create_article(&fx.article("a", T + 100))
        .await
        .unwrap();
    let b = store
        .create_article(&fx.article("b", T + 200))
        .await
        .unwrap();
    let c = store
        .create_article(&fx.article("c", T + 200))
        .await
        .unwrap();
    store.create_article(&fx.draft("d")).await.unwrap();
    store
        .create_article(&NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            ..fx.article("ru", T + 150)
        })
        .await
        .unwrap();
    let next = |id, time| async move {
        store
            .next_article(fx.en.id, time, id)
            .await
            .unwrap()
            .map(|card| card.id)
    };
    assert_eq!(
        next(c.id, T + 200).await,
        Some(b.id),
        "same time: lower id next"
    );
    assert_eq!(next(b.id, T + 200).await, Some(a.id));
    assert_eq!(next(a.id, T + 100).await, None);
    assert_eq!(store.next_article(9_999, T + 300, 1).await.unwrap(), None);
}

async fn sitemap_pages_by_id(store: &Store) {
    let fx = Fixtures::new(store).await;
    let mut public = Vec::new();
    for i in 0..5 {
        let new = NewArticle {
            section_id: if i == 3 { fx.business.id } else { fx.world.id },
            ..fx.article(&format!("s{i}"), T + 10 - i)
        };
        public.push(store.create_article(&new).await.unwrap());
        if i == 1 {
            store.create_article(&fx.draft("draft")).await.unwrap();
        }
    }
    store
        .create_article(&NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            ..fx.article("ru", T)
        })
        .await
        .unwrap();
    store
        .update_article(public[2].id, 1, &Default::default(), T + 99)
        .await
        .unwrap();

    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let page = store.sitemap_entries(fx.en.id, after, 2).await.unwrap();
        assert!(page.len() <= 2);
        let Some(last) = page.last() else { break };
        after = last.id;
        seen.extend(page);
    }
    assert_eq!(
        seen.iter().map(|e| e.id).collect::<Vec<_>>(),
        public.iter().map(|a| a.id).collect::<Vec<_>>()
    );
    let entry = &seen[3];
    assert_eq!(
        (entry.section_slug.as_str(), entry.slug.as_str()),
        ("business", "s3")
    );
    assert_eq!((entry.published_at, entry.updated_at), (T + 7, T + 7));
    assert_eq!(seen[2].updated_at, T + 99);
    assert!(store
        .sitemap_entries(9_999, 0, 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store.sitemap_entries(fx.ru.id, 0, 0).await.unwrap().len(),
        1,
        "limit 0 means 1"
    );
}

on_both_backends!(
    pagination_with_identical_times_returns_each_article_once,
    pages_follow_time_then_id,
    bad_filter_ids_give_empty_pages,
    cards_carry_section_and_picture,
    next_article_scrolls_down_one_edition,
    sitemap_pages_by_id,
);
