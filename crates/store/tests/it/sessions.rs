//! Sessions: found by token hash, idle and absolute expiry, rotation at
//! login, logout everywhere, disabled accounts.

use dateline_domain::Role;
use dateline_store::testing::Fixtures;
use dateline_store::{AccountUpdate, AuditQuery, NewAudit, NewSession, Store};

use crate::accounts::new_user;

const T: i64 = Fixtures::NOW;
const IDLE: i64 = 3600;

fn session(hash: &str, user_id: i64, at: i64) -> NewSession {
    NewSession {
        token_hash: hash.into(),
        user_id,
        created_at: at,
        expires_at: at + 86_400,
        user_agent: "Firefox".into(),
        ip: "127.0.0.1".into(),
    }
}

fn audit(action: &str, user_id: i64) -> NewAudit {
    NewAudit::new(action, "session", None, T).by(Some(user_id), None)
}

async fn sessions_expire_when_idle_or_old(store: &Store) {
    let user = store
        .create_account(
            &new_user("s@example.org", Role::Editor),
            &[],
            &NewAudit::new("user.create", "user", None, T),
        )
        .await
        .unwrap();
    store
        .record_login_failure(user.id(), 5, 900, T)
        .await
        .unwrap();
    let s = store
        .start_session(
            &session("h1", user.id(), T),
            None,
            &audit("session.login", user.id()),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .account_by_id(user.id())
            .await
            .unwrap()
            .unwrap()
            .failed_logins,
        0,
        "a login clears failures"
    );
    let (found, account) = store
        .session_by_token("h1", T + 10, IDLE)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.id, account.id()), (s.id, user.id()));
    assert!(store
        .session_by_token("other", T, IDLE)
        .await
        .unwrap()
        .is_none());
    // Idle: no use for an hour.
    assert!(store
        .session_by_token("h1", T + IDLE, IDLE)
        .await
        .unwrap()
        .is_none());
    store.touch_session(s.id, T + IDLE - 1).await.unwrap();
    assert!(store
        .session_by_token("h1", T + IDLE + 10, IDLE)
        .await
        .unwrap()
        .is_some());
    // Absolute: however active, it ends a day after it started.
    store.touch_session(s.id, T + 86_399).await.unwrap();
    assert!(store
        .session_by_token("h1", T + 86_400, IDLE)
        .await
        .unwrap()
        .is_none());
}

async fn login_rotates_and_logout_everywhere_ends_all(store: &Store) {
    let user = store
        .create_account(
            &new_user("r@example.org", Role::Editor),
            &[],
            &NewAudit::new("user.create", "user", None, T),
        )
        .await
        .unwrap();
    let other = store
        .create_account(
            &new_user("o@example.org", Role::Author),
            &[],
            &NewAudit::new("user.create", "user", None, T),
        )
        .await
        .unwrap();
    store
        .start_session(
            &session("old", user.id(), T),
            None,
            &audit("session.login", user.id()),
        )
        .await
        .unwrap();
    store
        .start_session(
            &session("new", user.id(), T),
            Some("old"),
            &audit("session.login", user.id()),
        )
        .await
        .unwrap();
    assert!(
        store
            .session_by_token("old", T, IDLE)
            .await
            .unwrap()
            .is_none(),
        "the presented session is replaced"
    );
    store
        .start_session(
            &session("laptop", user.id(), T),
            None,
            &audit("session.login", user.id()),
        )
        .await
        .unwrap();
    store
        .start_session(
            &session("theirs", other.id(), T),
            None,
            &audit("session.login", other.id()),
        )
        .await
        .unwrap();
    assert_eq!(
        store.sessions_of(user.id(), T, IDLE).await.unwrap().len(),
        2
    );

    assert!(store
        .end_session("laptop", &audit("session.logout", user.id()))
        .await
        .unwrap());
    assert!(!store
        .end_session("laptop", &audit("session.logout", user.id()))
        .await
        .unwrap());
    store
        .start_session(
            &session("phone", user.id(), T),
            None,
            &audit("session.login", user.id()),
        )
        .await
        .unwrap();
    let ended = store
        .end_all_sessions(user.id(), &audit("session.logout_everywhere", user.id()))
        .await
        .unwrap();
    assert_eq!(ended, 2);
    assert!(store
        .sessions_of(user.id(), T, IDLE)
        .await
        .unwrap()
        .is_empty());
    assert!(
        store
            .session_by_token("theirs", T, IDLE)
            .await
            .unwrap()
            .is_some(),
        "other users keep theirs"
    );

    let log = store
        .audit_log(&AuditQuery {
            actor_user_id: Some(user.id()),
            limit: 50,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "session.logout_everywhere",
            "session.login",
            "session.logout",
            "session.login",
            "session.login",
            "session.login"
        ]
    );
    assert_eq!(log.items[0].details["sessions_ended"], 2);
}

async fn disabling_ends_sessions(store: &Store) {
    let user = store
        .create_account(
            &new_user("d@example.org", Role::Editor),
            &[],
            &NewAudit::new("user.create", "user", None, T),
        )
        .await
        .unwrap();
    store
        .start_session(
            &session("h", user.id(), T),
            None,
            &audit("session.login", user.id()),
        )
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
    assert!(store
        .session_by_token("h", T, IDLE)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .sessions_of(user.id(), T, IDLE)
        .await
        .unwrap()
        .is_empty());
}

on_both_backends!(
    sessions_expire_when_idle_or_old,
    login_rotates_and_logout_everywhere_ends_all,
    disabling_ends_sessions,
);
