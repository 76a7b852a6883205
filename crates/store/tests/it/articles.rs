//! Creating and reading articles, and what creation rejects.

use dateline_domain::{ArticleStatus, BodyBlock, HeadingLevel, NewArticle};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{Store, StoreError};

use crate::assert_no_drift;

const T: i64 = Fixtures::NOW;

pub fn rich_body(picture: i64) -> Vec<BodyBlock> {
    vec![
        BodyBlock::paragraph("First."),
        BodyBlock::Heading {
            level: HeadingLevel::try_from(2).unwrap(),
            text: "Then".into(),
        },
        BodyBlock::Quote {
            text: "We will.".into(),
            attribution: "the mayor said".into(),
        },
        BodyBlock::Image {
            media_id: picture,
            caption: Some("Own caption".into()),
        },
        BodyBlock::Embed {
            url: "https://example.org/v".into(),
            title: None,
        },
    ]
}

async fn create_reads_back_everything(store: &Store) {
    let fx = Fixtures::new(store).await;
    let (picture, _) = store
        .create_media(&Fixtures::media_asset(2, T))
        .await
        .unwrap();
    let second = store
        .create_author(&dateline_domain::NewAuthor::new(
            slug("john-doe"),
            "John Doe",
            "",
            vec![fx.en.id],
        ))
        .await
        .unwrap();
    let existing = store
        .upsert_tag(fx.en.id, &slug("climate"), "Climate")
        .await
        .unwrap();
    let new = NewArticle {
        body: rich_body(picture.id),
        author_ids: vec![second.id, fx.author.id, second.id],
        tags: vec![
            (slug("floods"), "Floods".into()),
            (slug("climate"), "Ignored new name".into()),
            (slug("floods"), "Twice".into()),
        ],
        ..fx.article("river-rises", T)
    };
    let article = store.create_article(&new).await.unwrap();

    assert_eq!(article.slug.as_str(), "river-rises");
    assert_eq!(
        (article.edition_id, article.section_id),
        (fx.en.id, fx.world.id)
    );
    assert_eq!(article.headline, "Headline of river-rises");
    assert_eq!(article.body, rich_body(picture.id));
    assert_eq!(article.status, ArticleStatus::Published);
    assert_eq!(
        (article.published_at, article.updated_at, article.created_at),
        (Some(T), T, T)
    );
    assert_eq!(article.lead_media_id, Some(fx.media.id));
    assert_eq!(
        article.translation_group, article.id,
        "a new story starts its own group"
    );
    assert_eq!((article.version, article.comment_count), (1, 0));
    let byline: Vec<_> = article.authors.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(
        byline,
        ["john-doe", "jane-roe"],
        "byline order kept, duplicates dropped"
    );
    let tags: Vec<_> = article
        .tags
        .iter()
        .map(|t| (t.slug.as_str(), t.name.as_str()))
        .collect();
    assert_eq!(tags, [("floods", "Floods"), ("climate", "Climate")]);
    assert_eq!(article.tags[1].id, existing.id, "an existing tag is reused");
    assert!(article
        .tags
        .iter()
        .all(|t| t.article_count == 1 && t.edition_id == fx.en.id));
    assert!(article.authors.iter().all(|a| a.article_count == 1));

    assert_eq!(
        store.article_by_id(article.id).await.unwrap(),
        Some(article.clone())
    );
    assert_eq!(
        store
            .article_by_slug(fx.en.id, &slug("river-rises"))
            .await
            .unwrap(),
        Some(article.clone())
    );
    assert_eq!(
        store
            .article_by_slug(fx.ru.id, &slug("river-rises"))
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.article_by_id(article.id + 1).await.unwrap(), None);

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
            .section_by_id(fx.world.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        1
    );
    assert_eq!(
        store
            .section_by_id(fx.business.id)
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
        1
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
    assert_no_drift(store).await;
}

async fn drafts_count_nowhere_but_media(store: &Store) {
    let fx = Fixtures::new(store).await;
    let draft = store
        .create_article(&NewArticle {
            tags: vec![(slug("floods"), "Floods".into())],
            ..fx.draft("quiet")
        })
        .await
        .unwrap();
    assert_eq!(
        (draft.status, draft.published_at),
        (ArticleStatus::Draft, None)
    );
    assert_eq!(draft.tags[0].article_count, 0);
    assert_eq!(draft.authors[0].article_count, 0);
    assert_eq!(
        store
            .edition_by_id(fx.en.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        0
    );
    // Media usage counts every article that uses the picture, drafts too.
    assert_eq!(
        store
            .media_by_id(fx.media.id)
            .await
            .unwrap()
            .unwrap()
            .usage_count,
        1
    );
    assert_no_drift(store).await;
}

async fn duplicate_slug_is_a_duplicate_and_changes_nothing(store: &Store) {
    let fx = Fixtures::new(store).await;
    store.create_article(&fx.article("same", T)).await.unwrap();
    let again = NewArticle {
        tags: vec![(slug("new-tag"), "New tag".into())],
        ..fx.article("same", T + 1)
    };
    let err = store.create_article(&again).await.unwrap_err();
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
        store.tag_by_slug(fx.en.id, &slug("new-tag")).await.unwrap(),
        None,
        "rolled back"
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
    assert_eq!(
        store
            .media_by_id(fx.media.id)
            .await
            .unwrap()
            .unwrap()
            .usage_count,
        1
    );

    // Slugs are unique per edition only.
    let ru = NewArticle {
        edition_id: fx.ru.id,
        section_id: fx.ru_world.id,
        ..fx.article("same", T)
    };
    store.create_article(&ru).await.unwrap();
    assert_no_drift(store).await;
}

async fn unknown_references_are_missing_references(store: &Store) {
    let fx = Fixtures::new(store).await;
    let cases = [
        (
            NewArticle {
                section_id: 9_999,
                ..fx.article("a1", T)
            },
            "section",
        ),
        // A section of another edition is as good as unknown.
        (
            NewArticle {
                section_id: fx.ru_world.id,
                ..fx.article("a2", T)
            },
            "section",
        ),
        (
            NewArticle {
                edition_id: 9_999,
                ..fx.article("a3", T)
            },
            "section",
        ),
        (
            NewArticle {
                author_ids: vec![fx.author.id, 9_999],
                ..fx.article("a4", T)
            },
            "author",
        ),
        (
            NewArticle {
                lead_media_id: Some(9_999),
                ..fx.article("a5", T)
            },
            "media asset",
        ),
        (
            NewArticle {
                body: rich_body(9_999),
                ..fx.article("a6", T)
            },
            "media asset",
        ),
    ];
    for (new, expected) in cases {
        let err = store.create_article(&new).await.unwrap_err();
        assert!(
            matches!(err, StoreError::MissingReference { what } if what == expected),
            "{} → {err:?}",
            new.slug
        );
        assert_eq!(
            store
                .article_by_slug(new.edition_id, &new.slug)
                .await
                .unwrap(),
            None
        );
    }
    assert_eq!(
        store
            .edition_by_id(fx.en.id)
            .await
            .unwrap()
            .unwrap()
            .article_count,
        0
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
            .media_by_id(fx.media.id)
            .await
            .unwrap()
            .unwrap()
            .usage_count,
        0
    );
    assert_no_drift(store).await;
}

async fn invalid_articles_are_rejected(store: &Store) {
    let fx = Fixtures::new(store).await;
    let cases = [
        (
            NewArticle {
                headline: "   ".into(),
                ..fx.article("b1", T)
            },
            "invalid_headline",
        ),
        (
            NewArticle {
                published_at: None,
                ..fx.article("b2", T)
            },
            "missing_publication_time",
        ),
        (
            NewArticle {
                body: vec![BodyBlock::paragraph(" ")],
                ..fx.article("b3", T)
            },
            "empty_block",
        ),
    ];
    for (new, code) in cases {
        let err = store.create_article(&new).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Invalid(ref e) if e.code == code),
            "{err:?}"
        );
    }
    assert_eq!(
        store.article_by_slug(fx.en.id, &slug("b1")).await.unwrap(),
        None
    );
}
on_both_backends!(
    create_reads_back_everything,
    drafts_count_nowhere_but_media,
    duplicate_slug_is_a_duplicate_and_changes_nothing,
    unknown_references_are_missing_references,
    invalid_articles_are_rejected,
);
