//! JSON Feed 1.0 and 1.1 (<https://jsonfeed.org/version/1.1>).

use serde_json::{Map, Value};
use url::Url;

use super::dates;
use super::item::{hashed_guid, is_image_type, label, rebase, web_href, Draft};
use super::model::{Parsed, WireFormat, WirePicture};
use super::text::{html_line, paragraphs};
use super::Source;
use crate::error::Result;

/// The feed object when `value` is a JSON Feed (its `version` names one).
pub fn recognise(value: &Value) -> Option<&Map<String, Value>> {
    let map = value.as_object()?;
    let version = map.get("version")?.as_str()?.trim();
    (version.starts_with("https://jsonfeed.org/version/")
        || version.starts_with("http://jsonfeed.org/version/"))
    .then_some(map)
}

pub fn parse(feed: &Map<String, Value>, source: &Source<'_>) -> Result<Parsed> {
    let Some(items) = feed.get("items").and_then(Value::as_array) else {
        return Err(source.error(
            0,
            "this JSON Feed has no \"items\" list: it is not a complete feed",
        ));
    };
    // Relative addresses are relative to the site (or the feed) itself.
    let base = rebase(&text(feed, "home_page_url"), source.base.as_ref())
        .or_else(|| rebase(&text(feed, "feed_url"), source.base.as_ref()))
        .or_else(|| source.base.clone());
    let channel = Channel {
        title: html_line(&text(feed, "title")),
        language: text(feed, "language"),
        authors: authors(feed),
    };
    let mut parsed = Parsed {
        format: WireFormat::JsonFeed,
        items: Vec::new(),
        skipped: Vec::new(),
    };
    for (index, value) in items.iter().enumerate() {
        let Some(item) = value.as_object() else {
            parsed.skipped.push(format!(
                "{}: it is not a JSON object: not taken",
                label(index, "", None)
            ));
            continue;
        };
        let draft = draft(item, &channel, base.as_ref());
        let guid = draft.guid.clone();
        match draft.finish(WireFormat::JsonFeed) {
            Ok(item) => parsed.items.push(item),
            Err(reason) => parsed.skipped.push(format!(
                "{}: {reason}: not taken",
                label(index, &guid, None)
            )),
        }
    }
    Ok(parsed)
}

/// What the feed says for all its items.
struct Channel {
    title: String,
    language: String,
    authors: String,
}

fn draft(item: &Map<String, Value>, channel: &Channel, base: Option<&Url>) -> Draft {
    let title = text(item, "title");
    let html = text(item, "content_html");
    let plain = text(item, "content_text");
    let summary = text(item, "summary");
    let body_html = if !html.is_empty() {
        html
    } else if !plain.is_empty() {
        paragraphs(&plain)
    } else {
        String::new()
    };
    // The summary is a lead only beside a full text; alone, it is the text.
    let (lead, body_html) = match (summary.is_empty(), body_html.is_empty()) {
        (false, true) => (String::new(), paragraphs(&summary)),
        _ => (summary, body_html),
    };
    let url = web_href(&text(item, "url"), base)
        .or_else(|| web_href(&text(item, "external_url"), base))
        .unwrap_or_default();
    let published = text(item, "date_published");
    let guid = match text(item, "id") {
        id if !id.is_empty() => id,
        _ if !url.is_empty() => url.clone(),
        // No id and no address: a hash of title and date keeps the item
        // recognisable from one poll to the next.
        _ => hashed_guid(&title, &published, &body_html),
    };
    let item_authors = authors(item);
    let language = text(item, "language");
    let first_created = dates::parse(&published);
    Draft {
        guid,
        headline: html_line(&title),
        lead,
        body_html,
        byline: if item_authors.is_empty() {
            channel.authors.clone()
        } else {
            item_authors
        },
        language: if language.is_empty() {
            channel.language.clone()
        } else {
            language
        },
        subjects: item
            .get("tags")
            .and_then(Value::as_array)
            .map(|tags| {
                tags.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        link: url,
        first_created,
        version_created: dates::parse(&text(item, "date_modified")).or(first_created),
        pictures: pictures(item, base),
        provider: channel.title.clone(),
        ..Draft::default()
    }
}

/// A string field ("" when absent); an `id` may be a number.
fn text(map: &Map<String, Value>, key: &str) -> String {
    match map.get(key) {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// `authors` (1.1) or `author` (1.0): their names.
fn authors(map: &Map<String, Value>) -> String {
    let mut names: Vec<String> = map
        .get("authors")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_object)
                .map(|a| text(a, "name"))
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        if let Some(author) = map.get("author").and_then(Value::as_object) {
            names.push(text(author, "name"));
        }
    }
    names.retain(|n| !n.is_empty());
    names.join(", ")
}

/// `image`, `banner_image` and image `attachments`.
fn pictures(item: &Map<String, Value>, base: Option<&Url>) -> Vec<WirePicture> {
    let mut out: Vec<WirePicture> = ["image", "banner_image"]
        .iter()
        .filter_map(|k| web_href(&text(item, k), base))
        .map(|href| WirePicture {
            href,
            ..WirePicture::default()
        })
        .collect();
    let attachments = item.get("attachments").and_then(Value::as_array);
    for attachment in attachments
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let mime = text(attachment, "mime_type");
        if !is_image_type(&mime) {
            continue;
        }
        if let Some(href) = web_href(&text(attachment, "url"), base) {
            out.push(WirePicture {
                href,
                caption: text(attachment, "title"),
                mime,
                ..WirePicture::default()
            });
        }
    }
    out
}
