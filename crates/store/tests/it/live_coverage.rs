//! Live coverage: opening and ending it, entries posted, edited, pinned and
//! deleted with their audit rows, change numbers that let streams resume
//! exactly, the events every write announces, and comments becoming
//! visible announced to open pages.

use std::sync::Arc;
use std::time::Duration;

use dateline_domain::comment::CommentStatus;
use dateline_domain::{NewUser, Role};
use dateline_store::comments::{ModerationAction, NewComment, StatusChange};
use dateline_store::events::Event;
use dateline_store::live::{EntryChange, LiveStatus, NewLiveEntry};
use dateline_store::testing::Fixtures;
use dateline_store::{AuditQuery, NewAudit, Store, StoreError};
use tokio::sync::broadcast::Receiver;

const T: i64 = Fixtures::NOW;

async fn editor(store: &Store) -> i64 {
    let new = NewUser {
        email: "live@example.org".parse().unwrap(),
        display_name: "Live Desk".into(),
        role: Role::Editor,
        password_hash: None,
    };
    store.create_user(&new, T).await.unwrap().id
}

fn audit(action: &str, article_id: i64, user: i64, at: i64) -> NewAudit {
    NewAudit::new(action, "article", Some(article_id), at).by(Some(user), None)
}

fn entry(article_id: i64, user: i64, text: &str, at: i64) -> NewLiveEntry {
    NewLiveEntry {
        article_id,
        body_source: text.to_owned(),
        body_html: format!("<p>{text}</p>"),
        author_user_id: Some(user),
        at,
        audit: audit("live.entry.post", article_id, user, at),
    }
}

/// The next `LiveCoverage` or `CommentPublished` event, skipping purges.
async fn next_live(rx: &mut Receiver<Arc<Event>>) -> Event {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("an event in time")
            .unwrap();
        match &*event {
            Event::Purge { .. } => continue,
            other => return other.clone(),
        }
    }
}

async fn entries_post_edit_pin_and_delete_in_numbered_changes(store: &Store) {
    let fx = Fixtures::new(store).await;
    let user = editor(store).await;
    let article = store.create_article(&fx.article("storm", T)).await.unwrap();
    // No coverage yet: nothing to post to.
    let refused = store
        .post_live_entry(&entry(article.id, user, "early", T))
        .await;
    assert!(
        matches!(&refused, Err(StoreError::Invalid(e)) if e.code == "live_not_open"),
        "{refused:?}"
    );
    assert_eq!(store.live_coverage(article.id).await.unwrap(), None);

    let mut events = store.subscribe();
    let opened = store
        .open_live_coverage(
            article.id,
            T + 1,
            &audit("live.open", article.id, user, T + 1),
        )
        .await
        .unwrap();
    assert_eq!(
        (opened.status, opened.seq, opened.started_at),
        (LiveStatus::Open, 1, T + 1)
    );
    assert_eq!(
        next_live(&mut events).await,
        Event::LiveCoverage {
            article_id: article.id,
            seq: 1
        }
    );

    let first = store
        .post_live_entry(&entry(article.id, user, "Winds rise", T + 10))
        .await
        .unwrap();
    let second = store
        .post_live_entry(&entry(article.id, user, "Roads closed", T + 20))
        .await
        .unwrap();
    let third = store
        .post_live_entry(&entry(article.id, user, "Power cut", T + 30))
        .await
        .unwrap();
    assert_eq!((first.seq, second.seq, third.seq), (2, 3, 4));
    assert_eq!(first.author_name.as_deref(), Some("Live Desk"));
    assert_eq!(first.body_html, "<p>Winds rise</p>");
    for seq in 2..=4 {
        assert_eq!(
            next_live(&mut events).await,
            Event::LiveCoverage {
                article_id: article.id,
                seq
            }
        );
    }
    // Newest first.
    let listed: Vec<i64> = store
        .live_entries(article.id)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(listed, [third.id, second.id, first.id]);

    // A stream that saw change 2 resumes with exactly what came after.
    let after_two: Vec<i64> = store
        .live_changes(article.id, 2)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(after_two, [second.id, third.id]);

    let pinned = store
        .change_live_entry(
            article.id,
            first.id,
            &EntryChange::Pin,
            T + 40,
            &audit("live.entry.pin", article.id, user, T + 40),
        )
        .await
        .unwrap();
    assert!(pinned.pinned);
    assert_eq!(pinned.seq, 5);
    let edited = store
        .change_live_entry(
            article.id,
            second.id,
            &EntryChange::Edit {
                body_source: "Roads reopened".into(),
                body_html: "<p>Roads reopened</p>".into(),
            },
            T + 50,
            &audit("live.entry.edit", article.id, user, T + 50),
        )
        .await
        .unwrap();
    assert_eq!(
        (
            edited.body_html.as_str(),
            edited.updated_at,
            edited.posted_at
        ),
        ("<p>Roads reopened</p>", T + 50, T + 20)
    );
    let deleted = store
        .change_live_entry(
            article.id,
            third.id,
            &EntryChange::Delete,
            T + 60,
            &audit("live.entry.delete", article.id, user, T + 60),
        )
        .await
        .unwrap();
    assert_eq!(deleted.deleted_at, Some(T + 60));
    // A deleted entry is gone from the page and cannot be changed again;
    // an entry of another article is not found through this one.
    let listed: Vec<i64> = store
        .live_entries(article.id)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(listed, [second.id, first.id]);
    let again = store
        .change_live_entry(
            article.id,
            third.id,
            &EntryChange::Pin,
            T + 61,
            &audit("live.entry.pin", article.id, user, T + 61),
        )
        .await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    let other = store.create_article(&fx.article("other", T)).await.unwrap();
    let wrong = store
        .change_live_entry(
            other.id,
            first.id,
            &EntryChange::Unpin,
            T + 62,
            &audit("live.entry.unpin", other.id, user, T + 62),
        )
        .await;
    assert!(matches!(wrong, Err(StoreError::NotFound)), "{wrong:?}");

    // Changes after 4: the pin, the edit and the deletion, each entry once
    // as it is now, in the order of their last change.
    let changes = store.live_changes(article.id, 4).await.unwrap();
    let seen: Vec<(i64, i64, bool, bool)> = changes
        .iter()
        .map(|e| (e.id, e.seq, e.pinned, e.deleted_at.is_some()))
        .collect();
    assert_eq!(
        seen,
        [
            (first.id, 5, true, false),
            (second.id, 6, false, false),
            (third.id, 7, false, true)
        ]
    );

    // Ending keeps the entries and refuses new ones; reopening continues the numbers.
    let ended = store
        .end_live_coverage(
            article.id,
            T + 70,
            &audit("live.end", article.id, user, T + 70),
        )
        .await
        .unwrap();
    assert_eq!(
        (ended.status, ended.seq, ended.status_seq, ended.ended_at),
        (LiveStatus::Ended, 8, 8, Some(T + 70))
    );
    let late = store
        .post_live_entry(&entry(article.id, user, "late", T + 80))
        .await;
    assert!(matches!(late, Err(StoreError::Invalid(_))), "{late:?}");
    assert!(matches!(
        store
            .end_live_coverage(
                article.id,
                T + 81,
                &audit("live.end", article.id, user, T + 81)
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.live_entries(article.id).await.unwrap().len(), 2);
    let reopened = store
        .open_live_coverage(
            article.id,
            T + 90,
            &audit("live.open", article.id, user, T + 90),
        )
        .await
        .unwrap();
    assert_eq!(
        (
            reopened.status,
            reopened.seq,
            reopened.started_at,
            reopened.ended_at
        ),
        (LiveStatus::Open, 9, T + 1, None)
    );
    assert!(matches!(
        store
            .open_live_coverage(i64::MAX, T, &audit("live.open", 0, user, T))
            .await,
        Err(StoreError::NotFound)
    ));

    // Every write left its audit row, naming the entry it touched.
    let log = store
        .audit_log(&AuditQuery {
            actor_user_id: Some(user),
            item_type: None,
            item_id: Some(article.id),
            before: None,
            limit: 50,
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().rev().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "live.open",
            "live.entry.post",
            "live.entry.post",
            "live.entry.post",
            "live.entry.pin",
            "live.entry.edit",
            "live.entry.delete",
            "live.end",
            "live.open"
        ]
    );
    assert_eq!(log.items[2].details["entry_id"], third.id);
}

async fn concurrent_posts_take_distinct_numbers(store: &Store) {
    let fx = Fixtures::new(store).await;
    let user = editor(store).await;
    let article = store.create_article(&fx.article("race", T)).await.unwrap();
    store
        .open_live_coverage(article.id, T, &audit("live.open", article.id, user, T))
        .await
        .unwrap();
    let posts = (0..8).map(|i| {
        let store = store.clone();
        let new = entry(article.id, user, &format!("entry {i}"), T + i);
        tokio::spawn(async move { store.post_live_entry(&new).await.unwrap().seq })
    });
    let mut seqs = Vec::new();
    for post in posts {
        seqs.push(post.await.unwrap());
    }
    seqs.sort_unstable();
    assert_eq!(seqs, (2..=9).collect::<Vec<_>>());
    assert_eq!(store.live_changes(article.id, 1).await.unwrap().len(), 8);
}

async fn comments_becoming_visible_are_announced_once(store: &Store) {
    let fx = Fixtures::new(store).await;
    let user = editor(store).await;
    let article = store.create_article(&fx.article("talk", T)).await.unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400, true).await;
    let mut events = store.subscribe();
    let comment = |status, text: &str, at| NewComment {
        article_id: article.id,
        reader_id: ann,
        reply_to: None,
        body_source: text.to_owned(),
        body_html: format!("<p>{text}</p>"),
        status,
        status_reason: String::new(),
        ip: "192.0.2.1".into(),
        at,
    };
    let shown = store
        .post_comment(&comment(CommentStatus::Published, "first", T + 1))
        .await
        .unwrap();
    assert_eq!(
        next_live(&mut events).await,
        Event::CommentPublished {
            article_id: article.id,
            comment_id: shown.id
        }
    );
    // Held for review: nothing to show until a moderator approves it.
    let held = store
        .post_comment(&comment(CommentStatus::Pending, "second", T + 2))
        .await
        .unwrap();
    let approve = StatusChange {
        comment_id: held.id,
        action: ModerationAction::Approve,
        reason: String::new(),
        at: T + 3,
        actor_user_id: user,
        audit: NewAudit::new("comment.approve", "comment", Some(held.id), T + 3)
            .by(Some(user), None),
    };
    store.moderate_comment(&approve).await.unwrap();
    assert_eq!(
        next_live(&mut events).await,
        Event::CommentPublished {
            article_id: article.id,
            comment_id: held.id
        }
    );
    let since: Vec<i64> = store
        .comments_published_since(article.id, T + 2)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(since, [held.id]);

    // Leaving the page is announced too: a rejection, and the comments an
    // account deletion takes away.
    store
        .moderate_comment(&StatusChange {
            action: ModerationAction::Reject,
            audit: NewAudit::new("comment.reject", "comment", Some(held.id), T + 4),
            ..approve
        })
        .await
        .unwrap();
    assert_eq!(
        next_live(&mut events).await,
        Event::CommentHidden {
            article_id: article.id,
            comment_id: held.id
        }
    );
    assert!(store.delete_reader(ann, T + 5).await.unwrap());
    assert_eq!(
        next_live(&mut events).await,
        Event::CommentHidden {
            article_id: article.id,
            comment_id: shown.id
        }
    );
}

on_both_backends!(
    entries_post_edit_pin_and_delete_in_numbered_changes,
    concurrent_posts_take_distinct_numbers,
    comments_becoming_visible_are_announced_once,
);
