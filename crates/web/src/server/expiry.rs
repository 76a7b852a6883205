//! When a connection with nothing in flight has waited long enough: silent
//! for `keep_alive_timeout` (closed quietly), or sending a request whose
//! headers are not complete within `header_read_timeout` of the connection
//! being ready for it (answered 408). A request in flight, however long
//! (a live stream), is never timed out here.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// Why a connection is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expired {
    /// Nothing arrived for `keep_alive_timeout`.
    Idle,
    /// A request's headers were not complete in `header_read_timeout`.
    Headers,
}

/// Requests in flight and bytes received on one connection.
#[derive(Debug, Default)]
pub(super) struct Activity {
    in_flight: AtomicUsize,
    /// Requests begun so far: an idle period is one between two.
    begun: AtomicU64,
    /// Reads that received bytes so far.
    pub(super) reads: AtomicU64,
    /// `reads` when the connection last became ready for a request (0 at
    /// accept): bytes hyper reads before this watch first looks count too.
    ready_reads: AtomicU64,
    changed: Notify,
}

impl Activity {
    /// Marks a request in flight until the guard (kept with its answer's
    /// body) is dropped.
    pub fn begin(self: &Arc<Self>) -> InFlight {
        self.begun.fetch_add(1, Ordering::SeqCst);
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        self.changed.notify_waiters();
        InFlight(Arc::clone(self))
    }

    fn busy(&self, begun: u64) -> bool {
        self.in_flight.load(Ordering::SeqCst) > 0 || self.begun.load(Ordering::SeqCst) != begun
    }

    /// Resolves when the connection has expired (see the module's rules).
    pub async fn expiry(&self, keep_alive: Duration, headers: Duration) -> Expired {
        'ready: loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            if self.in_flight.load(Ordering::SeqCst) > 0 {
                changed.await;
                continue;
            }
            // The connection is ready for a request from now.
            let begun = self.begun.load(Ordering::SeqCst);
            let reads = self.ready_reads.load(Ordering::SeqCst);
            let start = Instant::now();
            let (idle_at, headers_at) = (start + keep_alive, start + headers);
            let mut next = idle_at.min(headers_at);
            loop {
                tokio::select! {
                    () = tokio::time::sleep_until(next) => {}
                    () = changed.as_mut() => continue 'ready,
                }
                if self.busy(begun) {
                    continue 'ready;
                }
                let received = self.reads.load(Ordering::SeqCst) != reads;
                let now = Instant::now();
                match (received, now >= headers_at, now >= idle_at) {
                    (true, true, _) => return Expired::Headers,
                    (false, _, true) => return Expired::Idle,
                    (true, false, _) => next = headers_at,
                    (false, _, false) => next = idle_at,
                }
            }
        }
    }
}

/// A request in flight (see [`Activity::begin`]).
#[derive(Debug)]
pub(super) struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        let activity = &self.0;
        // Before the count drops: the watch must never see the connection
        // ready with the previous request's bytes counted as a new one's.
        if activity.in_flight.load(Ordering::SeqCst) == 1 {
            let reads = activity.reads.load(Ordering::SeqCst);
            activity.ready_reads.store(reads, Ordering::SeqCst);
        }
        activity.in_flight.fetch_sub(1, Ordering::SeqCst);
        activity.changed.notify_waiters();
    }
}
