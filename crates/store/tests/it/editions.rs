//! Editions and sections.

use dateline_domain::{NewEdition, NewSection, TextDirection};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{Store, StoreError};

fn new_edition(code: &str, position: i32) -> NewEdition {
    NewEdition {
        code: code.parse().unwrap(),
        name: format!("Edition {code}"),
        language: "ar".parse().unwrap(),
        direction: TextDirection::Rtl,
        time_zone: "Asia/Dubai".parse().unwrap(),
        date_format: "%Y-%m-%d".parse().unwrap(),
        logo_media_id: None,
        position,
        number_system: dateline_domain::NumberSystem::Latin,
    }
}

async fn editions_round_trip_in_display_order(store: &Store) {
    let fx = Fixtures::new(store).await;
    // Position -1 sorts first although it was created last.
    let ar = store.create_edition(&new_edition("ar", -1)).await.unwrap();
    assert_eq!(ar.code.as_str(), "ar");
    assert_eq!(ar.direction, TextDirection::Rtl);
    assert_eq!(ar.time_zone.as_str(), "Asia/Dubai");
    assert_eq!(ar.date_format.as_str(), "%Y-%m-%d");
    assert_eq!(
        (ar.position, ar.article_count, ar.logo_media_id),
        (-1, 0, None)
    );

    let codes: Vec<_> = store
        .editions()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.code.to_string())
        .collect();
    assert_eq!(codes, ["ar", "en", "ru"]);
    assert_eq!(
        store.edition_by_code(&"ru".parse().unwrap()).await.unwrap(),
        Some(fx.ru.clone())
    );
    assert_eq!(
        store.edition_by_id(fx.en.id).await.unwrap(),
        Some(fx.en.clone())
    );
    assert_eq!(
        store.edition_by_code(&"de".parse().unwrap()).await.unwrap(),
        None
    );
    assert_eq!(store.edition_by_id(9_999).await.unwrap(), None);
    assert_eq!(fx.ru.name, "Дейтлайн");
}

async fn edition_errors(store: &Store) {
    let fx_en = Fixtures::new(store).await.en.id;
    let err = store
        .create_edition(&new_edition("en", 5))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Duplicate { what: "edition" }),
        "{err:?}"
    );
    let err = store
        .create_edition(&NewEdition {
            name: "  ".into(),
            ..new_edition("de", 0)
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref e) if e.code == "empty_name"),
        "{err:?}"
    );
    let err = store
        .create_edition(&new_edition("api", 0))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref e) if e.code == "reserved_edition_code"),
        "{err:?}"
    );
    let err = store
        .create_section(&NewSection {
            edition_id: fx_en,
            slug: "newsfeed".parse().unwrap(),
            title: "Newsfeed".into(),
            description: String::new(),
            position: 9,
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref e) if e.code == "reserved_section_slug"),
        "{err:?}"
    );
    let err = store
        .create_edition(&NewEdition {
            logo_media_id: Some(9_999),
            ..new_edition("fr", 0)
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { .. }),
        "{err:?}"
    );
    assert_eq!(store.editions().await.unwrap().len(), 2);
}

async fn edition_logo_is_set_and_cleared(store: &Store) {
    let fx = Fixtures::new(store).await;
    store
        .set_edition_logo(fx.en.id, Some(fx.media.id))
        .await
        .unwrap();
    assert_eq!(
        store
            .edition_by_id(fx.en.id)
            .await
            .unwrap()
            .unwrap()
            .logo_media_id,
        Some(fx.media.id)
    );
    store.set_edition_logo(fx.en.id, None).await.unwrap();
    assert_eq!(
        store
            .edition_by_id(fx.en.id)
            .await
            .unwrap()
            .unwrap()
            .logo_media_id,
        None
    );

    let err = store
        .set_edition_logo(fx.en.id, Some(9_999))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::MissingReference {
                what: "media asset"
            }
        ),
        "{err:?}"
    );
    let err = store.set_edition_logo(9_999, None).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

async fn sections_round_trip_and_reject_duplicates(store: &Store) {
    let fx = Fixtures::new(store).await;
    let slugs: Vec<_> = store
        .sections(fx.en.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.slug.to_string())
        .collect();
    assert_eq!(slugs, ["world", "business"]);
    assert_eq!(
        store.sections(fx.ru.id).await.unwrap(),
        vec![fx.ru_world.clone()]
    );
    assert!(store.sections(9_999).await.unwrap().is_empty());

    assert_eq!(
        store
            .section_by_slug(fx.en.id, &slug("business"))
            .await
            .unwrap(),
        Some(fx.business.clone())
    );
    // The same slug in another edition is another section.
    assert_eq!(
        store
            .section_by_slug(fx.ru.id, &slug("world"))
            .await
            .unwrap(),
        Some(fx.ru_world.clone())
    );
    assert_eq!(
        store
            .section_by_slug(fx.ru.id, &slug("business"))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.section_by_id(fx.world.id).await.unwrap(),
        Some(fx.world.clone())
    );
    assert_eq!(store.section_by_id(9_999).await.unwrap(), None);
    assert_eq!(fx.world.description, "World news");
    assert_eq!(fx.world.article_count, 0);

    let new = NewSection {
        edition_id: fx.en.id,
        slug: slug("world"),
        title: "World again".into(),
        description: String::new(),
        position: 9,
    };
    let err = store.create_section(&new).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Duplicate { what: "section" }),
        "{err:?}"
    );
    let err = store
        .create_section(&NewSection {
            edition_id: 9_999,
            slug: slug("sport"),
            ..new.clone()
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { what: "section" }),
        "{err:?}"
    );
    let err = store
        .create_section(&NewSection {
            title: " ".into(),
            slug: slug("sport"),
            ..new
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(store.sections(fx.en.id).await.unwrap().len(), 2);
}

on_both_backends!(
    editions_round_trip_in_display_order,
    edition_errors,
    edition_logo_is_set_and_cleared,
    sections_round_trip_and_reject_duplicates,
);
