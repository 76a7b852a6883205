//! Front-page curation: an edition's arrangement is replaced whole in one
//! transaction, guarded by its version, audited, announced as a purge of
//! the edition's listings; refusals change nothing.

use dateline_domain::{FrontLayout, NewArticle, SectionPins};
use dateline_store::events::{CacheKey, Event};
use dateline_store::testing::Fixtures;
use dateline_store::{AuditQuery, NewAudit, Store, StoreError};

const T: i64 = Fixtures::NOW;

fn audit() -> NewAudit {
    NewAudit::new("front.save", "edition", None, T)
}

fn layout(top: &[i64], pins: &[(i64, &[i64])]) -> FrontLayout {
    FrontLayout::new(
        top.to_vec(),
        pins.iter()
            .map(|(section_id, ids)| SectionPins {
                section_id: *section_id,
                article_ids: ids.to_vec(),
            })
            .collect(),
    )
    .unwrap()
}

/// Stories in `en/world` (two published, one draft) and one in
/// `en/business`.
async fn stories(store: &Store, fx: &Fixtures) -> [i64; 4] {
    let mut ids = [0; 4];
    let news = [
        fx.article("one", T),
        fx.article("two", T - 60),
        fx.draft("three"),
        NewArticle {
            section_id: fx.business.id,
            ..fx.article("four", T - 120)
        },
    ];
    for (id, new) in ids.iter_mut().zip(news) {
        *id = store.create_article(&new).await.unwrap().id;
    }
    ids
}

async fn an_arrangement_is_replaced_whole_guarded_by_its_version(store: &Store) {
    let fx = Fixtures::new(store).await;
    let [one, two, draft, business] = stories(store, &fx).await;
    let never = store.front_arrangement(fx.en.id).await.unwrap();
    assert_eq!((never.version, never.updated_at), (0, None));
    assert!(never.layout.is_empty());

    let mut events = store.subscribe();
    let first = layout(&[two, one, draft], &[(fx.business.id, &[business])]);
    let saved = store
        .save_front(fx.en.id, &first, 0, &audit())
        .await
        .unwrap();
    assert_eq!(
        (saved.version, saved.updated_at, &saved.layout),
        (1, Some(T), &first)
    );
    assert_eq!(store.front_arrangement(fx.en.id).await.unwrap(), saved);
    match &*events.recv().await.unwrap() {
        Event::Purge { keys, .. } => {
            assert_eq!(keys, &[CacheKey::Edition(fx.en.id).to_string()]);
        }
        other => panic!("expected the front page's purge, got {other:?}"),
    }
    assert_eq!(
        store.front_arrangement(fx.ru.id).await.unwrap().version,
        0,
        "each edition has its own"
    );

    // Saved from a stale read: refused, nothing changed.
    let second = layout(&[one], &[]);
    assert!(matches!(
        store.save_front(fx.en.id, &second, 0, &audit()).await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(store.front_arrangement(fx.en.id).await.unwrap(), saved);

    // From the current version: replaced whole (the pin is gone).
    let replaced = store
        .save_front(fx.en.id, &second, 1, &audit())
        .await
        .unwrap();
    assert_eq!((replaced.version, &replaced.layout), (2, &second));
    assert!(replaced.layout.pins().is_empty());

    let log = store
        .audit_log(&AuditQuery {
            item_type: Some("edition".into()),
            item_id: Some(fx.en.id),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let saves: Vec<_> = log
        .items
        .iter()
        .filter(|e| e.action == "front.save")
        .collect();
    assert_eq!(saves.len(), 2, "one entry per save, none for the refusal");
    assert_eq!(saves[0].details["after"]["top"], serde_json::json!([one]));
    assert_eq!(
        saves[0].details["before"]["top"],
        serde_json::json!([two, one, draft])
    );
}

async fn refused_arrangements_change_nothing(store: &Store) {
    let fx = Fixtures::new(store).await;
    let [one, two, _, business] = stories(store, &fx).await;
    let ru = store
        .create_article(&NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            ..fx.article("odin", T)
        })
        .await
        .unwrap()
        .id;
    let saved = store
        .save_front(fx.en.id, &layout(&[one], &[]), 0, &audit())
        .await
        .unwrap();
    let refusals = [
        (layout(&[two, ru], &[]), "top", "other_edition"),
        (layout(&[two, 999_999], &[]), "top", "unknown_article"),
        (
            layout(&[two], &[(fx.business.id, &[one])]),
            "pins",
            "wrong_section",
        ),
        (
            layout(&[two], &[(fx.ru_world.id, &[ru])]),
            "pins",
            "foreign_section",
        ),
        (
            layout(&[], &[(fx.world.id, &[business])]),
            "pins",
            "wrong_section",
        ),
    ];
    for (refused, field, code) in refusals {
        match store.save_front(fx.en.id, &refused, 1, &audit()).await {
            Err(StoreError::Invalid(err)) => assert_eq!((err.field, err.code), (field, code)),
            other => panic!("{code}: expected a refusal, got {other:?}"),
        }
        assert_eq!(
            store.front_arrangement(fx.en.id).await.unwrap(),
            saved,
            "{code}: nothing changed"
        );
    }
    // Shapes are refused before the store is asked.
    assert_eq!(
        FrontLayout::new((1..=21).collect(), vec![])
            .unwrap_err()
            .code,
        "too_many_top"
    );
}

async fn of_two_editors_saving_at_once_one_wins(store: &Store) {
    let fx = Fixtures::new(store).await;
    let [one, two, _, _] = stories(store, &fx).await;
    let (mine, theirs) = (layout(&[one, two], &[]), layout(&[two], &[]));
    let entry = audit();
    let (a, b) = tokio::join!(
        store.save_front(fx.en.id, &mine, 0, &entry),
        store.save_front(fx.en.id, &theirs, 0, &entry),
    );
    let winner = match (a, b) {
        (Ok(won), Err(StoreError::Conflict { .. }))
        | (Err(StoreError::Conflict { .. }), Ok(won)) => won,
        other => panic!("exactly one save wins: {other:?}"),
    };
    assert_eq!(winner.version, 1);
    assert_eq!(store.front_arrangement(fx.en.id).await.unwrap(), winner);
}

on_both_backends!(
    an_arrangement_is_replaced_whole_guarded_by_its_version,
    refused_arrangements_change_nothing,
    of_two_editors_saving_at_once_one_wins,
);
