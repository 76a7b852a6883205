//! The audit log: filters and keyset pages, newest first.

use dateline_domain::{NewSection, Role};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{AuditQuery, NewAudit, SectionUpdate, Store, StoreError};

use crate::accounts::new_user;

const T: i64 = Fixtures::NOW;

async fn pages_and_filters(store: &Store) {
    let admin = store
        .create_account(
            &new_user("adm@example.org", Role::Admin),
            &[],
            &NewAudit::new("user.create", "user", None, T),
        )
        .await
        .unwrap();
    for n in 0..5 {
        let entry = NewAudit::new("article.publish", "article", Some(n % 2), T + n)
            .by(Some(admin.id()), Some(7))
            .ip("10.0.0.1")
            .details(serde_json::json!({ "n": n }));
        store.record_audit(&entry).await.unwrap();
    }
    let first = store
        .audit_log(&AuditQuery {
            item_type: Some("article".into()),
            limit: 2,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        first
            .items
            .iter()
            .map(|e| e.details["n"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [4, 3]
    );
    let e = &first.items[0];
    assert_eq!(
        (
            e.actor_name.as_deref(),
            e.actor_token_id,
            e.ip.as_str(),
            e.at
        ),
        (Some("Name of adm@example.org"), Some(7), "10.0.0.1", T + 4)
    );
    let second = store
        .audit_log(&AuditQuery {
            item_type: Some("article".into()),
            limit: 2,
            before: first.next_before,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        second
            .items
            .iter()
            .map(|e| e.details["n"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [2, 1]
    );
    let last = store
        .audit_log(&AuditQuery {
            item_type: Some("article".into()),
            limit: 2,
            before: second.next_before,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!((last.items.len(), last.next_before), (1, None));
    let item_one = store
        .audit_log(&AuditQuery {
            item_type: Some("article".into()),
            item_id: Some(1),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(item_one.items.len(), 2);
    let by_actor = store
        .audit_log(&AuditQuery {
            actor_user_id: Some(admin.id()),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        by_actor.items.len(),
        5,
        "the account's own creation had no actor"
    );
}

async fn section_writes_are_audited(store: &Store) {
    let fx = Fixtures::new(store).await;
    let audit = NewAudit::new("section.create", "section", None, T).by(Some(1), None);
    let new = NewSection {
        edition_id: fx.en.id,
        slug: slug("sport"),
        title: " Sport ".into(),
        description: "Games".into(),
        position: 5,
    };
    let sport = store.create_section_audited(&new, &audit).await.unwrap();
    assert_eq!((sport.title.as_str(), sport.position), ("Sport", 5));
    let err = store
        .create_section_audited(&new, &audit)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err:?}");
    let reserved = NewSection {
        slug: slug("tag"),
        ..new.clone()
    };
    assert!(matches!(
        store
            .create_section_audited(&reserved, &audit)
            .await
            .unwrap_err(),
        StoreError::Invalid(_)
    ));

    let update = NewAudit::new("section.update", "section", None, T);
    let renamed = store
        .update_section(
            sport.id,
            &SectionUpdate {
                title: Some("Sports".into()),
                ..SectionUpdate::default()
            },
            &update,
        )
        .await
        .unwrap();
    assert_eq!(
        (
            renamed.title.as_str(),
            renamed.description.as_str(),
            renamed.position
        ),
        ("Sports", "Games", 5)
    );
    let err = store
        .update_section(
            sport.id,
            &SectionUpdate {
                title: Some("  ".into()),
                ..SectionUpdate::default()
            },
            &update,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
    assert!(matches!(
        store
            .update_section(9_999, &SectionUpdate::default(), &update)
            .await
            .unwrap_err(),
        StoreError::NotFound
    ));

    let log = store
        .audit_log(&AuditQuery {
            item_type: Some("section".into()),
            item_id: Some(sport.id),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["section.update", "section.create"],
        "failed writes leave no entry"
    );
    assert_eq!(
        log.items[0].details["changes"]["title"],
        serde_json::json!(["Sport", "Sports"])
    );
}

on_both_backends!(pages_and_filters, section_writes_are_audited);
