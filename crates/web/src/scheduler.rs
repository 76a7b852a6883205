//! The scheduled-publishing job: publishes articles whose time has come,
//! and now and then clears out expired sessions and mail tokens.
//!
//! The queue is the database itself (scheduled articles and their time), so
//! the job survives restarts and catches up on what fell due while no node
//! ran. Every node runs it; `Store::publish_due` makes each publication
//! happen exactly once however many nodes race for it.

use std::time::Duration;

use dateline_store::Store;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often the job looks for due articles: readers see a story within
/// this long of its scheduled time.
pub const TICK: Duration = Duration::from_secs(1);

/// Articles published per round; a backlog drains over several rounds.
const BATCH: u32 = 100;

/// Ticks between two housekeeping rounds (the first tick runs one).
const HOUSEKEEPING_EVERY: u32 = 3600;

/// Starts the job; it stops when `stop` changes or its sender is dropped.
pub fn spawn(store: Store, stop: watch::Receiver<bool>) -> JoinHandle<()> {
    spawn_measured(store, stop, crate::metrics::Metrics::default())
}

/// [`spawn`], counting its rounds and publications in `metrics`.
pub fn spawn_measured(
    store: Store,
    mut stop: watch::Receiver<bool>,
    metrics: crate::metrics::Metrics,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut ticks: u32 = 0;
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.changed() => return,
            }
            let now = chrono::Utc::now().timestamp();
            match store.publish_due(now, BATCH).await {
                Ok(published) => {
                    metrics.scheduler_ran(published.len());
                    for article in &published {
                        tracing::info!(
                            article_id = article.id,
                            slug = %article.slug,
                            "published on schedule"
                        );
                    }
                }
                Err(error) => tracing::warn!(%error, "scheduled publishing failed; retrying"),
            }
            if ticks.is_multiple_of(HOUSEKEEPING_EVERY) {
                match store.purge_expired(now).await {
                    Ok(removed) => tracing::debug!(removed, "expired sessions and tokens cleared"),
                    Err(error) => tracing::warn!(%error, "housekeeping failed; retrying later"),
                }
            }
            ticks = ticks.wrapping_add(1);
        }
    })
}
