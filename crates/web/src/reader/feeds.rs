//! The edition's RSS 2.0 feed (`/{edition}/rss.xml`): the newest 50 stories,
//! those covered live marked so while their coverage runs.

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use dateline_store::events::CacheKey;
use dateline_store::{ArticleCard, ArticleFilter, ArticleQuery};
use quick_xml::escape::escape;

use crate::site::{respond, EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

const FEED_ITEMS: u32 = 50;

pub(super) async fn rss(State(state): State<AppState>, Path(edition): Path<String>) -> Response {
    respond(&state, Some(&edition), feed(&state, &edition).await).await
}

async fn feed(state: &AppState, code: &str) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let page = state
        .store
        .list_articles(&ArticleQuery {
            filter: ArticleFilter::Edition(ctx.edition.id),
            limit: FEED_ITEMS,
            after: None,
        })
        .await?;
    let xml = rss_xml(state, &ctx, &page.items);
    let mut keys = ctx.keys();
    keys.add(CacheKey::Edition(ctx.edition.id))
        .articles(page.items.iter().map(|c| c.id));
    let response = (
        [
            (CONTENT_TYPE, "application/rss+xml; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=300"),
        ],
        xml,
    )
        .into_response();
    Ok(keys.attach(response))
}

/// The feed document; every text is XML-escaped.
fn rss_xml(state: &AppState, ctx: &EditionCtx, items: &[ArticleCard]) -> String {
    let urls = Urls::new(&state.config.base_url);
    let self_url = format!(
        "{}/{}/rss.xml",
        state.config.base_url.trim_end_matches('/'),
        ctx.code()
    );
    let description = state.renderer.t(
        &ctx.locale,
        "feed-description",
        &[("edition", ctx.edition.name.as_str().into())],
    );
    let last_build = items.iter().map(|c| c.updated_at.max(c.published_at)).max();
    // Stories covered live say so in their title while the coverage runs
    // (feed readers show titles), and carry it as a category.
    let live = state.renderer.t(&ctx.locale, "live-badge", &[]);

    let mut xml = String::with_capacity(1024 + items.len() * 600);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    // Writing into a String cannot fail.
    let _ = writeln!(xml, "<title>{}</title>", escape(&ctx.edition.name));
    let _ = writeln!(xml, "<link>{}</link>", escape(urls.front(ctx.code())));
    let _ = writeln!(xml, "<description>{}</description>", escape(&description));
    let _ = writeln!(
        xml,
        "<language>{}</language>",
        escape(ctx.edition.language.as_str())
    );
    let _ = writeln!(
        xml,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&self_url)
    );
    if let Some(ts) = last_build {
        let _ = writeln!(
            xml,
            "<lastBuildDate>{}</lastBuildDate>",
            dateline_render::rfc2822(ts)
        );
    }
    for card in items {
        let link = urls.article(ctx.code(), &card.section_slug, &card.slug);
        xml.push_str("<item>\n");
        if card.live {
            let _ = writeln!(
                xml,
                "<title>{}: {}</title>",
                escape(&live),
                escape(&card.headline)
            );
        } else {
            let _ = writeln!(xml, "<title>{}</title>", escape(&card.headline));
        }
        let _ = writeln!(xml, "<link>{}</link>", escape(&link));
        let _ = writeln!(
            xml,
            "<guid isPermaLink=\"false\">{}</guid>",
            escape(story_id(&state.config.base_url, card))
        );
        let _ = writeln!(
            xml,
            "<pubDate>{}</pubDate>",
            dateline_render::rfc2822(card.published_at)
        );
        let _ = writeln!(xml, "<category>{}</category>", escape(&card.section_title));
        if card.live {
            let _ = writeln!(xml, "<category>{}</category>", escape(&live));
        }
        if !card.lead.is_empty() {
            let _ = writeln!(xml, "<description>{}</description>", escape(&card.lead));
        }
        xml.push_str("</item>\n");
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

/// A story's id in feeds: a `tag:` URI (RFC 4151) of the site's host, the
/// day it was first published and its number, so that it stays the same
/// when its slug or section changes.
fn story_id(base_url: &str, card: &ArticleCard) -> String {
    let host = crate::urls::host_of(base_url);
    let host = host.rsplit_once(':').map_or(host, |(name, _port)| name);
    let day = chrono::DateTime::from_timestamp(card.published_at, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "1970-01-01".to_owned());
    format!("tag:{host},{day}:article:{}", card.id)
}
