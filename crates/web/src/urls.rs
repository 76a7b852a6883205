//! The reader site's URL scheme, built in one place for the HTML pages and the Content API.
//!
//! | page            | path                                   |
//! |-----------------|----------------------------------------|
//! | front           | `/{edition}/`                          |
//! | section         | `/{edition}/{section}/`                |
//! | article         | `/{edition}/{section}/{slug}`          |
//! | tag             | `/{edition}/tag/{slug}`                |
//! | author          | `/{edition}/author/{slug}`             |
//! | newsfeed        | `/{edition}/newsfeed`                  |
//! | media bank      | `/{edition}/mediabank/`                |
//! | media page      | `/{edition}/mediabank/{id}`            |
//! | media file      | `/media/{storage_key}`                 |
//! | ninjs documents | `/api/v1/ninjs/articles/{id}?version=…`, `/api/v1/ninjs/media/{id}?version=…` |
//! | feeds           | `/{edition}/rss.xml`, `atom.xml`, `feed.json`, and the same under `/{edition}/{section}/`, `/{edition}/tag/{tag}/`, `/{edition}/author/{author}/` |
//! | search          | `/{edition}/search?q=…`, `/{edition}/search/suggest?q=…` |
//! | comments        | `{article}/comments`                   |
//! | chat rooms      | `/{edition}/chats`, `/{edition}/chats/{room}` |
//! | newsletters     | `/{edition}/newsletter`, `…/newsletter/confirm`, `…/preferences?s=…`, `…/unsubscribe?s=…&list=…`, `…/push` |
//! | account pages   | `/account/{page}?edition=…&return=…`  |
//! | newsroom pages  | `/newsroom/…` ([`newsroom`])           |
//!
//! Path inputs are domain types (`EditionCode`, `Slug`) or slugs read back
//! from the store, which are URL-safe by construction; query values are
//! escaped with [`query_escape`]. Storage keys are made by `dateline-media`
//! from a hex hash, a width and an extension.

use dateline_domain::{EditionCode, Slug};

pub use dateline_domain::{RESERVED_EDITION_CODES, RESERVED_SECTION_SLUGS};

/// Builds site URLs, absolute (`Urls::new("https://news.example")`) or
/// root-relative (`Urls::relative()`).
#[derive(Debug, Clone, Copy)]
pub struct Urls<'a> {
    base: &'a str,
}

impl<'a> Urls<'a> {
    /// `base_url` is the public origin, with or without a trailing slash.
    pub fn new(base_url: &'a str) -> Self {
        Self {
            base: base_url.trim_end_matches('/'),
        }
    }

    /// Paths starting with `/`, for links inside the site.
    pub fn relative() -> Urls<'static> {
        Urls { base: "" }
    }

    /// A root-relative path made absolute (links in mail).
    pub fn path(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn front(&self, edition: &EditionCode) -> String {
        format!("{}/{edition}/", self.base)
    }

    pub fn section(&self, edition: &EditionCode, section: &Slug) -> String {
        format!("{}/{edition}/{section}/", self.base)
    }

    pub fn article(&self, edition: &EditionCode, section: &Slug, slug: &Slug) -> String {
        format!("{}/{edition}/{section}/{slug}", self.base)
    }

    pub fn tag(&self, edition: &EditionCode, tag: &Slug) -> String {
        format!("{}/{edition}/tag/{tag}", self.base)
    }

    pub fn author(&self, edition: &EditionCode, author: &Slug) -> String {
        format!("{}/{edition}/author/{author}", self.base)
    }

    pub fn newsfeed(&self, edition: &EditionCode) -> String {
        format!("{}/{edition}/newsfeed", self.base)
    }

    pub fn media_bank(&self, edition: &EditionCode) -> String {
        format!("{}/{edition}/mediabank/", self.base)
    }

    /// The page showing one asset with its caption and credit.
    pub fn media_page(&self, edition: &EditionCode, media_id: i64) -> String {
        format!("{}/{edition}/mediabank/{media_id}", self.base)
    }

    /// The edition's search page; `query` is an encoded query string
    /// (may be empty: the form alone).
    pub fn search(&self, edition: &EditionCode, query: &str) -> String {
        if query.is_empty() {
            format!("{}/{edition}/search", self.base)
        } else {
            format!("{}/{edition}/search?{query}", self.base)
        }
    }

    /// Suggestions as one types (JSON), for `static/search.js`.
    pub fn search_suggest(&self, edition: &EditionCode) -> String {
        format!("{}/{edition}/search/suggest", self.base)
    }

    pub fn rss(&self, edition: &EditionCode) -> String {
        self.feed(edition, Listing::Edition, FeedFormat::Rss)
    }

    /// A listing's feed: `/{edition}/rss.xml`, `/{edition}/{section}/atom.xml`,
    /// `/{edition}/tag/{tag}/feed.json`, `/{edition}/author/{author}/rss.xml`.
    pub fn feed(&self, edition: &EditionCode, listing: Listing<'_>, format: FeedFormat) -> String {
        let file = format.file_name();
        match listing {
            Listing::Edition => format!("{}/{edition}/{file}", self.base),
            Listing::Section(section) => format!("{}/{edition}/{section}/{file}", self.base),
            Listing::Tag(tag) => format!("{}/{edition}/tag/{tag}/{file}", self.base),
            Listing::Author(author) => format!("{}/{edition}/author/{author}/{file}", self.base),
        }
    }

    /// The edition's list of chat rooms.
    pub fn chats(&self, edition: &EditionCode) -> String {
        format!("{}/{edition}/chats", self.base)
    }

    /// One chat room; `room` is a room's stored slug.
    pub fn chat_room(&self, edition: &EditionCode, room: &str) -> String {
        format!("{}/{edition}/chats/{room}", self.base)
    }

    /// The edition's subscribe page (lists, address, web push).
    pub fn newsletter(&self, edition: &EditionCode) -> String {
        format!("{}/{edition}/newsletter", self.base)
    }

    /// Where the confirmation mail's link (`token`) or its typed code goes.
    pub fn newsletter_confirm(&self, edition: &EditionCode, token: &str) -> String {
        if token.is_empty() {
            format!("{}/{edition}/newsletter/confirm", self.base)
        } else {
            format!(
                "{}/{edition}/newsletter/confirm?token={}",
                self.base,
                query_escape(token)
            )
        }
    }

    /// A subscriber's preferences, opened with the signed link `key`
    /// (`{subscriber id}.{secret}`) of their mail.
    pub fn newsletter_preferences(&self, edition: &EditionCode, key: &str) -> String {
        format!(
            "{}/{edition}/newsletter/preferences?s={}",
            self.base,
            query_escape(key)
        )
    }

    /// Unsubscribes `key`'s subscriber from one list (the mail's own): the
    /// visible link (a confirmation page) and RFC 8058's one-click POST.
    pub fn newsletter_unsubscribe(&self, edition: &EditionCode, key: &str, list_id: i64) -> String {
        format!(
            "{}/{edition}/newsletter/unsubscribe?s={}&list={list_id}",
            self.base,
            query_escape(key)
        )
    }

    /// Web push sign-up (POST) and removal (DELETE), JSON.
    pub fn newsletter_push(&self, edition: &EditionCode) -> String {
        format!("{}/{edition}/newsletter/push", self.base)
    }

    /// A public story as an IPTC ninjs document of `version` (`3.1`), by
    /// number: the address never changes with its slug or section.
    pub fn ninjs_article(&self, article_id: i64, version: &str) -> String {
        format!(
            "{}/api/v1/ninjs/articles/{article_id}?version={version}",
            self.base
        )
    }

    /// A public picture as an IPTC ninjs document of `version`.
    pub fn ninjs_picture(&self, media_id: i64, version: &str) -> String {
        format!(
            "{}/api/v1/ninjs/media/{media_id}?version={version}",
            self.base
        )
    }

    /// The file itself (an original or a rendition).
    pub fn media_file(&self, storage_key: &str) -> String {
        format!(
            "{}/media/{}",
            self.base,
            storage_key.trim_start_matches('/')
        )
    }

    /// A story's NewsML-G2 text item in the Content API, by id (a slug
    /// can change, the id cannot).
    pub fn newsml_article(&self, article_id: i64) -> String {
        format!("{}/api/v1/newsml/articles/{article_id}", self.base)
    }

    /// A story's NewsML-G2 package (the text and its lead picture).
    pub fn newsml_package(&self, article_id: i64) -> String {
        format!("{}/api/v1/newsml/articles/{article_id}/package", self.base)
    }

    /// A public picture's NewsML-G2 picture item.
    pub fn newsml_media(&self, media_id: i64) -> String {
        format!("{}/api/v1/newsml/media/{media_id}", self.base)
    }
}

/// The host name of the site's public address (`https://news.example:8443/`
/// → `news.example`); empty when it has none.
pub fn site_host(base_url: &str) -> &str {
    base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .split(['/', ':'])
        .next()
        .unwrap_or_default()
}

/// The discussion page of the article at `article_url`; comment actions
/// live under it (`{comments}/{id}/edit`, …).
pub fn comments_of(article_url: &str) -> String {
    format!("{article_url}/comments")
}

/// A reader account page (`login`, `register`, `profile`…) in `edition`'s
/// language, coming back to `back` (a path on the site) when done.
pub fn account_page(page: &str, edition: &str, back: &str) -> String {
    let mut url = format!("/account/{page}?edition={}", query_escape(edition));
    if !back.is_empty() {
        url.push_str("&return=");
        url.push_str(&query_escape(back));
    }
    url
}

/// The reader's login page without an edition, coming back to `back`.
pub fn account_login(back: &str) -> String {
    if back.is_empty() {
        "/account/login".to_owned()
    } else {
        format!("/account/login?return={}", form_escape(back))
    }
}

/// `https://video.example/x` → `video.example` (the port, if any, kept).
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.rsplit_once('@').map_or(host, |(_, h)| h)
}

/// A list of stories that has feeds: an edition's, a section's, a tag's or
/// an author's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing<'s> {
    Edition,
    Section(&'s Slug),
    Tag(&'s Slug),
    Author(&'s Slug),
}

/// The formats every listing's feed comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    /// RSS 2.0.
    Rss,
    /// Atom 1.0.
    Atom,
    /// JSON Feed 1.1.
    Json,
}

impl FeedFormat {
    pub const ALL: [FeedFormat; 3] = [FeedFormat::Rss, FeedFormat::Atom, FeedFormat::Json];

    /// The last segment of the feed's address.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Rss => "rss.xml",
            Self::Atom => "atom.xml",
            Self::Json => "feed.json",
        }
    }

    /// The format's name as feed readers know it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Rss => "RSS",
            Self::Atom => "Atom",
            Self::Json => "JSON Feed",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Self::Rss => "application/rss+xml",
            Self::Atom => "application/atom+xml",
            Self::Json => "application/feed+json",
        }
    }
}

/// A lasting id for something the site publishes, as a `tag:` URI
/// (RFC 4151) of the site's host (no port), a day and a name:
/// `tag:news.example,2026-12-05:article:42`. Feeds, ninjs and NewsML-G2
/// give a story the day it was first published, so the id stays the same
/// when its slug or section changes.
pub fn tag_uri(base_url: &str, day: chrono::DateTime<chrono::Utc>, kind: &str, id: i64) -> String {
    let host = host_of(base_url);
    let host = host.rsplit_once(':').map_or(host, |(name, _port)| name);
    format!("tag:{host},{}:{kind}:{id}", day.format("%Y-%m-%d"))
}

/// The `tag:` URI of a story first published at `published_at` (Unix seconds).
pub fn story_tag(base_url: &str, published_at: i64, article_id: i64) -> String {
    let day = chrono::DateTime::from_timestamp(published_at, 0).unwrap_or_default();
    tag_uri(base_url, day, "article", article_id)
}

/// The `tag:` URI of a picture uploaded at `created_at` (Unix seconds):
/// the same in every distribution format.
pub fn picture_tag(base_url: &str, created_at: i64, media_id: i64) -> String {
    let day = chrono::DateTime::from_timestamp(created_at, 0).unwrap_or_default();
    tag_uri(base_url, day, "picture", media_id)
}

/// Percent-encodes a value as HTML forms do (`/` too).
fn form_escape(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Percent-encodes a query-string value (RFC 3986 unreserved and `/` kept).
pub fn query_escape(value: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            // Writing into a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The newsroom's pages (staff only, never cached), by what they show.
pub mod newsroom {
    use dateline_domain::EditionCode;

    /// The desk's home.
    pub const HOME: &str = "/newsroom/";
    pub const LOGIN: &str = "/newsroom/login";
    /// The login form, saying the password was changed.
    pub const LOGIN_AFTER_PASSWORD_CHANGE: &str = "/newsroom/login?changed=password";
    pub const EDITIONS: &str = "/newsroom/editions";
    pub const USERS: &str = "/newsroom/users";
    pub const AUTHORS: &str = "/newsroom/authors";
    pub const NEW_AUTHOR: &str = "/newsroom/authors/new";
    pub const TOKENS: &str = "/newsroom/tokens";
    pub const CHATS: &str = "/newsroom/chats";
    pub const MODERATION: &str = "/newsroom/moderation";
    pub const MODERATION_SETTINGS: &str = "/newsroom/moderation/settings";
    /// The site-wide settings (admins).
    pub const SETTINGS: &str = "/newsroom/settings";
    /// The settings page, saying they were saved.
    pub const SETTINGS_SAVED: &str = "/newsroom/settings?saved=1";
    /// The first-run setup page.
    pub const SETUP: &str = "/setup";
    /// Search across every status (what the staff member may read).
    pub const SEARCH: &str = "/newsroom/search";
    /// Newsletter lists, their subscribers and the sends' reports.
    pub const NEWSLETTERS: &str = "/newsroom/newsletters";

    /// One send's report.
    pub fn newsletter_send(id: i64) -> String {
        format!("{NEWSLETTERS}/sends/{id}")
    }

    /// The page that sends a published story as a breaking alert.
    pub fn article_alert(id: i64) -> String {
        format!("/newsroom/articles/{id}/alert")
    }

    /// The newsroom's search; `query` is an encoded query string.
    pub fn search(query: &str) -> String {
        if query.is_empty() {
            SEARCH.to_owned()
        } else {
            format!("{SEARCH}?{query}")
        }
    }

    /// The login form, coming back to `next` (a newsroom path).
    pub fn login(next: &str) -> String {
        format!("{LOGIN}?next={}", super::form_escape(next))
    }

    /// The article list; `query` is an encoded filter (may be empty).
    pub fn articles(query: &str) -> String {
        if query.is_empty() {
            "/newsroom/articles".to_owned()
        } else {
            format!("/newsroom/articles?{query}")
        }
    }

    /// The page an invitation mail links to.
    pub fn invitation(secret: &str) -> String {
        format!("/newsroom/invitation?token={}", super::form_escape(secret))
    }

    /// One byline's form.
    pub fn author(id: i64) -> String {
        format!("{AUTHORS}/{id}")
    }

    /// The arrangement of an edition's front page.
    pub fn front(edition: &EditionCode) -> String {
        format!("/newsroom/front/{edition}")
    }

    /// The editor of one article.
    pub fn article(id: i64) -> String {
        format!("/newsroom/articles/{id}")
    }

    /// Where a translation of article `id` is started (POST).
    pub fn article_translations(id: i64) -> String {
        format!("/newsroom/articles/{id}/translations")
    }

    /// The editor of article `id` with version `source` in its source pane.
    pub fn article_beside(id: i64, source: i64) -> String {
        format!("/newsroom/articles/{id}?source={source}")
    }

    /// The live-coverage desk of one article.
    pub fn article_live(id: i64) -> String {
        format!("/newsroom/articles/{id}/live")
    }

    /// The media bank; `query` is an encoded filter (may be empty).
    pub fn media(query: &str) -> String {
        if query.is_empty() {
            "/newsroom/media".to_owned()
        } else {
            format!("/newsroom/media?{query}")
        }
    }

    /// One picture's texts and uses.
    pub fn media_asset(id: i64) -> String {
        format!("/newsroom/media/{id}")
    }

    /// A moderation queue (`pending` is the default one).
    pub fn moderation_queue(queue: &str) -> String {
        match queue {
            "reported" | "rejected" => format!("{MODERATION}?queue={queue}"),
            _ => MODERATION.to_owned(),
        }
    }

    /// The sections of one edition.
    pub fn sections(edition: &EditionCode) -> String {
        format!("{EDITIONS}/{edition}/sections")
    }

    /// One edition's form: name, time zone, date format, logo.
    pub fn edition(edition: &EditionCode) -> String {
        format!("{EDITIONS}/{edition}")
    }

    /// Where an edition's retire and restore buttons post.
    pub fn edition_retirement(edition: &EditionCode) -> String {
        format!("{EDITIONS}/{edition}/retirement")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_addresses() {
        assert_eq!(host_of("https://video.example/watch?v=1"), "video.example");
        assert_eq!(host_of("http://user@maps.example"), "maps.example");
        assert_eq!(host_of("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    }

    #[test]
    fn tag_uris_name_the_host_without_its_port() {
        assert_eq!(
            story_tag("http://127.0.0.1:8080", 1_764_936_000, 42),
            "tag:127.0.0.1,2025-12-05:article:42"
        );
        assert_eq!(
            story_tag("https://news.example/", 0, 7),
            "tag:news.example,1970-01-01:article:7"
        );
    }

    #[test]
    fn builds_the_scheme() {
        let en: EditionCode = "en".parse().unwrap();
        let world: Slug = "world".parse().unwrap();
        let story: Slug = "bridge-reopens".parse().unwrap();
        let abs = Urls::new("https://news.example/");
        assert_eq!(abs.front(&en), "https://news.example/en/");
        assert_eq!(
            abs.article(&en, &world, &story),
            "https://news.example/en/world/bridge-reopens"
        );
        let rel = Urls::relative();
        assert_eq!(rel.section(&en, &world), "/en/world/");
        assert_eq!(rel.tag(&en, &story), "/en/tag/bridge-reopens");
        assert_eq!(rel.author(&en, &story), "/en/author/bridge-reopens");
        assert_eq!(rel.newsfeed(&en), "/en/newsfeed");
        assert_eq!(rel.rss(&en), "/en/rss.xml");
        assert_eq!(
            abs.feed(&en, Listing::Section(&world), FeedFormat::Atom),
            "https://news.example/en/world/atom.xml"
        );
        assert_eq!(
            rel.feed(&en, Listing::Tag(&story), FeedFormat::Json),
            "/en/tag/bridge-reopens/feed.json"
        );
        assert_eq!(
            rel.feed(&en, Listing::Author(&story), FeedFormat::Rss),
            "/en/author/bridge-reopens/rss.xml"
        );
        assert_eq!(rel.media_bank(&en), "/en/mediabank/");
        assert_eq!(rel.media_page(&en, 7), "/en/mediabank/7");
        assert_eq!(
            rel.media_file("originals/ab/ab.jpg"),
            "/media/originals/ab/ab.jpg"
        );
        assert_eq!(rel.rss(&en), "/en/rss.xml");
        assert_eq!(rel.search(&en, ""), "/en/search");
        assert_eq!(rel.search(&en, "q=a%20b"), "/en/search?q=a%20b");
        assert_eq!(rel.search_suggest(&en), "/en/search/suggest");
        assert_eq!(newsroom::search("q=x"), "/newsroom/search?q=x");
        assert_eq!(rel.chat_room(&en, "elections"), "/en/chats/elections");
        assert_eq!(rel.newsletter(&en), "/en/newsletter");
        assert_eq!(
            abs.newsletter_unsubscribe(&en, "7.k_y", 3),
            "https://news.example/en/newsletter/unsubscribe?s=7.k_y&list=3"
        );
        assert_eq!(
            newsroom::newsletter_send(4),
            "/newsroom/newsletters/sends/4"
        );
        assert_eq!(
            comments_of("/en/world/bridge-reopens"),
            "/en/world/bridge-reopens/comments"
        );
        assert_eq!(
            account_page("login", "en", "/en/world/a?b=1"),
            "/account/login?edition=en&return=/en/world/a%3Fb%3D1"
        );
        assert_eq!(account_login(""), "/account/login");
        assert_eq!(
            newsroom::login("/newsroom/users"),
            "/newsroom/login?next=%2Fnewsroom%2Fusers"
        );
        assert_eq!(
            newsroom::moderation_queue("pending"),
            "/newsroom/moderation"
        );
        assert_eq!(newsroom::sections(&en), "/newsroom/editions/en/sections");
        assert_eq!(newsroom::edition(&en), "/newsroom/editions/en");
    }

    #[test]
    fn query_values_are_escaped() {
        assert_eq!(query_escape("/en/world/a-b"), "/en/world/a-b");
        assert_eq!(query_escape("/x?y=1&z"), "/x%3Fy%3D1%26z");
    }
}
