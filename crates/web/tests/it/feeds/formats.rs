//! What a feed reader must find in each format: the bridge story in full
//! (text, picture, byline, categories, dates, lasting id) and the feed's
//! own addresses.

use serde_json::Value;

use super::xml::{parse_xml, Node};
use crate::test_app::{TestApp, BASE_URL};

/// The listings the bridge story appears in, by their page's path.
pub const LISTINGS: [&str; 4] = [
    "/en/",
    "/en/world/",
    "/en/tag/transport/",
    "/en/author/jane-roe/",
];

pub struct Expect {
    pub id: String,
    pub url: String,
    pub body_image_prefix: String,
}

pub fn expect(app: &TestApp) -> Expect {
    let bridge = &app.newsroom.bridge;
    Expect {
        // Published 2023-11-14 (`Fixtures::NOW`).
        id: format!("tag:news.example,2023-11-14:article:{}", bridge.id),
        url: format!("{BASE_URL}/en/world/{}", bridge.slug),
        body_image_prefix: format!(
            "<img src=\"{BASE_URL}/media/renditions/{}-",
            app.newsroom.world_picture.id
        ),
    }
}

pub fn assert_full_text(html: &str, want: &Expect, what: &str) {
    for part in [
        "<p>The bridge reopened at dawn.</p>",
        "<h2>Traffic</h2>",
        "<figure><blockquote><p>We are back.</p></blockquote><figcaption><cite>the mayor said</cite></figcaption></figure>",
        "The bridge at dawn",
        "<a href=\"https://video.example/bridge\">Video</a>",
        &want.body_image_prefix,
    ] {
        assert!(html.contains(part), "{what}: {part} missing from {html}");
    }
    assert!(
        !html.contains("src=\"/"),
        "{what}: every address is absolute: {html}"
    );
}

pub fn rss_item<'a>(channel: &'a Node, want: &Expect) -> &'a Node {
    channel
        .all("item")
        .find(|i| i.one("guid").text == want.id)
        .unwrap_or_else(|| panic!("no item {} in {channel:?}", want.id))
}

pub fn check_rss(xml: &str, self_url: &str, want: &Expect) -> Node {
    let rss = parse_xml(xml);
    assert_eq!(
        (rss.name.as_str(), rss.attr("version")),
        ("rss", Some("2.0"))
    );
    let channel = rss.one("channel");
    assert!(!channel.one("title").text.is_empty());
    assert!(!channel.one("description").text.is_empty());
    assert_eq!(channel.one("language").text, "en");
    chrono::DateTime::parse_from_rfc2822(&channel.one("lastBuildDate").text).unwrap();
    let links: Vec<_> = channel.all("atom:link").collect();
    let own = links
        .iter()
        .find(|l| l.attr("rel") == Some("self"))
        .unwrap();
    assert_eq!(own.attr("href"), Some(self_url));
    let item = rss_item(channel, want);
    assert_eq!(item.one("guid").attr("isPermaLink"), Some("false"));
    assert_eq!(item.one("link").text, want.url);
    assert_eq!(item.one("title").text, "Headline of bridge-reopens");
    assert_eq!(item.texts("dc:creator"), ["Jane Roe"]);
    assert_eq!(item.texts("category"), ["World", "Transport", "City"]);
    chrono::DateTime::parse_from_rfc2822(&item.one("pubDate").text).unwrap();
    assert_full_text(&item.one("content:encoded").text, want, "content:encoded");
    let enclosure = item.one("enclosure");
    let picture = enclosure.attr("url").unwrap();
    assert!(
        picture.starts_with(&format!("{BASE_URL}/media/")),
        "{picture}"
    );
    assert!(enclosure.attr("length").unwrap().parse::<u64>().unwrap() > 0);
    assert_eq!(enclosure.attr("type"), Some("image/webp"));
    let media = item.one("media:content");
    assert_eq!(media.attr("url"), Some(picture));
    assert_eq!(media.attr("medium"), Some("image"));
    assert!(media.attr("width").unwrap().parse::<u32>().unwrap() > 0);
    assert!(media.attr("height").unwrap().parse::<u32>().unwrap() > 0);
    assert_eq!(media.one("media:credit").text, "© Photo: Test Agency");
    assert_eq!(media.one("media:description").text, "Picture 1");
    assert!(media.one("media:thumbnail").attr("width").is_some());
    channel_of(rss)
}

pub fn channel_of(mut rss: Node) -> Node {
    rss.children.remove(0)
}

pub fn check_atom(xml: &str, self_url: &str, want: &Expect) -> Node {
    let feed = parse_xml(xml);
    assert_eq!(feed.name, "feed");
    assert_eq!(feed.attr("xmlns"), Some("http://www.w3.org/2005/Atom"));
    assert_eq!(feed.one("id").text, self_url);
    chrono::DateTime::parse_from_rfc3339(&feed.one("updated").text).unwrap();
    let rels: Vec<_> = feed
        .all("link")
        .map(|l| (l.attr("rel").unwrap(), l.attr("href").unwrap()))
        .collect();
    assert!(rels.contains(&("self", self_url)), "{rels:?}");
    assert!(rels.iter().any(|(rel, _)| *rel == "alternate"), "{rels:?}");
    let entry = feed
        .all("entry")
        .find(|e| e.one("id").text == want.id)
        .unwrap_or_else(|| panic!("no entry {}", want.id));
    let published = &entry.one("published").text;
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(published)
            .unwrap()
            .timestamp(),
        app_published()
    );
    chrono::DateTime::parse_from_rfc3339(&entry.one("updated").text).unwrap();
    let authors: Vec<_> = entry.all("author").map(|a| &a.one("name").text).collect();
    assert_eq!(authors, ["Jane Roe"]);
    let terms: Vec<_> = entry
        .all("category")
        .map(|c| c.attr("term").unwrap())
        .collect();
    assert_eq!(terms, ["World", "Transport", "City"]);
    let content = entry.one("content");
    assert_eq!(content.attr("type"), Some("html"));
    assert_full_text(&content.text, want, "atom content");
    let links: Vec<_> = entry.all("link").collect();
    let alternate = links.iter().find(|l| l.attr("rel") == Some("alternate"));
    assert_eq!(alternate.unwrap().attr("href"), Some(want.url.as_str()));
    let enclosure = links
        .iter()
        .find(|l| l.attr("rel") == Some("enclosure"))
        .expect("the lead picture");
    assert!(enclosure.attr("length").unwrap().parse::<u64>().unwrap() > 0);
    let media = entry.one("media:content");
    assert!(media.attr("width").is_some() && media.attr("height").is_some());
    feed
}

/// When the bridge story was published.
pub fn app_published() -> i64 {
    crate::newsroom::NOW
}

pub fn check_json(text: &str, self_url: &str, want: &Expect) -> Value {
    let feed: Value = serde_json::from_str(text).expect("JSON");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["feed_url"], self_url);
    assert_eq!(feed["language"], "en");
    assert!(feed["home_page_url"]
        .as_str()
        .unwrap()
        .starts_with(BASE_URL));
    let item = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == want.id.as_str())
        .unwrap_or_else(|| panic!("no item {} in {feed}", want.id))
        .clone();
    assert_eq!(item["url"], want.url.as_str());
    assert_eq!(item["title"], "Headline of bridge-reopens");
    assert_eq!(item["summary"], "Lead of bridge-reopens");
    assert_full_text(item["content_html"].as_str().unwrap(), want, "content_html");
    assert_eq!(item["authors"][0]["name"], "Jane Roe");
    assert_eq!(
        item["tags"],
        serde_json::json!(["World", "Transport", "City"])
    );
    let published = item["date_published"].as_str().unwrap();
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(published)
            .unwrap()
            .timestamp(),
        app_published()
    );
    chrono::DateTime::parse_from_rfc3339(item["date_modified"].as_str().unwrap()).unwrap();
    let image = item["image"].as_str().unwrap();
    assert!(image.starts_with(&format!("{BASE_URL}/media/")), "{image}");
    let attachment = &item["attachments"][0];
    assert_eq!(attachment["url"], image);
    assert_eq!(attachment["mime_type"], "image/webp");
    assert!(attachment["size_in_bytes"].as_u64().unwrap() > 0);
    feed
}
