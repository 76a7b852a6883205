//! Failure counters with lockout, shared by every node: failed logins per
//! client address, logins against addresses without an account, mail
//! requests per e-mail and client address. Each bump is one atomic upsert,
//! so concurrent failures on several nodes all count. Keys arrive hashed.

use dateline_domain::UnixTime;
use sqlx::Row;

use crate::{Result, Store};

/// When a key locks: at its `max_failures`-th failure, for `lock_for`
/// seconds; failures older than `forget_after` seconds no longer count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureRule {
    pub max_failures: u32,
    pub lock_for: i64,
    pub forget_after: i64,
}

impl Store {
    /// Seconds `key_hash` must still wait in `scope`, if it is locked.
    pub async fn failure_lock(
        &self,
        scope: &str,
        key_hash: &str,
        now: UnixTime,
    ) -> Result<Option<i64>> {
        let until: Option<i64> = sqlx::query_scalar(
            "SELECT locked_until FROM failure_counts WHERE scope = $1 AND key_hash = $2",
        )
        .bind(scope)
        .bind(key_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(until.filter(|t| *t > now).map(|t| t - now))
    }

    /// Counts a failure; returns the lock's end when this one locked the
    /// key (its count then starts again from zero).
    pub async fn record_failure(
        &self,
        scope: &str,
        key_hash: &str,
        rule: &FailureRule,
        now: UnixTime,
    ) -> Result<Option<UnixTime>> {
        let max = i64::from(rule.max_failures.max(1));
        let lock_until = now + rule.lock_for;
        // The count this failure makes: 1 after a quiet spell, else one more.
        let count = "CASE WHEN $3 - failure_counts.last_failure >= $5 THEN 1 \
                     ELSE failure_counts.failures + 1 END";
        let sql = format!(
            "INSERT INTO failure_counts (scope, key_hash, failures, last_failure, locked_until, expires_at) \
             VALUES ($1, $2, CASE WHEN $4 <= 1 THEN 0 ELSE 1 END, $3, \
                     CASE WHEN $4 <= 1 THEN $6 ELSE 0 END, $3 + $5 + $7) \
             ON CONFLICT (scope, key_hash) DO UPDATE SET \
             failures = CASE WHEN {count} >= $4 THEN 0 ELSE {count} END, \
             locked_until = CASE WHEN {count} >= $4 THEN $6 ELSE failure_counts.locked_until END, \
             last_failure = $3, expires_at = $3 + $5 + $7 \
             RETURNING failures, locked_until"
        );
        let row = sqlx::query(&sql)
            .bind(scope)
            .bind(key_hash)
            .bind(now)
            .bind(max)
            .bind(rule.forget_after)
            .bind(lock_until)
            .bind(rule.lock_for)
            .fetch_one(&self.pool)
            .await?;
        // The count goes back to zero exactly when this failure locked.
        let failures: i64 = row.try_get("failures")?;
        let locked: i64 = row.try_get("locked_until")?;
        Ok((failures == 0).then_some(locked))
    }

    /// Forgets `key_hash`'s failures in `scope` (after a successful login).
    pub async fn clear_failures(&self, scope: &str, key_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM failure_counts WHERE scope = $1 AND key_hash = $2")
            .bind(scope)
            .bind(key_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
