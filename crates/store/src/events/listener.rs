//! The PostgreSQL listener: one connection per store that LISTENs on the
//! events channel and forwards other nodes' events to local subscribers.

use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::{broadcast, oneshot, watch};

use super::{wire, Event, NodeId, CHANNEL};

const FIRST_RETRY: Duration = Duration::from_millis(100);
const LAST_RETRY: Duration = Duration::from_secs(5);

/// Runs until `stop` is signalled or dropped (the store is closed or gone).
/// Signals `first_connection` once first listening, then sends `Resync` after
/// every reconnection: notifications sent while no connection listened are
/// lost.
pub(super) async fn run(
    url: String,
    node: NodeId,
    sender: broadcast::Sender<Arc<Event>>,
    mut stop: watch::Receiver<bool>,
    first_connection: oneshot::Sender<()>,
) {
    let mut first_connection = Some(first_connection);
    let mut retry = FIRST_RETRY;
    loop {
        let connected = tokio::select! {
            connected = connect(&url) => connected,
            _ = stop.changed() => return,
        };
        match connected {
            Ok(mut listener) => {
                retry = FIRST_RETRY;
                // The store's opening waits for the first connection: nobody
                // can have missed anything then, unless it stopped waiting.
                let first = first_connection.take().map(|first| first.send(()));
                if !matches!(first, Some(Ok(()))) {
                    let _ = sender.send(Arc::new(Event::Resync));
                }
                loop {
                    let next = tokio::select! {
                        next = listener.try_recv() => next,
                        _ = stop.changed() => return,
                    };
                    match next {
                        Ok(Some(notification)) => forward(notification.payload(), node, &sender),
                        // Lost and already reconnected (the listener
                        // reconnects eagerly): something may have been missed.
                        Ok(None) => {
                            tracing::warn!("event listener reconnected; resynchronising");
                            let _ = sender.send(Arc::new(Event::Resync));
                        }
                        Err(err) => {
                            tracing::warn!(error = %err, "event listener lost its connection");
                            break;
                        }
                    }
                }
            }
            Err(err) => tracing::warn!(error = %err, "event listener cannot connect"),
        }
        tokio::select! {
            () = tokio::time::sleep(retry) => {},
            _ = stop.changed() => return,
        }
        retry = (retry * 2).min(LAST_RETRY);
    }
}

async fn connect(url: &str) -> sqlx::Result<PgListener> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// Other nodes' events go to local subscribers; this node's own were
/// delivered locally at commit.
fn forward(payload: &str, node: NodeId, sender: &broadcast::Sender<Arc<Event>>) {
    match wire::parse(payload) {
        Some(envelope) if envelope.origin == node => {}
        Some(envelope) => {
            for event in envelope.events {
                let _ = sender.send(Arc::new(event));
            }
        }
        None => {
            tracing::warn!(payload, "unreadable event; resynchronising");
            let _ = sender.send(Arc::new(Event::Resync));
        }
    }
}
