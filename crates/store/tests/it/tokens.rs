//! API tokens: hash look-up, expiry, revocation, disabled owners, and
//! tokens made by tokens (capped expiry and scopes, cascading revocation).

use dateline_domain::Role;
use dateline_store::testing::Fixtures;
use dateline_store::{AccountUpdate, AuditQuery, NewApiToken, NewAudit, Store, StoreError};

use crate::accounts::new_user;

const T: i64 = Fixtures::NOW;

fn token(user_id: i64, hash: &str, expires_at: Option<i64>) -> NewApiToken {
    NewApiToken {
        user_id,
        parent_id: None,
        name: " ci ".into(),
        prefix: "dl_abc".into(),
        token_hash: hash.into(),
        scopes: vec!["articles:read".into(), "media:read".into()],
        created_at: T,
        expires_at,
    }
}

async fn tokens_live_until_revoked_or_expired(store: &Store) {
    let user = store
        .create_account(
            &new_user("t@example.org", Role::Editor),
            &[],
            &NewAudit::new("user.create", "user", None, T),
        )
        .await
        .unwrap();
    let audit = NewAudit::new("token.create", "token", None, T).by(Some(user.id()), None);
    let forever = store
        .create_api_token(&token(user.id(), "h1", None), &audit)
        .await
        .unwrap();
    assert_eq!((forever.name.as_str(), forever.scopes.len()), ("ci", 2));
    let brief = store
        .create_api_token(&token(user.id(), "h2", Some(T + 60)), &audit)
        .await
        .unwrap();

    let (found, owner) = store.api_token_by_hash("h1", T).await.unwrap().unwrap();
    assert_eq!((found.id, owner.id()), (forever.id, user.id()));
    assert!(store
        .api_token_by_hash("h2", T + 59)
        .await
        .unwrap()
        .is_some());
    assert!(
        store
            .api_token_by_hash("h2", T + 60)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    assert!(store.api_token_by_hash("nope", T).await.unwrap().is_none());

    store.touch_api_token(forever.id, T + 5).await.unwrap();
    assert_eq!(
        store
            .api_token_by_id(forever.id)
            .await
            .unwrap()
            .unwrap()
            .last_used_at,
        Some(T + 5)
    );

    let revoke = NewAudit::new("token.revoke", "token", None, T).by(Some(user.id()), None);
    let revoked = store
        .revoke_api_token(forever.id, T + 10, &revoke)
        .await
        .unwrap();
    assert_eq!(revoked.revoked_at, Some(T + 10));
    let again = store
        .revoke_api_token(forever.id, T + 20, &revoke)
        .await
        .unwrap();
    assert_eq!(
        again.revoked_at,
        Some(T + 10),
        "the first revocation stands"
    );
    assert!(store
        .api_token_by_hash("h1", T + 11)
        .await
        .unwrap()
        .is_none());
    assert_eq!(store.api_tokens(Some(user.id())).await.unwrap().len(), 2);
    assert_eq!(
        store.api_tokens(None).await.unwrap()[0].id,
        brief.id,
        "newest first"
    );

    let log = store
        .audit_log(&AuditQuery {
            item_type: Some("token".into()),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["token.revoke", "token.create", "token.create"],
        "one entry per revocation"
    );
}

async fn disabled_owners_tokens_stop_working(store: &Store) {
    let user = store
        .create_account(
            &new_user("x@example.org", Role::Admin),
            &[],
            &NewAudit::new("user.create", "user", None, T),
        )
        .await
        .unwrap();
    let audit = NewAudit::new("token.create", "token", None, T);
    store
        .create_api_token(&token(user.id(), "h", None), &audit)
        .await
        .unwrap();
    store
        .update_account(
            user.id(),
            &AccountUpdate {
                disabled: Some(true),
                ..AccountUpdate::default()
            },
            &NewAudit::new("user.update", "user", None, T),
        )
        .await
        .unwrap();
    assert!(store.api_token_by_hash("h", T).await.unwrap().is_none());
    let err = store
        .create_api_token(&token(9_999, "h9", None), &audit)
        .await
        .unwrap_err();
    assert!(
        matches!(err, dateline_store::StoreError::MissingReference { .. }),
        "{err:?}"
    );
}

async fn editor(store: &Store, email: &str) -> i64 {
    store
        .create_account(
            &new_user(email, Role::Editor),
            &[],
            &NewAudit::new("user.create", "user", None, T),
        )
        .await
        .unwrap()
        .id()
}

fn child(parent: i64, user_id: i64, hash: &str, expires_at: Option<i64>) -> NewApiToken {
    NewApiToken {
        parent_id: Some(parent),
        ..token(user_id, hash, expires_at)
    }
}

async fn a_child_never_outlives_or_exceeds_its_parent(store: &Store) {
    let user = editor(store, "p@example.org").await;
    let audit = NewAudit::new("token.create", "token", None, T);
    let parent = store
        .create_api_token(&token(user, "p", Some(T + 100)), &audit)
        .await
        .unwrap();
    for (hash, asked, got) in [
        ("c1", Some(T + 1000), Some(T + 100)),
        ("c2", None, Some(T + 100)),
        ("c3", Some(T + 50), Some(T + 50)),
    ] {
        let made = store
            .create_api_token(&child(parent.id, user, hash, asked), &audit)
            .await
            .unwrap();
        assert_eq!(
            (made.parent_id, made.expires_at),
            (Some(parent.id), got),
            "{hash}"
        );
    }
    let mut wider = child(parent.id, user, "c4", None);
    wider.scopes.push("articles:write".into());
    let err = store.create_api_token(&wider, &audit).await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let other = editor(store, "o@example.org").await;
    let err = store
        .create_api_token(&child(parent.id, other, "c5", None), &audit)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { .. }),
        "{err:?}"
    );
    let revoke = NewAudit::new("token.revoke", "token", None, T);
    store
        .revoke_api_token(parent.id, T + 1, &revoke)
        .await
        .unwrap();
    let err = store
        .create_api_token(&child(parent.id, user, "c6", None), &audit)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { .. }),
        "{err:?}"
    );
}

async fn revoking_a_token_revokes_its_descendants(store: &Store) {
    let user = editor(store, "r@example.org").await;
    let audit = NewAudit::new("token.create", "token", None, T);
    let root = store
        .create_api_token(&token(user, "root", None), &audit)
        .await
        .unwrap();
    let a = store
        .create_api_token(&child(root.id, user, "a", None), &audit)
        .await
        .unwrap();
    let b = store
        .create_api_token(&child(root.id, user, "b", None), &audit)
        .await
        .unwrap();
    let a1 = store
        .create_api_token(&child(a.id, user, "a1", None), &audit)
        .await
        .unwrap();
    let revoke = NewAudit::new("token.revoke", "token", None, T).by(Some(user), None);
    store.revoke_api_token(a.id, T + 5, &revoke).await.unwrap();
    let live = |hash: &'static str| async move {
        store
            .api_token_by_hash(hash, T + 6)
            .await
            .unwrap()
            .is_some()
    };
    assert_eq!(
        (
            live("root").await,
            live("a").await,
            live("a1").await,
            live("b").await
        ),
        (true, false, false, true)
    );
    store
        .revoke_api_token(root.id, T + 7, &revoke)
        .await
        .unwrap();
    assert!(!live("root").await && !live("b").await);
    let tokens = store.api_tokens(Some(user)).await.unwrap();
    let revoked_at = |id: i64| tokens.iter().find(|t| t.id == id).unwrap().revoked_at;
    assert_eq!(
        revoked_at(a1.id),
        Some(T + 5),
        "the first revocation stands"
    );
    assert_eq!(revoked_at(b.id), Some(T + 7));
    let log = store
        .audit_log(&AuditQuery {
            item_type: Some("token".into()),
            limit: 20,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let revocations: Vec<(Option<i64>, i64)> = log
        .items
        .iter()
        .filter(|e| e.action == "token.revoke")
        .map(|e| (e.item_id, e.details["revoked_with"].as_i64().unwrap_or(0)))
        .collect();
    assert_eq!(
        revocations,
        [
            (Some(b.id), root.id),
            (Some(root.id), 0),
            (Some(a1.id), a.id),
            (Some(a.id), 0)
        ],
        "one entry per token, newest first"
    );
}

on_both_backends!(
    tokens_live_until_revoked_or_expired,
    disabled_owners_tokens_stop_working,
    a_child_never_outlives_or_exceeds_its_parent,
    revoking_a_token_revokes_its_descendants
);
