//! Authors, tags and user accounts.

use dateline_domain::{NewArticle, NewAuthor, NewUser, Role};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{Store, StoreError};

const T: i64 = Fixtures::NOW;

fn author(slug_text: &str, name: &str, edition_id: i64) -> NewAuthor {
    NewAuthor::new(
        slug(slug_text),
        name,
        &format!("About {name} "),
        vec![edition_id],
    )
}

async fn authors_round_trip(store: &Store) {
    let fx = Fixtures::new(store).await;
    let author = |slug_text: &str, name: &str| author(slug_text, name, fx.en.id);
    let zed = store
        .create_author(&author("zed", "Zed Zulu"))
        .await
        .unwrap();
    let amy = store
        .create_author(&author("amy", "  Amy Alpha "))
        .await
        .unwrap();
    assert_eq!(
        (amy.name.as_str(), amy.bio.as_str(), amy.article_count),
        ("Amy Alpha", "About   Amy Alpha", 0)
    );
    assert_eq!(
        store.author_by_slug(&slug("zed")).await.unwrap(),
        Some(zed.clone())
    );
    assert_eq!(store.author_by_id(amy.id).await.unwrap(), Some(amy.clone()));
    assert_eq!(store.author_by_slug(&slug("nobody")).await.unwrap(), None);
    assert_eq!(store.author_by_id(9_999).await.unwrap(), None);
    assert_eq!(
        store
            .authors_by_ids(&[zed.id, 9_999, amy.id])
            .await
            .unwrap(),
        if amy.id < zed.id {
            vec![amy.clone(), zed.clone()]
        } else {
            vec![zed.clone(), amy.clone()]
        },
        "the ones that exist, by id"
    );
    assert!(store.authors_by_ids(&[]).await.unwrap().is_empty());
    assert_eq!(
        store.authors().await.unwrap(),
        vec![amy, fx.author.clone(), zed],
        "by name"
    );

    let err = store
        .create_author(&author("zed", "Other Zed"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Duplicate {
                what: "author slug"
            }
        ),
        "{err:?}"
    );
    let err = store
        .create_author(&author("blank", " "))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(store.authors().await.unwrap().len(), 3);
}

async fn tags_are_upserted_per_edition(store: &Store) {
    let fx = Fixtures::new(store).await;
    let tag = store
        .upsert_tag(fx.en.id, &slug("elections"), "Elections")
        .await
        .unwrap();
    assert_eq!(
        (
            tag.edition_id,
            tag.slug.as_str(),
            tag.name.as_str(),
            tag.article_count
        ),
        (fx.en.id, "elections", "Elections", 0)
    );
    let again = store
        .upsert_tag(fx.en.id, &slug("elections"), "Renamed")
        .await
        .unwrap();
    assert_eq!(again, tag, "an existing tag is returned unchanged");
    let ru = store
        .upsert_tag(fx.ru.id, &slug("elections"), "Выборы")
        .await
        .unwrap();
    assert_ne!(ru.id, tag.id);
    assert_eq!(
        store
            .tag_by_slug(fx.ru.id, &slug("elections"))
            .await
            .unwrap(),
        Some(ru)
    );
    assert_eq!(
        store.tag_by_slug(fx.en.id, &slug("nothing")).await.unwrap(),
        None
    );

    let err = store.upsert_tag(9_999, &slug("x"), "X").await.unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { what: "edition" }),
        "{err:?}"
    );
    let err = store
        .upsert_tag(fx.en.id, &slug("x"), "  ")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
}

async fn top_tags_rank_by_published_use(store: &Store) {
    let fx = Fixtures::new(store).await;
    // (slug, number of published articles); `unused` only tags a draft.
    let plan = [("b-two", 2), ("a-three", 3), ("c-two", 2), ("d-one", 1)];
    let mut n = 0;
    for (tag, uses) in plan {
        for _ in 0..uses {
            n += 1;
            let new = NewArticle {
                tags: vec![(slug(tag), tag.to_uppercase())],
                ..fx.article(&format!("t{n}"), T + n)
            };
            store.create_article(&new).await.unwrap();
        }
    }
    store
        .create_article(&NewArticle {
            tags: vec![(slug("unused"), "Unused".into())],
            ..fx.draft("draft")
        })
        .await
        .unwrap();
    let top: Vec<_> = store
        .top_tags(fx.en.id, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.slug.to_string(), t.article_count))
        .collect();
    let expected =
        [("a-three", 3), ("b-two", 2), ("c-two", 2), ("d-one", 1)].map(|(s, c)| (s.to_string(), c));
    assert_eq!(top, expected);
    assert_eq!(store.top_tags(fx.en.id, 2).await.unwrap().len(), 2);
    // By id, whatever their use: facets name every tag they count.
    let unused = store
        .tag_by_slug(fx.en.id, &slug("unused"))
        .await
        .unwrap()
        .unwrap();
    let three = store
        .tag_by_slug(fx.en.id, &slug("a-three"))
        .await
        .unwrap()
        .unwrap();
    let by_ids = store
        .tags_by_ids(&[unused.id, 9_999, three.id])
        .await
        .unwrap();
    let mut expected = vec![unused, three];
    expected.sort_by_key(|t| t.id);
    assert_eq!(by_ids, expected);
    assert!(store.top_tags(fx.ru.id, 10).await.unwrap().is_empty());
}

async fn users_have_unique_addresses_whatever_the_case(store: &Store) {
    let new = NewUser {
        email: "Desk@Example.org".parse().unwrap(),
        display_name: " News Desk ".into(),
        role: Role::Editor,
        password_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into()),
    };
    let user = store.create_user(&new, T).await.unwrap();
    assert_eq!(user.email.as_str(), "Desk@example.org");
    assert_eq!(
        (user.display_name.as_str(), user.role, user.created_at),
        ("News Desk", Role::Editor, T)
    );
    assert_eq!(user.password_hash, new.password_hash);

    for spelling in ["desk@example.org", "DESK@EXAMPLE.ORG", "Desk@example.org"] {
        let found = store
            .user_by_email(&spelling.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(found.as_ref(), Some(&user), "{spelling}");
    }
    assert_eq!(
        store
            .user_by_email(&"other@example.org".parse().unwrap())
            .await
            .unwrap(),
        None
    );

    let other_case = NewUser {
        email: "DESK@example.org".parse().unwrap(),
        password_hash: None,
        role: Role::Contributor,
        ..new.clone()
    };
    let err = store.create_user(&other_case, T + 1).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Duplicate {
                what: "e-mail address"
            }
        ),
        "{err:?}"
    );

    // An account may wait for its password (set by a mailed link).
    let pending = NewUser {
        email: "pending@example.org".parse().unwrap(),
        display_name: "Pending".into(),
        role: Role::Contributor,
        password_hash: None,
    };
    let pending = store.create_user(&pending, T + 2).await.unwrap();
    assert_eq!(
        (pending.role, pending.password_hash),
        (Role::Contributor, None)
    );
    let err = store
        .create_user(
            &NewUser {
                display_name: " ".into(),
                email: "x@example.org".parse().unwrap(),
                ..new
            },
            T,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
}

on_both_backends!(
    authors_round_trip,
    tags_are_upserted_per_edition,
    top_tags_rank_by_published_use,
    users_have_unique_addresses_whatever_the_case,
);
