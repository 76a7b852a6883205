//! Robots, sitemaps, the RSS feed, the `/` redirect and the files around
//! the pages (static theme files, media files).

use crate::test_app::TestApp;
use std::collections::BTreeSet;

use reqwest::StatusCode;

use super::{attr, fetch, one, page};
use crate::test_app::BASE_URL;

/// `<loc>` values of an XML document.
fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split_once("</loc>").map(|(loc, _)| loc.to_owned()))
        .collect()
}

async fn the_sitemaps_list_every_public_article_with_lastmod(app: TestApp) {
    let (status, robots) = fetch(&app, "/robots.txt").await;
    assert_eq!(status, StatusCode::OK);
    assert!(robots.contains(&format!("Sitemap: {BASE_URL}/sitemap.xml")));

    let (_, index) = fetch(&app, "/sitemap.xml").await;
    // Every file of the index but the news sitemaps is dated.
    assert_eq!(
        index.matches("<sitemap>").count(),
        index.matches("<lastmod>").count() + 2,
        "{index}"
    );
    let (pages, stories): (Vec<String>, Vec<String>) = locs(&index)
        .into_iter()
        .partition(|loc| loc.ends_with("/sitemap-pages.xml"));
    assert_eq!(
        pages,
        [
            format!("{BASE_URL}/en/sitemap-pages.xml"),
            format!("{BASE_URL}/ru/sitemap-pages.xml")
        ]
    );
    let (news, sitemaps): (Vec<String>, Vec<String>) = stories
        .into_iter()
        .partition(|loc| loc.ends_with("/sitemap-news.xml"));
    assert_eq!(
        sitemaps,
        [
            format!("{BASE_URL}/en/sitemap-1.xml"),
            format!("{BASE_URL}/ru/sitemap-1.xml")
        ]
    );
    assert_eq!(
        news,
        [
            format!("{BASE_URL}/en/sitemap-news.xml"),
            format!("{BASE_URL}/ru/sitemap-news.xml")
        ]
    );
    let mut listed = BTreeSet::new();
    for sitemap in &sitemaps {
        let (status, xml) = fetch(&app, sitemap.trim_start_matches(BASE_URL)).await;
        assert_eq!(status, StatusCode::OK, "{sitemap}");
        assert_eq!(
            xml.matches("<url>").count(),
            xml.matches("<lastmod>").count()
        );
        listed.extend(locs(&xml));
    }
    let mut expected: BTreeSet<String> = app
        .newsroom
        .en_public_slugs
        .iter()
        .map(|slug| {
            let section = if *slug == "markets-rally" {
                "business"
            } else {
                "world"
            };
            format!("{BASE_URL}/en/{section}/{slug}")
        })
        .collect();
    expected.insert(format!("{BASE_URL}/ru/world/most-otkryt"));
    expected.insert(format!("{BASE_URL}/ru/world/rynki-rastut"));
    assert_eq!(listed, expected);
    assert_eq!(
        fetch(&app, "/en/sitemap-2.xml").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        fetch(&app, "/en/sitemap-x.xml").await.0,
        StatusCode::NOT_FOUND
    );
}

/// The news sitemap lists the last 48 hours' stories only, newest first,
/// with the publication's name and language, and follows publishing.
async fn the_news_sitemap_lists_the_last_two_days(app: TestApp) {
    let backend = app.backend();
    // The fixtures' stories are from 2023: nothing is recent.
    let (status, empty) = fetch(&app, "/en/sitemap-news.xml").await;
    assert_eq!(status, StatusCode::OK, "[{backend}]");
    assert!(empty.contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""));
    assert_eq!(empty.matches("<url>").count(), 0, "[{backend}] {empty}");

    let now = chrono::Utc::now().timestamp();
    let fx = &app.newsroom.fixtures;
    for (slug, age) in [
        ("fresh-news", 3600),
        ("day-old-news", 30 * 3600),
        ("stale-news", 50 * 3600),
    ] {
        let mut story = fx.article(slug, now - age);
        story.headline = format!("{slug} & more");
        app.store().create_article(&story).await.unwrap();
    }
    let (_, xml) = fetch(&app, "/en/sitemap-news.xml").await;
    assert_eq!(
        locs(&xml),
        [
            format!("{BASE_URL}/en/world/fresh-news"),
            format!("{BASE_URL}/en/world/day-old-news")
        ],
        "[{backend}] published since the last fetch, newest first, 48 hours: {xml}"
    );
    assert_eq!(
        xml.matches("<news:name>Dateline</news:name>").count(),
        2,
        "{xml}"
    );
    assert_eq!(xml.matches("<news:language>en</news:language>").count(), 2);
    assert!(
        xml.contains("<news:title>fresh-news &amp; more</news:title>"),
        "{xml}"
    );
    let published = dateline_render::w3c_date(now - 3600);
    assert!(xml.contains(&format!(
        "<news:publication_date>{published}</news:publication_date>"
    )));
    let (_, ru) = fetch(&app, "/ru/sitemap-news.xml").await;
    assert_eq!(
        ru.matches("<url>").count(),
        0,
        "[{backend}] the other edition's own"
    );
}

/// The `<url>` element of `loc` in a sitemap.
fn url_of<'a>(xml: &'a str, loc: &str) -> &'a str {
    let start = xml
        .find(&format!("<url><loc>{BASE_URL}{loc}</loc>"))
        .unwrap_or_else(|| panic!("{loc} is not listed: {xml}"));
    let len = xml[start..].find("</url>").expect("a closed <url>");
    &xml[start..start + len]
}

/// Story sitemaps name each story's lead picture and its versions in the
/// other editions; the listing sitemap names the front page, sections, tags
/// and authors with stories, and follows publishing.
async fn sitemaps_carry_pictures_versions_and_listings(app: TestApp) {
    let backend = app.backend();
    let (_, en) = fetch(&app, "/en/sitemap-1.xml").await;
    assert!(en.contains("xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\""));
    assert!(en.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let bridge = url_of(&en, "/en/world/bridge-reopens");
    for (language, path) in [
        ("en", "/en/world/bridge-reopens"),
        ("ru", "/ru/world/most-otkryt"),
    ] {
        let link = format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"{language}\" href=\"{BASE_URL}{path}\"/>"
        );
        assert!(bridge.contains(&link), "[{backend}] {link} in {bridge}");
    }
    let picture = bridge
        .split_once("<image:image><image:loc>")
        .and_then(|(_, rest)| rest.split_once("</image:loc>"))
        .map(|(loc, _)| loc)
        .unwrap_or_else(|| panic!("[{backend}] no picture: {bridge}"));
    // The widest JPEG pages offer of the lead picture's crop.
    let media = &app.newsroom.fixtures.media;
    assert_eq!(
        picture,
        format!(
            "{BASE_URL}/media/renditions/{:02x}/{}-1920.jpg",
            media.id, media.sha256
        ),
        "[{backend}]"
    );
    // No lead picture, no translation: a bare entry.
    let markets = url_of(&en, "/en/business/markets-rally");
    assert!(
        !markets.contains("<image:") && !markets.contains("<xhtml:"),
        "{markets}"
    );
    assert!(!url_of(&en, "/en/world/storm-warning").contains("<xhtml:"));
    let (_, ru) = fetch(&app, "/ru/sitemap-1.xml").await;
    assert!(url_of(&ru, "/ru/world/most-otkryt").contains(&format!(
        "hreflang=\"en\" href=\"{BASE_URL}/en/world/bridge-reopens\""
    )));

    let (status, pages) = fetch(&app, "/en/sitemap-pages.xml").await;
    assert_eq!(status, StatusCode::OK, "[{backend}]");
    assert_eq!(
        pages.matches("<url>").count(),
        pages.matches("<lastmod>").count()
    );
    let listed: BTreeSet<String> = locs(&pages).into_iter().collect();
    let expected: BTreeSet<String> = [
        "/en/",
        "/en/world/",
        "/en/business/",
        "/en/tag/transport",
        "/en/tag/city",
        "/en/tag/economy",
        "/en/author/jane-roe",
        "/en/author/john-doe",
    ]
    .iter()
    .map(|p| format!("{BASE_URL}{p}"))
    .collect();
    assert_eq!(listed, expected, "[{backend}] {pages}");
    assert_eq!(
        fetch(&app, "/xx/sitemap-pages.xml").await.0,
        StatusCode::NOT_FOUND
    );

    // A story under a new tag: the cached listing sitemap is purged.
    let fx = &app.newsroom.fixtures;
    let mut story = fx.article("harbour-opens", chrono::Utc::now().timestamp());
    story.tags = vec![("harbour".parse().unwrap(), "Harbour".into())];
    app.store().create_article(&story).await.unwrap();
    let (_, pages) = fetch(&app, "/en/sitemap-pages.xml").await;
    assert!(
        pages.contains(&format!("<loc>{BASE_URL}/en/tag/harbour</loc>")),
        "[{backend}] {pages}"
    );
}

async fn rss_lists_the_newest_articles(app: TestApp) {
    let response = app.get("/ru/rss.xml").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/rss+xml"));
    let xml = response.text().await.unwrap();
    assert!(xml.starts_with("<?xml") && xml.contains("<rss version=\"2.0\""));
    assert_eq!(xml.matches("<item>").count(), 2);
    assert!(xml.contains(&format!("<link>{BASE_URL}/ru/world/most-otkryt</link>")));
    assert!(xml.contains("<language>ru</language>"));
}

async fn root_redirects_by_accept_language(app: TestApp) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (accept, location) in [
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("de, en;q=0.5", "/en/"),
        ("", "/en/"),
    ] {
        let response = client
            .get(app.url("/"))
            .header("accept-language", accept)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_redirection());
        assert_eq!(response.headers()["location"], location, "{accept}");
    }
}

async fn static_files_are_fingerprinted_and_cached_for_a_year(app: TestApp) {
    let doc = page(&app, "/en/").await;
    let css = attr(one(&doc, "link[rel='stylesheet']"), "href").to_owned();
    assert!(
        css.starts_with("/static/style.") && css.len() > "/static/style..css".len() + 8,
        "{css}"
    );
    let response = app.get(&css).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    assert_eq!(
        fetch(&app, "/static/style.000000000000.css").await.0,
        StatusCode::NOT_FOUND
    );
}

async fn media_files_are_served_from_the_data_dir_without_traversal(app: TestApp) {
    // A rendition of a published story's picture, under the app's own data
    // folder's media/.
    let picture = app
        .store()
        .media_by_id(app.newsroom.world_picture.id)
        .await
        .unwrap()
        .unwrap();
    let key = &picture.renditions[0].storage_key;
    let file = app.data_dir().join("media").join(key);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, b"not really a jpeg").unwrap();
    let response = app.get(&format!("/media/{key}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.text().await.unwrap(), "not really a jpeg");
    // A file no rendition names is not served, even from the media folder.
    let dir = app.data_dir().join("media").join("reader-test");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("pixel.jpg"), b"stray").unwrap();
    // (`..` written plainly would be resolved by the client before sending.)
    for bad in [
        "/media/reader-test/pixel.jpg",
        "/media/..%2Fetc%2Fpasswd",
        "/media/reader-test%2F..%2F..%2Fpasswd",
        "/media/reader-test/missing.jpg",
    ] {
        assert_eq!(fetch(&app, bad).await.0, StatusCode::NOT_FOUND, "{bad}");
    }
}

on_both_backends!(
    crate::reader::fixture::reader_app_on;
    the_sitemaps_list_every_public_article_with_lastmod,
    the_news_sitemap_lists_the_last_two_days,
    sitemaps_carry_pictures_versions_and_listings,
    rss_lists_the_newest_articles,
    root_redirects_by_accept_language,
    static_files_are_fingerprinted_and_cached_for_a_year,
    media_files_are_served_from_the_data_dir_without_traversal,
);
