//! An edition's sitemap of listing pages: the front page, then its
//! sections, tags and authors that list public stories, each dated by its
//! newest story.

use std::fmt::Write;

use axum::response::Response;
use dateline_store::events::CacheKey;
use quick_xml::escape::escape;

use super::CACHE;
use crate::site::{EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

/// Tags and authors listed at most (the file holds 50,000 URLs).
const MAX_TAGS: u32 = 40_000;
const MAX_AUTHORS: u32 = 9_000;

pub(super) async fn sitemap(state: &AppState, code: &str) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let id = ctx.edition.id;
    let (sections, tags, authors) = tokio::try_join!(
        state.store.sitemap_sections(id),
        state.store.sitemap_tags(id, MAX_TAGS),
        state.store.sitemap_authors(id, MAX_AUTHORS),
    )?;
    let urls = Urls::new(&state.config.base_url);
    let code = ctx.code();
    let mut xml = String::with_capacity(200 + (sections.len() + tags.len() + authors.len()) * 150);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let front_date = sections.iter().map(|s| s.newest).max();
    url(&mut xml, &urls.front(code), front_date);
    for s in &sections {
        url(&mut xml, &urls.section(code, &s.slug), Some(s.newest));
    }
    for t in &tags {
        url(&mut xml, &urls.tag(code, &t.slug), Some(t.newest));
    }
    for a in &authors {
        url(&mut xml, &urls.author(code, &a.slug), Some(a.newest));
    }
    xml.push_str("</urlset>\n");
    let mut keys = ctx.keys();
    keys.add(CacheKey::Edition(id));
    Ok(keys.attach(super::xml_response(xml, CACHE)))
}

fn url(xml: &mut String, loc: &str, lastmod: Option<i64>) {
    // Writing into a String cannot fail.
    let _ = write!(xml, "<url><loc>{}</loc>", escape(loc));
    if let Some(ts) = lastmod {
        let _ = write!(xml, "<lastmod>{}</lastmod>", dateline_render::w3c_date(ts));
    }
    xml.push_str("</url>\n");
}
