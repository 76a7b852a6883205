//! Case-insensitive matching beyond ASCII, the same on both backends: the
//! newsroom's search and e-mail addresses in Russian.

use dateline_domain::{EmailAddress, NewUser, Role};
use dateline_store::testing::Fixtures;
use dateline_store::{ArticleUpdate, DeskQuery, NewReader, Store, StoreError};

const T: i64 = Fixtures::NOW;

async fn found(store: &Store, text: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = store
        .desk_articles(&DeskQuery {
            text: Some(text.into()),
            limit: 50,
            ..DeskQuery::default()
        })
        .await
        .unwrap()
        .items
        .iter()
        .map(|row| row.id)
        .collect();
    ids.sort_unstable();
    ids
}

async fn a_search_in_russian_finds_any_case(store: &Store) {
    let fx = Fixtures::new(store).await;
    let created = store
        .create_article(&dateline_domain::NewArticle {
            headline: "москва встречает весну".into(),
            ..fx.article("spring", T)
        })
        .await
        .unwrap();
    let in_lead = store
        .create_article(&dateline_domain::NewArticle {
            lead: "Вся МОСКВА стоит в пробках".into(),
            ..fx.article("traffic", T)
        })
        .await
        .unwrap();
    let edited = store
        .create_article(&fx.article("renamed", T))
        .await
        .unwrap();
    store
        .update_article(
            edited.id,
            edited.version,
            &ArticleUpdate {
                headline: Some("Москвичи выбирают".into()),
                ..ArticleUpdate::default()
            },
            T + 60,
        )
        .await
        .unwrap();
    store
        .insert_articles_bulk(
            &[dateline_domain::NewArticle {
                headline: "Ёлки в Москве".into(),
                ..fx.article("trees", T)
            }],
            &[vec![]],
        )
        .await
        .unwrap();
    let bulk = store
        .desk_articles(&DeskQuery {
            text: Some("ёлки".into()),
            limit: 50,
            ..DeskQuery::default()
        })
        .await
        .unwrap()
        .items;
    assert_eq!(bulk.len(), 1, "bulk-loaded articles are searchable");
    store
        .create_article(&fx.article("elsewhere", T))
        .await
        .unwrap();

    assert_eq!(found(store, "Москва").await, vec![created.id, in_lead.id]);
    assert_eq!(found(store, "москва").await, vec![created.id, in_lead.id]);
    let mut moscow = vec![created.id, in_lead.id, edited.id, bulk[0].id];
    moscow.sort_unstable();
    assert_eq!(found(store, "МОСКВ").await, moscow);
    assert_eq!(found(store, "ЁЛКИ").await, vec![bulk[0].id]);
    assert!(found(store, "Петербург").await.is_empty());
}

async fn staff_addresses_differing_in_cyrillic_case_are_one_account(store: &Store) {
    let user = |email: &str| NewUser {
        email: email.parse().unwrap(),
        display_name: "Иван".into(),
        role: Role::Editor,
        password_hash: None,
    };
    let ivan = store
        .create_user(&user("Иван.Петров@пример.рф"), T)
        .await
        .unwrap();
    let again = store
        .create_user(&user("иван.петров@пример.рф"), T)
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::Duplicate { .. }), "{again:?}");
    let lower: EmailAddress = "иван.петров@пример.рф".parse().unwrap();
    let upper: EmailAddress = "ИВАН.ПЕТРОВ@ПРИМЕР.РФ".parse().unwrap();
    for email in [&lower, &upper] {
        assert_eq!(
            store.user_by_email(email).await.unwrap().map(|u| u.id),
            Some(ivan.id)
        );
        assert_eq!(
            store.account_by_email(email).await.unwrap().map(|a| a.id()),
            Some(ivan.id)
        );
    }
    // The address is shown as it was typed.
    assert_eq!(ivan.email.as_str(), "Иван.Петров@пример.рф");
}

async fn reader_addresses_differing_in_cyrillic_case_are_one_account(store: &Store) {
    let reader = |email: &str| NewReader {
        email: email.parse().unwrap(),
        display_name: "Мария".into(),
        password_hash: None,
        language: "ru".into(),
        created_at: T,
        verified_at: None,
    };
    let maria = store
        .create_reader(&reader("Мария@пример.рф"))
        .await
        .unwrap();
    let again = store
        .create_reader(&reader("МАРИЯ@пример.рф"))
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::Duplicate { .. }), "{again:?}");
    let found = store
        .reader_by_email(&"мАрИя@ПРИМЕР.РФ".parse().unwrap())
        .await
        .unwrap()
        .map(|r| r.id);
    assert_eq!(found, Some(maria.id));
}

on_both_backends!(
    a_search_in_russian_finds_any_case,
    staff_addresses_differing_in_cyrillic_case_are_one_account,
    reader_addresses_differing_in_cyrillic_case_are_one_account,
);
