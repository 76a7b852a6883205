//! Unpublished pictures are not public (issue 14): a picture readers may not
//! see answers 404 on its media-bank page, in the archive, in the Content
//! API and as a file, exactly as a picture that does not exist; publishing
//! its story (or an editor's release, or making it a logo) shows it, through
//! the page cache too, and staff see everything all along.

use dateline_domain::{ArticleStatus, BodyBlock, ImageFormat, NewArticle, NewRendition};
use dateline_store::testing::Fixtures;
use dateline_store::{Article, MediaAsset, StatusChange};
use reqwest::StatusCode;

use crate::newsroom::NOW;
use crate::test_app::TestApp;

const MISSING: i64 = 999_999;

/// A picture filed under `en/world` with one rendition whose file is in the
/// app's media folder; its caption is `caption`.
pub async fn picture(app: &TestApp, n: u32, caption: &str) -> (MediaAsset, String) {
    let fx = &app.newsroom.fixtures;
    let mut new = Fixtures::media_asset(n, NOW + i64::from(n));
    new.caption = caption.into();
    new.edition_id = Some(fx.en.id);
    new.section_id = Some(fx.world.id);
    let (asset, created) = app.store().create_media(&new).await.unwrap();
    assert!(created);
    let key = format!("renditions/{n:02}/{}-640.jpg", asset.sha256);
    app.store()
        .add_rendition(&NewRendition {
            shape: None,
            media_id: asset.id,
            format: ImageFormat::Jpeg,
            width: 640,
            height: 360,
            storage_key: key.clone(),
            byte_size: 4,
        })
        .await
        .unwrap();
    let file = app.data_dir().join("media").join(&key);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, b"jpeg").unwrap();
    (asset, format!("/media/{key}"))
}

/// A story in `en/world` showing `media_id` in its body, with `status`.
pub async fn story(app: &TestApp, slug: &str, media_id: i64, status: ArticleStatus) -> Article {
    let fx = &app.newsroom.fixtures;
    let new = NewArticle {
        lead_media_id: None,
        body: vec![BodyBlock::Image {
            media_id,
            caption: None,
        }],
        status,
        published_at: status.is_public().then_some(NOW),
        ..fx.article(slug, NOW)
    };
    app.store().create_article(&new).await.unwrap()
}

/// The body without the answer's own request id (error pages and bodies
/// show it), so that two answers can be compared.
async fn status_and_body(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.get(path).await;
    let status = response.status();
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.text().await.unwrap();
    (status, body.replace(&id, "[request id]"))
}

/// Hidden from readers in every way they could look, and answered exactly
/// as a picture that does not exist.
pub async fn assert_hidden(app: &TestApp, asset: &MediaAsset, file: &str) {
    let backend = app.backend();
    let (id, caption) = (asset.id, asset.caption.as_str());
    let page = status_and_body(app, &format!("/en/mediabank/{id}")).await;
    let missing_page = status_and_body(app, &format!("/en/mediabank/{MISSING}")).await;
    assert_eq!(page.0, StatusCode::NOT_FOUND, "[{backend}] bank page");
    assert_eq!(page, missing_page, "[{backend}] as if it did not exist");
    assert!(!page.1.contains(caption));
    let (_, archive) = status_and_body(app, "/en/mediabank/").await;
    assert!(!archive.contains(caption), "[{backend}] archive");
    assert!(!archive.contains(&format!("href=\"/en/mediabank/{id}\"")));

    // Each error body carries its own request id.
    let without_id = |(status, mut body): (StatusCode, serde_json::Value)| {
        body["error"]
            .as_object_mut()
            .map(|e| e.remove("request_id"));
        (status, body)
    };
    let api = without_id(app.get_json(&format!("/api/v1/media/{id}")).await);
    let missing_api = without_id(app.get_json(&format!("/api/v1/media/{MISSING}")).await);
    assert_eq!(api.0, StatusCode::NOT_FOUND, "[{backend}] {}", api.1);
    assert_eq!(api, missing_api, "[{backend}] API as if it did not exist");
    let listed = app.ok_json("/api/v1/media?edition=en&limit=100").await;
    assert!(
        !listed.to_string().contains(caption),
        "[{backend}] API list"
    );

    let served = app.get(file).await;
    assert_eq!(served.status(), StatusCode::NOT_FOUND, "[{backend}] {file}");
    assert_eq!(served.headers()["cache-control"], "no-store", "[{backend}]");
    let served = status_and_body(app, file).await;
    let missing_file = status_and_body(app, &format!("{file}.missing.jpg")).await;
    assert_eq!(
        served, missing_file,
        "[{backend}] file as if it did not exist"
    );
}

/// Shown to readers everywhere: page with caption, archive, API, file.
pub async fn assert_shown(app: &TestApp, asset: &MediaAsset, file: &str) {
    let backend = app.backend();
    let (id, caption) = (asset.id, asset.caption.as_str());
    let page = status_and_body(app, &format!("/en/mediabank/{id}")).await;
    assert_eq!(page.0, StatusCode::OK, "[{backend}] bank page");
    assert!(page.1.contains(caption), "[{backend}] caption on its page");
    let (_, archive) = status_and_body(app, "/en/mediabank/").await;
    let tile = format!("href=\"/en/mediabank/{id}\"");
    assert_eq!(archive.matches(&tile).count(), 1, "[{backend}] archive");
    assert!(archive.contains(caption), "[{backend}] archive caption");
    let api = app.ok_json(&format!("/api/v1/media/{id}")).await;
    assert_eq!(api["caption"], caption, "[{backend}]");
    let listed = app.ok_json("/api/v1/media?edition=en&limit=100").await;
    let ids: Vec<i64> = (listed["items"].as_array().unwrap().iter())
        .filter_map(|m| m["id"].as_i64())
        .filter(|found| *found == id)
        .collect();
    assert_eq!(ids, [id], "[{backend}] API list");
    let served = app.get(file).await;
    assert_eq!(served.status(), StatusCode::OK, "[{backend}] {file}");
    let headers = served.headers();
    assert!(headers["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    assert_eq!(headers["surrogate-key"], format!("m{id}").as_str());
}

async fn a_drafts_picture_is_hidden_until_its_story_is_published(app: TestApp) {
    let (asset, file) = picture(&app, 11, "Harbour cranes at dusk").await;
    let draft = story(&app, "harbour", asset.id, ArticleStatus::Draft).await;
    assert_hidden(&app, &asset, &file).await;
    app.store()
        .set_article_status(draft.id, ArticleStatus::Published, NOW + 60)
        .await
        .unwrap();
    assert_shown(&app, &asset, &file).await;
}

async fn a_scheduled_storys_picture_waits_for_the_scheduler(app: TestApp) {
    let (asset, file) = picture(&app, 12, "Embargoed summit portrait").await;
    let draft = story(&app, "summit", asset.id, ArticleStatus::Draft).await;
    let schedule = StatusChange {
        scheduled_at: Some(NOW + 3600),
        ..StatusChange::to(ArticleStatus::Scheduled)
    };
    app.store()
        .change_status(draft.id, &schedule, NOW)
        .await
        .unwrap();
    assert_hidden(&app, &asset, &file).await;
    let published = app.store().publish_due(NOW + 3600, 10).await.unwrap();
    assert_eq!(published.len(), 1);
    assert_shown(&app, &asset, &file).await;
}

/// The bank page is cached while shown; withdrawing the one story using the
/// picture purges it, and a second story keeps a picture public.
async fn a_withdrawn_storys_picture_leaves_the_cached_bank(app: TestApp) {
    let backend = app.backend();
    let (asset, file) = picture(&app, 13, "Flooded riverside market").await;
    let first = story(&app, "flood", asset.id, ArticleStatus::Published).await;
    let second = story(&app, "flood-two", asset.id, ArticleStatus::Published).await;
    let path = format!("/en/mediabank/{}", asset.id);
    assert_eq!(app.get(&path).await.headers()["x-cache"], "miss");
    assert_eq!(app.get(&path).await.headers()["x-cache"], "hit");

    app.store()
        .set_article_status(first.id, ArticleStatus::Unpublished, NOW + 60)
        .await
        .unwrap();
    assert_shown(&app, &asset, &file).await;
    let cached = app.get(&path).await;
    assert_eq!(cached.headers()["x-cache"], "hit", "[{backend}] {path}");

    app.store()
        .set_article_status(second.id, ArticleStatus::Unpublished, NOW + 120)
        .await
        .unwrap();
    assert_hidden(&app, &asset, &file).await;
    // And back: republishing shows it again (404s were never cached).
    app.store()
        .set_article_status(second.id, ArticleStatus::Published, NOW + 180)
        .await
        .unwrap();
    assert_shown(&app, &asset, &file).await;
}

/// An edition's logo shows on every page, so it is public unused.
async fn the_edition_logo_is_public(app: TestApp) {
    let (asset, file) = picture(&app, 14, "Masthead emblem").await;
    assert_hidden(&app, &asset, &file).await;
    let en = app.newsroom.fixtures.en.id;
    app.store()
        .set_edition_logo(en, Some(asset.id))
        .await
        .unwrap();
    let api = app.ok_json(&format!("/api/v1/media/{}", asset.id)).await;
    assert_eq!(api["caption"], "Masthead emblem");
    assert_eq!(app.get(&file).await.status(), StatusCode::OK);
    let page = app.get(&format!("/en/mediabank/{}", asset.id)).await;
    assert_eq!(page.status(), StatusCode::OK);
}

on_both_backends!(
    crate::test_app::TestApp::on;
    a_drafts_picture_is_hidden_until_its_story_is_published,
    a_scheduled_storys_picture_waits_for_the_scheduler,
    a_withdrawn_storys_picture_leaves_the_cached_bank,
    the_edition_logo_is_public,
);
