//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>): items with the full
//! text (`content_html`), summary, picture and its attachment, dates in
//! RFC 3339, authors and tags, and the WebSub hub in `hubs`.

use serde::Serialize;

use super::model::{FeedDoc, FeedItem};

const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<Hub<'a>>,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Hub<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    tags: &'a [String],
    language: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<Attachment<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct Attachment<'a> {
    url: &'a str,
    mime_type: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    size_in_bytes: u64,
}

pub(super) fn write(doc: &FeedDoc) -> serde_json::Result<Vec<u8>> {
    let feed = JsonFeed {
        version: VERSION,
        title: &doc.title,
        home_page_url: &doc.home_url,
        feed_url: &doc.self_url,
        description: &doc.description,
        language: &doc.language,
        hubs: doc
            .hub
            .iter()
            .map(|url| Hub {
                kind: "WebSub",
                url,
            })
            .collect(),
        items: doc.items.iter().map(|i| item(i, &doc.language)).collect(),
    };
    serde_json::to_vec_pretty(&feed)
}

fn item<'a>(item: &'a FeedItem, language: &'a str) -> Item<'a> {
    let picture = item.picture.as_ref();
    Item {
        id: &item.id,
        url: &item.url,
        title: &item.title,
        content_html: &item.content_html,
        summary: &item.summary,
        image: picture.map(|p| p.url.as_str()),
        date_published: dateline_render::w3c_date(item.published),
        date_modified: dateline_render::w3c_date(item.updated),
        authors: item
            .authors
            .iter()
            .map(|a| Author {
                name: &a.name,
                url: &a.url,
            })
            .collect(),
        tags: &item.categories,
        language,
        attachments: picture
            .map(|p| Attachment {
                url: &p.url,
                mime_type: p.media_type,
                title: if p.caption.is_empty() {
                    &p.alt
                } else {
                    &p.caption
                },
                size_in_bytes: p.length,
            })
            .into_iter()
            .collect(),
    }
}
