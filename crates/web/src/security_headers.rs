//! Headers every answer carries so that a browser confines the site's pages:
//! a Content-Security-Policy allowing only the site's own scripts (none
//! inline), no framing by other sites, no content-type guessing, a referrer
//! policy, and HSTS when the public address is HTTPS.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// Scripts, styles, pictures, fonts, streams and sockets come from the
/// site itself; forms post to it; nothing frames it. Inline styles stay
/// allowed (a few attributes in the themes); inline scripts do not.
const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; media-src 'self'; \
     object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Two years, with subdomains: the usual preload-ready lifetime.
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// The headers, built once from the public address.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    hsts: bool,
}

impl SecurityHeaders {
    pub fn for_base_url(base_url: &str) -> Self {
        Self {
            hsts: base_url.starts_with("https://"),
        }
    }

    /// Adds what the answer does not set itself (a page may choose a
    /// stricter referrer policy, for instance).
    pub fn apply(&self, headers: &mut HeaderMap) {
        let defaults = [
            (CONTENT_SECURITY_POLICY, POLICY),
            (X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (X_FRAME_OPTIONS, "DENY"),
            (REFERRER_POLICY, "strict-origin-when-cross-origin"),
        ];
        for (name, value) in defaults {
            if !headers.contains_key(&name) {
                headers.insert(name, HeaderValue::from_static(value));
            }
        }
        if self.hsts && !headers.contains_key(STRICT_TRANSPORT_SECURITY) {
            headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
        }
    }
}

/// The middleware, outermost in the router: page-cache hits get the
/// headers too.
pub async fn add(
    State(headers): State<Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    headers.apply(response.headers_mut());
    response
}

/// Shares the headers with the middleware.
pub fn state(app: &AppState) -> Arc<SecurityHeaders> {
    Arc::new(SecurityHeaders::for_base_url(&app.config.base_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsts_only_when_the_site_is_served_over_https() {
        let mut plain = HeaderMap::new();
        SecurityHeaders::for_base_url("http://127.0.0.1:8080").apply(&mut plain);
        assert!(!plain.contains_key(STRICT_TRANSPORT_SECURITY));
        assert_eq!(plain[X_CONTENT_TYPE_OPTIONS], "nosniff");
        let mut secure = HeaderMap::new();
        SecurityHeaders::for_base_url("https://news.example").apply(&mut secure);
        assert_eq!(secure[STRICT_TRANSPORT_SECURITY], HSTS);
    }

    #[test]
    fn an_answers_own_choice_is_kept() {
        let mut headers = HeaderMap::new();
        headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
        SecurityHeaders::for_base_url("https://news.example").apply(&mut headers);
        assert_eq!(headers[REFERRER_POLICY], "same-origin");
        let policy = headers[CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("script-src 'self';"), "{policy}");
        assert!(!policy.contains("script-src 'self' 'unsafe-inline'"));
    }
}
