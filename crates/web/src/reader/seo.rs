//! `/robots.txt`: crawlers may read the reader site (not accounts or the
//! APIs), and the sitemap index is named (`sitemaps/`).

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::AppState;

const CACHE: &str = "public, max-age=3600";

pub(super) async fn robots(State(state): State<AppState>) -> Response {
    let base = state.config.base_url.trim_end_matches('/');
    let body = format!("User-agent: *\nAllow: /\nDisallow: /account/\nDisallow: /api/\n\nSitemap: {base}/sitemap.xml\n");
    (
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (CACHE_CONTROL, CACHE),
        ],
        body,
    )
        .into_response()
}
