//! The wire ingest job: every node polls the wire sources that are due
//! (`dateline_import::ingest`); the store's claim makes one node at a time
//! poll a given source, so several nodes share the work without taking an
//! item twice.

use std::time::Duration;

use dateline_store::Store;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often the job looks for due sources ("Poll now" takes at most this).
pub const TICK: Duration = Duration::from_secs(5);

/// Starts the job; it stops when `stop` changes or its sender is dropped.
pub fn spawn(store: Store, mut stop: watch::Receiver<bool>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let client = dateline_import::ingest::client();
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.changed() => return,
            }
            // Every due source in turn, then wait for the next tick.
            loop {
                let now = chrono::Utc::now().timestamp();
                let polled = tokio::select! {
                    polled = dateline_import::ingest::poll_due(&store, &client, now) => polled,
                    _ = stop.changed() => return,
                };
                match polled {
                    Ok(Some(_)) => continue,
                    Ok(None) => break,
                    Err(error) => {
                        tracing::warn!(%error, "wire ingest failed; retrying");
                        break;
                    }
                }
            }
        }
    })
}
