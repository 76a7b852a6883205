//! One accepted connection: hyper's HTTP/1.1 (with upgrades, for chat
//! sockets) over a socket that counts against the caps until it closes,
//! watched for silence and slow headers (`expiry.rs`), with a body deadline
//! on every request (`body.rs`).

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tower::ServiceExt;

use super::body::{DeadlineBody, TrackedBody};
use super::caps::Permit;
use super::expiry::{Activity, Expired};
use super::forwarded::PeerAddr;
use super::{refuse, ServerLimits};
use crate::error::ErrorCode;

/// What a connection task needs besides its socket.
pub(super) struct Connection {
    pub app: Router,
    pub remote: SocketAddr,
    /// `remote` is one of the trusted proxies.
    pub trusted_proxy: bool,
    pub limits: Arc<ServerLimits>,
    /// Becomes `true` when the server shuts down.
    pub stop: watch::Receiver<bool>,
    /// Held until the socket closes (an upgraded chat socket's included);
    /// the server waits for all of them.
    pub done: watch::Receiver<()>,
}

/// The client's socket and its place under the caps, shared by hyper's
/// side (or, once upgraded, the chat socket) and this task's: the place is
/// given back when both are done with it, and so is the server's count of
/// open connections (a shutdown waits for chat sockets to close too).
struct Shared {
    stream: TcpStream,
    _permit: Permit,
    _done: watch::Receiver<()>,
}

impl Connection {
    pub async fn run(mut self, stream: TcpStream, permit: Permit) {
        let shared = Arc::new(Shared {
            stream,
            _permit: permit,
            _done: self.done,
        });
        let activity = Arc::new(Activity::default());
        let io = WatchedSocket {
            shared: Arc::clone(&shared),
            activity: Arc::clone(&activity),
        };
        let service = ConnService {
            app: self.app.clone(),
            peer: PeerAddr {
                addr: self.remote,
                trusted_proxy: self.trusted_proxy,
            },
            limits: Arc::clone(&self.limits),
            activity: Arc::clone(&activity),
            body_timeout: self.limits.body_read_timeout,
        };
        // Header and idle timeouts are the watch's: hyper's own header
        // timeout would close without an answer.
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder.header_read_timeout(None).keep_alive(true);
        let conn = builder
            .serve_connection(TokioIo::new(io), service)
            .with_upgrades();
        tokio::pin!(conn);
        let expiry = activity.expiry(
            self.limits.keep_alive_timeout,
            self.limits.header_read_timeout,
        );
        tokio::pin!(expiry);
        let mut stopping = *self.stop.borrow();
        if stopping {
            conn.as_mut().graceful_shutdown();
        }
        let expired = loop {
            tokio::select! {
                result = conn.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!(remote = %self.remote, error = %e, "connection ended");
                    }
                    break None;
                }
                _ = self.stop.changed(), if !stopping => {
                    stopping = true;
                    conn.as_mut().graceful_shutdown();
                }
                expired = &mut expiry => break Some(expired),
            }
        };
        // hyper is not polled again: nothing is in flight, so the socket
        // is this task's to answer on and close.
        match expired {
            Some(Expired::Idle) => tracing::debug!(remote = %self.remote, "idle connection closed"),
            Some(Expired::Headers) => {
                tracing::debug!(remote = %self.remote, "request headers too slow: 408");
                let answer = refuse::answer_bytes(
                    ErrorCode::RequestTimeout,
                    "the request headers did not arrive in time",
                    None,
                );
                refuse::answer_and_close(&shared.stream, &answer).await;
            }
            None => {}
        }
    }
}

/// The client's socket as hyper reads and writes it: notes what arrives.
struct WatchedSocket {
    shared: Arc<Shared>,
    activity: Arc<Activity>,
}

impl AsyncRead for WatchedSocket {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let stream = &self.shared.stream;
        loop {
            ready!(stream.poll_read_ready(cx))?;
            match stream.try_read(buf.initialize_unfilled()) {
                Ok(n) => {
                    buf.advance(n);
                    if n > 0 {
                        self.activity.reads.fetch_add(1, Ordering::SeqCst);
                    }
                    return Poll::Ready(Ok(()));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}

impl AsyncWrite for WatchedSocket {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let stream = &self.shared.stream;
        loop {
            ready!(stream.poll_write_ready(cx))?;
            match stream.try_write(buf) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                written => return Poll::Ready(written),
            }
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let stream = &self.shared.stream;
        loop {
            ready!(stream.poll_write_ready(cx))?;
            match stream.try_write_vectored(bufs) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                written => return Poll::Ready(written),
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(refuse::half_close(&self.shared.stream))
    }
}

/// The router as hyper calls it, once per request.
#[derive(Clone)]
struct ConnService {
    app: Router,
    peer: PeerAddr,
    /// For the trusted proxies, when the peer is one.
    limits: Arc<ServerLimits>,
    activity: Arc<Activity>,
    body_timeout: std::time::Duration,
}

type Answer = Pin<Box<dyn Future<Output = Result<Response<TrackedBody>, Infallible>> + Send>>;

impl hyper::service::Service<Request<Incoming>> for ConnService {
    type Response = Response<TrackedBody>;
    type Error = Infallible;
    type Future = Answer;

    fn call(&self, request: Request<Incoming>) -> Self::Future {
        let in_flight = self.activity.begin();
        let (parts, incoming) = request.into_parts();
        let (body, timed_out) = DeadlineBody::new(incoming, self.body_timeout);
        let mut request = Request::from_parts(parts, Body::new(body));
        let client = match self.peer.trusted_proxy {
            true => self
                .limits
                .trusted_proxies
                .client(self.peer.addr, request.headers()),
            false => self.peer.addr,
        };
        request.extensions_mut().insert(ConnectInfo(client));
        request.extensions_mut().insert(self.peer);
        let app = self.app.clone();
        Box::pin(async move {
            let response = match app.oneshot(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
            let response = if timed_out.is_set() {
                super::body::timed_out()
            } else {
                response
            };
            Ok(response.map(|body| TrackedBody::new(body, in_flight)))
        })
    }
}
