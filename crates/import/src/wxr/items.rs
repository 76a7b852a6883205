//! WXR elements into [`model`](crate::model) records.

use chrono::{DateTime, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::reader::{El, Ns};
use crate::model::{
    Comment, CommentState, Person, Picture, Position, Post, PostKind, PostState, Term, TermKind,
};

/// What one `<item>` is.
#[derive(Debug)]
pub enum Item {
    Post(Box<Post>),
    Picture(Picture),
    /// A kind Dateline does not import (menu items, revisions, custom types).
    Other(String),
}

pub fn person(el: &El) -> Person {
    let login = el.text_of(Ns::Wp, "author_login").to_owned();
    let display = el.text_of(Ns::Wp, "author_display_name");
    let full = format!(
        "{} {}",
        el.text_of(Ns::Wp, "author_first_name"),
        el.text_of(Ns::Wp, "author_last_name")
    );
    let name = [display, full.trim(), login.as_str()]
        .into_iter()
        .find(|n| !n.is_empty())
        .unwrap_or_default()
        .to_owned();
    Person {
        // Posts name their author by login (`dc:creator`).
        key: login.clone(),
        login,
        name,
        email: el.text_of(Ns::Wp, "author_email").to_owned(),
        bio: String::new(),
        website: String::new(),
    }
}

/// A `<wp:category>`, `<wp:tag>` or (WXR 1.2) `<wp:term>` of a known taxonomy.
pub fn term(el: &El) -> Option<Term> {
    let (kind, key, name) = match el.name.as_str() {
        "category" => (
            TermKind::Category,
            el.text_of(Ns::Wp, "category_nicename"),
            el.text_of(Ns::Wp, "cat_name"),
        ),
        "tag" => (
            TermKind::Tag,
            el.text_of(Ns::Wp, "tag_slug"),
            el.text_of(Ns::Wp, "tag_name"),
        ),
        "term" => {
            let kind = match el.text_of(Ns::Wp, "term_taxonomy") {
                "category" => TermKind::Category,
                "post_tag" => TermKind::Tag,
                _ => return None,
            };
            (
                kind,
                el.text_of(Ns::Wp, "term_slug"),
                el.text_of(Ns::Wp, "term_name"),
            )
        }
        _ => return None,
    };
    let key = percent_decoded(key);
    if key.is_empty() && name.is_empty() {
        return None;
    }
    let parent = [
        el.text_of(Ns::Wp, "category_parent"),
        el.text_of(Ns::Wp, "term_parent"),
    ]
    .into_iter()
    .find(|p| !p.is_empty())
    .map(percent_decoded);
    let description = [
        el.text_of(Ns::Wp, "category_description"),
        el.text_of(Ns::Wp, "tag_description"),
        el.text_of(Ns::Wp, "term_description"),
    ]
    .into_iter()
    .find(|p| !p.is_empty())
    .unwrap_or_default()
    .to_owned();
    Some(Term {
        kind,
        key: if key.is_empty() {
            key_of_name(name)
        } else {
            key
        },
        name: if name.is_empty() {
            el.text_of(Ns::Wp, "category_nicename").to_owned()
        } else {
            name.to_owned()
        },
        parent,
        description,
    })
}

/// The terms an item names (`<category domain="…" nicename="…">`), as
/// terms in their own right: WXR 1.0 files may name terms the channel
/// never lists.
pub fn item_terms(el: &El) -> impl Iterator<Item = Term> + '_ {
    el.all(Ns::Rss, "category").filter_map(|c| {
        let kind = match c.attr("domain") {
            Some("category") | None => TermKind::Category,
            Some("post_tag" | "tag") => TermKind::Tag,
            Some(_) => return None,
        };
        let name = c.text.trim();
        let key = c
            .attr("nicename")
            .map(percent_decoded)
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| key_of_name(name));
        (!key.is_empty()).then(|| Term {
            kind,
            key,
            name: name.to_owned(),
            parent: None,
            description: String::new(),
        })
    })
}

/// The slug WordPress would give a term named `name`, for WXR 1.0 files
/// that name a term without its slug.
fn key_of_name(name: &str) -> String {
    name.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

/// `%e4%b8%ad` → `中`; WordPress keeps non-ASCII slugs percent-encoded.
pub fn percent_decoded(s: &str) -> String {
    percent_encoding::percent_decode_str(s.trim())
        .decode_utf8_lossy()
        .into_owned()
}

/// Reads an item; `zone` is the old site's time zone, for local times
/// whose UTC twin is missing.
pub fn item(el: &El, at: Position, zone: Tz) -> Item {
    let kind = el.text_of(Ns::Wp, "post_type");
    match kind {
        "post" | "" => Item::Post(Box::new(post(el, PostKind::Post, at, zone))),
        "page" => Item::Post(Box::new(post(el, PostKind::Page, at, zone))),
        "attachment" => Item::Picture(picture(el)),
        other => Item::Other(other.to_owned()),
    }
}

fn meta<'a>(el: &'a El, key: &str) -> Option<&'a str> {
    el.all(Ns::Wp, "postmeta")
        .find(|m| m.text_of(Ns::Wp, "meta_key") == key)
        .map(|m| m.text_of(Ns::Wp, "meta_value"))
}

fn picture(el: &El) -> Picture {
    let url = el.text_of(Ns::Wp, "attachment_url");
    let url = if url.is_empty() {
        el.text_of(Ns::Rss, "guid")
    } else {
        url
    };
    let image_meta = meta(el, "_wp_attachment_metadata").unwrap_or_default();
    Picture {
        key: Some(el.text_of(Ns::Wp, "post_id").to_owned()),
        url: url.to_owned(),
        title: el.text_of(Ns::Rss, "title").to_owned(),
        caption: crate::html::to_text(el.text_of(Ns::Excerpt, "encoded")),
        alt: meta(el, "_wp_attachment_image_alt")
            .unwrap_or_default()
            .to_owned(),
        credit: php_string(image_meta, "credit")
            .filter(|c| !c.is_empty())
            .or_else(|| php_string(image_meta, "copyright"))
            .unwrap_or_default(),
    }
}

/// A string member of PHP's `serialize()` output (`s:6:"credit";s:5:"Reuters";`),
/// as WordPress keeps an attachment's `image_meta`. Lengths are in bytes.
pub fn php_string(serialized: &str, key: &str) -> Option<String> {
    let needle = format!("s:{}:\"{key}\";s:", key.len());
    let start = serialized.find(&needle)? + needle.len();
    let rest = &serialized[start..];
    let colon = rest.find(':')?;
    let len: usize = rest[..colon].parse().ok()?;
    let value = rest.get(colon + 2..colon + 2 + len)?;
    Some(value.trim().to_owned())
}

fn post(el: &El, kind: PostKind, at: Position, zone: Tz) -> Post {
    let state = match el.text_of(Ns::Wp, "status") {
        "publish" => PostState::Published,
        "future" => PostState::Scheduled,
        "pending" => PostState::Review,
        "private" => PostState::Private,
        "trash" => PostState::Trashed,
        _ => PostState::Draft,
    };
    let published_at = time_gmt(el.text_of(Ns::Wp, "post_date_gmt"))
        .or_else(|| time_local(el.text_of(Ns::Wp, "post_date"), zone))
        .or_else(|| rfc2822(el.text_of(Ns::Rss, "pubDate")));
    let modified_at = time_gmt(el.text_of(Ns::Wp, "post_modified_gmt"))
        .or_else(|| time_local(el.text_of(Ns::Wp, "post_modified"), zone));
    let creator = el.text_of(Ns::Dc, "creator");
    let mut categories = Vec::new();
    let mut tags = Vec::new();
    for term in item_terms(el) {
        let list = match term.kind {
            TermKind::Category => &mut categories,
            TermKind::Tag => &mut tags,
        };
        if !list.contains(&term.key) {
            list.push(term.key);
        }
    }
    let id = el.text_of(Ns::Wp, "post_id");
    let mut old_urls = Vec::new();
    for url in [el.text_of(Ns::Rss, "link"), el.text_of(Ns::Rss, "guid")] {
        if !url.is_empty() && !old_urls.iter().any(|u| u == url) {
            old_urls.push(url.to_owned());
        }
    }
    if !id.is_empty() {
        let query = match kind {
            PostKind::Post => format!("/?p={id}"),
            PostKind::Page => format!("/?page_id={id}"),
        };
        old_urls.push(query);
    }
    Post {
        key: id.to_owned(),
        kind,
        state,
        title: el.text_of(Ns::Rss, "title").to_owned(),
        slug: percent_decoded(el.text_of(Ns::Wp, "post_name")),
        published_at,
        modified_at,
        authors: if creator.is_empty() {
            Vec::new()
        } else {
            vec![creator.to_owned()]
        },
        excerpt: el.text_of(Ns::Excerpt, "encoded").to_owned(),
        body_html: el
            .child(Ns::Content, "encoded")
            .map(|c| c.text.clone())
            .unwrap_or_default(),
        categories,
        tags,
        featured: meta(el, "_thumbnail_id")
            .filter(|id| !id.is_empty() && *id != "0")
            .map(|id| Picture {
                key: Some(id.to_owned()),
                ..Picture::default()
            }),
        old_urls,
        comments: el
            .all(Ns::Wp, "comment")
            .map(|c| comment(c, zone))
            .collect(),
        at,
    }
}

fn comment(el: &El, zone: Tz) -> Comment {
    let state = match el.text_of(Ns::Wp, "comment_approved") {
        "1" | "approve" | "approved" => CommentState::Approved,
        "spam" => CommentState::Spam,
        "trash" | "post-trashed" => CommentState::Trashed,
        _ => CommentState::Pending,
    };
    let parent = el.text_of(Ns::Wp, "comment_parent");
    Comment {
        key: el.text_of(Ns::Wp, "comment_id").to_owned(),
        parent: (!parent.is_empty() && parent != "0").then(|| parent.to_owned()),
        author_name: el.text_of(Ns::Wp, "comment_author").to_owned(),
        author_email: el.text_of(Ns::Wp, "comment_author_email").to_owned(),
        author_url: el.text_of(Ns::Wp, "comment_author_url").to_owned(),
        created_at: time_gmt(el.text_of(Ns::Wp, "comment_date_gmt"))
            .or_else(|| time_local(el.text_of(Ns::Wp, "comment_date"), zone))
            .unwrap_or_default(),
        body_html: el.text_of(Ns::Wp, "comment_content").to_owned(),
        state,
        is_ping: matches!(el.text_of(Ns::Wp, "comment_type"), "pingback" | "trackback"),
    }
}

/// `2011-01-18 07:40:14` as UTC; WordPress writes `0000-00-00 00:00:00`
/// for a draft's missing date.
fn time_gmt(s: &str) -> Option<i64> {
    let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok()?;
    Some(t.and_utc().timestamp()).filter(|t| *t > 0)
}

/// The same in the site's own time zone (earliest reading when a clock
/// change makes it ambiguous).
fn time_local(s: &str, zone: Tz) -> Option<i64> {
    let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok()?;
    zone.from_local_datetime(&t)
        .earliest()
        .map(|t| t.timestamp())
        .filter(|t| *t > 0)
}

fn rfc2822(s: &str) -> Option<i64> {
    DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|t| t.timestamp())
        .filter(|t| *t > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn php_serialized_credit_is_read_by_byte_length() {
        let meta = r#"a:2:{s:5:"width";i:10;s:10:"image_meta";a:2:{s:6:"credit";s:9:"Pëter K.";s:9:"copyright";s:0:"";}}"#;
        assert_eq!(php_string(meta, "credit").as_deref(), Some("Pëter K."));
        assert_eq!(php_string(meta, "copyright").as_deref(), Some(""));
        assert_eq!(php_string(meta, "camera"), None);
        assert_eq!(php_string(r#"s:6:"credit";s:99:"short";"#, "credit"), None);
    }

    #[test]
    fn dates_read_as_utc_or_in_the_site_zone() {
        assert_eq!(time_gmt("2011-01-18 07:40:14"), Some(1_295_336_414));
        assert_eq!(time_gmt("0000-00-00 00:00:00"), None);
        assert_eq!(time_gmt("2011-13-45 07:40:14"), None);
        let zone: Tz = "Europe/Moscow".parse().unwrap_or(Tz::UTC);
        assert_eq!(time_local("2011-01-18 10:40:14", zone), Some(1_295_336_414));
        assert_eq!(
            rfc2822("Tue, 18 Jan 2011 07:40:14 +0000"),
            Some(1_295_336_414)
        );
    }

    #[test]
    fn slugs_are_percent_decoded() {
        assert_eq!(percent_decoded("%e4%b8%ad-news"), "中-news");
        assert_eq!(percent_decoded("plain"), "plain");
    }
}
