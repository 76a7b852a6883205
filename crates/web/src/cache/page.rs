//! One cached page: status, headers and body as rendered, its strong ETag,
//! its cache keys, and its Brotli and gzip bodies once they are made.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use axum::body::{Body, Bytes};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, ETAG, IF_NONE_MATCH, VARY,
};
use axum::http::response::Parts;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use sha2::{Digest, Sha256};

use super::encoding::{self, Accepted, Coding};
use super::keys::PageKeys;

pub(super) const SURROGATE_KEY: HeaderName = HeaderName::from_static("surrogate-key");
pub(super) const CACHE_TAG: HeaderName = HeaderName::from_static("cache-tag");
/// `hit` or `miss`: whether this process's page cache answered.
pub(super) const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

/// Headers a handler may set that the cache manages itself.
const MANAGED: [HeaderName; 5] = [CACHE_CONTROL, CONTENT_LENGTH, CONTENT_ENCODING, ETAG, VARY];

#[derive(Debug)]
pub(crate) struct CachedPage {
    /// Tells apart successive pages stored under one URL.
    pub id: u64,
    status: StatusCode,
    /// The handler's headers plus caching headers, without body-specific ones.
    headers: HeaderMap,
    identity: Bytes,
    /// Hex digest of the identity body; each coding's ETag derives from it.
    hash: String,
    pub keys: Vec<String>,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
    compressing: AtomicBool,
}

impl CachedPage {
    /// `policy` is the `Cache-Control` value of cacheable pages.
    pub fn new(
        id: u64,
        parts: &Parts,
        identity: Bytes,
        keys: &PageKeys,
        policy: &HeaderValue,
    ) -> Self {
        let mut headers = parts.headers.clone();
        for name in MANAGED {
            headers.remove(name);
        }
        let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
        headers.insert(CACHE_CONTROL, policy.clone());
        headers.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
        if let Ok(value) = HeaderValue::from_str(&keys.join(" ")) {
            headers.insert(SURROGATE_KEY, value);
        }
        if let Ok(value) = HeaderValue::from_str(&keys.join(",")) {
            headers.insert(CACHE_TAG, value);
        }
        let digest = Sha256::digest(&identity);
        // 128 bits are plenty to tell versions of one page apart.
        let hash = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        Self {
            id,
            status: parts.status,
            headers,
            identity,
            hash,
            keys,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
            compressing: AtomicBool::new(false),
        }
    }

    /// Bytes the page holds once compressed (the compressed bodies are
    /// estimated: they are made later), for the cache's size bound.
    pub fn weight(&self, url: &str) -> u32 {
        let keys: usize = self.keys.iter().map(|k| k.len() + 64).sum();
        let bytes = self.identity.len() + self.identity.len() / 2 + keys + url.len() + 512;
        u32::try_from(bytes).unwrap_or(u32::MAX)
    }

    /// Makes the Brotli and gzip bodies once, on the blocking pool, the
    /// first time a client that accepts them asks for the page again: pages
    /// seen once are never compressed. Until then, identity is served.
    pub fn compress_soon(self: &Arc<Self>) {
        if self.compressing.swap(true, Ordering::AcqRel) {
            return;
        }
        let page = Arc::clone(self);
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        runtime.spawn_blocking(move || {
            match encoding::brotli(&page.identity) {
                Ok(body) => drop(page.brotli.set(body.into())),
                Err(err) => tracing::warn!(error = %err, "brotli compression failed"),
            }
            match encoding::gzip(&page.identity) {
                Ok(body) => drop(page.gzip.set(body.into())),
                Err(err) => tracing::warn!(error = %err, "gzip compression failed"),
            }
        });
    }

    /// The response for one request: the best accepted body that is ready,
    /// or `304 Not Modified` when `If-None-Match` names this page.
    pub fn respond(
        &self,
        accepted: Accepted,
        request: &HeaderMap,
        label: &'static str,
    ) -> Response {
        let coding = accepted.choose(self.brotli.get().is_some(), self.gzip.get().is_some());
        let validated = self.status == StatusCode::OK;
        let etag = format!("\"{}{}\"", self.hash, coding.etag_suffix());
        if validated {
            if let Some(tag) = self.matching_tag(request) {
                return self.not_modified(tag, label);
            }
        }
        let body = match coding {
            Coding::Brotli => self.brotli.get(),
            Coding::Gzip => self.gzip.get(),
            Coding::Identity => None,
        }
        .unwrap_or(&self.identity)
        .clone();
        let mut response = Response::new(Body::from(body.clone()));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.clone_from(&self.headers);
        if validated {
            if let Ok(value) = HeaderValue::from_str(&etag) {
                headers.insert(ETAG, value);
            }
        }
        if let Some(name) = coding.header() {
            headers.insert(CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        headers.insert(X_CACHE, HeaderValue::from_static(label));
        response
    }

    /// The entity tag of `If-None-Match` that names a representation of
    /// this page (weak comparison, as RFC 9110 requires for it).
    fn matching_tag(&self, request: &HeaderMap) -> Option<String> {
        let codings = [Coding::Identity, Coding::Brotli, Coding::Gzip];
        request
            .get_all(IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .find_map(|tag| {
                if tag == "*" {
                    return Some(format!("\"{}\"", self.hash));
                }
                let opaque = tag.strip_prefix("W/").unwrap_or(tag);
                let inner = opaque.strip_prefix('"')?.strip_suffix('"')?;
                let rest = inner.strip_prefix(self.hash.as_str())?;
                codings
                    .iter()
                    .any(|c| c.etag_suffix() == rest)
                    .then(|| opaque.to_owned())
            })
    }

    fn not_modified(&self, tag: String, label: &'static str) -> Response {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        let headers = response.headers_mut();
        for name in [CACHE_CONTROL, VARY] {
            if let Some(value) = self.headers.get(&name) {
                headers.insert(name, value.clone());
            }
        }
        if let Ok(value) = HeaderValue::from_str(&tag) {
            headers.insert(ETAG, value);
        }
        headers.insert(X_CACHE, HeaderValue::from_static(label));
        response
    }
}
