//! How `serve` stops: the signals (SIGTERM or Ctrl-C starts a drain, a
//! second one ends the process at once), and the background jobs it waits
//! for until the drain's deadline, naming those it abandons.

use std::future::Future;
use std::pin::Pin;

use tokio::time::Instant;

/// Exit status when the drain did not finish: the deadline passed with
/// work still running, or a second signal cut it short (0 is a clean
/// drain).
pub const EXIT_ABANDONED: i32 = 1;

/// SIGTERM and Ctrl-C (SIGINT), as they come.
pub struct Signals {
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    /// Listens from now on (a signal before this kills the process).
    pub fn listen() -> Self {
        Self {
            #[cfg(unix)]
            terminate: tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .ok(),
        }
    }

    /// The next signal's name.
    pub async fn next(&mut self) -> &'static str {
        #[cfg(unix)]
        let terminate = async {
            match self.terminate.as_mut() {
                Some(signal) => {
                    signal.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let terminate = std::future::pending::<()>();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => "SIGINT",
            () = terminate => "SIGTERM",
        }
    }
}

/// Waits for a first signal, then a second one, which ends the process
/// at once. Returns after the first (the caller starts its drain).
pub async fn first_signal() {
    let mut signals = Signals::listen();
    let first = signals.next().await;
    tracing::info!(
        signal = first,
        "shutting down: no new connections; finishing requests, streams and jobs in flight \
         (a second signal stops at once)"
    );
    tokio::spawn(async move {
        let second = signals.next().await;
        let line = format!("{second} again: stopping at once, abandoning the drain");
        tracing::warn!("{line}");
        eprintln!("dateline: {line}");
        std::process::exit(EXIT_ABANDONED);
    });
}

type Job = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The background jobs of a node, by name.
#[derive(Default)]
pub struct Jobs(Vec<(&'static str, Job)>);

impl Jobs {
    /// Adds a job, told to stop elsewhere (its `stop` channel).
    pub fn add<T: Send + 'static>(
        &mut self,
        name: &'static str,
        job: tokio::task::JoinHandle<T>,
    ) -> &mut Self {
        self.0.push((
            name,
            Box::pin(async move {
                if let Err(e) = job.await {
                    if e.is_panic() {
                        tracing::error!(job = name, "a background job panicked");
                    }
                }
            }),
        ));
        self
    }

    /// Waits for every job until `deadline`; the names of those still
    /// running then. (One after another: each waits at most until the
    /// shared deadline, so it costs no more than together.)
    pub async fn finish_by(self, deadline: Instant) -> Vec<&'static str> {
        let mut running = Vec::new();
        for (name, job) in self.0 {
            if tokio::time::timeout_at(deadline, job).await.is_err() {
                running.push(name);
            }
        }
        running
    }
}

/// What an unfinished drain left, as one line for the log and the console.
pub fn abandoned_line(timeout_secs: u64, connections: usize, jobs: &[&str]) -> Option<String> {
    if connections == 0 && jobs.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if connections > 0 {
        let noun = if connections == 1 {
            "connection"
        } else {
            "connections"
        };
        parts.push(format!("{connections} {noun} still serving a request"));
    }
    if !jobs.is_empty() {
        parts.push(format!("background jobs {}", jobs.join(", ")));
    }
    Some(format!(
        "shutdown deadline of {timeout_secs} s passed; abandoned: {}",
        parts.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::abandoned_line;

    #[test]
    fn the_abandoned_line_names_what_was_left() {
        assert_eq!(abandoned_line(25, 0, &[]), None);
        assert_eq!(
            abandoned_line(25, 1, &[]).as_deref(),
            Some(
                "shutdown deadline of 25 s passed; abandoned: 1 connection still serving a request"
            )
        );
        assert_eq!(
            abandoned_line(3, 2, &["media renditions", "webhooks"]).as_deref(),
            Some(
                "shutdown deadline of 3 s passed; abandoned: 2 connections still serving a \
                 request; background jobs media renditions, webhooks"
            )
        );
    }
}
