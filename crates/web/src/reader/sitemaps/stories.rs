//! Story sitemap `n` of an edition: each canonical public story with its
//! last change, its lead picture (`image:image`) and, when it exists in
//! other editions, every version as an `xhtml:link` hreflang alternate
//! (this one included, as the protocol asks).

use std::collections::HashMap;
use std::fmt::Write;

use axum::response::Response;
use dateline_store::events::CacheKey;
use dateline_store::SitemapAlternate;
use quick_xml::escape::escape;

use super::{CACHE, SITEMAP_SIZE};
use crate::site::{EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

pub(super) async fn sitemap(state: &AppState, code: &str, n: i64) -> Result<Response, PageError> {
    if !(1..=i64::MAX / SITEMAP_SIZE).contains(&n) {
        return Err(PageError::not_found("sitemap"));
    }
    let ctx = EditionCtx::load(state, code).await?;
    let (after, last) = ((n - 1) * SITEMAP_SIZE, n * SITEMAP_SIZE);
    let limit = u32::try_from(SITEMAP_SIZE).unwrap_or(u32::MAX);
    let entries = state
        .store
        .sitemap_entries(ctx.edition.id, after, limit)
        .await?;
    let entries: Vec<_> = entries.into_iter().take_while(|e| e.id <= last).collect();
    if entries.is_empty() {
        return Err(PageError::not_found("sitemap"));
    }
    let alternates = state
        .store
        .sitemap_alternates(ctx.edition.id, after, last)
        .await?;
    let mut groups: HashMap<i64, Vec<&SitemapAlternate>> = HashMap::new();
    for alternate in &alternates {
        groups
            .entry(alternate.translation_group)
            .or_default()
            .push(alternate);
    }

    let urls = Urls::new(&state.config.base_url);
    let mut xml = String::with_capacity(300 + entries.len() * 300);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in &entries {
        let loc = urls.article(ctx.code(), &e.section_slug, &e.slug);
        let lastmod = dateline_render::w3c_date(e.updated_at.max(e.published_at));
        // Writing into a String cannot fail.
        let _ = write!(
            xml,
            "<url><loc>{}</loc><lastmod>{lastmod}</lastmod>",
            escape(&loc)
        );
        for alternate in groups.get(&e.translation_group).into_iter().flatten() {
            let href = urls.article(
                &alternate.edition_code,
                &alternate.section_slug,
                &alternate.slug,
            );
            let _ = write!(
                xml,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(alternate.language.as_str()),
                escape(&href)
            );
        }
        if let Some(key) = &e.picture_key {
            let _ = write!(
                xml,
                "<image:image><image:loc>{}</image:loc></image:image>",
                escape(urls.media_file(key))
            );
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");

    // Stories joining or leaving the edition, and versions appearing or
    // going in other editions (their translation groups), change the file.
    let mut keys = ctx.keys();
    keys.add(CacheKey::Edition(ctx.edition.id))
        .extend(groups.keys().map(|g| CacheKey::Translations(*g)));
    Ok(keys.attach(super::xml_response(xml, CACHE)))
}
