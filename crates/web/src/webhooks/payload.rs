//! What a delivery sends. A webhook's body is JSON, the same bytes on
//! every attempt:
//!
//! ```json
//! { "id": 17, "event": "article.published", "created_at": 1764936000,
//!   "data": { "article": { "id": 4, "edition": "en", "section": "world",
//!     "slug": "…", "headline": "…", "status": "published", "version": 3,
//!     "published_at": …, "updated_at": …, "tags": ["…"], "authors": ["…"],
//!     "url": "https://news.example/en/world/…" } } }
//! ```
//!
//! `article.corrected` adds `data.correction` (`note`, `created_at`);
//! `comment.posted` has `data.comment` (`id`, `author_name`, `body`,
//! `parent_id`, `created_at`, `url`) and `data.article` (without tags and
//! authors); `ping` has `data.webhook_id`. The data is what the story was
//! when the event happened (the store's outbox took it); addresses are
//! made here from its names. A WebSub ping is a form: `hub.mode=publish`
//! and one `hub.url` per feed the story appears in.

use dateline_domain::{EditionCode, Slug};
use dateline_store::webhooks::WebhookDelivery;
use serde_json::{json, Value};

use crate::urls::{comments_of, FeedFormat, Listing, Urls};

/// The JSON body of a webhook delivery.
pub fn webhook_body(base_url: &str, delivery: &WebhookDelivery) -> Vec<u8> {
    let mut data: Value = serde_json::from_str(&delivery.payload).unwrap_or(Value::Null);
    let story_url = story_url(base_url, &data["article"]);
    if let (Some(url), Some(article)) = (&story_url, data.get_mut("article")) {
        article["url"] = json!(url);
    }
    if let (Some(url), Some(comment)) = (&story_url, data.get_mut("comment")) {
        let id = comment["id"].as_i64().unwrap_or_default();
        comment["url"] = json!(format!("{}#c{id}", comments_of(url)));
    }
    json!({
        "id": delivery.id,
        "event": delivery.event,
        "created_at": delivery.created_at,
        "data": data,
    })
    .to_string()
    .into_bytes()
}

/// The story's address from the names the payload keeps.
fn story_url(base_url: &str, article: &Value) -> Option<String> {
    let edition: EditionCode = article["edition"].as_str()?.parse().ok()?;
    let section: Slug = article["section"].as_str()?.parse().ok()?;
    let slug: Slug = article["slug"].as_str()?.parse().ok()?;
    Some(Urls::new(base_url).article(&edition, &section, &slug))
}

/// Every feed the story of a WebSub delivery appears in: its edition's,
/// its section's, each tag's and each author's, in every format.
pub fn feed_urls(base_url: &str, delivery: &WebhookDelivery) -> Vec<String> {
    let data: Value = serde_json::from_str(&delivery.payload).unwrap_or(Value::Null);
    let article = &data["article"];
    let Some(edition) = article["edition"]
        .as_str()
        .and_then(|e| e.parse::<EditionCode>().ok())
    else {
        return Vec::new();
    };
    let slugs = |key: &str| -> Vec<Slug> {
        article[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str()?.parse().ok())
            .collect()
    };
    let section: Option<Slug> = article["section"].as_str().and_then(|s| s.parse().ok());
    let (tags, authors) = (slugs("tags"), slugs("authors"));
    let mut listings = vec![Listing::Edition];
    listings.extend(section.as_ref().map(Listing::Section));
    listings.extend(tags.iter().map(Listing::Tag));
    listings.extend(authors.iter().map(Listing::Author));
    let urls = Urls::new(base_url);
    let edition = &edition;
    listings
        .into_iter()
        .flat_map(|listing| {
            FeedFormat::ALL
                .into_iter()
                .map(move |format| urls.feed(edition, listing, format))
        })
        .collect()
}

/// The form body of a WebSub `publish` ping for `feeds`.
pub fn websub_form(feeds: &[String]) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("hub.mode", "publish");
    for feed in feeds {
        form.append_pair("hub.url", feed);
    }
    form.finish()
}
