//! Change events: which keys each write announces, that failed writes
//! announce nothing, and (PostgreSQL) that every node hears every write once.

use std::sync::Arc;
use std::time::Duration;

use dateline_domain::{ArticleStatus, BodyBlock};
use dateline_store::events::{CacheKey, Event, NodeId};
use dateline_store::testing::{slug, Fixtures, TestDb};
use dateline_store::{ArticleUpdate, Store, StoreError};
use tokio::sync::broadcast::Receiver;

const T: i64 = Fixtures::NOW;
const WAIT: Duration = Duration::from_secs(10);

/// Subscribes: an open store already listens to other nodes.
async fn subscribe(store: &Store) -> Receiver<Arc<Event>> {
    store.subscribe()
}

async fn next(rx: &mut Receiver<Arc<Event>>) -> Event {
    match tokio::time::timeout(WAIT, rx.recv()).await {
        Ok(Ok(event)) => (*event).clone(),
        other => panic!("no event within {WAIT:?}: {other:?}"),
    }
}

/// The keys of the next event, which must be a purge from `origin`.
async fn next_purge(rx: &mut Receiver<Arc<Event>>, origin: NodeId) -> Vec<String> {
    match next(rx).await {
        Event::Purge { keys, origin: from } => {
            assert_eq!(from, origin);
            keys
        }
        other => panic!("expected a purge, got {other:?}"),
    }
}

/// Nothing more arrives: another node announces a sentinel, and it must be
/// the next event (notifications arrive in commit order, so an echo of one's
/// own write, or anything else still travelling, would come before it).
async fn assert_quiet(store: &Store, rx: &mut Receiver<Arc<Event>>) {
    match store.another_node().await {
        Some(witness) => assert_quiet_after(&witness, rx).await,
        // SQLite is one node: its events are delivered before a write returns.
        None => assert_quiet_after(store, rx).await,
    }
}

/// [`assert_quiet`] with `witness` announcing the sentinel.
async fn assert_quiet_after(witness: &Store, rx: &mut Receiver<Arc<Event>>) {
    let sentinel = CacheKey::Article(-1);
    witness.emit_purge([sentinel]).await.unwrap();
    assert_eq!(
        next_purge(rx, witness.node_id()).await,
        [sentinel.to_string()],
        "the sentinel is the next event"
    );
}

fn strings(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| (*k).to_owned()).collect()
}

async fn publishing_announces_every_listing(store: &Store) {
    let fx = Fixtures::new(store).await;
    let mut draft = fx.draft("quake");
    draft.tags = vec![(slug("quakes"), "Quakes".into())];
    draft.body.push(BodyBlock::Image {
        media_id: fx.media.id,
        caption: None,
    });
    let mut rx = subscribe(store).await;
    let article = store.create_article(&draft).await.unwrap();
    assert_quiet(store, &mut rx).await;

    store
        .set_article_status(article.id, ArticleStatus::Published, T)
        .await
        .unwrap();
    let (id, tag) = (article.id, article.tags[0].id);
    let want = [
        format!("a{id}"),
        format!("e{}", fx.en.id),
        format!("s{}", fx.world.id),
        format!("g{id}"),
        format!("t{tag}"),
        format!("p{}", fx.author.id),
        format!("u{}", fx.media.id),
        // No other public story uses the picture: it appears (and leaves) with this one.
        format!("m{}", fx.media.id),
    ];
    assert_eq!(next_purge(&mut rx, store.node_id()).await, want);
    assert_eq!(
        next(&mut rx).await,
        Event::Published {
            article_id: id,
            edition_id: fx.en.id
        }
    );
    assert_quiet(store, &mut rx).await;

    // A correction changes the article's own page and cards only.
    store
        .set_article_status(id, ArticleStatus::Corrected, T + 60)
        .await
        .unwrap();
    assert_eq!(
        next_purge(&mut rx, store.node_id()).await,
        [format!("a{id}")]
    );
    // Taking it down empties the same listings publishing filled.
    store
        .set_article_status(id, ArticleStatus::Unpublished, T + 120)
        .await
        .unwrap();
    assert_eq!(next_purge(&mut rx, store.node_id()).await, want);
    assert_quiet(store, &mut rx).await;
}

async fn edits_and_counters_announce_what_they_change(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.article("vote", T)).await.unwrap();
    let draft = store.create_article(&fx.draft("later")).await.unwrap();
    let mut rx = subscribe(store).await;
    let me = store.node_id();

    let moved = ArticleUpdate {
        section_id: Some(fx.business.id),
        headline: Some("Vote moved".into()),
        ..ArticleUpdate::default()
    };
    let id = article.id;
    store
        .update_article(id, article.version, &moved, T + 1)
        .await
        .unwrap();
    let want = [
        format!("a{id}"),
        format!("g{id}"),
        format!("s{}", fx.world.id),
        format!("s{}", fx.business.id),
    ];
    assert_eq!(next_purge(&mut rx, me).await, want);

    // Drafts show nowhere: editing one announces nothing.
    let retitled = ArticleUpdate {
        headline: Some("Still a draft".into()),
        ..ArticleUpdate::default()
    };
    store
        .update_article(draft.id, draft.version, &retitled, T + 2)
        .await
        .unwrap();
    assert_quiet(store, &mut rx).await;

    store.add_comment_count(id, 2).await.unwrap();
    assert_eq!(next_purge(&mut rx, me).await, [format!("a{id}")]);

    // A logo is public while it is one: its picture's key goes with `site`.
    store
        .set_edition_logo(fx.en.id, Some(fx.media.id))
        .await
        .unwrap();
    assert_eq!(
        next_purge(&mut rx, me).await,
        ["site".to_owned(), format!("m{}", fx.media.id)]
    );
    assert_quiet(store, &mut rx).await;
}

async fn failed_writes_announce_nothing(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.article("once", T)).await.unwrap();
    let mut rx = subscribe(store).await;

    // Rolled back after the article row was written: the byline names an
    // author that does not exist.
    let mut broken = fx.article("broken", T);
    broken.author_ids = vec![fx.author.id, 999_999];
    let err = store.create_article(&broken).await.unwrap_err();
    assert!(matches!(err, StoreError::MissingReference { .. }), "{err}");
    // Refused by a unique key.
    let err = store
        .create_article(&fx.article("once", T))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");
    // Someone saved first.
    let update = ArticleUpdate {
        headline: Some("Too late".into()),
        ..ArticleUpdate::default()
    };
    let err = store
        .update_article(article.id, article.version + 1, &update, T + 1)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    let err = store.add_comment_count(999_999, 1).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err}");

    assert_quiet(store, &mut rx).await;
    assert!(store
        .article_by_slug(fx.en.id, &slug("broken"))
        .await
        .unwrap()
        .is_none());
}

/// A like changes a count that no cached page shows: it purges nothing.
/// The write after it is the sentinel: its purge is the next event.
async fn a_like_announces_nothing(store: &Store) {
    use dateline_domain::comment::CommentStatus;
    use dateline_store::comments::{LikeOutcome, NewComment};
    let fx = Fixtures::new(store).await;
    let article = store.create_article(&fx.article("liked", T)).await.unwrap();
    let other = store.create_article(&fx.article("other", T)).await.unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400 * 30, true).await;
    let bob = store.insert_test_reader("Bob", T - 86_400 * 30, true).await;
    let comment = store
        .post_comment(&NewComment {
            article_id: article.id,
            reader_id: ann,
            reply_to: None,
            body_source: "First".into(),
            body_html: "<p>First</p>".into(),
            status: CommentStatus::Published,
            status_reason: String::new(),
            ip: "192.0.2.1".into(),
            at: T + 1,
        })
        .await
        .unwrap();
    let mut rx = subscribe(store).await;
    assert_eq!(
        store.like_comment(comment.id, bob, T + 2).await.unwrap(),
        LikeOutcome::Liked
    );
    assert_eq!(
        store
            .comment_by_id(comment.id)
            .await
            .unwrap()
            .unwrap()
            .like_count,
        1
    );
    store.add_comment_count(other.id, 1).await.unwrap();
    assert_eq!(
        next_purge(&mut rx, store.node_id()).await,
        strings(&[&format!("a{}", other.id)])
    );
}

on_both_backends!(
    a_like_announces_nothing,
    publishing_announces_every_listing,
    edits_and_counters_announce_what_they_change,
    failed_writes_announce_nothing,
);

/// Two nodes on one PostgreSQL database: each hears the other's writes once,
/// never its own twice, and nothing of a write that rolled back.
#[tokio::test]
#[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
async fn postgres_nodes_hear_each_other() {
    let db = TestDb::postgres_required().await;
    let a = db.store();
    let b = a.another_node().await.expect("a second node");
    assert_ne!(a.node_id(), b.node_id());
    let fx = Fixtures::new(a).await;
    let (mut on_a, mut on_b) = (subscribe(a).await, subscribe(&b).await);

    let article = a.create_article(&fx.article("both", T)).await.unwrap();
    let key = vec![format!("a{}", article.id)];
    for rx in [&mut on_a, &mut on_b] {
        let keys = next_purge(rx, a.node_id()).await;
        assert_eq!(keys[..1], key);
        assert!(matches!(next(rx).await, Event::Published { .. }));
    }
    b.add_comment_count(article.id, 1).await.unwrap();
    for rx in [&mut on_b, &mut on_a] {
        assert_eq!(next_purge(rx, b.node_id()).await, key);
    }

    let mut broken = fx.article("broken", T);
    broken.author_ids = vec![999_999];
    assert!(b.create_article(&broken).await.is_err());
    // Each node's sentinel also reaches its own subscribers, at once.
    let sentinel = vec![CacheKey::Article(-1).to_string()];
    assert_quiet_after(&b, &mut on_a).await;
    assert_eq!(next_purge(&mut on_b, b.node_id()).await, sentinel);
    assert_quiet_after(a, &mut on_b).await;
    assert_eq!(next_purge(&mut on_a, a.node_id()).await, sentinel);

    // A listener that lost its connection says so once it is back.
    let ended = a.cut_listeners_for_tests().await.unwrap();
    assert_eq!(ended, [true, true], "both listeners' connections");
    for rx in [&mut on_a, &mut on_b] {
        assert_eq!(next(rx).await, Event::Resync);
    }
    a.add_comment_count(article.id, 1).await.unwrap();
    assert_eq!(next_purge(&mut on_b, a.node_id()).await, key);
    b.close().await;
}
