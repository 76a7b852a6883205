//! In-memory failure counters with lockout: per client address, and per
//! e-mail address that has no account (so that unknown addresses lock out
//! exactly like real ones and reveal nothing). Accounts themselves are
//! counted in the database, which every node shares.
//!
//! A small map behind a mutex is enough: entries are touched only on
//! failed logins, and the map is pruned when it grows.

use std::collections::HashMap;
use std::sync::Mutex;

use dateline_domain::UnixTime;

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last_failure: UnixTime,
    locked_until: UnixTime,
}

/// Locks a key for `lock_for` seconds at its `max_failures`-th failure;
/// failures older than `forget_after` seconds no longer count.
#[derive(Debug)]
pub struct FailureLimiter {
    max_failures: u32,
    lock_for: i64,
    forget_after: i64,
    entries: Mutex<HashMap<String, Entry>>,
}

/// Entries kept before expired ones are pruned.
const PRUNE_AT: usize = 10_000;

impl FailureLimiter {
    pub fn new(max_failures: u32, lock_for: i64, forget_after: i64) -> Self {
        Self {
            max_failures: max_failures.max(1),
            lock_for,
            forget_after,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds to wait)` while `key` is locked.
    pub fn check(&self, key: &str, now: UnixTime) -> Result<(), i64> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        match entries.get(key) {
            Some(entry) if entry.locked_until > now => Err(entry.locked_until - now),
            _ => Ok(()),
        }
    }

    /// Counts a failure; returns the lock's end when this one locked the key.
    pub fn fail(&self, key: &str, now: UnixTime) -> Option<UnixTime> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= PRUNE_AT {
            let forget_after = self.forget_after;
            entries.retain(|_, e| e.locked_until > now || now - e.last_failure < forget_after);
        }
        let entry = entries.entry(key.to_owned()).or_insert(Entry {
            failures: 0,
            last_failure: now,
            locked_until: 0,
        });
        if now - entry.last_failure >= self.forget_after {
            entry.failures = 0;
        }
        entry.failures += 1;
        entry.last_failure = now;
        if entry.failures >= self.max_failures {
            entry.failures = 0;
            entry.locked_until = now + self.lock_for;
            return Some(entry.locked_until);
        }
        None
    }

    /// Forgets a key's failures (after a successful login).
    pub fn clear(&self, key: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_at_the_limit_and_forgets_old_failures() {
        let limiter = FailureLimiter::new(3, 60, 600);
        assert_eq!(limiter.fail("ip", 0), None);
        assert_eq!(limiter.fail("ip", 1), None);
        assert_eq!(limiter.check("ip", 1), Ok(()));
        assert_eq!(limiter.fail("ip", 2), Some(62));
        assert_eq!(limiter.check("ip", 2), Err(60));
        assert_eq!(limiter.check("other", 2), Ok(()));
        assert_eq!(limiter.check("ip", 62), Ok(()));
        // Two failures long apart never add up to a lock.
        let limiter = FailureLimiter::new(2, 60, 600);
        limiter.fail("a", 0);
        assert_eq!(limiter.fail("a", 600), None);
        assert_eq!(limiter.fail("a", 601), Some(661));
        limiter.clear("a");
        assert_eq!(limiter.check("a", 602), Ok(()));
    }
}
