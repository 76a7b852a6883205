//! Bylines managed by staff: profiles, editions, the audit trail, and the
//! rule that a story's byline comes from its edition's authors.

use dateline_domain::{AuthorProfile, NewArticle, NewAuthor, NewUser, Role};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{ArticleUpdate, AuditQuery, AuthorUpdate, NewAudit, Save, Store, StoreError};

const T: i64 = Fixtures::NOW;

async fn staff(store: &Store, email: &str) -> i64 {
    let new = NewUser {
        email: email.parse().unwrap(),
        display_name: "Desk".into(),
        role: Role::Author,
        password_hash: None,
    };
    store.create_user(&new, T).await.unwrap().id
}

fn audit(action: &str) -> NewAudit {
    NewAudit::new(action, "author", None, T)
}

async fn profiles_are_saved_with_their_audit_and_checked(store: &Store) {
    let fx = Fixtures::new(store).await;
    let anna_account = staff(store, "anna@example.org").await;
    assert!(
        !store
            .media_by_id(fx.media.id)
            .await
            .unwrap()
            .unwrap()
            .is_public,
        "no story uses the fixture picture yet"
    );
    let new = NewAuthor {
        profile: AuthorProfile {
            photo_media_id: Some(fx.media.id),
            links: vec!["https://example.org/anna".into()],
            user_id: Some(anna_account),
            edition_ids: vec![fx.en.id],
        },
        ..NewAuthor::new(slug("anna-berg"), " Anna Berg ", "Science.", Vec::new())
    };
    let anna = store
        .create_author_audited(&new, &audit("author.create"))
        .await
        .unwrap();
    assert_eq!(anna.name, "Anna Berg");
    assert_eq!(anna.photo_media_id, Some(fx.media.id));
    assert_eq!(anna.links, vec!["https://example.org/anna".to_owned()]);
    assert_eq!(anna.user_id, Some(anna_account));
    assert_eq!(
        store.author_editions(anna.id).await.unwrap(),
        vec![fx.en.id]
    );
    assert_eq!(
        store.author_by_id(anna.id).await.unwrap(),
        Some(anna.clone())
    );
    assert_eq!(
        store.author_of_user(anna_account).await.unwrap(),
        Some(anna.clone())
    );
    assert!(
        store
            .media_by_id(fx.media.id)
            .await
            .unwrap()
            .unwrap()
            .is_public,
        "the photo is shown on a public page, so choosing it releases it"
    );
    let by_edition = |edition| async move {
        let found = store.authors_of_edition(edition).await.unwrap();
        found.into_iter().map(|a| a.name).collect::<Vec<_>>()
    };
    assert_eq!(by_edition(fx.en.id).await, ["Anna Berg", "Jane Roe"]);
    assert_eq!(by_edition(fx.ru.id).await, ["Jane Roe"]);

    // Refusals name what is wrong and change nothing.
    let refused = |profile: AuthorProfile| NewAuthor {
        profile,
        ..NewAuthor::new(slug("other"), "Other", "", Vec::new())
    };
    let good = AuthorProfile {
        edition_ids: vec![fx.en.id],
        ..AuthorProfile::default()
    };
    let cases = [
        (
            AuthorProfile {
                photo_media_id: Some(9_999),
                ..good.clone()
            },
            "photo",
        ),
        (
            AuthorProfile {
                user_id: Some(9_999),
                ..good.clone()
            },
            "user",
        ),
        (
            AuthorProfile {
                edition_ids: vec![9_999],
                ..good.clone()
            },
            "edition",
        ),
    ];
    for (profile, what) in cases {
        let err = store
            .create_author_audited(&refused(profile), &audit("author.create"))
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::MissingReference { what: w } if w == what),
            "{what}: {err:?}"
        );
    }
    let taken = AuthorProfile {
        user_id: Some(anna_account),
        ..good.clone()
    };
    let err = store
        .create_author_audited(&refused(taken), &audit("author.create"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Duplicate {
                what: "author account"
            }
        ),
        "{err:?}"
    );
    for bad in [
        AuthorProfile {
            links: vec!["javascript:alert(1)".into()],
            ..good.clone()
        },
        AuthorProfile {
            edition_ids: Vec::new(),
            ..good.clone()
        },
    ] {
        let err = store
            .create_author_audited(&refused(bad), &audit("author.create"))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    }
    assert_eq!(store.authors().await.unwrap().len(), 2);

    // A change: everything but the slug, with before and after audited.
    let update = AuthorUpdate {
        name: "Anna Berg-Lund".into(),
        bio: "Science and climate.".into(),
        profile: AuthorProfile {
            photo_media_id: None,
            links: Vec::new(),
            user_id: None,
            edition_ids: vec![fx.ru.id, fx.en.id],
        },
    };
    let changed = store
        .update_author(anna.id, &update, &audit("author.update"))
        .await
        .unwrap();
    assert_eq!(
        (changed.slug.as_str(), changed.name.as_str()),
        ("anna-berg", "Anna Berg-Lund")
    );
    assert_eq!((changed.photo_media_id, changed.user_id), (None, None));
    assert_eq!(
        store.author_editions(anna.id).await.unwrap(),
        vec![fx.en.id, fx.ru.id]
    );
    let log = store
        .audit_log(&AuditQuery {
            item_type: Some("author".into()),
            item_id: Some(anna.id),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<_> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["author.update", "author.create"]);
    assert_eq!(log.items[0].details["before"]["name"], "Anna Berg");
    assert_eq!(log.items[0].details["after"]["name"], "Anna Berg-Lund");
    assert_eq!(
        log.items[0].details["before"]["user_id"],
        serde_json::json!(anna_account)
    );

    let err = store
        .update_author(9_999, &update, &audit("author.update"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

async fn a_byline_comes_from_the_story_edition(store: &Store) {
    let fx = Fixtures::new(store).await;
    let anna = store
        .create_author(&NewAuthor::new(slug("anna"), "Anna", "", vec![fx.en.id]))
        .await
        .unwrap();
    let in_russian = NewArticle {
        edition_id: fx.ru.id,
        section_id: fx.ru_world.id,
        author_ids: vec![anna.id],
        ..fx.article("mir", T)
    };
    let err = store.create_article(&in_russian).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(e) if e.code == "author_not_in_edition"),
        "{err:?}"
    );
    let created = store
        .create_article(&NewArticle {
            author_ids: vec![anna.id, fx.author.id],
            ..fx.article("world", T)
        })
        .await
        .unwrap();
    let ru_story = store
        .create_article(&NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            ..fx.article("mir", T)
        })
        .await
        .unwrap();
    let sign = |ids: Vec<i64>| ArticleUpdate {
        author_ids: Some(ids),
        ..ArticleUpdate::default()
    };
    let err = store
        .save_article(ru_story.id, 1, &sign(vec![anna.id]), Save::by(None), T + 1)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let unchanged = store.article_by_id(ru_story.id).await.unwrap().unwrap();
    assert_eq!(unchanged.version, 1, "a refused save changes nothing");
    let ids: Vec<_> = unchanged.authors.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![fx.author.id]);

    // Anna leaves the English edition: the story she signs can still be
    // saved with her byline, but she cannot sign another one there.
    let away = AuthorUpdate {
        name: anna.name.clone(),
        bio: String::new(),
        profile: AuthorProfile {
            edition_ids: vec![fx.ru.id],
            ..AuthorProfile::default()
        },
    };
    store
        .update_author(anna.id, &away, &audit("author.update"))
        .await
        .unwrap();
    let kept = store
        .save_article(
            created.id,
            1,
            &sign(vec![fx.author.id, anna.id]),
            Save::by(None),
            T + 2,
        )
        .await
        .unwrap();
    assert_eq!(kept.authors.len(), 2);
    let another = store
        .create_article(&fx.article("another", T))
        .await
        .unwrap();
    let err = store
        .save_article(another.id, 1, &sign(vec![anna.id]), Save::by(None), T + 3)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    store
        .save_article(ru_story.id, 1, &sign(vec![anna.id]), Save::by(None), T + 4)
        .await
        .unwrap();
}

on_both_backends!(
    profiles_are_saved_with_their_audit_and_checked,
    a_byline_comes_from_the_story_edition,
);
