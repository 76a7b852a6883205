//! The media bank: `/api/v1/media` and `/api/v1/media/{id}`.

use insta::assert_json_snapshot;
use serde_json::Value;

use crate::test_app::TestApp;

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|asset| asset["id"].as_i64().unwrap())
        .collect()
}

async fn shows_one_asset_with_its_files(app: TestApp) {
    let path = format!("/api/v1/media/{}", app.newsroom.world_picture.id);
    assert_json_snapshot!("media_world_picture", app.ok_json(&path).await);
    // Filed under no edition: no page in any media bank.
    let path = format!("/api/v1/media/{}", app.newsroom.fixtures.media.id);
    assert!(app.ok_json(&path).await["page_url"].is_null());
}

async fn lists_the_archive_newest_first_with_filters(app: TestApp) {
    let all = app.ok_json("/api/v1/media").await;
    assert_eq!(ids(&all), [1, 2, 3, 4, 5, 6], "[{}]", app.backend());
    assert_json_snapshot!("media_ru", app.ok_json("/api/v1/media?edition=ru").await);
    let world = app.ok_json("/api/v1/media?edition=en&section=world").await;
    assert_eq!(ids(&world), [2]);
    assert_eq!(
        ids(&app.ok_json("/api/v1/media?edition=en").await),
        [2, 4, 5, 6]
    );
    // 2023-11-14T22:13:20Z is NOW; the fixture picture was made then.
    let window = app
        .ok_json("/api/v1/media?from=2023-11-14T20:00:00Z&until=1700000000")
        .await;
    assert_eq!(ids(&window), [2, 3]);
    let days = app
        .ok_json("/api/v1/media?from=2023-11-09&until=2023-11-10")
        .await;
    assert_eq!(ids(&days), [4, 5], "{days}");
}

async fn paginates_the_archive(app: TestApp) {
    let mut seen = Vec::new();
    let mut path = "/api/v1/media?limit=4".to_owned();
    loop {
        let page = app.ok_json(&path).await;
        seen.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/media?limit=4&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, [1, 2, 3, 4, 5, 6], "[{}]", app.backend());
}

on_both_backends!(
    crate::test_app::TestApp::on;
    shows_one_asset_with_its_files,
    lists_the_archive_newest_first_with_filters,
    paginates_the_archive,
);
