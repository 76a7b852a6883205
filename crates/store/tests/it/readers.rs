//! Reader accounts: unique lower-cased addresses, profile and status
//! changes, lockout, sessions with rotation and expiry, one-use tokens and
//! codes with counted guesses, export and deletion.

use dateline_store::testing::Fixtures;
use dateline_store::{
    CodeRefusal, NewReader, NewReaderSession, NewReaderToken, ReaderStatus, Store, StoreError,
    TokenPurpose,
};

const T: i64 = Fixtures::NOW;
const IDLE: i64 = 3600;

fn new_reader(email: &str) -> NewReader {
    NewReader {
        email: email.parse().unwrap(),
        display_name: "  Ann Reader ".into(),
        password_hash: Some("$argon2id$fake".into()),
        language: "en".into(),
        created_at: T,
        verified_at: None,
    }
}

fn session(hash: &str, reader_id: i64, at: i64) -> NewReaderSession {
    NewReaderSession {
        token_hash: hash.into(),
        reader_id,
        created_at: at,
        expires_at: at + 86_400,
        user_agent: "Firefox".into(),
        ip: "127.0.0.1".into(),
    }
}

fn token(hash: &str, purpose: TokenPurpose, reader_id: i64) -> NewReaderToken {
    NewReaderToken {
        token_hash: hash.into(),
        purpose,
        reader_id,
        new_email: String::new(),
        created_at: T,
        expires_at: T + 600,
    }
}

async fn readers_have_unique_lower_cased_addresses(store: &Store) {
    let ann = store
        .create_reader(&new_reader("Ann@Example.ORG"))
        .await
        .unwrap();
    assert_eq!(ann.email, "ann@example.org");
    assert_eq!(ann.display_name, "Ann Reader");
    assert_eq!(ann.status, ReaderStatus::Active);
    assert!(!ann.is_verified());
    assert!(!ann.can_participate(T));
    let dup = store.create_reader(&new_reader("ANN@example.org")).await;
    assert!(matches!(dup, Err(StoreError::Duplicate { .. })), "{dup:?}");
    let found = store
        .reader_by_email(&"aNN@EXAMPLE.org".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, ann.id);
    assert_eq!(store.reader_by_id(ann.id).await.unwrap().unwrap(), ann);
    let mut empty = new_reader("bob@example.org");
    empty.display_name = "   ".into();
    assert!(matches!(
        store.create_reader(&empty).await,
        Err(StoreError::Invalid(_))
    ));
}

async fn profile_password_email_and_status_change(store: &Store) {
    let ann = store
        .create_reader(&new_reader("ann@example.org"))
        .await
        .unwrap();
    let verified = store.verify_reader_email(ann.id, T + 5).await.unwrap();
    assert_eq!(verified.email_verified_at, Some(T + 5));
    // A second proof keeps the first time.
    let again = store.verify_reader_email(ann.id, T + 9).await.unwrap();
    assert_eq!(again.email_verified_at, Some(T + 5));
    assert!(again.can_participate(T + 9));

    let renamed = store
        .update_reader_profile(ann.id, " Ann R. ", "ru")
        .await
        .unwrap();
    assert_eq!(
        (renamed.display_name.as_str(), renamed.language.as_str()),
        ("Ann R.", "ru")
    );

    // A password change ends every session but the one kept.
    for hash in ["s1", "s2", "s3"] {
        store
            .start_reader_session(&session(hash, ann.id, T), None)
            .await
            .unwrap();
    }
    let changed = store
        .set_reader_password(ann.id, Some("$argon2id$new"), Some("s2"))
        .await
        .unwrap();
    assert_eq!(changed.password_hash.as_deref(), Some("$argon2id$new"));
    assert!(store
        .reader_session_by_token("s1", T + 1, IDLE)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .reader_session_by_token("s2", T + 1, IDLE)
        .await
        .unwrap()
        .is_some());

    store
        .create_reader(&new_reader("bob@example.org"))
        .await
        .unwrap();
    let taken = store
        .change_reader_email(ann.id, &"BOB@example.org".parse().unwrap(), T + 20)
        .await;
    assert!(
        matches!(taken, Err(StoreError::Duplicate { .. })),
        "{taken:?}"
    );
    let moved = store
        .change_reader_email(ann.id, &"Ann.New@Example.org".parse().unwrap(), T + 20)
        .await
        .unwrap();
    assert_eq!(moved.email, "ann.new@example.org");
    assert_eq!(moved.email_verified_at, Some(T + 20));

    let suspended = store
        .set_reader_status(ann.id, ReaderStatus::Suspended, Some(T + 100), " spam ")
        .await
        .unwrap();
    assert_eq!(suspended.status, ReaderStatus::Suspended);
    assert_eq!(suspended.status_reason, "spam");
    assert!(!suspended.can_participate(T + 99));
    assert_eq!(suspended.status_at(T + 100), ReaderStatus::Active);
    assert!(suspended.can_participate(T + 100));
    let banned = store
        .set_reader_status(ann.id, ReaderStatus::Banned, Some(T + 100), "abuse")
        .await
        .unwrap();
    assert_eq!(
        (banned.status, banned.suspended_until),
        (ReaderStatus::Banned, None)
    );
    assert!(!banned.can_participate(T + 10_000));
    assert!(matches!(
        store
            .set_reader_status(9999, ReaderStatus::Active, None, "")
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn failed_logins_lock_and_a_sign_in_clears_them(store: &Store) {
    let ann = store
        .create_reader(&new_reader("ann@example.org"))
        .await
        .unwrap();
    for _ in 0..2 {
        assert_eq!(
            store
                .record_reader_login_failure(ann.id, 3, 900, T)
                .await
                .unwrap(),
            None
        );
    }
    assert_eq!(
        store
            .record_reader_login_failure(ann.id, 3, 900, T)
            .await
            .unwrap(),
        Some(T + 900)
    );
    let locked = store.reader_by_id(ann.id).await.unwrap().unwrap();
    assert!(locked.is_locked(T + 899));
    assert!(!locked.is_locked(T + 900));
    store
        .record_reader_login_failure(ann.id, 3, 900, T)
        .await
        .unwrap();
    store
        .start_reader_session(&session("s", ann.id, T), None)
        .await
        .unwrap();
    let cleared = store.reader_by_id(ann.id).await.unwrap().unwrap();
    assert_eq!((cleared.failed_logins, cleared.locked_until), (0, None));
}

async fn sessions_rotate_expire_and_end(store: &Store) {
    let ann = store
        .create_reader(&new_reader("ann@example.org"))
        .await
        .unwrap();
    let first = store
        .start_reader_session(&session("h1", ann.id, T), None)
        .await
        .unwrap();
    let (found, reader) = store
        .reader_session_by_token("h1", T + 10, IDLE)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.id, reader.id), (first.id, ann.id));
    // Idle too long, then touched in time.
    assert!(store
        .reader_session_by_token("h1", T + IDLE, IDLE)
        .await
        .unwrap()
        .is_none());
    store
        .touch_reader_session(first.id, T + IDLE - 1)
        .await
        .unwrap();
    assert!(store
        .reader_session_by_token("h1", T + IDLE, IDLE)
        .await
        .unwrap()
        .is_some());
    // Past the absolute expiry.
    assert!(store
        .reader_session_by_token("h1", T + 86_400, 10 * 86_400)
        .await
        .unwrap()
        .is_none());

    // A sign-in ends the session the browser presented.
    store
        .start_reader_session(&session("h2", ann.id, T + 20), Some("h1"))
        .await
        .unwrap();
    assert!(store
        .reader_session_by_token("h1", T + 21, IDLE)
        .await
        .unwrap()
        .is_none());
    store
        .start_reader_session(&session("h3", ann.id, T + 30), None)
        .await
        .unwrap();
    assert_eq!(
        store
            .reader_sessions_of(ann.id, T + 31)
            .await
            .unwrap()
            .len(),
        2
    );

    assert!(store.end_reader_session("h2").await.unwrap());
    assert!(!store.end_reader_session("h2").await.unwrap());
    store
        .start_reader_session(&session("h4", ann.id, T + 40), None)
        .await
        .unwrap();
    assert_eq!(store.end_all_reader_sessions(ann.id).await.unwrap(), 2);
    assert!(store
        .reader_sessions_of(ann.id, T + 41)
        .await
        .unwrap()
        .is_empty());
}

async fn tokens_are_used_once_and_expire(store: &Store) {
    let ann = store
        .create_reader(&new_reader("ann@example.org"))
        .await
        .unwrap();
    store
        .create_reader_token(&token("v1", TokenPurpose::VerifyEmail, ann.id))
        .await
        .unwrap();
    // Another purpose never matches.
    assert!(store
        .consume_reader_token("v1", TokenPurpose::ResetPassword, T + 1)
        .await
        .unwrap()
        .is_none());
    // Parallel uses: exactly one wins.
    let (a, b) = tokio::join!(
        store.consume_reader_token("v1", TokenPurpose::VerifyEmail, T + 1),
        store.consume_reader_token("v1", TokenPurpose::VerifyEmail, T + 1),
    );
    let wins = [a.unwrap(), b.unwrap()].into_iter().flatten().count();
    assert_eq!(wins, 1);

    store
        .create_reader_token(&token("r1", TokenPurpose::ResetPassword, ann.id))
        .await
        .unwrap();
    assert!(
        store
            .consume_reader_token("r1", TokenPurpose::ResetPassword, T + 600)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );

    // A new token of a purpose replaces the reader's older one.
    let mut change = token("c1", TokenPurpose::ChangeEmail, ann.id);
    change.new_email = "new@example.org".into();
    store.create_reader_token(&change).await.unwrap();
    store
        .create_reader_token(&NewReaderToken {
            token_hash: "c2".into(),
            ..change.clone()
        })
        .await
        .unwrap();
    assert!(store
        .consume_reader_token("c1", TokenPurpose::ChangeEmail, T + 1)
        .await
        .unwrap()
        .is_none());
    let used = store
        .consume_reader_token("c2", TokenPurpose::ChangeEmail, T + 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (used.new_email.as_str(), used.used_at),
        ("new@example.org", Some(T + 1))
    );
    // Spent: v1 and c2 (c1 was replaced by c2); r1 is unspent and unexpired.
    assert_eq!(store.purge_reader_tokens(T + 1).await.unwrap(), 2);
    assert!(store
        .consume_reader_token("r1", TokenPurpose::ResetPassword, T + 2)
        .await
        .unwrap()
        .is_some());
}

async fn codes_count_wrong_guesses(store: &Store) {
    let ann = store
        .create_reader(&new_reader("ann@example.org"))
        .await
        .unwrap();
    store
        .create_reader_token(&token("code-right", TokenPurpose::SignInCode, ann.id))
        .await
        .unwrap();
    for _ in 0..2 {
        let guess = store
            .consume_reader_code(ann.id, "code-wrong", 3, T + 1)
            .await
            .unwrap();
        assert_eq!(guess, Err(CodeRefusal::Wrong));
    }
    let ok = store
        .consume_reader_code(ann.id, "code-right", 3, T + 1)
        .await
        .unwrap();
    assert!(ok.is_ok(), "the right code within the limit works");
    assert_eq!(
        store
            .consume_reader_code(ann.id, "code-right", 3, T + 1)
            .await
            .unwrap(),
        Err(CodeRefusal::Wrong),
        "a code works once"
    );

    // Three wrong guesses kill the code, even for the right one afterwards.
    store
        .create_reader_token(&token("code-2", TokenPurpose::SignInCode, ann.id))
        .await
        .unwrap();
    let mut last = Ok(());
    for _ in 0..3 {
        last = store
            .consume_reader_code(ann.id, "nope", 3, T + 2)
            .await
            .unwrap()
            .map(|_| ());
    }
    assert_eq!(last, Err(CodeRefusal::Exhausted));
    assert!(store
        .consume_reader_code(ann.id, "code-2", 3, T + 2)
        .await
        .unwrap()
        .is_err());

    // Discarding drops the live sign-in secrets.
    store
        .create_reader_token(&token("code-3", TokenPurpose::SignInCode, ann.id))
        .await
        .unwrap();
    store
        .discard_reader_tokens(ann.id, &[TokenPurpose::SignInCode])
        .await
        .unwrap();
    assert!(store
        .consume_reader_code(ann.id, "code-3", 3, T + 2)
        .await
        .unwrap()
        .is_err());
}

async fn export_and_delete(store: &Store) {
    let ann = store
        .create_reader(&new_reader("ann@example.org"))
        .await
        .unwrap();
    store
        .start_reader_session(&session("h1", ann.id, T), None)
        .await
        .unwrap();
    store
        .create_reader_token(&token("t1", TokenPurpose::SignInLink, ann.id))
        .await
        .unwrap();
    let export = store.reader_export(ann.id, T + 5).await.unwrap().unwrap();
    assert_eq!(export["account"]["email"], "ann@example.org");
    assert_eq!(export["account"]["display_name"], "Ann Reader");
    assert_eq!(export["account"]["has_password"], true);
    assert_eq!(export["account"]["status"], "active");
    assert_eq!(export["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(export["sessions"][0]["user_agent"], "Firefox");
    let text = export.to_string();
    assert!(
        !text.contains("argon2"),
        "no password hash in the export: {text}"
    );
    assert!(!text.contains("\"h1\""), "no session secrets in the export");

    assert!(store.delete_reader(ann.id, T + 6).await.unwrap());
    assert!(!store.delete_reader(ann.id, T + 6).await.unwrap());
    assert!(store.reader_by_id(ann.id).await.unwrap().is_none());
    assert!(store
        .reader_session_by_token("h1", T + 1, IDLE)
        .await
        .unwrap()
        .is_none());
    assert!(store.reader_export(ann.id, T).await.unwrap().is_none());
    // The address is free again.
    store
        .create_reader(&new_reader("ann@example.org"))
        .await
        .unwrap();
}

async fn housekeeping_removes_what_has_expired(store: &Store) {
    let ann = store
        .create_reader(&new_reader("ann@example.org"))
        .await
        .unwrap();
    store
        .start_reader_session(&session("new", ann.id, T), None)
        .await
        .unwrap();
    // Started last: a new session clears only its reader's expired ones.
    store
        .start_reader_session(&session("old", ann.id, T - 90_000), None)
        .await
        .unwrap();
    store
        .create_reader_token(&token("spent", TokenPurpose::SignInLink, ann.id))
        .await
        .unwrap();
    assert_eq!(store.purge_expired(T).await.unwrap(), 1, "the old session");
    assert_eq!(store.purge_expired(T + 601).await.unwrap(), 1, "the token");
    assert!(store
        .reader_session_by_token("new", T + 602, IDLE)
        .await
        .unwrap()
        .is_some());
    assert_eq!(store.purge_expired(T + 86_400).await.unwrap(), 1);
}

on_both_backends!(
    readers_have_unique_lower_cased_addresses,
    profile_password_email_and_status_change,
    failed_logins_lock_and_a_sign_in_clears_them,
    sessions_rotate_expire_and_end,
    tokens_are_used_once_and_expire,
    codes_count_wrong_guesses,
    export_and_delete,
    housekeeping_removes_what_has_expired,
);
