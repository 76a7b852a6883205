//! Search on the reader site: the search page (`page.rs`, its address in
//! `params.rs`, hits in `results.rs`, facets in `facets.rs`) and
//! suggestions as one types (`suggest.rs`, for `static/search.js`). The
//! media bank's own search box is `crate::reader::mediabank`'s.
//!
//! None of it is stored by the page cache, nor by browsers and CDNs
//! (`Cache-Control: no-cache`): the queries are unbounded (caching them
//! would push real pages out and let anyone flush the cache), and results
//! follow the index, which applies a change a moment after the commit that
//! purges the cache, so a result page stored in between would stay stale
//! with nothing left to purge it. A search costs milliseconds.

mod facets;
mod page;
mod params;
mod results;
mod suggest;

pub(super) use page::page;
pub(super) use suggest::suggest;

use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::response::Response;

/// Hits per page.
const PAGE_SIZE: usize = 20;

/// Marks a search answer as not to be stored (see above); an error page
/// keeps its own `no-store`.
fn no_cache(mut response: Response) -> Response {
    response
        .headers_mut()
        .entry(CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
    response
}
