//! One Ghost post row, joined with the first pass's relations, as a
//! [`Post`]: kind, state, authors, tags, feature image, body, old addresses.

use chrono::{DateTime, Datelike};
use dateline_domain::UnixTime;

use super::emit;
use super::raw::{FullPost, Time};
use super::scan::{Relations, Scanned};
use super::{lexical, mobiledoc};
use crate::model::{Picture, Position, Post, PostKind, PostState};

/// Builds the post; fails only on an editor document that is not JSON
/// (which the first pass has ruled out).
pub(super) fn build(raw: FullPost, at: Position, scanned: &Scanned) -> Result<Post, String> {
    let rel = &scanned.relations;
    let base = &scanned.catalog.site.base_url;
    let slug = raw.slug.clone().unwrap_or_default();
    let key = match &raw.id {
        Some(id) => id.0.clone(),
        None => slug.clone(),
    };
    let kind = match (raw.kind.as_deref(), raw.page) {
        (Some("page"), _) => PostKind::Page,
        (Some(_), _) => PostKind::Post,
        (None, Some(page)) if page.0 => PostKind::Page,
        (None, _) => PostKind::Post,
    };
    let state = match raw.status.as_deref() {
        Some("published") => PostState::Published,
        Some("scheduled") => PostState::Scheduled,
        // Ghost 5's email-only newsletters: sent, never on the web.
        Some("sent") => PostState::Private,
        _ => PostState::Draft,
    };
    let authors = match rel.post_authors.get(&key) {
        Some(ids) => ids.clone(),
        None => raw.author_id.iter().map(|a| a.0.clone()).collect(),
    };
    // A byline needs a person: links to users the export lacks are dropped.
    let authors: Vec<String> = authors
        .into_iter()
        .filter(|a| rel.logins.contains_key(a))
        .collect();
    let tags: Vec<String> = rel
        .post_tags
        .get(&key)
        .into_iter()
        .flatten()
        .filter_map(|id| rel.tag_slugs.get(id).cloned())
        .collect();
    let featured = featured(&raw, &key, rel, base);
    let published_at = Time::get(raw.published_at);
    let old_urls = old_urls(kind, &slug, &key, published_at, &authors, &tags, rel);
    let body_html = emit::resolve_site_url(&body(&raw)?, base);
    Ok(Post {
        kind,
        state,
        title: raw.title.unwrap_or_default(),
        slug,
        published_at,
        modified_at: Time::get(raw.updated_at).or(Time::get(raw.created_at)),
        authors,
        excerpt: raw.custom_excerpt.unwrap_or_default(),
        body_html,
        categories: Vec::new(),
        tags,
        featured,
        old_urls,
        comments: rel.comments.get(&key).cloned().unwrap_or_default(),
        at,
        key,
    })
}

fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.trim().is_empty())
}

/// The body: Ghost's own rendering (`html`) when exported, else the editor
/// document rendered here (Lexical, then mobiledoc), else 0.x's Markdown,
/// else the plain text.
fn body(raw: &FullPost) -> Result<String, String> {
    if let Some(html) = present(&raw.html) {
        return Ok(html.to_owned());
    }
    if let Some(doc) = present(&raw.lexical) {
        return lexical::render(doc).map_err(|e| format!("`lexical` is not JSON: {e}"));
    }
    if let Some(doc) = present(&raw.mobiledoc) {
        return mobiledoc::render(doc).map_err(|e| format!("`mobiledoc` is not JSON: {e}"));
    }
    let mut out = String::new();
    if let Some(md) = present(&raw.markdown) {
        emit::markdown(&mut out, md);
    } else if let Some(text) = present(&raw.plaintext) {
        for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            out.push_str("<p>");
            emit::text(&mut out, paragraph.trim());
            out.push_str("</p>");
        }
    }
    Ok(out)
}

fn featured(raw: &FullPost, key: &str, rel: &Relations, base: &str) -> Option<Picture> {
    let url = present(&raw.feature_image).or(present(&raw.image))?;
    let (meta_caption, meta_alt) = rel
        .feature_meta
        .get(key)
        .map(|(c, a)| (c.as_str(), a.as_str()))
        .unwrap_or(("", ""));
    Some(Picture {
        key: None,
        url: emit::resolve_site_url(url.trim(), base),
        title: String::new(),
        caption: present(&raw.feature_image_caption)
            .unwrap_or(meta_caption)
            .to_owned(),
        alt: present(&raw.feature_image_alt)
            .unwrap_or(meta_alt)
            .to_owned(),
        credit: String::new(),
    })
}

/// The post's address on the old site: Ghost's default `/{slug}/`, or for
/// posts the `permalinks` setting of 0.x–1.x expanded (dates in the site's
/// time zone). Pages were always at `/{slug}/`.
fn old_urls(
    kind: PostKind,
    slug: &str,
    id: &str,
    published_at: Option<UnixTime>,
    authors: &[String],
    tags: &[String],
    rel: &Relations,
) -> Vec<String> {
    if slug.is_empty() {
        return Vec::new();
    }
    let default = format!("/{slug}/");
    let Some(template) = rel.permalink.as_deref().filter(|_| kind == PostKind::Post) else {
        return vec![default];
    };
    let date = published_at
        .and_then(|t| DateTime::from_timestamp(t, 0))
        .map(|t| t.with_timezone(&rel.timezone));
    let author = authors.first().and_then(|a| rel.logins.get(a));
    let mut url = String::new();
    let mut rest = template;
    while let Some(colon) = rest.find(':') {
        url.push_str(&rest[..colon]);
        let after = &rest[colon + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let value = match &after[..len] {
            "slug" => Some(slug.to_owned()),
            "id" => Some(id.to_owned()),
            "year" => date.map(|d| format!("{:04}", d.year())),
            "month" => date.map(|d| format!("{:02}", d.month())),
            "day" => date.map(|d| format!("{:02}", d.day())),
            "author" | "primary_author" => author.cloned(),
            // Ghost's own fallback for a post without tags.
            "primary_tag" => Some(tags.first().map_or("all", String::as_str).to_owned()),
            _ => None,
        };
        // A token this post cannot fill (a draft's date): Ghost's default.
        let Some(value) = value else {
            return vec![default];
        };
        url.push_str(&value);
        rest = &after[len..];
    }
    url.push_str(rest);
    if !url.starts_with('/') {
        url.insert(0, '/');
    }
    vec![url]
}
