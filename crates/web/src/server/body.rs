//! Request bodies with a deadline (a body trickled in byte by byte cannot
//! hold a connection past `body_read_timeout`), and answer bodies that keep
//! their request marked in flight until they are sent.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::header::CONNECTION;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};
use tokio::time::Sleep;

use super::expiry::InFlight;
use crate::error::{ApiError, ErrorCode};

/// Set when a request's body missed its deadline.
#[derive(Debug, Clone, Default)]
pub(super) struct TimedOut(Arc<AtomicBool>);

impl TimedOut {
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive in time")]
struct BodyTimedOut;

/// A request body that fails once its deadline passes.
pub(super) struct DeadlineBody<B> {
    inner: B,
    /// `None` for a request without a body.
    deadline: Option<Pin<Box<Sleep>>>,
    timed_out: TimedOut,
}

impl<B: http_body::Body + Unpin> DeadlineBody<B> {
    /// `inner`, which must arrive whole within `timeout` from now.
    pub fn new(inner: B, timeout: Duration) -> (Self, TimedOut) {
        let deadline = (!inner.is_end_stream()).then(|| Box::pin(tokio::time::sleep(timeout)));
        let timed_out = TimedOut::default();
        let body = Self {
            inner,
            deadline,
            timed_out: timed_out.clone(),
        };
        (body, timed_out)
    }
}

impl<B> http_body::Body for DeadlineBody<B>
where
    B: http_body::Body<Data = Bytes> + Unpin,
    B::Error: Into<axum::BoxError>,
{
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        if let Some(deadline) = &mut this.deadline {
            if deadline.as_mut().poll(cx).is_ready() {
                this.timed_out.0.store(true, Ordering::SeqCst);
                return Poll::Ready(Some(Err(BodyTimedOut.into())));
            }
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The answer to a request whose body missed its deadline, whatever the
/// handler made of the failed read: 408, and the connection closes.
pub(super) fn timed_out() -> Response {
    let mut response = ApiError::new(
        ErrorCode::RequestTimeout,
        "the request body did not arrive in time",
    )
    .into_response();
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// An answer's body, holding its request in flight until it is sent (or
/// dropped): a connection streaming an answer is never idle.
pub(super) struct TrackedBody {
    inner: Body,
    _in_flight: InFlight,
}

impl TrackedBody {
    pub fn new(inner: Body, in_flight: InFlight) -> Self {
        Self {
            inner,
            _in_flight: in_flight,
        }
    }
}

impl http_body::Body for TrackedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
