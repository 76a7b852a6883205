//! Single-flight rendering: while one request renders a page that missed
//! the cache, other requests for the same key wait for it and then read
//! what it stored, instead of each rendering the same page.
//!
//! The render holds a [`Leader`]; dropping it (done, failed, cancelled by
//! a closed connection or a panic) drops the channel's sender, which wakes
//! every waiter. Waiters then look in the cache again: the page is there
//! unless the render failed, was not cacheable or was purged meanwhile, in
//! which case each renders for itself. Waiting is bounded by [`MAX_WAIT`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use super::locked;

/// A waiter gives up on a slow render after this and renders itself.
const MAX_WAIT: Duration = Duration::from_secs(10);

type Flights = Arc<Mutex<HashMap<Arc<str>, watch::Receiver<()>>>>;

/// Renders under way, by page key.
#[derive(Debug, Default)]
pub(super) struct InFlight(Flights);

/// What a request that missed the cache does next.
pub(super) enum Turn {
    /// Render the page; others wait until this is dropped.
    Render(Leader),
    /// Another request is rendering it: wait, then look again.
    Wait(Waiter),
}

impl InFlight {
    pub fn join(&self, key: &Arc<str>) -> Turn {
        let mut flights = locked(&self.0);
        if let Some(receiver) = flights.get(key) {
            return Turn::Wait(Waiter(receiver.clone()));
        }
        let (sender, receiver) = watch::channel(());
        flights.insert(Arc::clone(key), receiver);
        Turn::Render(Leader {
            flights: Arc::clone(&self.0),
            key: Arc::clone(key),
            _done: sender,
        })
    }
}

/// The one render of a key under way.
pub(super) struct Leader {
    flights: Flights,
    key: Arc<str>,
    /// Dropped with the leader: wakes the waiters.
    _done: watch::Sender<()>,
}

impl Drop for Leader {
    fn drop(&mut self) {
        locked(&self.flights).remove(&self.key);
    }
}

pub(super) struct Waiter(watch::Receiver<()>);

impl Waiter {
    /// Returns when the render ended, or after [`MAX_WAIT`].
    pub async fn wait(mut self) {
        // The sender never sends: `changed` returns when it is dropped.
        let _ = tokio::time::timeout(MAX_WAIT, self.0.changed()).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waiters_wake_when_the_render_ends_and_the_next_miss_renders() {
        let flights = InFlight::default();
        let key: Arc<str> = "/en/".into();
        let Turn::Render(leader) = flights.join(&key) else {
            panic!("the first miss renders");
        };
        let Turn::Wait(waiter) = flights.join(&key) else {
            panic!("the second miss waits");
        };
        assert!(matches!(flights.join(&"/ru/".into()), Turn::Render(_)));
        let waiting = tokio::spawn(waiter.wait());
        drop(leader);
        tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .unwrap()
            .unwrap();
        assert!(matches!(flights.join(&key), Turn::Render(_)));
    }
}
