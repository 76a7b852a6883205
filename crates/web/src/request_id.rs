//! Request ids: every answer carries `X-Request-Id`, every log line written
//! while handling the request carries it (a `tracing` span around the
//! request), and error pages and JSON error bodies show it, so that a
//! reader can quote it to support and an operator can find the lines.
//!
//! The id is 16 random bytes in lowercase hex. One sent by the client is
//! taken only from a trusted proxy (see [`from_trusted_proxy`]) and only
//! when it is well formed (at most [`MAX_INCOMING_LEN`] token characters);
//! otherwise anyone could write misleading ids into the logs.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use rand::RngCore;
use tracing::field::Empty;
use tracing::Instrument;

/// The header that carries the id both ways.
pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Longest id taken from a trusted proxy.
pub const MAX_INCOMING_LEN: usize = 64;

/// One request's id; also in the request's extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(Arc<str>);

impl RequestId {
    /// A fresh id: 128 random bits, 32 hex digits.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        Self(hex::encode(bytes).into())
    }

    /// An id a proxy sent, when it is well formed: 1 to
    /// [`MAX_INCOMING_LEN`] ASCII letters, digits or `-_.:`.
    pub fn parse(value: &str) -> Option<Self> {
        let well_formed = (1..=MAX_INCOMING_LEN).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
        well_formed.then(|| Self(value.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

tokio::task_local! {
    /// The id of the request the current task is answering: error bodies
    /// and pages read it without every handler passing it along.
    static CURRENT: RequestId;
}

/// The id of the request being answered, when called while answering one.
pub fn current() -> Option<RequestId> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Whether the request came through one of the `trusted_proxies`, which
/// may speak for their clients (the server loop marks the peer).
fn from_trusted_proxy(request: &Request) -> bool {
    request
        .extensions()
        .get::<crate::server::PeerAddr>()
        .is_some_and(|peer| peer.trusted_proxy)
}

/// Middleware, outermost of the router's: picks the id, answers in its
/// span and task-local scope, and puts it on the answer.
pub async fn tag(mut request: Request, next: Next) -> Response {
    let incoming = from_trusted_proxy(&request)
        .then(|| request.headers().get(&HEADER)?.to_str().ok())
        .flatten()
        .and_then(RequestId::parse);
    let id = incoming.unwrap_or_else(RequestId::generate);
    request.extensions_mut().insert(id.clone());
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned());
    // `otel.*` fields name and kind the span for OpenTelemetry
    // (tracing-opentelemetry reads them); the log shows them as fields.
    let name = match &route {
        Some(route) => format!("{method} {route}"),
        None => method.to_string(),
    };
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %method,
        route = route.as_deref(),
        status = Empty,
        latency_ms = Empty,
        otel.name = name,
        otel.kind = "server",
        otel.status_code = Empty,
    );
    let started = Instant::now();
    let mut response = CURRENT
        .scope(id.clone(), next.run(request))
        .instrument(span.clone())
        .await;
    let status = response.status().as_u16();
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    span.record("status", status);
    span.record("latency_ms", latency_ms);
    if response.status().is_server_error() {
        span.record("otel.status_code", "ERROR");
    }
    span.in_scope(|| tracing::debug!(status, latency_ms, "request finished"));
    if let Ok(value) = HeaderValue::from_str(id.as_str()) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_are_32_hex_digits_and_differ() {
        let (a, b) = (RequestId::generate(), RequestId::generate());
        assert_eq!(a.as_str().len(), 32);
        assert!(a.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn only_short_token_ids_are_taken() {
        for good in ["abc", "7f3e-01:req_9.x", &"a".repeat(MAX_INCOMING_LEN)] {
            assert!(RequestId::parse(good).is_some(), "{good}");
        }
        let long = "a".repeat(MAX_INCOMING_LEN + 1);
        for bad in ["", "a b", "a\"b", "ид", "<script>", long.as_str()] {
            assert!(RequestId::parse(bad).is_none(), "{bad}");
        }
    }
}
