//! Sitemaps for crawlers: the index `/sitemap.xml` and, per edition, the
//! story sitemaps `/{edition}/sitemap-{n}.xml`, the listing pages'
//! `/{edition}/sitemap-pages.xml` and the news sitemap
//! `/{edition}/sitemap-news.xml`.
//!
//! Story sitemap `n` holds the edition's canonical public stories with ids
//! in `((n-1)·10000, n·10000]`, so that any of them is one indexed range
//! query and never lists more than 10,000 URLs. The index names only the
//! numbers that have stories, each with the newest change among them.
//! Every sitemap is a cached reader page purged with its edition's
//! listings: publishing or withdrawing a story refreshes them.

mod listings;
mod news;
mod stories;

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use dateline_store::events::CacheKey;
use quick_xml::escape::escape;

use crate::cache::PageKeys;
use crate::site::{respond, PageError};
use crate::AppState;

/// URLs per story sitemap (the protocol allows 50,000; smaller files are
/// kinder to crawlers and to the server).
const SITEMAP_SIZE: i64 = 10_000;

const XML: &str = "application/xml; charset=utf-8";
const CACHE: &str = "public, max-age=3600";

pub(in crate::reader) async fn sitemap_index(State(state): State<AppState>) -> Response {
    respond(&state, None, index(&state).await).await
}

async fn index(state: &AppState) -> Result<Response, PageError> {
    let base = state.config.base_url.trim_end_matches('/');
    let mut keys = PageKeys::site();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    // A retired edition's own sitemaps still answer; the index leaves it out.
    for edition in state
        .store
        .editions()
        .await?
        .into_iter()
        .filter(|e| e.is_active())
    {
        keys.add(CacheKey::Edition(edition.id));
        let files = state
            .store
            .sitemap_file_dates(edition.id, SITEMAP_SIZE)
            .await?;
        for file in &files {
            let loc = format!("{base}/{}/sitemap-{}.xml", edition.code, file.n);
            entry(&mut xml, &loc, Some(file.lastmod));
        }
        // The listings change when a story is published.
        let newest = files.iter().map(|f| f.lastmod).max();
        entry(
            &mut xml,
            &format!("{base}/{}/sitemap-pages.xml", edition.code),
            newest,
        );
        entry(
            &mut xml,
            &format!("{base}/{}/sitemap-news.xml", edition.code),
            None,
        );
    }
    xml.push_str("</sitemapindex>\n");
    Ok(keys.attach(xml_response(xml, CACHE)))
}

/// One `<sitemap>` of the index.
fn entry(xml: &mut String, loc: &str, lastmod: Option<i64>) {
    // Writing into a String cannot fail.
    let _ = write!(xml, "<sitemap><loc>{}</loc>", escape(loc));
    if let Some(ts) = lastmod {
        let _ = write!(xml, "<lastmod>{}</lastmod>", dateline_render::w3c_date(ts));
    }
    xml.push_str("</sitemap>\n");
}

pub(in crate::reader) async fn sitemap(
    State(state): State<AppState>,
    Path((edition, file)): Path<(String, String)>,
) -> Response {
    let page = match file.as_str() {
        "news.xml" => news::sitemap(&state, &edition).await,
        "pages.xml" => listings::sitemap(&state, &edition).await,
        _ => match file.strip_suffix(".xml").and_then(|n| n.parse().ok()) {
            Some(n) => stories::sitemap(&state, &edition, n).await,
            None => Err(PageError::not_found("sitemap")),
        },
    };
    respond(&state, Some(&edition), page).await
}

fn xml_response(xml: String, cache: &'static str) -> Response {
    ([(CONTENT_TYPE, XML), (CACHE_CONTROL, cache)], xml).into_response()
}
