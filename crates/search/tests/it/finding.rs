//! What a search finds, in which order, and how it narrows.

use dateline_domain::{ArticleStatus, NewArticle};
use dateline_search::{Audience, Filters, Kind, Order, SearchCursor};
use dateline_store::testing::Fixtures;
use dateline_store::Store;

use super::{articles, public, ru_story, story, tag, Node, DAY, NOW};

on_both_backends!(
    english_forms_find_each_other,
    russian_cases_find_each_other,
    a_typo_in_a_longer_word_is_forgiven,
    phrases_keep_their_order,
    the_last_word_matches_as_a_prefix,
    excluded_words_leave_stories_out,
    drafts_stay_out_of_public_search,
    staff_see_what_they_may_read,
    filters_and_facets_narrow,
    newer_stories_rank_first_among_equals,
    pages_follow_each_other_without_repeats,
    a_misspelt_query_gets_a_suggestion,
    related_stories_share_words,
    pictures_are_found_by_caption_and_credit,
);

async fn english_forms_find_each_other(store: &Store) {
    let f = Fixtures::new(store).await;
    let id = story(
        store,
        &f,
        "vote",
        "Parliament calls elections",
        "Voters were counting ballots.",
    )
    .await;
    let node = Node::new(store).await;
    assert_eq!(node.ids("election").await, vec![id]);
    assert_eq!(node.ids("counted ballot").await, vec![id]);
    assert_eq!(
        node.ids("vote ").await,
        Vec::<i64>::new(),
        "stems, not substrings"
    );
    assert_eq!(
        node.ids("vote").await,
        vec![id],
        "still being typed: a prefix"
    );
}

async fn russian_cases_find_each_other(store: &Store) {
    let f = Fixtures::new(store).await;
    let id = ru_story(
        store,
        &f,
        "vybory",
        "Итоги голосования",
        "Говорили о выборах в парламент.",
    )
    .await;
    let node = Node::new(store).await;
    assert_eq!(node.ids("выборы").await, vec![id]);
    assert_eq!(node.ids("парламента").await, vec![id]);
    let found = node.find(public("выборами")).await;
    let snippet = found.snippet(
        node.search.analysis_of(f.ru.id),
        "Говорили о выборах в парламент.",
    );
    assert!(snippet.contains("<mark>выборах</mark>"), "{snippet}");
}

async fn a_typo_in_a_longer_word_is_forgiven(store: &Store) {
    let f = Fixtures::new(store).await;
    let id = story(
        store,
        &f,
        "harbour",
        "Harbour reopens",
        "The harbour reopened after the storm.",
    )
    .await;
    let node = Node::new(store).await;
    assert_eq!(node.ids("harbuor").await, vec![id], "a transposition");
    assert_eq!(node.ids("harbor").await, vec![id], "a letter missing");
    assert_eq!(
        node.ids("starm ").await,
        Vec::<i64>::new(),
        "short words are not corrected"
    );
}

async fn phrases_keep_their_order(store: &Store) {
    let f = Fixtures::new(store).await;
    let minister = story(
        store,
        &f,
        "pm",
        "The prime minister resigns",
        "A statement followed.",
    )
    .await;
    let other = story(
        store,
        &f,
        "other",
        "The minister of prime importance",
        "Nothing else.",
    )
    .await;
    let node = Node::new(store).await;
    assert_eq!(node.ids("\"prime minister\"").await, vec![minister]);
    let mut both = node.ids("prime minister").await;
    both.sort_unstable();
    assert_eq!(both, vec![minister, other]);
}

async fn the_last_word_matches_as_a_prefix(store: &Store) {
    let f = Fixtures::new(store).await;
    let id = story(
        store,
        &f,
        "ref",
        "Referendum result contested",
        "Observers disagree.",
    )
    .await;
    let node = Node::new(store).await;
    assert_eq!(node.ids("result refer").await, vec![id]);
    // A finished word (a space after it) is not a prefix.
    assert_eq!(node.ids("refer ").await, Vec::<i64>::new());
}

async fn excluded_words_leave_stories_out(store: &Store) {
    let f = Fixtures::new(store).await;
    let rain = story(store, &f, "rain", "Storm brings rain", "Rivers rise.").await;
    let _wind = story(store, &f, "wind", "Storm brings wind", "Roofs lost.").await;
    let node = Node::new(store).await;
    assert_eq!(node.ids("storm -wind").await, vec![rain]);
}

async fn drafts_stay_out_of_public_search(store: &Store) {
    let f = Fixtures::new(store).await;
    let draft = store
        .create_article(&NewArticle {
            headline: "Embargoed merger talks".into(),
            ..f.draft("merger")
        })
        .await
        .unwrap();
    let node = Node::new(store).await;
    assert!(node.ids("merger").await.is_empty());
    // Published: found; taken down again: gone.
    store
        .set_article_status(draft.id, ArticleStatus::Published, NOW)
        .await
        .unwrap();
    assert_eq!(node.ids("merger").await, vec![draft.id]);
    store
        .set_article_status(draft.id, ArticleStatus::Unpublished, NOW)
        .await
        .unwrap();
    assert!(node.ids("merger").await.is_empty());
}

async fn staff_see_what_they_may_read(store: &Store) {
    let f = Fixtures::new(store).await;
    let draft = store
        .create_article(&NewArticle {
            headline: "Draft about tariffs".into(),
            ..f.draft("tariffs")
        })
        .await
        .unwrap();
    let node = Node::new(store).await;
    let staff = |audience: Audience| dateline_search::SearchRequest {
        audience,
        ..public("tariffs")
    };
    let editor = node
        .find(staff(Audience::Staff {
            editions: Some(vec![f.en.id]),
            own_or_public: None,
        }))
        .await;
    assert_eq!(editor.hits, articles(&[draft.id]));
    let editor_elsewhere = node
        .find(staff(Audience::Staff {
            editions: Some(vec![f.ru.id]),
            own_or_public: None,
        }))
        .await;
    assert!(editor_elsewhere.hits.is_empty());
    // A writer who did not create the draft does not find it.
    let writer = node
        .find(staff(Audience::Staff {
            editions: None,
            own_or_public: Some(987_654),
        }))
        .await;
    assert!(writer.hits.is_empty());
}

async fn filters_and_facets_narrow(store: &Store) {
    let f = Fixtures::new(store).await;
    let world = store
        .create_article(&NewArticle {
            headline: "Flood warning upstream".into(),
            tags: vec![tag("Weather")],
            ..f.article("flood-world", NOW - 2 * DAY)
        })
        .await
        .unwrap();
    let business = store
        .create_article(&NewArticle {
            section_id: f.business.id,
            headline: "Flood insurance claims".into(),
            author_ids: Vec::new(),
            ..f.article("flood-business", NOW - 40 * DAY)
        })
        .await
        .unwrap();
    let node = Node::new(store).await;
    let all = node
        .find(dateline_search::SearchRequest {
            facets: true,
            ..public("flood")
        })
        .await;
    assert_eq!(all.total, 2);
    let facets = all.facets.unwrap();
    let mut sections = facets.sections.clone();
    sections.sort_unstable();
    let mut expected = vec![(f.world.id, 1), (f.business.id, 1)];
    expected.sort_unstable();
    assert_eq!(sections, expected);
    assert_eq!(facets.authors, vec![(f.author.id, 1)]);
    assert_eq!(facets.tags, vec![(world.tags[0].id, 1)]);
    assert_eq!(facets.kinds, vec![(Kind::Article, 2)]);
    let narrowed = |filters: Filters| dateline_search::SearchRequest {
        filters,
        ..public("flood")
    };
    let by_section = node
        .find(narrowed(Filters {
            section_id: Some(f.business.id),
            ..Filters::default()
        }))
        .await;
    assert_eq!(by_section.hits, articles(&[business.id]));
    let by_author = node
        .find(narrowed(Filters {
            author_id: Some(f.author.id),
            ..Filters::default()
        }))
        .await;
    assert_eq!(by_author.hits, articles(&[world.id]));
    let by_tag = node
        .find(narrowed(Filters {
            tag_id: Some(world.tags[0].id),
            ..Filters::default()
        }))
        .await;
    assert_eq!(by_tag.hits, articles(&[world.id]));
    let last_week = node
        .find(narrowed(Filters {
            from: Some(NOW - 7 * DAY),
            ..Filters::default()
        }))
        .await;
    assert_eq!(last_week.hits, articles(&[world.id]));
    let older = node
        .find(narrowed(Filters {
            until: Some(NOW - 7 * DAY),
            ..Filters::default()
        }))
        .await;
    assert_eq!(older.hits, articles(&[business.id]));
    let pictures = node
        .find(narrowed(Filters {
            kinds: vec![Kind::Picture],
            ..Filters::default()
        }))
        .await;
    // The fixture picture leads both stories: a search of pictures alone
    // finds it by their headlines.
    assert_eq!(
        pictures.hits,
        vec![dateline_search::Hit {
            kind: Kind::Picture,
            id: f.media.id
        }]
    );
    let other_edition = node
        .find(narrowed(Filters {
            edition_id: Some(f.ru.id),
            ..Filters::default()
        }))
        .await;
    assert!(other_edition.hits.is_empty());
}

async fn newer_stories_rank_first_among_equals(store: &Store) {
    let f = Fixtures::new(store).await;
    let mut ids = Vec::new();
    for (n, age) in [(1, 300), (2, 1), (3, 30)] {
        let article = store
            .create_article(&NewArticle {
                headline: "Budget vote".into(),
                lead: String::new(),
                ..f.article(&format!("budget-{n}"), NOW - age * DAY)
            })
            .await
            .unwrap();
        ids.push(article.id);
    }
    let node = Node::new(store).await;
    assert_eq!(node.ids("budget").await, vec![ids[1], ids[2], ids[0]]);
    let newest = node
        .find(dateline_search::SearchRequest {
            order: Order::Newest,
            ..public("budget")
        })
        .await;
    assert_eq!(newest.hits, articles(&[ids[1], ids[2], ids[0]]));
}

async fn pages_follow_each_other_without_repeats(store: &Store) {
    let f = Fixtures::new(store).await;
    let mut all = Vec::new();
    for n in 0..7 {
        all.push(
            story(
                store,
                &f,
                &format!("port-{n}"),
                "Port strike",
                "Dockers stop work.",
            )
            .await,
        );
    }
    let node = Node::new(store).await;
    for order in [Order::Relevance, Order::Newest] {
        let mut seen = Vec::new();
        let mut after: Option<SearchCursor> = None;
        loop {
            let page = node
                .find(dateline_search::SearchRequest {
                    limit: 3,
                    order,
                    after,
                    ..public("strike")
                })
                .await;
            assert_eq!(page.total, 7);
            seen.extend(page.hits.iter().map(|h| h.id));
            match page.next {
                Some(next) => {
                    let text = next.encode();
                    after = Some(SearchCursor::decode(&text).unwrap());
                }
                None => break,
            }
        }
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 7, "{order:?}: {seen:?}");
        let mut expected = all.clone();
        expected.sort_unstable();
        assert_eq!(sorted, expected);
    }
    assert!(SearchCursor::decode("not-a-cursor").is_none());
}

async fn a_misspelt_query_gets_a_suggestion(store: &Store) {
    let f = Fixtures::new(store).await;
    story(
        store,
        &f,
        "glacier",
        "Glacier retreats further",
        "Scientists measured it.",
    )
    .await;
    store
        .create_article(&NewArticle {
            headline: "Secret avalanche report".into(),
            ..f.draft("avalanche")
        })
        .await
        .unwrap();
    let node = Node::new(store).await;
    assert!(
        node.ids("glasyer").await.is_empty(),
        "two edits: not forgiven by the search itself"
    );
    assert_eq!(
        node.search.did_you_mean(&public("glacier")).await.unwrap(),
        None
    );
    assert_eq!(
        node.search.did_you_mean(&public("glasyer")).await.unwrap(),
        Some("glacier".to_owned())
    );
    // A word only a draft's headline has is never offered to readers.
    assert_eq!(
        node.search
            .did_you_mean(&public("avalamche"))
            .await
            .unwrap(),
        None
    );
}

async fn related_stories_share_words(store: &Store) {
    let f = Fixtures::new(store).await;
    let text = "The central bank raised interest rates to fight inflation.";
    let first = story(
        store,
        &f,
        "rates-1",
        "Central bank raises interest rates",
        text,
    )
    .await;
    let second = story(
        store,
        &f,
        "rates-2",
        "Interest rates: the central bank acts again",
        text,
    )
    .await;
    let _other = story(
        store,
        &f,
        "football",
        "Cup final ends in a draw",
        "Both teams scored twice.",
    )
    .await;
    let ru = ru_story(
        store,
        &f,
        "stavka",
        "Central bank raises interest rates",
        text,
    )
    .await;
    let node = Node::new(store).await;
    node.search.sync().await.unwrap();
    let related = node.search.related(first, 4).await.unwrap();
    assert_eq!(
        related,
        vec![second],
        "same edition only, never itself, not the unrelated"
    );
    assert!(!related.contains(&ru));
}

async fn pictures_are_found_by_caption_and_credit(store: &Store) {
    let f = Fixtures::new(store).await;
    // The fixture picture leads every fixture article: publish one.
    story(store, &f, "with-picture", "Quiet day", "Nothing happened.").await;
    let node = Node::new(store).await;
    let request = |text: &str| dateline_search::SearchRequest {
        filters: Filters {
            kinds: vec![Kind::Picture],
            ..Filters::default()
        },
        ..public(text)
    };
    let by_caption = node.find(request("picture")).await;
    assert_eq!(
        by_caption
            .hits
            .iter()
            .map(|h| (h.kind, h.id))
            .collect::<Vec<_>>(),
        vec![(Kind::Picture, f.media.id)]
    );
    let by_credit = node.find(request("agency")).await;
    assert_eq!(by_credit.hits.len(), 1);
    let by_story = node.find(request("quiet")).await;
    assert_eq!(
        by_story.hits.len(),
        1,
        "found by the headline of the story using it"
    );
}
