//! The index follows the database: across restarts, nodes and rebuilds.

use dateline_domain::{ArticleStatus, NewArticle};
use dateline_search::{build_generation, Progress, Search};
use dateline_store::testing::Fixtures;
use dateline_store::Store;

use super::{public, story, NOW};

on_both_backends!(
    a_restarted_node_catches_up,
    a_second_node_follows_the_same_log,
    the_follower_applies_changes_without_being_asked,
    a_rebuild_replaces_the_generation_in_use,
    a_rebuild_row_in_the_log_rebuilds,
);

struct Counted(std::sync::atomic::AtomicU64, std::sync::atomic::AtomicU64);

impl Progress for Counted {
    fn start(&self, total: u64) {
        self.0.store(total, std::sync::atomic::Ordering::Relaxed);
    }
    fn advance(&self, done: u64) {
        self.1.fetch_add(done, std::sync::atomic::Ordering::Relaxed);
    }
}

async fn ids(search: &Search, text: &str) -> Vec<i64> {
    search
        .find(public(text))
        .await
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect()
}

async fn a_restarted_node_catches_up(store: &Store) {
    let f = Fixtures::new(store).await;
    let dir = tempfile::tempdir().unwrap();
    let first = story(store, &f, "first", "Bridge opens", "Traffic flows.").await;
    let search = Search::open(dir.path(), store.clone());
    search.sync().await.unwrap();
    let position = search.position().await.unwrap();
    assert!(position > 0);
    drop(search);
    // While the node is down: a new story, and the first one taken down.
    let second = story(store, &f, "second", "Bridge closes", "Cracks found.").await;
    store
        .set_article_status(first, ArticleStatus::Unpublished, NOW)
        .await
        .unwrap();
    let search = Search::open(dir.path(), store.clone());
    assert_eq!(
        search.position().await.unwrap(),
        position,
        "the position survived"
    );
    assert_eq!(
        ids(&search, "bridge").await,
        vec![first],
        "the old index until synced"
    );
    search.sync().await.unwrap();
    assert_eq!(ids(&search, "bridge").await, vec![second]);
}

async fn a_second_node_follows_the_same_log(store: &Store) {
    let f = Fixtures::new(store).await;
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Search::open(one.path(), store.clone());
    let b = Search::open(two.path(), store.clone());
    a.sync().await.unwrap();
    b.sync().await.unwrap();
    let id = story(store, &f, "canal", "Canal drained", "Fish moved.").await;
    a.sync().await.unwrap();
    b.sync().await.unwrap();
    assert_eq!(ids(&a, "canal").await, vec![id]);
    assert_eq!(ids(&b, "canal").await, vec![id]);
}

async fn the_follower_applies_changes_without_being_asked(store: &Store) {
    let f = Fixtures::new(store).await;
    let dir = tempfile::tempdir().unwrap();
    let search = Search::open(dir.path(), store.clone());
    search.sync().await.unwrap();
    let follower = search.follow();
    let draft = store
        .create_article(&NewArticle {
            headline: "Volcano erupts".into(),
            ..f.draft("volcano")
        })
        .await
        .unwrap();
    store
        .set_article_status(draft.id, ArticleStatus::Published, NOW)
        .await
        .unwrap();
    // Not a timing test: the follower must get there at all (it looks at
    // the log on every store event and twice a second); bench/search
    // measures how soon.
    let mut found = Vec::new();
    for _ in 0..200 {
        found = ids(&search, "volcano").await;
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    follower.abort();
    assert_eq!(found, vec![draft.id]);
}

async fn a_rebuild_replaces_the_generation_in_use(store: &Store) {
    let f = Fixtures::new(store).await;
    let dir = tempfile::tempdir().unwrap();
    let search = Search::open(dir.path(), store.clone());
    search.sync().await.unwrap();
    let id = story(store, &f, "dam", "Dam inspected", "Engineers satisfied.").await;
    let progress = Counted(Default::default(), Default::default());
    let root = dir.path().to_owned();
    build_generation(&root, store, &progress).await.unwrap();
    let written = progress.1.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        written,
        progress.0.load(std::sync::atomic::Ordering::Relaxed)
    );
    assert_eq!(written, 2, "the article and the fixture picture");
    // The server still answers from its own generation until it syncs.
    assert!(ids(&search, "dam").await.is_empty());
    search.sync().await.unwrap();
    assert_eq!(ids(&search, "dam").await, vec![id]);
    let generations = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(generations, 1, "the replaced generation was removed");
}

async fn a_rebuild_row_in_the_log_rebuilds(store: &Store) {
    let f = Fixtures::new(store).await;
    let dir = tempfile::tempdir().unwrap();
    let search = Search::open(dir.path(), store.clone());
    search.sync().await.unwrap();
    let id = story(store, &f, "quay", "Quay rebuilt", "Stone by stone.").await;
    store.note_search_rebuild().await.unwrap();
    search.sync().await.unwrap();
    assert_eq!(ids(&search, "quay").await, vec![id]);
    assert_eq!(
        search.position().await.unwrap(),
        store.search_change_head().await.unwrap()
    );
}
