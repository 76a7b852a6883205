//! Comments: posting, threads, keyset pages in every sort, counters kept in
//! the writing transaction, likes, reports, moderation and settings.

use dateline_domain::comment::{
    CommentSort, CommentStatus, ModerationMode, ReportReason, WordKind,
};
use dateline_domain::{NewUser, Role};
use dateline_store::comments::{
    ArticleCommentSettings, CommentEdit, CommentQuery, EditCheck, LikeOutcome, ModerationAction,
    NewComment, NewReport, QueueKind, Sanction, SanctionKind, SectionCommentSettings, StatusChange,
};
use dateline_store::testing::Fixtures;
use dateline_store::{NewAudit, Store, StoreError};

const T: i64 = Fixtures::NOW;

fn comment(article_id: i64, reader_id: i64, text: &str, at: i64) -> NewComment {
    NewComment {
        article_id,
        reader_id,
        reply_to: None,
        body_source: text.to_owned(),
        body_html: format!("<p>{text}</p>"),
        status: CommentStatus::Published,
        status_reason: String::new(),
        ip: "192.0.2.1".into(),
        at,
    }
}

async fn count_of(store: &Store, article_id: i64) -> i64 {
    store
        .article_by_id(article_id)
        .await
        .unwrap()
        .unwrap()
        .comment_count
}

async fn assert_exact(store: &Store) {
    let drift = store.comment_counter_drift().await.unwrap();
    assert!(drift.is_empty(), "comment counter drift: {drift:?}");
}

async fn replies_nest_two_levels_and_counters_follow(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.article("talk", T)).await.unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400 * 30, true).await;
    let bob = store.insert_test_reader("Bob", T - 86_400 * 30, true).await;
    let top = store
        .post_comment(&comment(article.id, ann, "top", T + 1))
        .await
        .unwrap();
    let r1 = store
        .post_comment(&NewComment {
            reply_to: Some(top.id),
            ..comment(article.id, bob, "level one", T + 2)
        })
        .await
        .unwrap();
    let r2 = store
        .post_comment(&NewComment {
            reply_to: Some(r1.id),
            ..comment(article.id, ann, "level two", T + 3)
        })
        .await
        .unwrap();
    let r3 = store
        .post_comment(&NewComment {
            reply_to: Some(r2.id),
            ..comment(article.id, bob, "answers level two", T + 4)
        })
        .await
        .unwrap();
    assert_eq!(
        (r1.depth, r1.parent_id, r1.root_id),
        (1, Some(top.id), Some(top.id))
    );
    assert_eq!(
        (r2.depth, r2.parent_id, r2.root_id),
        (2, Some(r1.id), Some(top.id))
    );
    assert_eq!(
        (r3.depth, r3.parent_id, r3.reply_to_id),
        (2, Some(r1.id), Some(r2.id)),
        "a reply to level 2 sits beside it"
    );
    assert_eq!(count_of(store, article.id).await, 4);
    assert_exact(store).await;

    let page = store
        .list_comments(&CommentQuery {
            article_id: article.id,
            sort: CommentSort::Newest,
            after: None,
            limit: 10,
        })
        .await
        .unwrap();
    assert_eq!(page.threads.len(), 1);
    let thread = &page.threads[0];
    assert_eq!(thread.comment.reply_count, 3);
    assert_eq!(thread.comment.author_name, "Ann");
    assert_eq!(thread.replies.len(), 1);
    assert_eq!(thread.replies[0].comment.id, r1.id);
    assert_eq!(
        thread.replies[0]
            .replies
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [r2.id, r3.id]
    );
    assert_eq!(thread.more_replies, 0);

    // Hiding a level-2 reply moves every counter above it.
    store.delete_own_comment(r2.id, ann, T + 5).await.unwrap();
    assert_eq!(count_of(store, article.id).await, 3);
    assert_exact(store).await;
    assert!(
        store.delete_own_comment(r3.id, ann, T + 5).await.is_err(),
        "not hers"
    );
    // Replying to a comment readers cannot see fails.
    assert!(store
        .post_comment(&NewComment {
            reply_to: Some(r2.id),
            ..comment(article.id, bob, "late", T + 5)
        })
        .await
        .is_err());
}

async fn every_sort_pages_by_cursor_without_gaps(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.article("busy", T)).await.unwrap();
    let other = store.create_article(&fx.article("quiet", T)).await.unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400 * 30, true).await;
    let mut ids = Vec::new();
    for i in 0..13 {
        // Pairs share a time so that the id breaks ties.
        let c = store
            .post_comment(&comment(article.id, ann, &format!("c{i}"), T + i / 2))
            .await
            .unwrap();
        ids.push(c.id);
    }
    store
        .post_comment(&comment(other.id, ann, "elsewhere", T))
        .await
        .unwrap();
    // Likes and replies to make the counter sorts differ from time order.
    let readers: Vec<i64> = {
        let mut v = Vec::new();
        for n in 0..3 {
            v.push(
                store
                    .insert_test_reader(&format!("R{n}"), T - 86_400 * 30, true)
                    .await,
            );
        }
        v
    };
    for (k, reader) in readers.iter().enumerate() {
        for id in &ids[..=k] {
            assert_eq!(
                store.like_comment(*id, *reader, T + 50).await.unwrap(),
                LikeOutcome::Liked
            );
        }
    }
    assert_eq!(
        store
            .like_comment(ids[0], readers[0], T + 51)
            .await
            .unwrap(),
        LikeOutcome::AlreadyLiked
    );
    store
        .post_comment(&NewComment {
            reply_to: Some(ids[5]),
            ..comment(article.id, ann, "reply", T + 60)
        })
        .await
        .unwrap();
    assert_exact(store).await;

    let walk = |sort| async move {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .list_comments(&CommentQuery {
                    article_id: article.id,
                    sort,
                    after,
                    limit: 4,
                })
                .await
                .unwrap();
            seen.extend(page.threads.iter().map(|t| t.comment.id));
            match page.next {
                Some(next) => after = Some(next),
                None => return seen,
            }
        }
    };
    let newest = walk(CommentSort::Newest).await;
    let mut want = ids.clone();
    want.reverse();
    assert_eq!(newest, want);
    assert_eq!(walk(CommentSort::Oldest).await, ids);
    let liked = walk(CommentSort::MostLiked).await;
    assert_eq!(&liked[..3], &[ids[0], ids[1], ids[2]]);
    assert_eq!(liked.len(), 13);
    let replied = walk(CommentSort::MostReplies).await;
    assert_eq!(replied[0], ids[5]);
    let mut sorted = replied.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ids, "each comment once");
}

async fn moderator(store: &Store) -> i64 {
    let new = NewUser {
        email: "desk@example.org".parse().unwrap(),
        display_name: "Desk".into(),
        role: Role::Editor,
        password_hash: None,
    };
    store.create_user(&new, T).await.unwrap().id
}

fn change(id: i64, action: ModerationAction, reason: &str, actor: i64) -> StatusChange {
    StatusChange {
        comment_id: id,
        action,
        reason: reason.to_owned(),
        at: T + 10,
        actor_user_id: actor,
        audit: NewAudit::new(action.as_str(), "comment", Some(id), T + 10).by(Some(actor), None),
    }
}

async fn moderation_moves_counters_queues_and_logs(store: &Store) {
    let fx = Fixtures::new(store).await;
    let desk = moderator(store).await;
    let article = store.create_article(&fx.article("held", T)).await.unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400 * 30, true).await;
    let bob = store.insert_test_reader("Bob", T - 86_400 * 30, true).await;
    let held = store
        .post_comment(&NewComment {
            status: CommentStatus::Pending,
            status_reason: "pre_moderated".into(),
            ..comment(article.id, ann, "wait for me", T + 1)
        })
        .await
        .unwrap();
    assert_eq!(count_of(store, article.id).await, 0);
    let pending = store
        .comment_queue(QueueKind::Pending, None, 10)
        .await
        .unwrap();
    assert_eq!(pending.items.len(), 1);
    assert_eq!(pending.items[0].1, "Headline of held");

    let mut rx = store.subscribe();
    let approved = store
        .moderate_comment(&change(held.id, ModerationAction::Approve, "", desk))
        .await
        .unwrap();
    assert_eq!(approved.status, CommentStatus::Published);
    assert_eq!(count_of(store, article.id).await, 1);
    let event = rx.recv().await.unwrap();
    assert!(
        format!("{event:?}").contains(&format!("a{}", article.id)),
        "{event:?}"
    );
    assert!(store
        .comment_queue(QueueKind::Pending, None, 10)
        .await
        .unwrap()
        .items
        .is_empty());

    // Reported, then rejected: reports close, the counter drops.
    let report = |reader| NewReport {
        comment_id: held.id,
        reader_id: reader,
        reason: ReportReason::Abuse,
        note: "rude".into(),
        at: T + 20,
    };
    assert!(store.report_comment(&report(bob)).await.unwrap());
    assert!(
        !store.report_comment(&report(bob)).await.unwrap(),
        "once per reader"
    );
    let reported = store
        .comment_queue(QueueKind::Reported, None, 10)
        .await
        .unwrap();
    assert_eq!(reported.items[0].0.report_count, 1);
    assert_eq!(
        store.comment_reports(held.id).await.unwrap(),
        [("abuse".to_owned(), "rude".to_owned())]
    );
    let rejected = store
        .moderate_comment(&change(
            held.id,
            ModerationAction::Reject,
            "Personal attack",
            desk,
        ))
        .await
        .unwrap();
    assert_eq!(
        (rejected.status, rejected.status_reason.as_str()),
        (CommentStatus::Rejected, "Personal attack")
    );
    assert_eq!(count_of(store, article.id).await, 0);
    assert!(store
        .comment_queue(QueueKind::Reported, None, 10)
        .await
        .unwrap()
        .items
        .is_empty());
    assert_eq!(
        store
            .comment_queue(QueueKind::Rejected, None, 10)
            .await
            .unwrap()
            .items
            .len(),
        1
    );
    assert_exact(store).await;

    store
        .sanction_reader(&Sanction {
            reader_id: ann,
            kind: SanctionKind::Suspend { until: T + 3600 },
            reason: "Cool off".into(),
            comment_id: Some(held.id),
            at: T + 30,
            actor_user_id: desk,
            audit: NewAudit::new("reader.suspend", "reader", Some(ann), T + 30)
                .by(Some(desk), None),
        })
        .await
        .unwrap();
    let who = store.commenter(ann).await.unwrap().unwrap();
    assert_eq!(
        (
            who.standing.status.as_str(),
            who.standing.suspended_until,
            who.standing.status_reason.as_str()
        ),
        ("suspended", Some(T + 3600), "Cool off")
    );
    let (log, _) = store.moderation_log(None, 10).await.unwrap();
    let lines: Vec<_> = log
        .iter()
        .map(|e| {
            (
                e.action.as_str(),
                e.reason.as_str(),
                e.actor_name.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("reader.suspend", "Cool off", Some("Desk")),
            ("comment.reject", "Personal attack", Some("Desk")),
            ("comment.approve", "", Some("Desk")),
        ]
    );
    assert_eq!(log[0].reader_name.as_deref(), Some("Ann"));
}

async fn settings_and_word_lists(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.article("rules", T)).await.unwrap();
    let s = store.comment_settings(article.id).await.unwrap();
    assert_eq!(
        (s.mode, s.closed, s.close_after_days),
        (ModerationMode::Post, false, None)
    );
    assert!(s.open_at(T + 86_400 * 365));
    let desk = moderator(store).await;
    let by = |action: &str| NewAudit::new(action, "rules", None, T).by(Some(desk), None);
    store
        .set_section_comment_settings(
            &SectionCommentSettings {
                section_id: fx.world.id,
                mode: ModerationMode::Pre,
                close_after_days: Some(2),
            },
            &by("section.comments"),
        )
        .await
        .unwrap();
    let s = store.comment_settings(article.id).await.unwrap();
    assert_eq!(s.mode, ModerationMode::Pre);
    assert!(s.open_at(T + 86_400) && !s.open_at(T + 2 * 86_400));
    store
        .set_article_comment_settings(
            article.id,
            ArticleCommentSettings {
                mode: Some(ModerationMode::Post),
                closed: true,
            },
            &by("article.comments"),
        )
        .await
        .unwrap();
    let s = store.comment_settings(article.id).await.unwrap();
    assert_eq!(s.mode, ModerationMode::Post);
    assert!(!s.open_at(T));
    let sections = store.section_comment_settings().await.unwrap();
    assert!(sections
        .iter()
        .any(|x| x.section_id == fx.business.id && x.mode == ModerationMode::Post));

    store
        .add_moderation_word("идиот", WordKind::Banned, &by("moderation.word_add"))
        .await
        .unwrap();
    store
        .add_moderation_word("free money", WordKind::Suspect, &by("moderation.word_add"))
        .await
        .unwrap();
    store
        .add_moderation_word("free money", WordKind::Banned, &by("moderation.word_add"))
        .await
        .unwrap();
    let words = store.moderation_words().await.unwrap();
    assert_eq!(words.len(), 2);
    assert!(words.iter().all(|w| w.kind == WordKind::Banned));
    let ann = store.insert_test_reader("Ann", T - 86_400 * 30, true).await;
    store
        .post_comment(&comment(article.id, ann, "same words", T + 5))
        .await
        .unwrap();
    let facts = store
        .comment_post_facts(ann, "192.0.2.1", "same words", T, T - 86_400)
        .await
        .unwrap();
    assert_eq!(
        (facts.recent_by_reader, facts.recent_by_ip, facts.repeated),
        (1, 1, true)
    );
    assert_eq!(facts.banned_words, ["free money", "идиот"]);
    let later = store
        .comment_post_facts(ann, "198.51.100.7", "other words", T + 100, T - 86_400)
        .await
        .unwrap();
    assert_eq!(
        (later.recent_by_reader, later.recent_by_ip, later.repeated),
        (0, 0, false)
    );
    store
        .remove_moderation_word(words[0].id, &by("moderation.word_remove"))
        .await
        .unwrap();
    assert_eq!(store.moderation_words().await.unwrap().len(), 1);
    assert!(store
        .remove_moderation_word(words[0].id, &by("moderation.word_remove"))
        .await
        .is_err());

    // Each change is in the moderation log, newest first, with its actor.
    let (log, _) = store.moderation_log(None, 10).await.unwrap();
    let lines: Vec<(&str, &str)> = log
        .iter()
        .map(|e| (e.action.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("moderation.word_remove", "banned: free money"),
            ("moderation.word_add", "banned: free money"),
            ("moderation.word_add", "suspect: free money"),
            ("moderation.word_add", "banned: идиот"),
            (
                "article.comments",
                &*format!("article {}: post, closed", article.id)
            ),
            (
                "section.comments",
                &*format!("section {}: pre, closes after 2 days", fx.world.id)
            ),
        ]
    );
    assert!(log.iter().all(|e| e.actor_name.as_deref() == Some("Desk")));
}

async fn edits_stay_within_their_window(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.article("edit", T)).await.unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400 * 30, true).await;
    let bob = store.insert_test_reader("Bob", T - 86_400 * 30, true).await;
    let c = store
        .post_comment(&comment(article.id, ann, "typo", T))
        .await
        .unwrap();
    let other = store.create_article(&fx.article("other", T)).await.unwrap();
    let edit = |reader_id, article_id, body, at, window_start| CommentEdit {
        comment_id: c.id,
        article_id,
        reader_id,
        body_source: body,
        body_html: body,
        at,
        window_start,
        rate_since: at - 600,
        repeat_since: at - 86_400,
    };
    let keep = |_: &_, _: &_| EditCheck::<()>::Keep;
    let edited = store
        .edit_comment_checked(&edit(ann, article.id, "fixed", T + 60, T - 840), keep)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (edited.body_source.as_str(), edited.edited_at),
        ("fixed", Some(T + 60))
    );
    for (who, under, at, window_start) in [
        (bob, article.id, T + 60, T - 900),   // not Bob's
        (ann, other.id, T + 60, T - 900),     // under another article
        (ann, article.id, T + 1000, T + 100), // past the window
    ] {
        let refused = store
            .edit_comment_checked(&edit(who, under, "mine", at, window_start), keep)
            .await;
        assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    }
    assert_eq!(
        store
            .comment_by_id(c.id)
            .await
            .unwrap()
            .unwrap()
            .body_source,
        "fixed"
    );
}

/// An edit that the checks would hold takes a published comment off the
/// page and back to the queue, with the counters; one they refuse writes
/// nothing; edits spend the reader's rate as posts do.
async fn edits_are_checked_and_held_like_new_comments(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.article("held", T)).await.unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400 * 30, true).await;
    let c = store
        .post_comment(&comment(article.id, ann, "fine", T))
        .await
        .unwrap();
    let edit = |body, at| CommentEdit {
        comment_id: c.id,
        article_id: article.id,
        reader_id: ann,
        body_source: body,
        body_html: body,
        at,
        window_start: at - 900,
        rate_since: at - 600,
        repeat_since: at - 86_400,
    };
    let count = || async {
        store
            .article_by_id(article.id)
            .await
            .unwrap()
            .unwrap()
            .comment_count
    };
    assert_eq!(count().await, 1);
    let refused = store
        .edit_comment_checked(&edit("spam", T + 10), |_, _| EditCheck::Refuse("banned"))
        .await
        .unwrap();
    assert_eq!(refused, Err("banned"));
    let held = store
        .edit_comment_checked(&edit("with a link", T + 20), |_, _| {
            EditCheck::<()>::Hold("suspect_word".into())
        })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            held.status,
            held.status_reason.as_str(),
            held.body_source.as_str()
        ),
        (CommentStatus::Pending, "suspect_word", "with a link")
    );
    assert_eq!(count().await, 0);
    assert!(store.comment_counter_drift().await.unwrap().is_empty());
    // Held, it stays held whatever a later edit says; the facts count the
    // post and the one edit saved (the refused one spent nothing).
    let mut seen = None;
    let again = store
        .edit_comment_checked(&edit("calmer", T + 30), |_, facts| {
            seen = Some(facts.recent_by_reader);
            EditCheck::<()>::Keep
        })
        .await
        .unwrap()
        .unwrap();
    assert_eq!((again.status, seen), (CommentStatus::Pending, Some(2)));
    assert_eq!(count().await, 0);
}

/// "Export my data" carries what the reader wrote, liked and reported.
async fn a_readers_comments_likes_and_reports_are_in_their_export(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.article("mine", T)).await.unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400 * 30, true).await;
    let bob = store.insert_test_reader("Bob", T - 86_400 * 30, true).await;
    let bobs = store
        .post_comment(&comment(article.id, bob, "bob speaks", T + 1))
        .await
        .unwrap();
    let anns = store
        .post_comment(&NewComment {
            reply_to: Some(bobs.id),
            ..comment(article.id, ann, "ann *answers*", T + 2)
        })
        .await
        .unwrap();
    store.like_comment(bobs.id, ann, T + 3).await.unwrap();
    store
        .report_comment(&NewReport {
            comment_id: bobs.id,
            reader_id: ann,
            reason: ReportReason::Spam,
            note: "same link everywhere".into(),
            at: T + 4,
        })
        .await
        .unwrap();
    let export = store.reader_export(ann, T + 5).await.unwrap().unwrap();
    let comments = export["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 1, "{export}");
    assert_eq!(comments[0]["id"], anns.id);
    assert_eq!(comments[0]["text"], "ann *answers*");
    assert_eq!(comments[0]["article_id"], article.id);
    assert_eq!(comments[0]["reply_to_id"], bobs.id);
    assert_eq!(export["comment_likes"], serde_json::json!([bobs.id]));
    assert_eq!(export["comment_reports"][0]["comment_id"], bobs.id);
    assert_eq!(export["comment_reports"][0]["note"], "same link everywhere");
    let bob_export = store.reader_export(bob, T + 5).await.unwrap().unwrap();
    assert_eq!(bob_export["comments"].as_array().unwrap().len(), 1);
    assert_eq!(bob_export["comment_likes"], serde_json::json!([]));
}

/// Ann's comment anchors a thread; Bob, Cleo and Ann reply and like.
async fn a_thread_under_ann(store: &Store, slug: &str) -> (i64, i64, i64, Vec<i64>) {
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.article(slug, T)).await.unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400 * 30, true).await;
    let bob = store.insert_test_reader("Bob", T - 86_400 * 30, true).await;
    let top = store
        .post_comment(&comment(article.id, ann, "ann opens", T + 1))
        .await
        .unwrap();
    let bobs = store
        .post_comment(&NewComment {
            reply_to: Some(top.id),
            ..comment(article.id, bob, "bob answers", T + 2)
        })
        .await
        .unwrap();
    let anns = store
        .post_comment(&NewComment {
            reply_to: Some(bobs.id),
            ..comment(article.id, ann, "ann again", T + 3)
        })
        .await
        .unwrap();
    let bobs_second = store
        .post_comment(&NewComment {
            reply_to: Some(anns.id),
            ..comment(article.id, bob, "bob once more", T + 4)
        })
        .await
        .unwrap();
    let lone = store
        .post_comment(&comment(article.id, ann, "ann alone", T + 5))
        .await
        .unwrap();
    store.like_comment(bobs.id, ann, T + 6).await.unwrap();
    store
        .report_comment(&NewReport {
            comment_id: bobs.id,
            reader_id: ann,
            reason: ReportReason::Abuse,
            note: String::new(),
            at: T + 6,
        })
        .await
        .unwrap();
    assert_eq!(count_of(store, article.id).await, 5);
    assert_exact(store).await;
    (
        article.id,
        ann,
        bob,
        vec![top.id, bobs.id, anns.id, bobs_second.id, lone.id],
    )
}

async fn deleting_an_account_keeps_the_replies_of_others(store: &Store) {
    let (article, ann, bob, ids) = a_thread_under_ann(store, "gone").await;
    let [top, bobs, anns, bobs_second, lone] = ids[..] else {
        unreachable!()
    };
    let mut rx = store.subscribe();
    assert!(store.delete_reader(ann, T + 10).await.unwrap());
    assert!(!store.delete_reader(ann, T + 11).await.unwrap(), "once");
    assert!(store.reader_by_id(ann).await.unwrap().is_none());
    let event = rx.recv().await.unwrap();
    assert!(
        format!("{event:?}").contains(&format!("a{article}")),
        "{event:?}"
    );

    // Her comments nobody replied beneath are gone (a reply to a level-2
    // comment sits beside it, so that one anchors nothing); the top-level
    // one stays as a placeholder with no text; Bob's replies all stay.
    for id in [lone, anns] {
        assert!(store.comment_by_id(id).await.unwrap().is_none());
    }
    let erased = store.comment_by_id(top).await.unwrap().unwrap();
    assert_eq!(erased.erased_at, Some(T + 10));
    assert_eq!(
        (erased.body_source.as_str(), erased.body_html.as_str()),
        ("", "")
    );
    assert_eq!(erased.author_name, "", "no name left");
    assert_eq!(erased.status, CommentStatus::Published);
    let bobs = store.comment_by_id(bobs).await.unwrap().unwrap();
    assert_eq!(bobs.body_source, "bob answers");
    assert_eq!(
        (bobs.like_count, bobs.report_count),
        (0, 0),
        "her like and report went"
    );
    let second = store.comment_by_id(bobs_second).await.unwrap().unwrap();
    assert_eq!(second.reply_to_id, None);
    assert_eq!(count_of(store, article).await, 3);
    assert_exact(store).await;
    let page = store
        .list_comments(&CommentQuery {
            article_id: article,
            sort: CommentSort::Newest,
            after: None,
            limit: 10,
        })
        .await
        .unwrap();
    assert_eq!(page.threads.len(), 1);
    assert_eq!(page.threads[0].comment.id, top);
    assert_eq!(page.threads[0].replies[0].replies.len(), 1);

    // Bob leaves too: deepest first, so each of his replies goes once
    // nothing hangs beneath it; Ann's placeholder alone is left.
    assert!(store.delete_reader(bob, T + 12).await.unwrap());
    assert_eq!(count_of(store, article).await, 1);
    assert_exact(store).await;
}

async fn deleting_a_commented_comment_leaves_a_placeholder(store: &Store) {
    let (article, ann, _bob, ids) = a_thread_under_ann(store, "placeholder").await;
    let erased = store.delete_own_comment(ids[0], ann, T + 10).await.unwrap();
    assert_eq!(erased.erased_at, Some(T + 10));
    assert_eq!(erased.body_source, "");
    assert_eq!(count_of(store, article).await, 5, "the replies still show");
    assert!(store.delete_own_comment(ids[0], ann, T + 11).await.is_err());
    let lone = store.delete_own_comment(ids[4], ann, T + 11).await.unwrap();
    assert_eq!(lone.status, CommentStatus::Deleted);
    assert_eq!(count_of(store, article).await, 4);
    assert_exact(store).await;
}

async fn removing_a_comment_takes_its_replies_off_the_counts(store: &Store) {
    let (article, _ann, _bob, ids) = a_thread_under_ann(store, "rejected").await;
    let desk = moderator(store).await;
    // Rejecting the level-1 reply hides the two replies beneath it.
    store
        .moderate_comment(&change(ids[1], ModerationAction::Reject, "rude", desk))
        .await
        .unwrap();
    assert_eq!(count_of(store, article).await, 2);
    let top = store.comment_by_id(ids[0]).await.unwrap().unwrap();
    assert_eq!(top.reply_count, 0);
    assert_exact(store).await;
    // Rejecting the top-level comment too, then restoring both.
    store
        .moderate_comment(&change(ids[0], ModerationAction::Reject, "off topic", desk))
        .await
        .unwrap();
    assert_eq!(count_of(store, article).await, 1);
    assert_exact(store).await;
    store
        .moderate_comment(&change(ids[1], ModerationAction::Approve, "", desk))
        .await
        .unwrap();
    assert_eq!(
        count_of(store, article).await,
        1,
        "still under a hidden comment"
    );
    assert_exact(store).await;
    store
        .moderate_comment(&change(ids[0], ModerationAction::Approve, "", desk))
        .await
        .unwrap();
    assert_eq!(count_of(store, article).await, 5);
    assert_exact(store).await;
}

on_both_backends!(
    a_readers_comments_likes_and_reports_are_in_their_export,
    replies_nest_two_levels_and_counters_follow,
    every_sort_pages_by_cursor_without_gaps,
    moderation_moves_counters_queues_and_logs,
    settings_and_word_lists,
    edits_stay_within_their_window,
    edits_are_checked_and_held_like_new_comments,
    deleting_an_account_keeps_the_replies_of_others,
    deleting_a_commented_comment_leaves_a_placeholder,
    removing_a_comment_takes_its_replies_off_the_counts,
);
