//! Staff invitations: an account without a password, a link that works
//! once and until it expires, a new link replacing the old one.

use dateline_domain::{NewUser, Role};
use dateline_store::testing::Fixtures;
use dateline_store::{AuditQuery, NewAudit, NewInvitation, Store, StoreError};

const T: i64 = Fixtures::NOW;
const DAY: i64 = 86_400;

fn link(hash: &str, at: i64) -> NewInvitation {
    NewInvitation {
        token_hash: hash.into(),
        created_at: at,
        expires_at: at + 7 * DAY,
        invited_by: None,
    }
}

fn new_user(email: &str) -> NewUser {
    NewUser {
        email: email.parse().unwrap(),
        display_name: "Ola".into(),
        role: Role::Author,
        // Ignored: an invited account has no password until it chooses one.
        password_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into()),
    }
}

async fn an_invitation_works_once_until_it_expires(store: &Store) {
    let fx = Fixtures::new(store).await;
    let audit = NewAudit::new("user.invite", "user", None, T);
    let account = store
        .invite_staff(
            &new_user("ola@example.org"),
            &[fx.en.id],
            &link("h1", T),
            &audit,
        )
        .await
        .unwrap();
    assert_eq!(account.user.password_hash, None);
    assert_eq!(account.editions, vec![fx.en.id]);
    let open = store.open_invitations().await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].user_id, account.id());

    let (invitation, invited) = store.open_invitation("h1", T + 10).await.unwrap().unwrap();
    assert_eq!(
        (invitation.user_id, invited.id()),
        (account.id(), account.id())
    );
    assert!(
        store
            .open_invitation("h1", T + 7 * DAY)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    assert!(store.open_invitation("nope", T).await.unwrap().is_none());

    let accept = NewAudit::new("user.invitation_accept", "user", None, T + 20);
    let err = store
        .accept_invitation("h1", "$argon2id$new", T + 7 * DAY, &accept)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "expired: {err:?}");
    let accepted = store
        .accept_invitation("h1", "$argon2id$new", T + 20, &accept)
        .await
        .unwrap();
    assert_eq!(
        accepted.user.password_hash.as_deref(),
        Some("$argon2id$new")
    );
    let again = store
        .accept_invitation("h1", "$argon2id$other", T + 30, &accept)
        .await
        .unwrap_err();
    assert!(
        matches!(again, StoreError::NotFound),
        "used once: {again:?}"
    );
    assert!(store.open_invitation("h1", T + 30).await.unwrap().is_none());
    assert!(store.open_invitations().await.unwrap().is_empty());
    let kept = store.account_by_id(account.id()).await.unwrap().unwrap();
    assert_eq!(kept.user.password_hash.as_deref(), Some("$argon2id$new"));

    // Once a password is chosen there is nothing to send again.
    let resend = NewAudit::new("user.invite_again", "user", Some(account.id()), T + 40);
    let err = store
        .reinvite_staff(account.id(), &link("h2", T + 40), &resend)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");

    let log = store
        .audit_log(&AuditQuery {
            item_type: Some("user".into()),
            item_id: Some(account.id()),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<_> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["user.invitation_accept", "user.invite"]);
    assert_eq!(log.items[0].actor_user_id, Some(account.id()));
}

async fn sending_again_replaces_the_link(store: &Store) {
    let fx = Fixtures::new(store).await;
    let audit = NewAudit::new("user.invite", "user", None, T);
    let account = store
        .invite_staff(
            &new_user("ola@example.org"),
            &[fx.en.id],
            &link("old", T),
            &audit,
        )
        .await
        .unwrap();
    let resend = NewAudit::new("user.invite_again", "user", Some(account.id()), T + 60);
    store
        .reinvite_staff(account.id(), &link("new", T + 60), &resend)
        .await
        .unwrap();
    assert!(store
        .open_invitation("old", T + 61)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .open_invitation("new", T + 61)
        .await
        .unwrap()
        .is_some());
    assert_eq!(store.open_invitations().await.unwrap().len(), 1);
    let accept = NewAudit::new("user.invitation_accept", "user", None, T + 70);
    let err = store
        .accept_invitation("old", "$argon2id$x", T + 70, &accept)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    // A taken address is refused and leaves no invitation behind.
    let err = store
        .invite_staff(&new_user("OLA@example.org"), &[], &link("dup", T), &audit)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err:?}");
    assert!(store.open_invitation("dup", T).await.unwrap().is_none());
    let err = store
        .reinvite_staff(9_999, &link("none", T), &resend)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

on_both_backends!(
    an_invitation_works_once_until_it_expires,
    sending_again_replaces_the_link,
);
