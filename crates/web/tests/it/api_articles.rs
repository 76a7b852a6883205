//! Articles: listing, filters, pagination and the full article.

use insta::assert_json_snapshot;
use serde_json::Value;

use crate::test_app::TestApp;

fn slugs(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["slug"].as_str().unwrap().to_owned())
        .collect()
}

async fn lists_public_articles_newest_first(app: TestApp) {
    let page = app.ok_json("/api/v1/editions/en/articles?limit=2").await;
    assert_json_snapshot!("articles_en_first_page", page);
    let all = app.ok_json("/api/v1/editions/en/articles").await;
    assert_eq!(
        slugs(&all),
        app.newsroom.en_public_slugs,
        "[{}]",
        app.backend()
    );
    assert!(all["next_cursor"].is_null(), "{all}");
}

async fn paginates_through_every_article_with_the_cursor(app: TestApp) {
    for limit in [1, 2, 4] {
        let mut seen = Vec::new();
        let mut path = format!("/api/v1/editions/en/articles?limit={limit}");
        for _ in 0..10 {
            let page = app.ok_json(&path).await;
            let items = slugs(&page);
            assert!(items.len() <= limit, "{page}");
            seen.extend(items);
            match page["next_cursor"].as_str() {
                Some(cursor) => {
                    path = format!("/api/v1/editions/en/articles?limit={limit}&cursor={cursor}")
                }
                None => break,
            }
        }
        assert_eq!(
            seen,
            app.newsroom.en_public_slugs,
            "[{}] limit {limit}",
            app.backend()
        );
    }
}

async fn filters_by_section_tag_and_author(app: TestApp) {
    let base = "/api/v1/editions/en/articles";
    let business = app.ok_json(&format!("{base}?section=business")).await;
    assert_eq!(slugs(&business), ["markets-rally"]);
    let transport = app.ok_json(&format!("{base}?tag=transport")).await;
    assert_eq!(slugs(&transport), ["bridge-reopens", "storm-warning"]);
    let john = app
        .ok_json(&format!("{base}?author=john-doe&unknown=ignored"))
        .await;
    assert_eq!(slugs(&john), ["markets-rally"]);
    assert_json_snapshot!("articles_en_by_author", john);
    let ru = app
        .ok_json("/api/v1/editions/ru/articles?author=jane-roe")
        .await;
    assert_eq!(slugs(&ru), ["most-otkryt"], "[{}]", app.backend());
}

async fn shows_a_full_article(app: TestApp) {
    let article = app
        .ok_json("/api/v1/editions/en/articles/bridge-reopens")
        .await;
    assert_json_snapshot!("article_bridge", article);
    assert_eq!(article["id"], app.newsroom.bridge.id);
    let corrected = app
        .ok_json("/api/v1/editions/en/articles/storm-warning")
        .await;
    assert_eq!(corrected["status"], "corrected");
    let ru = app
        .ok_json("/api/v1/editions/ru/articles/most-otkryt")
        .await;
    assert_eq!(ru["translations"][0]["url"], article["url"], "{ru}");
    assert_eq!(ru["media"]["id"], app.newsroom.ru_picture.id);
}

async fn hides_articles_that_are_not_public(app: TestApp) {
    let newsroom = &app.newsroom;
    for article in [&newsroom.draft, &newsroom.withdrawn] {
        let path = format!("/api/v1/editions/en/articles/{}", article.slug);
        app.assert_error(&path, 404, "not_found").await;
    }
    // Published in `ru`, so not found under `en`.
    let path = format!("/api/v1/editions/en/articles/{}", newsroom.ru_bridge.slug);
    app.assert_error(&path, 404, "not_found").await;
}

on_both_backends!(
    crate::test_app::TestApp::on;
    lists_public_articles_newest_first,
    paginates_through_every_article_with_the_cursor,
    filters_by_section_tag_and_author,
    shows_a_full_article,
    hides_articles_that_are_not_public,
);
