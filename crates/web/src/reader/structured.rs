//! Search and sharing metadata of an article: title and description (the
//! editor's overrides, else headline and lead), OpenGraph and Twitter
//! cards, the canonical address (the original's, for a syndicated copy),
//! hreflang alternates between translations, and schema.org `NewsArticle`
//! JSON-LD.

use dateline_store::{Article, MediaAsset, Section, Translation};
use serde_json::json;

use crate::site::{Alternate, DocumentLink, EditionCtx, MediaMap, Meta, MetaImage, Picture};
use crate::urls::Urls;
use crate::AppState;

/// The article a page shows, with what was fetched for it.
pub(super) struct ArticleFacts<'a> {
    pub article: &'a Article,
    pub section: &'a Section,
    /// Root-relative path of the page itself.
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
    let seo = &article.seo;
    let lead = article.lead_media_id.and_then(|id| facts.media.get(id));
    let social = seo.social_media_id.and_then(|id| facts.media.get(id));
    let ld = json_ld(state, ctx, facts, [lead, social], &dates);
    let title = seo
        .seo_title
        .clone()
        .unwrap_or_else(|| format!("{} - {}", article.headline, ctx.site_name()));
    let description = seo
        .seo_description
        .clone()
        .unwrap_or_else(|| article.lead.clone());
    let mut meta = Meta::new(title, description)
        .canonical(canonical(facts))
        .in_section(facts.section.id);
    meta.og_type = "article";
    meta.social_title = Some(
        seo.social_title
            .clone()
            .unwrap_or_else(|| article.headline.clone()),
    );
    meta.social_description = seo.social_description.clone();
    meta.image = social.or(lead).map(meta_image);
    // A syndicated copy sends search engines to the original, so it claims
    // no place among the story's language versions (hreflang alternates
    // must be canonical pages, and this page is not one).
    if seo.canonical_url.is_none() {
        meta.alternates = alternates(facts.translations);
    }
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
    // Only a public story has documents (not the newsroom's preview).
    if article.status.is_public() {
        let urls = Urls::new(&state.config.base_url);
        meta.documents = DocumentLink::ninjs(|version| urls.ninjs_article(article.id, version));
    }
    // And its NewsML-G2 text item, likewise.
    if article.status.is_public() {
        meta.documents.push(DocumentLink {
            media_type: crate::distribution::newsml::NEWS_ITEM_TYPE.to_owned(),
            title: "NewsML-G2".to_owned(),
            href: Urls::new(&state.config.base_url).newsml_article(article.id),
        });
    }
    (meta.published_iso, meta.modified_iso) = (Some(dates.0), Some(dates.1));
    meta
}

/// The page's canonical address: the original's for a syndicated copy,
/// else its own path (made absolute with the layout).
fn canonical(facts: &ArticleFacts<'_>) -> String {
    facts
        .article
        .seo
        .canonical_url
        .as_ref()
        .map_or_else(|| facts.path.to_owned(), |url| url.as_str().to_owned())
}

fn meta_image(asset: &MediaAsset) -> MetaImage {
    let (url, width, height) = Picture::share_image(asset);
    MetaImage {
        url,
        width,
        height,
        alt: Picture::alt_of(asset).to_owned(),
    }
}

/// schema.org `NewsArticle` with absolute URLs; `pictures` are the lead
/// and the social picture (either may be missing); `dates` are ISO 8601
/// (published, modified).
fn json_ld(
    state: &AppState,
    ctx: &EditionCtx,
    facts: &ArticleFacts<'_>,
    pictures: [Option<&MediaAsset>; 2],
    dates: &(String, String),
) -> serde_json::Value {
    let (article, rel) = (facts.article, Urls::relative());
    let base = state.config.base_url.trim_end_matches('/');
    let absolute = |url: String| {
        if url.starts_with('/') {
            format!("{base}{url}")
        } else {
            url
        }
    };
    let page = absolute(canonical(facts));
    let mut images: Vec<String> = Vec::new();
    for asset in pictures.into_iter().flatten() {
        let url = absolute(Picture::share_image(asset).0);
        if !images.contains(&url) {
            images.push(url);
        }
    }
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
        "mainEntityOfPage": { "@type": "WebPage", "@id": page },
        "url": page,
        "headline": article.headline,
        "description": article.seo.seo_description.as_deref().unwrap_or(&article.lead),
        "image": images,
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
/// Syndicated copies are left out: their canonical page is elsewhere.
fn alternates(translations: &[Translation]) -> Vec<Alternate> {
    let rel = Urls::relative();
    let href = |t: &Translation| rel.article(&t.edition_code, &t.section_slug, &t.slug);
    let canonical: Vec<&Translation> = translations
        .iter()
        .filter(|t| t.canonical_url.is_none())
        .collect();
    let mut out: Vec<_> = canonical
        .iter()
        .map(|t| Alternate {
            hreflang: t.language.to_string(),
            href: href(t),
        })
        .collect();
    if let Some(first) = canonical.first() {
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
