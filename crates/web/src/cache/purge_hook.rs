//! Purging a CDN or Varnish in front of the site: one `PURGE` request per
//! batch of keys to the configured endpoint, sent from a queue so that no
//! reader or writer waits for it.
//!
//! Every key is purged twice: at once, and again [`REPEAT_AFTER`] later.
//! The writing node sends the purge as soon as it has written, but the
//! other nodes drop their own cached copies only when the change reaches
//! them through the database's event fan-out; a proxy that refetched from
//! such a node in between would keep its old page for the whole
//! `s-maxage`. The second purge, after the fan-out has arrived, removes it.

use std::collections::BTreeSet;
use std::time::Duration;

use axum::http::Method;
use tokio::sync::mpsc;

/// Purges waiting to be sent before new ones are dropped (and logged).
const QUEUE: usize = 1024;
/// Keys per request: keeps the header well under common 8 KiB limits.
const HEADER_BYTES: usize = 4000;
const TIMEOUT: Duration = Duration::from_secs(10);
/// When keys are purged a second time: well after the event fan-out has
/// reached every node (milliseconds on a healthy cluster).
pub(super) const REPEAT_AFTER: Duration = Duration::from_secs(2);

/// The sending end of the purge queue.
#[derive(Debug, Clone)]
pub(super) struct PurgeHook {
    queue: mpsc::Sender<Vec<String>>,
}

impl PurgeHook {
    /// Starts the sender task on the current runtime.
    pub fn spawn(url: String, runtime: &tokio::runtime::Handle) -> Self {
        let (queue, rx) = mpsc::channel(QUEUE);
        runtime.spawn(send_all(url, rx));
        Self { queue }
    }

    pub fn purge(&self, keys: &[String]) {
        if keys.is_empty() {
            return;
        }
        if self.queue.try_send(keys.to_vec()).is_err() {
            tracing::warn!(keys = keys.len(), "CDN purge queue is full; purge dropped");
        }
    }
}

/// `a12 s3 e1`-style header values, each under [`HEADER_BYTES`].
pub(super) fn batches(keys: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for key in keys {
        if !current.is_empty() && current.len() + 1 + key.len() > HEADER_BYTES {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(key);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

async fn send_all(url: String, mut rx: mpsc::Receiver<Vec<String>>) {
    let client = match reqwest::Client::builder().timeout(TIMEOUT).build() {
        Ok(client) => client,
        Err(err) => {
            tracing::error!(error = %err, "cannot build the CDN purge client; purges disabled");
            return;
        }
    };
    let sender = Sender {
        client,
        url,
        method: Method::from_bytes(b"PURGE").unwrap_or(Method::POST),
    };
    // Keys purged once and due again at `repeat_at` (coalesced: a key
    // purged many times in the window is repeated once).
    let mut repeat = BTreeSet::new();
    let mut repeat_at = tokio::time::Instant::now();
    loop {
        tokio::select! {
            received = rx.recv() => {
                let Some(keys) = received else { break };
                sender.send(&keys).await;
                if repeat.is_empty() {
                    repeat_at = tokio::time::Instant::now() + REPEAT_AFTER;
                }
                repeat.extend(keys);
            }
            () = tokio::time::sleep_until(repeat_at), if !repeat.is_empty() => {
                let keys: Vec<String> = std::mem::take(&mut repeat).into_iter().collect();
                sender.send(&keys).await;
            }
        }
    }
    if !repeat.is_empty() {
        let keys: Vec<String> = repeat.into_iter().collect();
        sender.send(&keys).await;
    }
}

struct Sender {
    client: reqwest::Client,
    url: String,
    method: Method,
}

impl Sender {
    async fn send(&self, keys: &[String]) {
        for header in batches(keys) {
            // Fastly and most CDNs read `Surrogate-Key`; Varnish's xkey reads `xkey`.
            let sent = self
                .client
                .request(self.method.clone(), &self.url)
                .header("surrogate-key", &header)
                .header("xkey", &header)
                .send()
                .await;
            match sent {
                Ok(response) if response.status().is_success() => {
                    tracing::debug!(keys = %header, "CDN purged");
                }
                Ok(response) => {
                    tracing::warn!(status = %response.status(), keys = %header, "CDN purge refused");
                }
                Err(err) => tracing::warn!(error = %err, keys = %header, "CDN purge failed"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_key_lists_are_sent_in_batches() {
        let keys: Vec<String> = (0..2000).map(|i| format!("a{i}")).collect();
        let batches = super::batches(&keys);
        assert!(batches.len() > 1);
        assert!(batches.iter().all(|b| b.len() <= super::HEADER_BYTES));
        let rejoined: Vec<&str> = batches.iter().flat_map(|b| b.split(' ')).collect();
        assert_eq!(rejoined, keys);
        assert!(super::batches(&[]).is_empty());
    }
}
