//! Failure counters: a key locks at its limit, old failures run out, and
//! failures from every node add up (two connections standing for two
//! nodes, and concurrent failures counted exactly once each).

use dateline_store::testing::TestDb;
use dateline_store::{FailureRule, Store};

const RULE: FailureRule = FailureRule {
    max_failures: 3,
    lock_for: 60,
    forget_after: 600,
};

async fn a_key_locks_at_its_limit_and_old_failures_run_out(store: &Store) {
    let fail = |at| store.record_failure("login_ip", "k", &RULE, at);
    assert_eq!(fail(0).await.unwrap(), None);
    assert_eq!(fail(1).await.unwrap(), None);
    assert_eq!(store.failure_lock("login_ip", "k", 1).await.unwrap(), None);
    assert_eq!(fail(2).await.unwrap(), Some(62), "the third locks");
    assert_eq!(
        store.failure_lock("login_ip", "k", 2).await.unwrap(),
        Some(60)
    );
    assert_eq!(
        store.failure_lock("login_ip", "other", 2).await.unwrap(),
        None
    );
    assert_eq!(
        store.failure_lock("mail_ip", "k", 2).await.unwrap(),
        None,
        "scopes apart"
    );
    assert_eq!(
        store.failure_lock("login_ip", "k", 62).await.unwrap(),
        None,
        "lock over"
    );
    // Two failures long apart never add up to a lock.
    assert_eq!(fail(1_000).await.unwrap(), None);
    assert_eq!(fail(1_700).await.unwrap(), None);
    assert_eq!(fail(1_701).await.unwrap(), None);
    assert_eq!(fail(1_702).await.unwrap(), Some(1_762));
    store.clear_failures("login_ip", "k").await.unwrap();
    assert_eq!(
        store.failure_lock("login_ip", "k", 1_703).await.unwrap(),
        None
    );
    // A limit of one locks at once.
    let once = FailureRule {
        max_failures: 1,
        ..RULE
    };
    assert_eq!(
        store.record_failure("strict", "k", &once, 5).await.unwrap(),
        Some(65)
    );
    // Housekeeping drops what ran out, and only that.
    store
        .record_failure("login_ip", "fresh", &RULE, 10_000)
        .await
        .unwrap();
    store.purge_expired(10_000).await.unwrap();
    store
        .record_failure("login_ip", "fresh", &RULE, 10_001)
        .await
        .unwrap();
    assert_eq!(
        store
            .record_failure("login_ip", "fresh", &RULE, 10_002)
            .await
            .unwrap(),
        Some(10_062),
        "the recent failures were kept"
    );
}

on_both_backends!(a_key_locks_at_its_limit_and_old_failures_run_out);

/// Failures arriving on two nodes at once, twelve of them against a limit
/// of three: exactly four lock, and a node that saw none of them refuses.
async fn failures_on_every_node_add_up(db: TestDb) {
    let node_b = Store::connect(&db.url(), 4).await.unwrap();
    let nodes = [db.store().clone(), node_b.clone()];
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let store = nodes[i % 2].clone();
            tokio::spawn(async move {
                store
                    .record_failure("login_ip", "203.0.113.9", &RULE, 100)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut locks = 0;
    for task in tasks {
        if task.await.unwrap().is_some() {
            locks += 1;
        }
    }
    assert_eq!(locks, 4);
    let fresh = Store::connect(&db.url(), 1).await.unwrap();
    assert_eq!(
        fresh
            .failure_lock("login_ip", "203.0.113.9", 101)
            .await
            .unwrap(),
        Some(59)
    );
}

#[tokio::test]
async fn failures_on_every_node_add_up_sqlite() {
    failures_on_every_node_add_up(TestDb::sqlite().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
async fn failures_on_every_node_add_up_postgres() {
    failures_on_every_node_add_up(TestDb::postgres_required().await).await;
}
