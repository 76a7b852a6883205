//! Failure counters with lockout: per client address, per e-mail address
//! that has no account (so that unknown addresses lock out exactly like
//! real ones and reveal nothing), and mail requests. They are counted in
//! the database (`Store::record_failure`), which every node shares, so a
//! limit holds behind a load balancer; keys are stored as SHA-256.

use dateline_domain::UnixTime;
use dateline_store::{FailureRule, Store, StoreError};

use super::hash_secret;

/// One kind of counter: its `scope` in the shared table and its rule.
#[derive(Debug, Clone)]
pub struct FailureLimiter {
    scope: &'static str,
    rule: FailureRule,
}

impl FailureLimiter {
    /// Locks a key for `lock_for` seconds at its `max_failures`-th failure;
    /// failures older than `forget_after` seconds no longer count.
    pub fn new(scope: &'static str, max_failures: u32, lock_for: i64, forget_after: i64) -> Self {
        Self {
            scope,
            rule: FailureRule {
                max_failures: max_failures.max(1),
                lock_for,
                forget_after,
            },
        }
    }

    /// Seconds to wait while `key` is locked.
    pub async fn wait(
        &self,
        store: &Store,
        key: &str,
        now: UnixTime,
    ) -> Result<Option<i64>, StoreError> {
        store.failure_lock(self.scope, &hash_secret(key), now).await
    }

    /// Counts a failure; returns the lock's end when this one locked the key.
    pub async fn fail(
        &self,
        store: &Store,
        key: &str,
        now: UnixTime,
    ) -> Result<Option<UnixTime>, StoreError> {
        store
            .record_failure(self.scope, &hash_secret(key), &self.rule, now)
            .await
    }

    /// Forgets a key's failures (after a successful login).
    pub async fn clear(&self, store: &Store, key: &str) -> Result<(), StoreError> {
        store.clear_failures(self.scope, &hash_secret(key)).await
    }
}
