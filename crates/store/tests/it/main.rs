#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The store's conformance suite: every test body is one
//! `async fn name(store: &Store)`, run once on SQLite and once on PostgreSQL
//! (when `DATELINE_TEST_POSTGRES_URL` is set; see `dateline_store::testing`).

use dateline_store::{ArticleFilter, ArticleQuery, Store};

/// For each `async fn name(store: &Store)` of the calling module, generates
/// `sqlite::name` and `postgres::name` tests, each on a fresh database.
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = dateline_store::testing::TestDb::sqlite().await;
                    super::$name(db.store()).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                #[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
                async fn $name() {
                    let db = dateline_store::testing::TestDb::postgres_required().await;
                    super::$name(db.store()).await;
                }
            )+
        }
    };
}

mod accounts;
mod article_seo;
mod articles;
mod audit;
mod authors;
mod bulk;
mod chats;
mod comment_edits;
mod comment_races;
mod comments;
mod counters;
mod editions;
mod edits;
mod events;
mod failure_counts;
mod folding;
mod front;
mod invitations;
mod listing;
mod live_coverage;
mod mail_sign_in;
mod media;
mod media_visibility;
mod migrations;
mod newsletters;
mod people;
mod reader_erasure;
mod readers;
mod search_changes;
mod sessions;
mod site_settings;
mod site_setup;
mod tokens;
mod translations;
mod upgrades;
mod webhooks;
mod wires;
mod workflow;

/// Posts comment number `n` of a test (text "comment {n}", at `NOW + n`)
/// by `reader` on `article`, with `status`.
pub async fn numbered_comment(
    store: &Store,
    article: i64,
    reader: i64,
    reply_to: Option<i64>,
    status: dateline_domain::comment::CommentStatus,
    n: i64,
) -> dateline_store::comments::Comment {
    store
        .post_comment(&dateline_store::comments::NewComment {
            article_id: article,
            reader_id: reader,
            reply_to,
            body_source: format!("comment {n}"),
            body_html: format!("<p>comment {n}</p>"),
            status,
            status_reason: String::new(),
            ip: "192.0.2.1".into(),
            at: dateline_store::testing::Fixtures::NOW + n,
        })
        .await
        .unwrap()
}

/// Fails with the list of mismatches when any stored counter is off.
pub async fn assert_no_drift(store: &Store) {
    let drift = store.counter_drift().await.unwrap();
    assert!(
        drift.mismatches.is_empty(),
        "counter drift: {:?}",
        drift.mismatches
    );
}

/// Walks a listing page by page; returns the ids in order and the page count.
pub async fn all_ids(store: &Store, filter: ArticleFilter, limit: u32) -> (Vec<i64>, usize) {
    let mut ids = Vec::new();
    let mut after = None;
    let mut pages = 0;
    loop {
        let page = store
            .list_articles(&ArticleQuery {
                filter,
                limit,
                after,
            })
            .await
            .unwrap();
        pages += 1;
        assert!(page.items.len() <= limit as usize);
        ids.extend(page.items.iter().map(|card| card.id));
        match page.next {
            Some(next) => {
                assert_eq!(
                    page.items.len(),
                    limit as usize,
                    "a page before the last one is full"
                );
                after = Some(next);
            }
            None => return (ids, pages),
        }
        assert!(pages < 10_000, "pagination does not end");
    }
}
