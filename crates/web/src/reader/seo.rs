//! Crawling aids: `/robots.txt`, the sitemap index `/sitemap.xml`, the
//! per-edition sitemaps `/{edition}/sitemap-{n}.xml` and each edition's
//! news sitemap `/{edition}/sitemap-news.xml` (Google News: the stories of
//! the last 48 hours, at most 1,000, newest first, with the publication's
//! name and language).
//!
//! Sitemap `n` holds the edition's public articles with ids in
//! `((n-1)·10000, n·10000]`, so that any sitemap is one indexed range query
//! and never lists more than 10,000 URLs; the index lists only the numbers
//! that have articles, found with one `LIMIT 1` probe per sitemap.
//! Syndicated copies (an article with a canonical address elsewhere) are
//! left out by `Store::sitemap_entries`: a sitemap lists canonical pages
//! only, and listing a copy would contradict its own canonical link.

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use quick_xml::escape::escape;

use crate::site::{respond, EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

/// URLs per sitemap (the protocol allows 50,000; smaller files are kinder
/// to crawlers and to the server).
pub(super) const SITEMAP_SIZE: i64 = 10_000;

const XML: &str = "application/xml; charset=utf-8";
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

pub(super) async fn sitemap_index(State(state): State<AppState>) -> Response {
    respond(&state, None, index(&state).await).await
}

async fn index(state: &AppState) -> Result<Response, PageError> {
    let base = state.config.base_url.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for edition in state.store.editions().await? {
        let mut after = 0;
        while let Some(first) = state
            .store
            .sitemap_entries(edition.id, after, 1)
            .await?
            .first()
        {
            let n = (first.id - 1).div_euclid(SITEMAP_SIZE) + 1;
            let loc = format!("{base}/{}/sitemap-{n}.xml", edition.code);
            let _ = writeln!(xml, "<sitemap><loc>{}</loc></sitemap>", escape(&loc));
            after = n * SITEMAP_SIZE;
        }
        let news = format!("{base}/{}/sitemap-news.xml", edition.code);
        let _ = writeln!(xml, "<sitemap><loc>{}</loc></sitemap>", escape(&news));
    }
    xml.push_str("</sitemapindex>\n");
    Ok(([(CONTENT_TYPE, XML), (CACHE_CONTROL, CACHE)], xml).into_response())
}

pub(super) async fn sitemap(
    State(state): State<AppState>,
    Path((edition, file)): Path<(String, String)>,
) -> Response {
    respond(
        &state,
        Some(&edition),
        edition_sitemap(&state, &edition, &file).await,
    )
    .await
}

async fn edition_sitemap(state: &AppState, code: &str, file: &str) -> Result<Response, PageError> {
    if file == "news.xml" {
        return news_sitemap(state, code).await;
    }
    let n: i64 = file
        .strip_suffix(".xml")
        .and_then(|n| n.parse().ok())
        .filter(|n| *n >= 1 && *n <= i64::MAX / SITEMAP_SIZE)
        .ok_or_else(|| PageError::not_found("sitemap"))?;
    let ctx = EditionCtx::load(state, code).await?;
    let (first, last) = ((n - 1) * SITEMAP_SIZE, n * SITEMAP_SIZE);
    let limit = u32::try_from(SITEMAP_SIZE).unwrap_or(u32::MAX);
    let entries = state
        .store
        .sitemap_entries(ctx.edition.id, first, limit)
        .await?;
    let entries: Vec<_> = entries.into_iter().take_while(|e| e.id <= last).collect();
    if entries.is_empty() {
        return Err(PageError::not_found("sitemap"));
    }
    let urls = Urls::new(&state.config.base_url);
    let mut xml = String::with_capacity(200 + entries.len() * 160);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for e in &entries {
        let loc = urls.article(ctx.code(), &e.section_slug, &e.slug);
        let lastmod = dateline_render::w3c_date(e.updated_at.max(e.published_at));
        let _ = writeln!(
            xml,
            "<url><loc>{}</loc><lastmod>{lastmod}</lastmod></url>",
            escape(&loc)
        );
    }
    xml.push_str("</urlset>\n");
    Ok(([(CONTENT_TYPE, XML), (CACHE_CONTROL, CACHE)], xml).into_response())
}

/// How far back a news sitemap reaches, and how many stories it lists
/// (Google News' rules).
const NEWS_WINDOW_SECS: i64 = 48 * 3600;
const NEWS_MAX: u32 = 1000;

/// The edition's news sitemap. Cached like a listing: publishing,
/// withdrawing or editing a story it lists purges it.
async fn news_sitemap(state: &AppState, code: &str) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let since = crate::auth::now() - NEWS_WINDOW_SECS;
    let entries = state
        .store
        .news_sitemap_entries(ctx.edition.id, since, NEWS_MAX)
        .await?;
    let urls = Urls::new(&state.config.base_url);
    // The language as Google News names it: ISO 639, except Chinese,
    // which it tells apart by script.
    let tag = ctx.edition.language.as_str().to_ascii_lowercase();
    let language = match tag.split('-').next().unwrap_or_default() {
        "zh" if tag.contains("hant") || tag.ends_with("-tw") || tag.ends_with("-hk") => "zh-tw",
        "zh" => "zh-cn",
        primary => primary,
    };
    let name = escape(ctx.site_name());
    let mut xml = String::with_capacity(300 + entries.len() * 400);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    for e in &entries {
        let loc = urls.article(ctx.code(), &e.section_slug, &e.slug);
        let _ = writeln!(
            xml,
            "<url><loc>{}</loc><news:news><news:publication><news:name>{name}</news:name>\
             <news:language>{language}</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title>\
             </news:news></url>",
            escape(&loc),
            dateline_render::w3c_date(e.published_at),
            escape(&e.headline),
        );
    }
    xml.push_str("</urlset>\n");
    let mut keys = ctx.keys();
    keys.add(dateline_store::events::CacheKey::Edition(ctx.edition.id))
        .articles(entries.iter().map(|e| e.id));
    let response = (
        [(CONTENT_TYPE, XML), (CACHE_CONTROL, "public, max-age=300")],
        xml,
    )
        .into_response();
    Ok(keys.attach(response))
}
