//! The HTTP server: Dateline's own accept loop over hyper's HTTP/1.1
//! connections, so that no client can hold the site's connections (and the
//! process's file descriptors) for nothing.
//!
//! - **Caps** (`caps.rs`): at most [`ServerLimits::max_connections`] open
//!   connections in all and [`ServerLimits::max_connections_per_address`]
//!   per client address (an IPv4 address, or an IPv6 /64). A connection
//!   counts from its accept until its socket closes: live streams and chat
//!   sockets (upgraded connections) count for as long as they are open.
//!   One over a cap is answered at once, before its request is read, with
//!   `429 too_many_connections` (per address) or `503 unavailable` (in all),
//!   `Retry-After` and `Connection: close`, then closed (`refuse.rs`); when
//!   [`REFUSING_AT_ONCE`] refusals are already being written, it is closed
//!   without an answer.
//! - **Header timeout** (`expiry.rs`): a request's headers must be complete
//!   within [`ServerLimits::header_read_timeout`] of the connection being
//!   ready for it (accepted, or the previous answer sent); else it is
//!   answered `408 request_timeout` and closed.
//! - **Idle timeout** (`expiry.rs`): a connection with no request in flight
//!   that receives nothing for [`ServerLimits::keep_alive_timeout`] is
//!   closed, without an answer (nothing was asked). A request in flight is
//!   never idle, so an open live stream or a long download is not cut.
//! - **Body timeout** (`body.rs`): a request's body must arrive within
//!   [`ServerLimits::body_read_timeout`] of its headers; else the request is
//!   answered `408 request_timeout` and the connection closed.
//! - **Trusted proxies** (`trusted.rs`, `forwarded.rs`): when the TCP
//!   peer is one of [`ServerLimits::trusted_proxies`], the client's address
//!   is read from `Forwarded` or `X-Forwarded-For` and becomes the
//!   request's `ConnectInfo<SocketAddr>`; the peer stays in [`PeerAddr`].
//!   Trusted proxies are exempt from the per-address cap (not the total).
//! - **Shutdown**: when `shutdown` resolves, the listener closes at once
//!   (new connections are refused by the kernel: a proxy sends them to
//!   another node), idle connections close, requests in flight finish
//!   (live streams and chat sockets end on `AppState::shutdown`, telling
//!   clients to reconnect), and [`serve`] returns when all have;
//!   [`serve_with_drain`] returns at a deadline at the latest, counting the
//!   connections it abandons.

mod body;
mod caps;
mod connection;
mod expiry;
mod forwarded;
mod refuse;
mod trusted;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

pub use caps::{address_group, ClientAddr};
pub use forwarded::{InvalidProxy, PeerAddr, TrustedProxies};

/// Refusals being written at once; further refused connections are closed
/// without an answer (each refusal holds its socket for up to
/// [`refuse::LINGER`]).
pub const REFUSING_AT_ONCE: usize = 64;

/// The server's connection limits (`serve`'s configuration:
/// `header_read_timeout_secs`, `keep_alive_timeout_secs`,
/// `body_read_timeout_secs`, `max_client_connections`,
/// `max_client_connections_per_address`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerLimits {
    /// From the connection being ready for a request to its last header.
    pub header_read_timeout: Duration,
    /// Longest silence of a connection with no request in flight.
    pub keep_alive_timeout: Duration,
    /// From a request's headers to the end of its body.
    pub body_read_timeout: Duration,
    /// Open connections in all.
    pub max_connections: usize,
    /// Open connections per client address (IPv4 address or IPv6 /64);
    /// trusted proxies are exempt.
    pub max_connections_per_address: usize,
    /// Peers whose `Forwarded` / `X-Forwarded-For` name the client
    /// (`trusted_proxies`; none by default).
    pub trusted_proxies: TrustedProxies,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(20),
            keep_alive_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(300),
            max_connections: 4096,
            max_connections_per_address: 128,
            trusted_proxies: TrustedProxies::default(),
        }
    }
}

/// Serves `app` on `listener` under `limits` until `shutdown` resolves and
/// every connection still serving a request has finished. Requests carry
/// `ConnectInfo<SocketAddr>` (the client's address, read from forwarded
/// headers when the peer is a trusted proxy) and [`PeerAddr`] (the TCP peer).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    run(listener, app, limits, shutdown, None).await.map(|_| ())
}

/// How a shutdown's drain ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drained {
    /// Connections still serving a request when the deadline passed (0:
    /// every one finished in time). Their tasks are left running; the
    /// caller is about to exit.
    pub abandoned: usize,
    /// When the drain's time is up: the caller's own work (background
    /// jobs) has until then too.
    pub deadline: tokio::time::Instant,
}

/// [`serve`], but once `shutdown` resolves, waits for connections in
/// flight for at most `drain`.
pub async fn serve_with_drain(
    listener: TcpListener,
    app: Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()> + Send,
    drain: Duration,
) -> io::Result<Drained> {
    run(listener, app, limits, shutdown, Some(drain)).await
}

async fn run(
    listener: TcpListener,
    app: Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()> + Send,
    drain: Option<Duration>,
) -> io::Result<Drained> {
    let limits = Arc::new(limits);
    let caps = caps::Caps::new(limits.max_connections, limits.max_connections_per_address);
    let refusing = Arc::new(Semaphore::new(REFUSING_AT_ONCE));
    let (stop_tx, stop_rx) = watch::channel(false);
    // Every connection task holds a receiver; all gone = all finished.
    let (done_tx, done_rx) = watch::channel(());
    tokio::pin!(shutdown);
    loop {
        let (stream, remote): (_, SocketAddr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let trusted_proxy = limits.trusted_proxies.contains(remote.ip());
        match caps.acquire(remote.ip(), trusted_proxy) {
            Ok(permit) => {
                let connection = connection::Connection {
                    app: app.clone(),
                    remote,
                    trusted_proxy,
                    limits: Arc::clone(&limits),
                    stop: stop_rx.clone(),
                    done: done_rx.clone(),
                };
                tokio::spawn(connection.run(stream, permit));
            }
            Err(refusal) => {
                tracing::debug!(%remote, ?refusal, "connection refused: over a cap");
                match Arc::clone(&refusing).try_acquire_owned() {
                    Ok(slot) => {
                        tokio::spawn(refuse::answer(stream, refusal, slot));
                    }
                    Err(_) => drop(stream),
                }
            }
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(done_rx);
    let started = tokio::time::Instant::now();
    tracing::info!(
        open = done_tx.receiver_count(),
        "listener closed; finishing the connections in flight"
    );
    let Some(drain) = drain else {
        done_tx.closed().await;
        return Ok(Drained {
            abandoned: 0,
            deadline: started,
        });
    };
    let deadline = started + drain;
    let abandoned = match tokio::time::timeout_at(deadline, done_tx.closed()).await {
        Ok(()) => 0,
        Err(_) => done_tx.receiver_count(),
    };
    Ok(Drained {
        abandoned,
        deadline,
    })
}

/// Errors of one connection (reset before it was accepted…) are that
/// connection's; others (out of file descriptors) last a while, so the
/// loop pauses instead of spinning.
async fn accept_failed(e: io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "accepting a connection failed");
    tokio::time::sleep(Duration::from_millis(200)).await;
}
