//! Staff accounts: creation with editions, updates, lockout counting; every
//! change audited in the same transaction.

use dateline_domain::{NewUser, Role};
use dateline_store::testing::Fixtures;
use dateline_store::{AccountUpdate, AuditQuery, NewAudit, Store, StoreError};

const T: i64 = Fixtures::NOW;

pub fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.parse().unwrap(),
        display_name: format!("Name of {email}"),
        role,
        password_hash: Some(
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA".into(),
        ),
    }
}

fn audit(action: &str) -> NewAudit {
    NewAudit::new(action, "user", None, T)
        .by(None, None)
        .ip("127.0.0.1")
}

async fn accounts_carry_editions_and_are_audited(store: &Store) {
    let fx = Fixtures::new(store).await;
    let editor = store
        .create_account(
            &new_user("Desk@Example.org", Role::Editor),
            &[fx.ru.id, fx.en.id, fx.en.id],
            &audit("user.create"),
        )
        .await
        .unwrap();
    assert_eq!(editor.role(), Role::Editor);
    assert_eq!(editor.editions, {
        let mut ids = vec![fx.en.id, fx.ru.id];
        ids.sort_unstable();
        ids
    });
    assert!(!editor.disabled && editor.locked_until.is_none());
    let by_email = store
        .account_by_email(&"desk@example.org".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_email, editor, "any case finds the account");

    let log = store
        .audit_log(&AuditQuery {
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1);
    let entry = &log.items[0];
    assert_eq!(
        (
            entry.action.as_str(),
            entry.item_type.as_str(),
            entry.item_id
        ),
        ("user.create", "user", Some(editor.id()))
    );
    assert_eq!(entry.details["role"], "editor");

    // Nothing half-saved: an unknown edition rolls back the user and its entry.
    let err = store
        .create_account(
            &new_user("ghost@example.org", Role::Editor),
            &[9_999],
            &audit("user.create"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { what: "edition" }),
        "{err:?}"
    );
    assert!(store
        .account_by_email(&"ghost@example.org".parse().unwrap())
        .await
        .unwrap()
        .is_none());
    let err = store
        .create_account(
            &new_user("desk@example.org", Role::Author),
            &[],
            &audit("user.create"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err:?}");
    let log = store
        .audit_log(&AuditQuery {
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1, "failed writes leave no audit entry");

    let staff = store.staff_accounts().await.unwrap();
    assert_eq!(
        staff.iter().map(|a| a.id()).collect::<Vec<_>>(),
        vec![editor.id()]
    );
    assert_eq!(staff[0].editions.len(), 2);
}

async fn updates_record_old_and_new_values(store: &Store) {
    let fx = Fixtures::new(store).await;
    let user = store
        .create_account(
            &new_user("a@example.org", Role::Author),
            &[],
            &audit("user.create"),
        )
        .await
        .unwrap();
    let updated = store
        .update_account(
            user.id(),
            &AccountUpdate {
                role: Some(Role::Editor),
                editions: Some(vec![fx.en.id]),
                display_name: Some("  Ann  ".into()),
                ..AccountUpdate::default()
            },
            &audit("user.update"),
        )
        .await
        .unwrap();
    assert_eq!(
        (
            updated.role(),
            updated.editions.clone(),
            updated.user.display_name.as_str()
        ),
        (Role::Editor, vec![fx.en.id], "Ann")
    );
    let log = store
        .audit_log(&AuditQuery {
            item_type: Some("user".into()),
            item_id: Some(user.id()),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items[0].action, "user.update");
    assert_eq!(
        log.items[0].details["changes"]["role"],
        serde_json::json!(["author", "editor"])
    );

    let err = store
        .update_account(
            user.id(),
            &AccountUpdate {
                display_name: Some(" ".into()),
                role: Some(Role::Admin),
                ..AccountUpdate::default()
            },
            &audit("user.update"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(
        store
            .account_by_id(user.id())
            .await
            .unwrap()
            .unwrap()
            .role(),
        Role::Editor,
        "nothing half-saved"
    );
    let err = store
        .update_account(9_999, &AccountUpdate::default(), &audit("user.update"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

async fn failures_lock_the_account_at_the_limit(store: &Store) {
    let user = store
        .create_account(
            &new_user("l@example.org", Role::Author),
            &[],
            &audit("user.create"),
        )
        .await
        .unwrap();
    for n in 1..=2 {
        assert_eq!(
            store
                .record_login_failure(user.id(), 3, 900, T)
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            store
                .account_by_id(user.id())
                .await
                .unwrap()
                .unwrap()
                .failed_logins,
            n
        );
    }
    assert_eq!(
        store
            .record_login_failure(user.id(), 3, 900, T)
            .await
            .unwrap(),
        Some(T + 900)
    );
    let locked = store.account_by_id(user.id()).await.unwrap().unwrap();
    assert!(locked.is_locked(T + 899) && !locked.is_locked(T + 900));
    assert_eq!(
        locked.failed_logins, 0,
        "the count starts again after a lock"
    );
    let err = store
        .record_login_failure(9_999, 3, 900, T)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound));
}

on_both_backends!(
    accounts_carry_editions_and_are_audited,
    updates_record_old_and_new_values,
    failures_lock_the_account_at_the_limit,
);
