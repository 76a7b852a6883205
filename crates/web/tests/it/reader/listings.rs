//! Listing pages: cards, cursor pagination, the newsfeed, tag and author
//! pages, and the media bank's filters and asset page.

use crate::test_app::TestApp;
use dateline_domain::NewArticle;
use reqwest::StatusCode;

use super::{all, assert_well_formed, attr, fetch, one, page, text};
use crate::newsroom::NOW;

async fn section_cards_show_picture_section_date_headline_lead_and_comments(app: TestApp) {
    let doc = page(&app, "/en/world/").await;
    assert_well_formed(&doc, "/en/world/");
    assert_eq!(text(one(&doc, "h1")), "World");
    let blurb = text(one(&doc, ".page-blurb"));
    assert_eq!(
        attr(one(&doc, "meta[name='description']"), "content"),
        blurb
    );
    let card = one(&doc, ".card-grid article.card");
    for part in [
        "img[alt]",
        ".card-section",
        "time[datetime]",
        ".card-title a",
        ".card-lead",
        ".card-comments",
    ] {
        assert!(
            card.select(&super::sel(part)).next().is_some(),
            "card lacks {part}"
        );
    }
    assert_eq!(
        text(one(&doc, ".card-grid .card-title a")),
        "Headline of bridge-reopens"
    );
    assert_eq!(text(one(&doc, ".card-grid .card-comments")), "2 comments");
    assert_eq!(
        attr(one(&doc, "nav.sections a[aria-current]"), "href"),
        "/en/world/"
    );
}

async fn cursor_pagination_walks_every_article_once(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    for i in 0..30 {
        let new = NewArticle {
            lead_media_id: None,
            ..fx.article(&format!("filler-{i:02}"), NOW - 100 * 24 * 3600 - i * 60)
        };
        app.store().create_article(&new).await.unwrap();
    }
    let mut path = "/en/world/".to_owned();
    let mut seen = Vec::new();
    for _ in 0..5 {
        let doc = page(&app, &path).await;
        seen.extend(
            all(&doc, ".card-title a")
                .into_iter()
                .map(|a| attr(a, "href").to_owned()),
        );
        match all(&doc, ".pager a[rel='next']").first() {
            Some(older) => {
                path = attr(*older, "href").to_owned();
                assert!(path.starts_with("/en/world/?cursor="), "{path}");
                // Later pages link back to the first and stay out of search results.
                let next_doc = page(&app, &path).await;
                assert!(!all(&next_doc, ".pager a[href='/en/world/']").is_empty());
                assert_eq!(
                    attr(one(&next_doc, "meta[name='robots']"), "content"),
                    "noindex"
                );
            }
            None => break,
        }
    }
    let total = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(
        (seen.len(), total),
        (30 + 5, 30 + 5),
        "every World article exactly once"
    );
    let (status, _) = fetch(&app, "/en/world/?cursor=not-a-cursor").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn front_page_has_top_stories_section_blocks_and_the_newsfeed(app: TestApp) {
    for (path, newsfeed) in [("/en/", "Newsfeed"), ("/ru/", "Лента новостей")] {
        let doc = page(&app, path).await;
        assert_well_formed(&doc, path);
        assert!(!all(&doc, ".top-stories article.card").is_empty(), "{path}");
        assert_eq!(text(one(&doc, "aside.newsfeed h2")), newsfeed);
        let switcher: Vec<_> = all(&doc, "nav.editions a")
            .into_iter()
            .map(|a| attr(a, "href"))
            .collect();
        assert_eq!(switcher, ["/en/", "/ru/"]);
    }
    let doc = page(&app, "/en/").await;
    // Each section block links its section page.
    for block in all(&doc, "section.section-block h2 a") {
        assert!(attr(block, "href").starts_with("/en/"));
    }
    assert_eq!(
        attr(one(&doc, "link[hreflang='x-default']"), "href"),
        format!("{}/", crate::test_app::BASE_URL)
    );
}

async fn newsfeed_tag_and_author_pages(app: TestApp) {
    let doc = page(&app, "/en/newsfeed").await;
    assert_well_formed(&doc, "/en/newsfeed");
    let items = all(&doc, "ol.stream li.stream-item");
    assert_eq!(items.len(), app.newsroom.en_public_slugs.len());
    assert!(!all(&doc, "h2.stream-date").is_empty());

    let doc = page(&app, "/en/tag/transport").await;
    assert_well_formed(&doc, "/en/tag/transport");
    let tagged: Vec<_> = all(&doc, ".card-title a").into_iter().map(text).collect();
    assert_eq!(
        tagged,
        ["Headline of bridge-reopens", "Headline of storm-warning"]
    );
    assert_eq!(text(one(&doc, ".page-count")), "2 articles");

    let doc = page(&app, "/en/author/john-doe").await;
    assert_eq!(text(one(&doc, "h1")), "John Doe");
    assert_eq!(all(&doc, ".card-title a").len(), 1);
    assert_eq!(
        fetch(&app, "/en/author/nobody").await.0,
        StatusCode::NOT_FOUND
    );
}

async fn media_bank_archive_filters_by_date_and_section(app: TestApp) {
    let nr = &app.newsroom;
    let doc = page(&app, "/en/mediabank/").await;
    assert_well_formed(&doc, "/en/mediabank/");
    // en has the world picture and three old ones (the fixture picture has no edition).
    assert_eq!(all(&doc, ".media-grid li").len(), 4);
    let doc = page(&app, "/en/mediabank/?section=world").await;
    let tiles: Vec<_> = all(&doc, ".media-grid li a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(tiles, [format!("/en/mediabank/{}", nr.world_picture.id)]);
    assert!(!all(&doc, "#filter-section option[value='world'][selected]").is_empty());
    // The old pictures are 4, 5 and 6 days before NOW (2023-11-14).
    let doc = page(&app, "/en/mediabank/?from=2023-11-09&until=2023-11-10").await;
    assert_eq!(all(&doc, ".media-grid li").len(), 2);
    assert_eq!(attr(one(&doc, "#filter-from"), "value"), "2023-11-09");
    let doc = page(&app, "/en/mediabank/?from=2030-01-01").await;
    assert!(all(&doc, ".media-grid li").is_empty());
    assert!(!all(&doc, "p.empty").is_empty());
}

/// The href of a media page's "Open the original" link, and the page.
async fn original(app: &TestApp, path: &str) -> (String, String) {
    let doc = page(app, path).await;
    let link = all(&doc, ".media-details a")
        .into_iter()
        .find(|a| attr(*a, "href").starts_with("/media/"))
        .map(|a| attr(a, "href").to_owned());
    (link.expect("an \"Open the original\" link"), doc.html())
}

async fn media_asset_page_shows_rights_and_usage(app: TestApp) {
    let nr = &app.newsroom;
    let path = format!("/en/mediabank/{}", nr.world_picture.id);
    let full = format!("renditions/02/{}-3200.jpg", nr.world_picture.sha256);
    app.store()
        .add_rendition(&dateline_domain::NewRendition {
            shape: None,
            media_id: nr.world_picture.id,
            width: 3200,
            height: 1800,
            format: dateline_domain::ImageFormat::Jpeg,
            storage_key: full.clone(),
            byte_size: 900_000,
        })
        .await
        .unwrap();
    let doc = page(&app, &path).await;
    assert_well_formed(&doc, &path);
    assert_eq!(text(one(&doc, "h1")), "Picture 2");
    let details = text(one(&doc, ".media-details dl"));
    for expected in [
        "© Photo: Test Agency",
        "Test Agency",
        "tests",
        "File photo Yes",
        "1600 × 900 px",
    ] {
        assert!(details.contains(expected), "{details}");
    }
    let srcset = attr(
        one(&doc, ".media-figure source[type='image/webp']"),
        "srcset",
    );
    assert!(srcset.contains("1920w"));
    // A picture wider than pages offer has a full-size JPEG for "Open the
    // original", and only for it (no srcset names it); without one the
    // link opens the widest file.
    let (link, html) = original(&app, &path).await;
    assert_eq!(link, format!("/media/{full}"));
    assert_eq!(html.matches("3200").count(), 1, "only the link names it");
    let ru = format!("/ru/mediabank/{}", nr.ru_picture.id);
    assert!(original(&app, &ru).await.0.ends_with("-1920.jpg"));
    let used: Vec<_> = all(&doc, ".media-usage .card-title a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(used, ["/en/world/bridge-reopens"]);
    // An asset filed under the Russian edition lives at its Russian address.
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(&format!("/en/mediabank/{}", nr.ru_picture.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        response.headers()["location"],
        format!("/ru/mediabank/{}", nr.ru_picture.id).as_str()
    );
    assert_eq!(
        fetch(&app, "/en/mediabank/999999").await.0,
        StatusCode::NOT_FOUND
    );
}

on_both_backends!(
    crate::reader::fixture::reader_app_on;
    section_cards_show_picture_section_date_headline_lead_and_comments,
    cursor_pagination_walks_every_article_once,
    front_page_has_top_stories_section_blocks_and_the_newsfeed,
    newsfeed_tag_and_author_pages,
    media_bank_archive_filters_by_date_and_section,
    media_asset_page_shows_rights_and_usage,
);
