//! Signing in by a mailed link or code and registering, each one store
//! call and one transaction: when the session cannot start, the link or
//! code is not spent and the address is not marked proven.

use dateline_store::testing::Fixtures;
use dateline_store::{
    CodeRefusal, MailedSecret, NewReader, NewReaderSession, NewReaderToken, Store, StoreError,
    TokenPurpose,
};

const T: i64 = Fixtures::NOW;

fn session(reader_id: i64, hash: &str) -> NewReaderSession {
    NewReaderSession {
        token_hash: hash.into(),
        reader_id,
        created_at: T,
        expires_at: T + 3600,
        user_agent: "test".into(),
        ip: "192.0.2.7".into(),
    }
}

fn token(reader_id: i64, hash: &str, purpose: TokenPurpose) -> NewReaderToken {
    NewReaderToken {
        token_hash: hash.into(),
        purpose,
        reader_id,
        new_email: String::new(),
        created_at: T,
        expires_at: T + 600,
    }
}

async fn reader(store: &Store, email: &str) -> i64 {
    store
        .create_reader(&NewReader {
            email: email.parse().unwrap(),
            display_name: "Ann".into(),
            password_hash: None,
            language: "en".into(),
            created_at: T,
            verified_at: None,
        })
        .await
        .unwrap()
        .id
}

async fn a_link_that_cannot_start_a_session_stays_unspent(store: &Store) {
    let ann = reader(store, "ann@example.org").await;
    store
        .create_reader_token(&token(ann, "link", TokenPurpose::SignInLink))
        .await
        .unwrap();
    store
        .create_reader_token(&token(
            ann,
            &format!("code-{ann}"),
            TokenPurpose::SignInCode,
        ))
        .await
        .unwrap();
    // Another browser's session already has this hash: the insert fails.
    store
        .start_reader_session(&session(ann, "taken"), None)
        .await
        .unwrap();
    let link = MailedSecret::Link {
        token_hash: "link",
        purpose: TokenPurpose::SignInLink,
    };
    let failed = store
        .sign_in_by_mail(link, |id| session(id, "taken"), None, T + 1)
        .await
        .unwrap_err();
    assert!(matches!(failed, StoreError::Duplicate { .. }), "{failed:?}");
    let after = store.reader_by_id(ann).await.unwrap().unwrap();
    assert!(!after.is_verified(), "nothing was written");

    // The same link still works, once.
    let started = store
        .sign_in_by_mail(link, |id| session(id, "fresh"), Some("taken"), T + 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(started.reader_id, ann);
    assert!(store
        .reader_by_id(ann)
        .await
        .unwrap()
        .unwrap()
        .is_verified());
    let sessions = store.reader_sessions_of(ann, T + 2).await.unwrap();
    assert_eq!(sessions.len(), 1, "the presented session ended");
    let again = store
        .sign_in_by_mail(link, |id| session(id, "third"), None, T + 3)
        .await
        .unwrap();
    assert_eq!(again.unwrap_err(), CodeRefusal::Wrong);
    // The code mailed with the link died with it.
    let code = MailedSecret::Code {
        reader_id: ann,
        code_hash: &format!("code-{ann}"),
        max_attempts: 5,
    };
    let refused = store
        .sign_in_by_mail(code, |id| session(id, "fourth"), None, T + 4)
        .await
        .unwrap();
    assert_eq!(refused.unwrap_err(), CodeRefusal::Wrong);
}

async fn a_code_counts_wrong_guesses_and_signs_in_once(store: &Store) {
    let ann = reader(store, "ann@example.org").await;
    store
        .create_reader_token(&token(ann, "right", TokenPurpose::SignInCode))
        .await
        .unwrap();
    let guess = |hash: &'static str| MailedSecret::Code {
        reader_id: ann,
        code_hash: hash,
        max_attempts: 2,
    };
    let wrong = store
        .sign_in_by_mail(guess("wrong"), |id| session(id, "s1"), None, T + 1)
        .await
        .unwrap();
    assert_eq!(wrong.unwrap_err(), CodeRefusal::Wrong);
    let right = store
        .sign_in_by_mail(guess("right"), |id| session(id, "s2"), None, T + 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(right.reader_id, ann);
    assert_eq!(store.reader_sessions_of(ann, T + 2).await.unwrap().len(), 1);
}

async fn registering_stores_the_reader_and_the_link_together(store: &Store) {
    let new = NewReader {
        email: "Bob@example.org".parse().unwrap(),
        display_name: "Bob".into(),
        password_hash: None,
        language: "en".into(),
        created_at: T,
        verified_at: None,
    };
    let (bob, link) = store
        .register_reader(&new, &token(0, "verify-1", TokenPurpose::VerifyEmail))
        .await
        .unwrap();
    assert_eq!(link.reader_id, bob.id);
    // A second registration of the address stores no second link.
    let taken = store
        .register_reader(&new, &token(0, "verify-2", TokenPurpose::VerifyEmail))
        .await
        .unwrap_err();
    assert!(matches!(taken, StoreError::Duplicate { .. }), "{taken:?}");
    assert!(store
        .consume_reader_token("verify-2", TokenPurpose::VerifyEmail, T + 1)
        .await
        .unwrap()
        .is_none());
    let used = store
        .consume_reader_token("verify-1", TokenPurpose::VerifyEmail, T + 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(used.reader_id, bob.id);
}

async fn a_password_reset_link_sets_the_password_and_ends_other_sessions(store: &Store) {
    let ann = reader(store, "ann@example.org").await;
    store
        .start_reader_session(&session(ann, "old-browser"), None)
        .await
        .unwrap();
    store
        .create_reader_token(&token(ann, "reset", TokenPurpose::ResetPassword))
        .await
        .unwrap();
    // A reset link is no sign-in link.
    let wrong = MailedSecret::Link {
        token_hash: "reset",
        purpose: TokenPurpose::SignInLink,
    };
    let refused = store
        .sign_in_by_mail(wrong, |id| session(id, "s0"), None, T + 1)
        .await
        .unwrap();
    assert_eq!(refused.unwrap_err(), CodeRefusal::Wrong);
    let reset = MailedSecret::Reset {
        token_hash: "reset",
        password_hash: "$argon2id$new",
    };
    let started = store
        .sign_in_by_mail(reset, |id| session(id, "new-browser"), None, T + 2)
        .await
        .unwrap()
        .unwrap();
    let sessions = store.reader_sessions_of(ann, T + 2).await.unwrap();
    assert_eq!(
        sessions.iter().map(|s| s.id).collect::<Vec<_>>(),
        [started.id],
        "only the new session is left"
    );
    let after = store.reader_by_id(ann).await.unwrap().unwrap();
    assert!(after.is_verified());
    assert_eq!(after.password_hash.as_deref(), Some("$argon2id$new"));
}

async fn a_change_of_address_to_a_taken_one_keeps_the_link(store: &Store) {
    let ann = reader(store, "ann@example.org").await;
    let bob = reader(store, "bob@example.org").await;
    store
        .create_reader_token(&NewReaderToken {
            new_email: "bob@example.org".into(),
            ..token(ann, "move", TokenPurpose::ChangeEmail)
        })
        .await
        .unwrap();
    let taken = store
        .change_reader_email_by_link("move", T + 1)
        .await
        .unwrap_err();
    assert!(matches!(taken, StoreError::Duplicate { .. }), "{taken:?}");
    // Bob leaves; the same link now works, once.
    assert!(store.delete_reader(bob, T + 2).await.unwrap());
    let (before, after) = store
        .change_reader_email_by_link("move", T + 3)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(before.email, "ann@example.org");
    assert_eq!(after.email, "bob@example.org");
    assert!(store
        .change_reader_email_by_link("move", T + 4)
        .await
        .unwrap()
        .is_none());
}

on_both_backends!(
    a_change_of_address_to_a_taken_one_keeps_the_link,
    a_password_reset_link_sets_the_password_and_ends_other_sessions,
    a_link_that_cannot_start_a_session_stays_unspent,
    a_code_counts_wrong_guesses_and_signs_in_once,
    registering_stores_the_reader_and_the_link_together,
);
