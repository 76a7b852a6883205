//! An edition's news sitemap (Google News): the canonical stories of the
//! last 48 hours, at most 1,000, newest first, with the publication's name
//! and language.

use std::fmt::Write;

use axum::response::Response;
use dateline_store::events::CacheKey;
use quick_xml::escape::escape;

use crate::site::{EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

/// How far back a news sitemap reaches, and how many stories it lists
/// (Google News' rules).
const NEWS_WINDOW_SECS: i64 = 48 * 3600;
const NEWS_MAX: u32 = 1000;

/// Cached like a listing: publishing, withdrawing or editing a story it
/// lists purges it.
pub(super) async fn sitemap(state: &AppState, code: &str) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let since = crate::auth::now() - NEWS_WINDOW_SECS;
    let entries = state
        .store
        .news_sitemap_entries(ctx.edition.id, since, NEWS_MAX)
        .await?;
    let urls = Urls::new(&state.config.base_url);
    let language = news_language(ctx.edition.language.as_str());
    let name = escape(ctx.site_name());
    let mut xml = String::with_capacity(300 + entries.len() * 400);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    for e in &entries {
        let loc = urls.article(ctx.code(), &e.section_slug, &e.slug);
        // Writing into a String cannot fail.
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
    keys.add(CacheKey::Edition(ctx.edition.id))
        .articles(entries.iter().map(|e| e.id));
    Ok(keys.attach(super::xml_response(xml, "public, max-age=300")))
}

/// The language as Google News names it: ISO 639, except Chinese, which it
/// tells apart by script.
fn news_language(tag: &str) -> String {
    let tag = tag.to_ascii_lowercase();
    match tag.split('-').next().unwrap_or_default() {
        "zh" if tag.contains("hant") || tag.ends_with("-tw") || tag.ends_with("-hk") => {
            "zh-tw".to_owned()
        }
        "zh" => "zh-cn".to_owned(),
        primary => primary.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::news_language;

    #[test]
    fn languages_as_google_news_names_them() {
        assert_eq!(news_language("en-GB"), "en");
        assert_eq!(news_language("ru"), "ru");
        assert_eq!(news_language("zh-Hant"), "zh-tw");
        assert_eq!(news_language("zh-CN"), "zh-cn");
    }
}
