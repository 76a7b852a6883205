//! Snapshots of every reader page type on the fixture newsroom. Static file
//! fingerprints are replaced by `HASH` so that theme edits do not churn them.

use crate::test_app::TestApp;
use insta::assert_snapshot;

use super::fixture::RU_WITHDRAWN;
use super::{fetch, stable};

async fn page_snapshots(app: TestApp) {
    let nr = &app.newsroom;
    let world_picture = format!("/en/mediabank/{}", nr.world_picture.id);
    let pages = [
        ("front_en", "/en/"),
        ("front_ru", "/ru/"),
        ("section_en", "/en/world/"),
        ("article_en", "/en/world/bridge-reopens"),
        ("article_ru", "/ru/world/most-otkryt"),
        ("newsfeed_en", "/en/newsfeed"),
        ("tag_en", "/en/tag/transport"),
        ("author_en", "/en/author/jane-roe"),
        ("mediabank_en", "/en/mediabank/"),
        ("media_asset_en", world_picture.as_str()),
        ("not_found_ru", "/ru/world/net-takogo"),
        ("gone_ru", RU_WITHDRAWN),
        ("not_found_unknown_edition", "/xx/"),
    ];
    for (name, path) in pages {
        let (status, body) = fetch(&app, path).await;
        assert_snapshot!(
            format!("reader_{name}"),
            stable(&body),
            &format!("GET {path} → {status}")
        );
    }
}

async fn feed_and_sitemap_snapshots(app: TestApp) {
    for (name, path) in [
        ("rss_en", "/en/rss.xml"),
        ("robots", "/robots.txt"),
        ("sitemap_index", "/sitemap.xml"),
        ("sitemap_ru", "/ru/sitemap-1.xml"),
    ] {
        let (status, body) = fetch(&app, path).await;
        assert_snapshot!(
            format!("reader_{name}"),
            body,
            &format!("GET {path} → {status}")
        );
    }
}

on_both_backends!(
    crate::reader::fixture::reader_app_on;
    page_snapshots,
    feed_and_sitemap_snapshots,
);
