//! Moderators racing on the same comments: each decision is taken once and
//! the counters stay exact, on both backends.

use crate::numbered_comment as post;
use dateline_domain::comment::CommentStatus;
use dateline_domain::{NewUser, Role};
use dateline_store::comments::{ModerationAction, NewComment, StatusChange};
use dateline_store::testing::Fixtures;
use dateline_store::{NewAudit, Store, StoreError};

const T: i64 = Fixtures::NOW;
const MODERATORS: i64 = 6;

async fn moderators(store: &Store) -> Vec<i64> {
    let mut ids = Vec::new();
    for n in 0..MODERATORS {
        let new = NewUser {
            email: format!("desk{n}@example.org").parse().unwrap(),
            display_name: format!("Desk {n}"),
            role: Role::Editor,
            password_hash: None,
        };
        ids.push(store.create_user(&new, T).await.unwrap().id);
    }
    ids
}

fn change(id: i64, action: ModerationAction, actor: i64) -> StatusChange {
    StatusChange {
        comment_id: id,
        action,
        reason: "spam".to_owned(),
        at: T + 10,
        actor_user_id: actor,
        audit: NewAudit::new(action.as_str(), "comment", Some(id), T + 10).by(Some(actor), None),
    }
}

async fn assert_exact(store: &Store) {
    let drift = store.comment_counter_drift().await.unwrap();
    assert!(drift.is_empty(), "comment counter drift: {drift:?}");
}

/// Runs `decide(moderator index, round)` on every moderator at once.
async fn all_at_once<F, Fut>(decide: F)
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let tasks: Vec<_> = (0..MODERATORS as usize)
        .map(|m| tokio::spawn(decide(m)))
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
}

async fn moderators_approving_the_same_comments_approve_each_once(store: &Store) {
    let fx = Fixtures::new(store).await;
    let desks = moderators(store).await;
    let article = store.create_article(&fx.article("busy", T)).await.unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400, true).await;
    let mut held = Vec::new();
    for n in 0..12 {
        held.push(
            post(store, article.id, ann, None, CommentStatus::Pending, n)
                .await
                .id,
        );
    }
    all_at_once(|m| {
        let (store, held, desk) = (store.clone(), held.clone(), desks[m]);
        async move {
            for id in held {
                let after = store
                    .moderate_comment(&change(id, ModerationAction::Approve, desk))
                    .await
                    .unwrap();
                assert_eq!(after.status, CommentStatus::Published);
            }
        }
    })
    .await;
    assert_eq!(
        store
            .article_by_id(article.id)
            .await
            .unwrap()
            .unwrap()
            .comment_count,
        12
    );
    let (log, _) = store.moderation_log(None, 100).await.unwrap();
    let mut decided: Vec<i64> = log.iter().filter_map(|e| e.comment_id).collect();
    decided.sort_unstable();
    assert_eq!(decided, held, "each comment approved exactly once");
    assert_exact(store).await;
}

async fn racing_decisions_on_threads_keep_counters_exact(store: &Store) {
    let fx = Fixtures::new(store).await;
    let desks = moderators(store).await;
    let article = store
        .create_article(&fx.article("threads", T))
        .await
        .unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400, true).await;
    let bob = store.insert_test_reader("Bob", T - 86_400, true).await;
    // Three threads, each a top comment, two replies and a reply to a reply.
    let mut ids = Vec::new();
    for t in 0..3 {
        let top = post(
            store,
            article.id,
            ann,
            None,
            CommentStatus::Published,
            t * 10,
        )
        .await;
        let r1 = post(
            store,
            article.id,
            bob,
            Some(top.id),
            CommentStatus::Published,
            t * 10 + 1,
        )
        .await;
        let r2 = post(
            store,
            article.id,
            ann,
            Some(top.id),
            CommentStatus::Published,
            t * 10 + 2,
        )
        .await;
        let r3 = post(
            store,
            article.id,
            bob,
            Some(r1.id),
            CommentStatus::Published,
            t * 10 + 3,
        )
        .await;
        ids.extend([top.id, r1.id, r2.id, r3.id]);
    }
    let actions = [
        ModerationAction::Approve,
        ModerationAction::Reject,
        ModerationAction::Approve,
        ModerationAction::Delete,
    ];
    all_at_once(|m| {
        let (store, ids, desk) = (store.clone(), ids.clone(), desks[m]);
        async move {
            for round in 0..3 {
                for (i, id) in ids.iter().enumerate() {
                    let action = actions[(m + i + round) % actions.len()];
                    match store.moderate_comment(&change(*id, action, desk)).await {
                        Ok(_) | Err(StoreError::Conflict { .. }) => {}
                        Err(e) => panic!("{e:?}"),
                    }
                }
            }
        }
    })
    .await;
    assert_exact(store).await;
    // Whatever the interleaving, the page count is what is shown now.
    let shown = {
        let mut n = 0;
        for id in &ids {
            let c = store.comment_by_id(*id).await.unwrap().unwrap();
            let published = |id: Option<i64>| async move {
                match id {
                    None => true,
                    Some(id) => {
                        store.comment_by_id(id).await.unwrap().unwrap().status
                            == CommentStatus::Published
                    }
                }
            };
            if c.status == CommentStatus::Published
                && published(c.root_id).await
                && published(c.parent_id).await
            {
                n += 1;
            }
        }
        n
    };
    assert_eq!(
        store
            .article_by_id(article.id)
            .await
            .unwrap()
            .unwrap()
            .comment_count,
        shown
    );
}

async fn replies_posted_while_their_parent_is_removed_keep_counters_exact(store: &Store) {
    let fx = Fixtures::new(store).await;
    let desks = moderators(store).await;
    let article = store
        .create_article(&fx.article("replies", T))
        .await
        .unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400, true).await;
    let top = post(store, article.id, ann, None, CommentStatus::Published, 0).await;
    let level1 = post(
        store,
        article.id,
        ann,
        Some(top.id),
        CommentStatus::Published,
        1,
    )
    .await;
    all_at_once(|m| {
        let (store, desk) = (store.clone(), desks[m]);
        let (top, level1, article_id) = (top.id, level1.id, article.id);
        async move {
            for round in 0..6_i64 {
                if m % 2 == 0 {
                    let action = if round % 2 == 0 {
                        ModerationAction::Reject
                    } else {
                        ModerationAction::Approve
                    };
                    let target = if m % 4 == 0 { top } else { level1 };
                    store
                        .moderate_comment(&change(target, action, desk))
                        .await
                        .unwrap();
                } else {
                    // Refused when the parent is not published at that moment.
                    match store
                        .post_comment(&NewComment {
                            article_id,
                            reader_id: ann,
                            reply_to: Some(level1),
                            body_source: format!("reply {m} {round}"),
                            body_html: format!("<p>reply {m} {round}</p>"),
                            status: CommentStatus::Published,
                            status_reason: String::new(),
                            ip: "192.0.2.1".into(),
                            at: T + 100 + round,
                        })
                        .await
                    {
                        Ok(_) | Err(StoreError::NotFound) => {}
                        Err(e) => panic!("{e:?}"),
                    }
                }
            }
        }
    })
    .await;
    assert_exact(store).await;
}

on_both_backends!(
    moderators_approving_the_same_comments_approve_each_once,
    racing_decisions_on_threads_keep_counters_exact,
    replies_posted_while_their_parent_is_removed_keep_counters_exact,
);
