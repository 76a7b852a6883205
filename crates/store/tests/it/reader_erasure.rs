//! Deleting a prolific reader: hundreds of comments in every position of
//! the threads, some holding others' replies, go in a few set-based
//! statements with every counter exact.

use crate::numbered_comment as post;
use dateline_domain::comment::CommentStatus;
use dateline_domain::{NewUser, Role};
use dateline_store::comments::{ModerationAction, StatusChange};
use dateline_store::testing::Fixtures;
use dateline_store::{NewAudit, Store};

const T: i64 = Fixtures::NOW;

async fn count_of(store: &Store, article: i64) -> i64 {
    store
        .article_by_id(article)
        .await
        .unwrap()
        .unwrap()
        .comment_count
}

async fn a_reader_of_five_hundred_comments_leaves_only_what_holds_others(store: &Store) {
    let fx = Fixtures::new(store).await;
    let mut articles = Vec::new();
    for slug in ["one", "two"] {
        articles.push(store.create_article(&fx.article(slug, T)).await.unwrap().id);
    }
    let ann = store.insert_test_reader("Ann", T - 86_400, true).await;
    let bob = store.insert_test_reader("Bob", T - 86_400, true).await;
    let mut n = 0;
    let mut next = || {
        n += 1;
        n
    };
    // Per block of ten of Ann's comments: a top comment and, under it, her
    // own level-1 and level-2 replies; every fifth block Bob answers her
    // top comment, every seventh her level-2 reply (which anchors her
    // level-1 one); Ann also answers Bob's own threads and leaves pending
    // and rejected comments about.
    let mut anns = Vec::new();
    let desk = store
        .create_user(
            &NewUser {
                email: "desk@example.org".parse().unwrap(),
                display_name: "Desk".into(),
                role: Role::Editor,
                password_hash: None,
            },
            T,
        )
        .await
        .unwrap()
        .id;
    let mut held_by_bob = Vec::new();
    let mut bobs = Vec::new();
    let mut pending = None;
    for block in 0..50_i64 {
        let article = articles[(block % 2) as usize];
        let top = post(store, article, ann, None, CommentStatus::Published, next()).await;
        let level1 = post(
            store,
            article,
            ann,
            Some(top.id),
            CommentStatus::Published,
            next(),
        )
        .await;
        let level2 = post(
            store,
            article,
            ann,
            Some(level1.id),
            CommentStatus::Published,
            next(),
        )
        .await;
        let beside = post(
            store,
            article,
            ann,
            Some(level2.id),
            CommentStatus::Published,
            next(),
        )
        .await;
        let held = post(store, article, ann, None, CommentStatus::Pending, next()).await;
        pending = Some(held.id);
        anns.extend([top.id, level1.id, level2.id, beside.id, held.id]);
        if block % 5 == 0 {
            bobs.push(
                post(
                    store,
                    article,
                    bob,
                    Some(top.id),
                    CommentStatus::Published,
                    next(),
                )
                .await
                .id,
            );
            held_by_bob.push(top.id);
        }
        if block % 7 == 0 {
            bobs.push(
                post(
                    store,
                    article,
                    bob,
                    Some(beside.id),
                    CommentStatus::Published,
                    next(),
                )
                .await
                .id,
            );
            held_by_bob.extend([top.id, level1.id]);
        }
        let bobs_top = post(store, article, bob, None, CommentStatus::Published, next()).await;
        bobs.push(bobs_top.id);
        for _ in 0..4 {
            anns.push(
                post(
                    store,
                    article,
                    ann,
                    Some(bobs_top.id),
                    CommentStatus::Published,
                    next(),
                )
                .await
                .id,
            );
        }
        let own = post(
            store,
            article,
            ann,
            Some(bobs_top.id),
            CommentStatus::Published,
            next(),
        )
        .await;
        let under = post(
            store,
            article,
            ann,
            Some(own.id),
            CommentStatus::Published,
            next(),
        )
        .await;
        anns.extend([own.id, under.id]);
        if block % 3 == 0 {
            // A rejected comment holding Bob's reply stays counted out.
            store
                .moderate_comment(&StatusChange {
                    comment_id: level1.id,
                    action: ModerationAction::Reject,
                    reason: "off topic".into(),
                    at: T + 5,
                    actor_user_id: desk,
                    audit: NewAudit::new("comment.reject", "comment", Some(level1.id), T + 5)
                        .by(Some(desk), None),
                })
                .await
                .unwrap();
        }
    }
    assert_eq!(anns.len(), 550);
    assert!(pending.is_some());
    held_by_bob.sort_unstable();
    held_by_bob.dedup();
    // Ann likes one of Bob's comments.
    store.like_comment(bobs[0], ann, T + 9).await.unwrap();

    assert!(store.delete_reader(ann, T + 10_000).await.unwrap());

    // What is left of Ann: exactly the comments that hold Bob's, erased.
    let mut left = Vec::new();
    for id in &anns {
        if let Some(c) = store.comment_by_id(*id).await.unwrap() {
            assert_eq!(c.erased_at, Some(T + 10_000));
            assert_eq!((c.body_source.as_str(), c.author_name.as_str()), ("", ""));
            left.push(c.id);
        }
    }
    left.sort_unstable();
    assert_eq!(left, held_by_bob);
    // Bob's comments are all there.
    for id in &bobs {
        let c = store.comment_by_id(*id).await.unwrap().unwrap();
        assert_eq!(c.reader_id, bob);
        assert_eq!(c.status, CommentStatus::Published);
    }
    assert_eq!(
        store
            .comment_by_id(bobs[0])
            .await
            .unwrap()
            .unwrap()
            .like_count,
        0
    );
    let drift = store.comment_counter_drift().await.unwrap();
    assert!(drift.is_empty(), "comment counter drift: {drift:?}");
    // Shown now: Bob's 50 top comments, his 10 replies to Ann's top
    // comments, his 5 replies under her level-1 comments that were not
    // rejected, and her placeholders above them: 16 top, 5 level-1.
    let total = count_of(store, articles[0]).await + count_of(store, articles[1]).await;
    assert_eq!(total, 50 + 10 + 5 + 16 + 5);
    assert!(store.reader_by_id(ann).await.unwrap().is_none());
}

on_both_backends!(a_reader_of_five_hundred_comments_leaves_only_what_holds_others);
