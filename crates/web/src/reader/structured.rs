//! Search and sharing metadata of an article: OpenGraph image, hreflang
//! alternates between translations, and schema.org `NewsArticle` JSON-LD.

use dateline_store::{Article, Section, Translation};
use serde_json::json;

use crate::site::{Alternate, EditionCtx, MediaMap, Meta, MetaImage, Picture};
use crate::urls::Urls;
use crate::AppState;

/// The article a page shows, with what was fetched for it.
pub(super) struct ArticleFacts<'a> {
    pub article: &'a Article,
    pub section: &'a Section,
    /// Root-relative canonical path.
    pub path: &'a str,
    pub media: &'a MediaMap,
    pub translations: &'a [Translation],
}

/// The `<head>` of an article page.
pub(super) fn article_meta(state: &AppState, ctx: &EditionCtx, facts: &ArticleFacts<'_>) -> Meta {
    let article = facts.article;
    let tz = ctx.edition.time_zone.tz();
    let published = article.published_at.unwrap_or(article.updated_at);
    let dates = (
        dateline_render::iso8601(published, tz),
        dateline_render::iso8601(article.updated_at.max(published), tz),
    );
    let image = article
        .lead_media_id
        .and_then(|id| facts.media.get(id))
        .map(|asset| {
            let (url, width, height) = Picture::share_image(asset);
            MetaImage {
                url,
                width,
                height,
                alt: Picture::alt_of(asset).to_owned(),
            }
        });
    let ld = json_ld(state, ctx, facts, image.as_ref(), &dates);
    let title = format!("{} - {}", article.headline, ctx.site_name());
    let mut meta = Meta::new(title, article.lead.clone())
        .canonical(facts.path.to_owned())
        .in_section(facts.section.id);
    meta.og_type = "article";
    meta.social_title = Some(article.headline.clone());
    meta.image = image;
    meta.alternates = alternates(facts.translations);
    let rel = Urls::relative();
    meta.in_editions = facts
        .translations
        .iter()
        .map(|t| {
            let path = rel.article(&t.edition_code, &t.section_slug, &t.slug);
            (t.edition_code.to_string(), path)
        })
        .collect();
    meta.json_ld = Some(script_safe_json(&ld));
    (meta.published_iso, meta.modified_iso) = (Some(dates.0), Some(dates.1));
    meta
}

/// schema.org `NewsArticle` with absolute URLs; `dates` are ISO 8601
/// (published, modified).
fn json_ld(
    state: &AppState,
    ctx: &EditionCtx,
    facts: &ArticleFacts<'_>,
    image: Option<&MetaImage>,
    dates: &(String, String),
) -> serde_json::Value {
    let (article, rel) = (facts.article, Urls::relative());
    let base = state.config.base_url.trim_end_matches('/');
    let logo = ctx
        .edition
        .logo_media_id
        .and_then(|id| facts.media.get(id))
        .map_or_else(
            || state.renderer.assets().url("logo.svg").into_owned(),
            |a| Picture::share_image(a).0,
        );
    let mut publisher = json!({
        "@type": "NewsMediaOrganization",
        "name": ctx.site_name(),
        "url": format!("{base}{}", rel.front(ctx.code())),
        "logo": { "@type": "ImageObject", "url": format!("{base}{logo}") },
    });
    let same_as = ctx.same_as();
    if !same_as.is_empty() {
        publisher["sameAs"] = json!(same_as);
    }
    json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": { "@type": "WebPage", "@id": format!("{base}{}", facts.path) },
        "headline": article.headline,
        "description": article.lead,
        "image": image.map(|i| vec![format!("{base}{}", i.url)]).unwrap_or_default(),
        "datePublished": dates.0,
        "dateModified": dates.1,
        "inLanguage": ctx.edition.language.as_str(),
        "articleSection": facts.section.title,
        "keywords": article.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        "author": article.authors.iter().map(|a| {
            let mut person = json!({
                "@type": "Person",
                "name": a.name,
                "url": format!("{base}{}", rel.author(ctx.code(), &a.slug)),
            });
            if !a.links.is_empty() {
                person["sameAs"] = json!(a.links);
            }
            person
        }).collect::<Vec<_>>(),
        "publisher": publisher,
    })
}

/// schema.org `WebSite` for an edition's front page: the site's name (the
/// name search engines show for the site), its address and language, and
/// the organisation behind it with its profiles elsewhere.
pub(super) fn website_json_ld(state: &AppState, ctx: &EditionCtx) -> String {
    let base = state.config.base_url.trim_end_matches('/');
    let url = format!("{base}{}", Urls::relative().front(ctx.code()));
    let mut publisher = json!({
        "@type": "NewsMediaOrganization",
        "name": ctx.site_name(),
        "url": url,
    });
    let same_as = ctx.same_as();
    if !same_as.is_empty() {
        publisher["sameAs"] = json!(same_as);
    }
    script_safe_json(&json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": ctx.site_name(),
        "url": url,
        "inLanguage": ctx.edition.language.as_str(),
        "publisher": publisher,
    }))
}

/// One `hreflang` link per public translation (the page itself included, as
/// the reciprocity rule wants) plus `x-default` on the first edition's.
fn alternates(translations: &[Translation]) -> Vec<Alternate> {
    let rel = Urls::relative();
    let href = |t: &Translation| rel.article(&t.edition_code, &t.section_slug, &t.slug);
    let mut out: Vec<_> = translations
        .iter()
        .map(|t| Alternate {
            hreflang: t.language.to_string(),
            href: href(t),
        })
        .collect();
    if let Some(first) = translations.first() {
        out.push(Alternate {
            hreflang: "x-default".to_owned(),
            href: href(first),
        });
    }
    out
}

/// JSON that is safe inside `<script>`: `<`, `>` and `&` become `\u` escapes,
/// so no string can close the element or open a comment.
pub(super) fn script_safe_json(value: &serde_json::Value) -> String {
    let raw = value.to_string();
    let mut out = String::with_capacity(raw.len() + 16);
    for c in raw.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script() {
        let v = json!({ "headline": "</script><!-- & more" });
        let s = script_safe_json(&v);
        assert!(!s.contains("</") && !s.contains("<!--"));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
