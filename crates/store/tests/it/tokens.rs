//! API tokens: hash look-up, expiry, revocation, disabled owners.

use dateline_domain::Role;
use dateline_store::testing::Fixtures;
use dateline_store::{AccountUpdate, AuditQuery, NewApiToken, NewAudit, Store};

use crate::accounts::new_user;

const T: i64 = Fixtures::NOW;

fn token(user_id: i64, hash: &str, expires_at: Option<i64>) -> NewApiToken {
    NewApiToken {
        user_id,
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

on_both_backends!(
    tokens_live_until_revoked_or_expired,
    disabled_owners_tokens_stop_working
);
