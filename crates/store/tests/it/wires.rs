//! Wire ingest: sources and their claims, items at their latest version,
//! duplicates, the queue's search and filters, drafts made from items and
//! the flag a newer version raises on them.

use dateline_domain::{EmailAddress, NewUser, Role};
use dateline_store::testing::Fixtures;
use dateline_store::wires::{
    IncomingWireItem, PollResult, WireContent, WireOutcome, WireQuery, WireSourceInput,
    WireSourceKind, WIRE_ITEMS_KEPT_SECS,
};
use dateline_store::{NewAudit, Store, StoreError};

const T: i64 = Fixtures::NOW;

async fn staff(store: &Store) -> i64 {
    store
        .create_user(
            &NewUser {
                email: "desk@example.org".parse::<EmailAddress>().unwrap(),
                display_name: "Desk".into(),
                role: Role::Editor,
                password_hash: None,
            },
            T,
        )
        .await
        .unwrap()
        .id
}

fn audit(action: &str) -> NewAudit {
    NewAudit::new(action, "wire_source", None, T)
}

async fn source(store: &Store, name: &str) -> i64 {
    store
        .create_wire_source(
            &WireSourceInput {
                name: name.into(),
                kind: WireSourceKind::Url,
                location: format!("https://{name}.example/feed"),
                poll_seconds: 300,
                enabled: true,
            },
            &audit("wire_source.create"),
        )
        .await
        .unwrap()
        .id
}

fn item(guid: &str, version: Option<i64>, headline: &str, body: &str) -> IncomingWireItem {
    IncomingWireItem {
        guid: guid.into(),
        version,
        content: WireContent {
            format: "ninjs".into(),
            kind: "text".into(),
            pub_status: "usable".into(),
            headline: headline.into(),
            lead: format!("Lead: {headline}"),
            body_html: format!("<p>{body}</p>"),
            language: "en-GB".into(),
            urgency: Some(4),
            subjects: "[\"Weather\"]".into(),
            pictures: "[]".into(),
            alt_ids: "[{\"kind\":\"desk\",\"value\":\"A-1\"}]".into(),
            credit: "Example Wire".into(),
            ..WireContent::default()
        },
        body_text: body.into(),
        content_key: format!("{headline}|{body}"),
    }
}

async fn sources_are_claimed_by_one_poller_at_a_time(store: &Store) {
    let id = source(store, "first").await;
    let taken = store
        .create_wire_source(
            &WireSourceInput {
                name: "first".into(),
                kind: WireSourceKind::Folder,
                location: "/srv/wires".into(),
                poll_seconds: 60,
                enabled: true,
            },
            &audit("wire_source.create"),
        )
        .await;
    assert!(matches!(
        taken,
        Err(StoreError::Duplicate { what: "source" })
    ));

    let claimed = store.claim_due_wire_source(T, 300).await.unwrap().unwrap();
    assert_eq!(claimed.id, id);
    assert!(
        store
            .claim_due_wire_source(T + 1, 300)
            .await
            .unwrap()
            .is_none(),
        "a claimed source is not claimed again while the claim lasts"
    );
    let validators = PollResult {
        error: String::new(),
        etag: Some("\"v1\"".into()),
        last_modified: Some("Sat, 05 Dec 2026 06:00:00 GMT".into()),
    };
    store
        .finish_wire_poll(id, &validators, T + 2)
        .await
        .unwrap();
    let polled = store.wire_source(id).await.unwrap();
    assert_eq!(polled.etag, "\"v1\"");
    assert_eq!(polled.last_ok_at, Some(T + 2));
    assert_eq!(polled.next_poll_at, T + 2 + 300);
    assert!(store
        .claim_due_wire_source(T + 10, 300)
        .await
        .unwrap()
        .is_none());

    // A failed poll keeps the validators and says why.
    let failed = store
        .claim_due_wire_source(T + 302, 300)
        .await
        .unwrap()
        .unwrap();
    let error = PollResult {
        error: "the server answered 503".into(),
        ..PollResult::default()
    };
    store
        .finish_wire_poll(failed.id, &error, T + 303)
        .await
        .unwrap();
    let after = store.wire_source(id).await.unwrap();
    assert_eq!(
        (after.etag.as_str(), after.last_error.as_str()),
        ("\"v1\"", "the server answered 503")
    );
    assert_eq!(after.last_ok_at, Some(T + 2));

    // "Poll now", then a claim that ran out is taken by another poller.
    store.poll_wire_source_soon(id).await.unwrap();
    assert!(store
        .claim_due_wire_source(T + 304, 30)
        .await
        .unwrap()
        .is_some());
    assert!(store
        .claim_due_wire_source(T + 320, 30)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .claim_due_wire_source(T + 335, 30)
        .await
        .unwrap()
        .is_some());

    // A new address forgets the old one's validators; switched off, never due.
    let moved = store
        .update_wire_source(
            id,
            &WireSourceInput {
                name: "first".into(),
                kind: WireSourceKind::Url,
                location: "https://elsewhere.example/feed".into(),
                poll_seconds: 120,
                enabled: false,
            },
            &audit("wire_source.update"),
        )
        .await
        .unwrap();
    assert_eq!((moved.etag.as_str(), moved.next_poll_at), ("", 0));
    store
        .finish_wire_poll(id, &PollResult::default(), T)
        .await
        .unwrap();
    assert!(store
        .claim_due_wire_source(T + 10_000, 30)
        .await
        .unwrap()
        .is_none());
}

async fn a_higher_version_replaces_the_item_and_flags_its_drafts(store: &Store) {
    let fx = Fixtures::new(store).await;
    let desk = staff(store).await;
    let src = source(store, "agency").await;
    let first = item(
        "urn:agency:1",
        Some(1),
        "Storm reaches coast",
        "Winds rise.",
    );
    let WireOutcome::New {
        id,
        duplicate_of: None,
    } = store.ingest_wire_item(src, &first, T).await.unwrap()
    else {
        panic!("a new item");
    };
    assert_eq!(
        store.ingest_wire_item(src, &first, T + 1).await.unwrap(),
        WireOutcome::Unchanged { id },
        "the same version again changes nothing"
    );

    let article = store
        .create_wire_draft(
            id,
            &fx.draft("storm-reaches-coast"),
            desk,
            &NewAudit::new("article.create_from_wire", "article", None, T),
        )
        .await
        .unwrap();
    let origin = store.wire_origin(article.id).await.unwrap().unwrap();
    assert_eq!(
        (
            origin.source_name.as_str(),
            origin.guid.as_str(),
            origin.item_version,
            origin.credit.as_str()
        ),
        ("agency", "urn:agency:1", 1, "Example Wire")
    );
    assert!(origin.alt_ids.contains("A-1"));
    assert!(!origin.has_update());

    let second = item(
        "urn:agency:1",
        Some(2),
        "Storm reaches coast, ports shut",
        "Winds rise. Ports shut.",
    );
    assert_eq!(
        store.ingest_wire_item(src, &second, T + 60).await.unwrap(),
        WireOutcome::Updated {
            id,
            version: 2,
            flagged: 1
        }
    );
    let stale = item(
        "urn:agency:1",
        Some(1),
        "Storm reaches coast",
        "Winds rise.",
    );
    assert_eq!(
        store.ingest_wire_item(src, &stale, T + 61).await.unwrap(),
        WireOutcome::Unchanged { id },
        "an older version is not taken"
    );
    let stored = store.wire_item(id).await.unwrap();
    assert_eq!(
        (stored.version, stored.content.headline.as_str()),
        (2, "Storm reaches coast, ports shut")
    );
    assert_eq!((stored.received_at, stored.updated_at), (T, T + 60));

    let origin = store.wire_origin(article.id).await.unwrap().unwrap();
    assert!(origin.has_update());
    assert_eq!(origin.current_version, Some(2));
    assert_eq!(store.flagged_wire_drafts().await.unwrap(), 1);
    let drafts = store.wire_drafts_of(id).await.unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].item_version, 1);

    store.acknowledge_wire_update(article.id).await.unwrap();
    assert!(!store
        .wire_origin(article.id)
        .await
        .unwrap()
        .unwrap()
        .has_update());
    assert_eq!(store.flagged_wire_drafts().await.unwrap(), 0);

    // Removing the source keeps the story's provenance.
    store
        .delete_wire_source(src, &audit("wire_source.delete"))
        .await
        .unwrap();
    let kept = store.wire_origin(article.id).await.unwrap().unwrap();
    assert_eq!((kept.item_id, kept.guid.as_str()), (None, "urn:agency:1"));
    assert!(matches!(
        store.wire_item(id).await,
        Err(StoreError::NotFound)
    ));
}

async fn feed_items_without_versions_count_their_changes(store: &Store) {
    let src = source(store, "feed").await;
    let v1 = item("https://feed.example/a", None, "Market opens", "Shares up.");
    let WireOutcome::New { id, .. } = store.ingest_wire_item(src, &v1, T).await.unwrap() else {
        panic!("a new item");
    };
    assert_eq!(
        store.ingest_wire_item(src, &v1, T + 5).await.unwrap(),
        WireOutcome::Unchanged { id }
    );
    let changed = item(
        "https://feed.example/a",
        None,
        "Market opens higher",
        "Shares up.",
    );
    assert_eq!(
        store.ingest_wire_item(src, &changed, T + 9).await.unwrap(),
        WireOutcome::Updated {
            id,
            version: 2,
            flagged: 0
        }
    );
}

async fn the_same_copy_is_recognised_as_a_duplicate(store: &Store) {
    let a = source(store, "alpha").await;
    let b = source(store, "beta").await;
    let WireOutcome::New { id: first, .. } = store
        .ingest_wire_item(
            a,
            &item("a-1", Some(1), "Bridge opens", "Traffic flows."),
            T,
        )
        .await
        .unwrap()
    else {
        panic!("new");
    };
    let again = store
        .ingest_wire_item(
            b,
            &item("b-77", Some(1), "Bridge opens", "Traffic flows."),
            T + 1,
        )
        .await
        .unwrap();
    let WireOutcome::New {
        id: copy,
        duplicate_of: Some(of),
    } = again
    else {
        panic!("a duplicate: {again:?}");
    };
    assert_eq!(of, first);

    let queue = store
        .wire_queue(&WireQuery {
            limit: 10,
            ..WireQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        queue.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![first]
    );
    let all = store
        .wire_queue(&WireQuery {
            limit: 10,
            with_duplicates: true,
            ..WireQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        all.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![copy, first]
    );
    let copies = store.wire_copies(copy).await.unwrap();
    assert_eq!(
        copies
            .iter()
            .map(|c| c.source_name.as_str())
            .collect::<Vec<_>>(),
        vec!["alpha", "beta"]
    );
}

async fn the_queue_is_searched_and_filtered(store: &Store) {
    let src = source(store, "desk").await;
    let other = source(store, "other").await;
    let mut ru = item("ru-1", Some(1), "Москва: ЛЕДОХОД на реке", "Лёд тронулся.");
    ru.content.language = "ru".into();
    ru.content.urgency = Some(2);
    store.ingest_wire_item(src, &ru, T).await.unwrap();
    let mut en = item(
        "en-1",
        Some(1),
        "Ice breaks up on river",
        "Ice moves 50%_faster.",
    );
    en.content.urgency = None;
    store.ingest_wire_item(other, &en, T + 1).await.unwrap();
    let mut us = item("en-2", Some(1), "Harbour reopens", "Ships return.");
    us.content.language = "en".into();
    us.content.urgency = Some(5);
    store.ingest_wire_item(src, &us, T + 2).await.unwrap();

    let found = |q: WireQuery| async move {
        store
            .wire_queue(&WireQuery { limit: 10, ..q })
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.headline)
            .collect::<Vec<_>>()
    };
    // Cyrillic folds on both backends.
    assert_eq!(
        found(WireQuery {
            text: Some("ледоход".into()),
            ..WireQuery::default()
        })
        .await,
        vec!["Москва: ЛЕДОХОД на реке"]
    );
    // Body words and subjects count; LIKE's wildcards are plain characters.
    assert_eq!(
        found(WireQuery {
            text: Some("50%_f".into()),
            ..WireQuery::default()
        })
        .await
        .len(),
        1
    );
    assert_eq!(
        found(WireQuery {
            text: Some("50%x".into()),
            ..WireQuery::default()
        })
        .await
        .len(),
        0
    );
    assert_eq!(
        found(WireQuery {
            text: Some("weather".into()),
            ..WireQuery::default()
        })
        .await
        .len(),
        3
    );
    // "en" takes "en" and "en-GB".
    assert_eq!(
        found(WireQuery {
            language: Some("en".into()),
            ..WireQuery::default()
        })
        .await,
        vec!["Harbour reopens", "Ice breaks up on river"]
    );
    assert_eq!(
        found(WireQuery {
            max_urgency: Some(4),
            ..WireQuery::default()
        })
        .await,
        vec!["Москва: ЛЕДОХОД на реке"]
    );
    assert_eq!(
        found(WireQuery {
            source_id: Some(other),
            ..WireQuery::default()
        })
        .await,
        vec!["Ice breaks up on river"]
    );
    assert_eq!(
        store.wire_languages().await.unwrap(),
        vec!["en", "en-GB", "ru"]
    );

    // Pages follow one another without a gap or a repeat.
    let first = store
        .wire_queue(&WireQuery {
            limit: 2,
            ..WireQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(first.items.len(), 2);
    let rest = store
        .wire_queue(&WireQuery {
            limit: 2,
            after: first.next,
            ..WireQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        rest.items
            .iter()
            .map(|i| i.headline.as_str())
            .collect::<Vec<_>>(),
        vec!["Москва: ЛЕДОХОД на реке"]
    );
    assert!(rest.next.is_none());
}

async fn old_items_leave_the_queue_and_their_drafts_keep_their_origin(store: &Store) {
    let fx = Fixtures::new(store).await;
    let desk = staff(store).await;
    let src = source(store, "agency").await;
    let WireOutcome::New { id: old, .. } = store
        .ingest_wire_item(src, &item("old", Some(1), "Old news", "Yesterday."), T)
        .await
        .unwrap()
    else {
        panic!("new");
    };
    let article = store
        .create_wire_draft(
            old,
            &fx.draft("old-news"),
            desk,
            &NewAudit::new("article.create_from_wire", "article", None, T),
        )
        .await
        .unwrap();
    let later = T + WIRE_ITEMS_KEPT_SECS;
    store
        .ingest_wire_item(src, &item("fresh", Some(1), "Fresh news", "Today."), later)
        .await
        .unwrap();
    // A day short of the limit, the old item stays; past it, it goes.
    store.purge_expired(later - 86_400).await.unwrap();
    assert!(store.wire_item(old).await.is_ok());
    store.purge_expired(later + 1).await.unwrap();
    assert!(matches!(
        store.wire_item(old).await,
        Err(StoreError::NotFound)
    ));
    let queue = store
        .wire_queue(&WireQuery {
            limit: 10,
            ..WireQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        queue
            .items
            .iter()
            .map(|i| i.headline.as_str())
            .collect::<Vec<_>>(),
        vec!["Fresh news"]
    );
    let origin = store.wire_origin(article.id).await.unwrap().unwrap();
    assert_eq!((origin.item_id, origin.guid.as_str()), (None, "old"));
}

on_both_backends!(
    sources_are_claimed_by_one_poller_at_a_time,
    a_higher_version_replaces_the_item_and_flags_its_drafts,
    feed_items_without_versions_count_their_changes,
    the_same_copy_is_recognised_as_a_duplicate,
    the_queue_is_searched_and_filtered,
    old_items_leave_the_queue_and_their_drafts_keep_their_origin,
);
