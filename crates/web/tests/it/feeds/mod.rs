//! Feeds of every listing (an edition, a section, a tag, an author) in RSS
//! 2.0, Atom 1.0 and JSON Feed 1.1, read as a feed reader would: the
//! document parses, carries each story in full with its picture, byline,
//! categories, dates and lasting id, names the WebSub hub when the site
//! has one, and the listing pages advertise it.
mod formats;
mod xml;

use dateline_domain::SiteSettings;
use dateline_store::{ArticleUpdate, NewAudit};
use reqwest::StatusCode;
use serde_json::Value;

use self::formats::{channel_of, check_atom, check_json, check_rss, expect, Expect, LISTINGS};
use self::xml::parse_xml;
use crate::test_app::{TestApp, BASE_URL};

/// A feed's body after checking its status and content type.
pub(super) async fn fetch(app: &TestApp, path: &str, media_type: &str) -> (String, Option<String>) {
    let response = app.get(path).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "[{}] {path}",
        app.backend()
    );
    let content_type = response.headers()["content-type"].to_str().unwrap();
    assert_eq!(
        content_type,
        format!("{media_type}; charset=utf-8"),
        "{path}"
    );
    let link = response
        .headers()
        .get("link")
        .map(|l| l.to_str().unwrap().to_owned());
    (response.text().await.unwrap(), link)
}

async fn every_listing_has_full_feeds_in_three_formats(app: TestApp) {
    let want = expect(&app);
    for listing in LISTINGS {
        let url = |file: &str| format!("{BASE_URL}{listing}{file}");
        let (rss, link) = fetch(&app, &format!("{listing}rss.xml"), "application/rss+xml").await;
        assert_eq!(link, None, "no hub, no Link header");
        let channel = check_rss(&rss, &url("rss.xml"), &want);
        assert!(
            channel
                .all("atom:link")
                .all(|l| l.attr("rel") != Some("hub")),
            "{listing}: no hub is configured"
        );
        // Only public stories, newest first.
        assert!(!rss.contains("secret-plan") && !rss.contains("withdrawn-story"));
        let (atom, _) = fetch(&app, &format!("{listing}atom.xml"), "application/atom+xml").await;
        let feed = check_atom(&atom, &url("atom.xml"), &want);
        assert!(feed.all("link").all(|l| l.attr("rel") != Some("hub")));
        let (json, _) = fetch(
            &app,
            &format!("{listing}feed.json"),
            "application/feed+json",
        )
        .await;
        let feed = check_json(&json, &url("feed.json"), &want);
        assert!(feed.get("hubs").is_none(), "{feed}");
    }
    // A listing holds its own stories only.
    let (business, _) = fetch(&app, "/en/business/rss.xml", "application/rss+xml").await;
    let channel = channel_of(parse_xml(&business));
    let titles: Vec<_> = channel
        .all("item")
        .map(|i| i.one("title").text.as_str())
        .collect();
    assert_eq!(titles, ["Headline of markets-rally"], "[{}]", app.backend());
    let (tag, _) = fetch(&app, "/en/tag/transport/feed.json", "application/feed+json").await;
    let tag: Value = serde_json::from_str(&tag).unwrap();
    let ids: Vec<_> = tag["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["url"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(ids, ["bridge-reopens", "storm-warning"]);
}

async fn feeds_name_the_websub_hub_once_one_is_set(app: TestApp) {
    let hub = "https://hub.example/websub";
    let settings = SiteSettings {
        websub_hub: Some(hub.into()),
        ..app.store().site_settings().await.unwrap()
    };
    // Read (and cached) before the hub was set: the change purges them.
    fetch(&app, "/en/tag/transport/rss.xml", "application/rss+xml").await;
    let audit = NewAudit::new("site.settings", "site", None, crate::newsroom::NOW);
    app.store()
        .update_site_settings(&settings, &audit)
        .await
        .unwrap();
    for listing in ["/en/", "/en/tag/transport/"] {
        let (rss, link) = fetch(&app, &format!("{listing}rss.xml"), "application/rss+xml").await;
        let self_url = format!("{BASE_URL}{listing}rss.xml");
        assert_eq!(
            link.as_deref(),
            Some(format!("<{hub}>; rel=\"hub\", <{self_url}>; rel=\"self\"").as_str()),
            "[{}] {listing}",
            app.backend()
        );
        let channel = channel_of(parse_xml(&rss));
        let hubs: Vec<_> = channel
            .all("atom:link")
            .filter(|l| l.attr("rel") == Some("hub"))
            .map(|l| l.attr("href").unwrap())
            .collect();
        assert_eq!(hubs, [hub], "{listing}");

        let (atom, link) = fetch(&app, &format!("{listing}atom.xml"), "application/atom+xml").await;
        assert!(link.unwrap().starts_with(&format!("<{hub}>; rel=\"hub\"")));
        let feed = parse_xml(&atom);
        let hubs: Vec<_> = feed
            .all("link")
            .filter(|l| l.attr("rel") == Some("hub"))
            .map(|l| l.attr("href").unwrap())
            .collect();
        assert_eq!(hubs, [hub]);

        let (json, link) = fetch(
            &app,
            &format!("{listing}feed.json"),
            "application/feed+json",
        )
        .await;
        assert!(link
            .unwrap()
            .ends_with(&format!("<{BASE_URL}{listing}feed.json>; rel=\"self\"")));
        let feed: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            feed["hubs"],
            serde_json::json!([{ "type": "WebSub", "url": hub }])
        );
    }
}

async fn unknown_listings_have_no_feeds(app: TestApp) {
    for path in [
        "/en/nowhere/rss.xml",
        "/en/tag/nothing/atom.xml",
        "/en/author/nobody/feed.json",
        "/en/tag/Not%20A%20Slug/rss.xml",
        "/xx/rss.xml",
        "/xx/world/atom.xml",
    ] {
        let response = app.get(path).await;
        assert_eq!(
            response.status(),
            StatusCode::NOT_FOUND,
            "[{}] {path}",
            app.backend()
        );
    }
}

async fn a_story_keeps_its_feed_id_when_renamed(app: TestApp) {
    let want = expect(&app);
    let bridge = &app.newsroom.bridge;
    // Read (and cached) under the first slug.
    let (atom, _) = fetch(&app, "/en/world/atom.xml", "application/atom+xml").await;
    check_atom(&atom, &format!("{BASE_URL}/en/world/atom.xml"), &want);
    let update = ArticleUpdate {
        slug: Some("bridge-reopens-at-dawn".parse().unwrap()),
        ..ArticleUpdate::default()
    };
    app.store()
        .update_article(bridge.id, bridge.version, &update, bridge.updated_at + 60)
        .await
        .unwrap();
    let renamed = Expect {
        url: format!("{BASE_URL}/en/world/bridge-reopens-at-dawn"),
        ..expect(&app)
    };
    assert_eq!(renamed.id, want.id);
    let (atom, _) = fetch(&app, "/en/world/atom.xml", "application/atom+xml").await;
    let feed = check_atom(&atom, &format!("{BASE_URL}/en/world/atom.xml"), &renamed);
    let entry = feed.all("entry").find(|e| e.one("id").text == want.id);
    let updated = &entry.unwrap().one("updated").text;
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(updated)
            .unwrap()
            .timestamp(),
        bridge.updated_at + 60,
        "[{}] the edit shows as the entry's update",
        app.backend()
    );
    let (json, _) = fetch(
        &app,
        "/en/author/jane-roe/feed.json",
        "application/feed+json",
    )
    .await;
    check_json(
        &json,
        &format!("{BASE_URL}/en/author/jane-roe/feed.json"),
        &renamed,
    );
}

async fn listing_pages_advertise_their_feeds(app: TestApp) {
    let heads = [
        ("/en/", "/en/"),
        ("/en/world/", "/en/world/"),
        ("/en/tag/transport", "/en/tag/transport/"),
        ("/en/author/jane-roe", "/en/author/jane-roe/"),
    ];
    let link_sel = scraper::Selector::parse("head link[rel=alternate][type]").unwrap();
    let visible_sel = scraper::Selector::parse("main .feed-links a").unwrap();
    for (page, listing) in heads {
        let html = app.get(page).await.text().await.unwrap();
        let doc = scraper::Html::parse_document(&html);
        let links: Vec<(String, String)> = doc
            .select(&link_sel)
            .map(|l| {
                let v = l.value();
                (
                    v.attr("type").unwrap().to_owned(),
                    v.attr("href").unwrap().to_owned(),
                )
            })
            .collect();
        for (media_type, file) in [
            ("application/rss+xml", "rss.xml"),
            ("application/atom+xml", "atom.xml"),
            ("application/feed+json", "feed.json"),
        ] {
            // The listing's own feeds (absolute) and the edition's.
            let own = links.iter().any(|(t, href)| {
                t == media_type
                    && (href == &format!("{BASE_URL}{listing}{file}")
                        || href == &format!("{listing}{file}"))
            });
            assert!(own, "[{}] {page}: {media_type} {links:?}", app.backend());
            let edition = links
                .iter()
                .any(|(t, href)| t == media_type && href == &format!("/en/{file}"));
            assert!(edition, "{page}: the edition's {media_type} {links:?}");
        }
        let visible: Vec<_> = doc
            .select(&visible_sel)
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect();
        if listing == "/en/" {
            assert!(visible.is_empty(), "{visible:?}");
        } else {
            assert_eq!(visible.len(), 3, "{page}: {visible:?}");
        }
    }
    // Every other page names the edition's feeds.
    let html = app
        .get("/en/world/bridge-reopens")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Dateline (Atom)\" href=\"/en/atom.xml\">"
    ));
}

on_both_backends!(
    crate::test_app::TestApp::on;
    every_listing_has_full_feeds_in_three_formats,
    feeds_name_the_websub_hub_once_one_is_set,
    unknown_listings_have_no_feeds,
    a_story_keeps_its_feed_id_when_renamed,
    listing_pages_advertise_their_feeds,
);
