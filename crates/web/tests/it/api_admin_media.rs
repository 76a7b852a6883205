//! The Admin API's media bank on both backends: upload (the body is the
//! file), duplicates, refusals that keep nothing, scopes, text corrections
//! and search; the reader serves renditions of public pictures (staff get
//! the others) but never the original.

use std::io::Cursor;
use std::sync::Arc;

use dateline_domain::Role;
use dateline_media::{Limits, MediaService, MemoryBlobs};
use dateline_store::testing::TestDb;
use dateline_web::auth::{role_scopes, Scope, Scopes};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::api_admin::{call, token};
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

/// A small PNG whose pixels depend on `seed`, so that files differ.
fn png(seed: u8) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(48, 32, |x, y| {
        image::Rgb([seed, (x * 5) as u8, (y * 7) as u8])
    });
    let mut bytes = Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

async fn upload(app: &TestApp, secret: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/admin/media?filename=harbour.png"))
        .bearer_auth(secret)
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn uploads_are_checked_deduplicated_and_editable(app: TestApp) {
    let backend = app.backend();
    let store = app.store();
    let editor = staff(
        store,
        "photo@example.org",
        Role::Editor,
        &[app.newsroom.fixtures.en.id],
    )
    .await;
    let secret = token(store, editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let read_only = token(store, editor.id(), Scopes::of(&[Scope::MediaRead]), None)
        .await
        .1;

    let (status, created) = upload(&app, &secret, png(1)).await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(
        (created["width"].as_u64(), created["height"].as_u64()),
        (Some(48), Some(32))
    );
    let (status, again) = upload(&app, &secret, png(1)).await;
    assert_eq!(
        (status, again["id"].as_i64()),
        (StatusCode::OK, Some(id)),
        "[{backend}] same file, same asset"
    );

    let before = store
        .search_media(&dateline_store::MediaSearch {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .len();
    let (status, refused) = upload(&app, &secret, b"GIF89a but not really".to_vec()).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}] {refused}"
    );
    assert_eq!(refused["error"]["code"], "invalid_input");
    let (status, _) = upload(&app, &read_only, png(2)).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "[{backend}] media:read cannot upload"
    );
    let after = store
        .search_media(&dateline_store::MediaSearch {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .len();
    assert_eq!(before, after, "[{backend}] refused uploads keep nothing");

    let path = format!("/api/v1/admin/media/{id}");
    let (status, edited) = call(
        &app,
        &secret,
        Method::PATCH,
        &path,
        Some(json!({"caption": "Traffic on the harbour bridge", "credit": "Jane Roe / Dateline"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {edited}");
    assert_eq!(edited["credit"], "Jane Roe / Dateline");
    let (status, found) = call(
        &app,
        &read_only,
        Method::GET,
        "/api/v1/admin/media?q=harbour%20roe",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<i64> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![id],
        "[{backend}] search by caption and credit words"
    );
    let (status, _) = call(
        &app,
        &read_only,
        Method::PATCH,
        &path,
        Some(json!({"credit": "x"})),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "[{backend}]");
}

/// With media in an object store (here an in-memory one standing in for
/// S3; the S3 client itself is tested against moto in dateline-media), the
/// reader serves renditions read back from the store, and still not the
/// original.
async fn renditions_in_an_object_store_reach_readers(db: TestDb) {
    let blobs = Arc::new(MemoryBlobs::new());
    let mut media = None;
    let app = TestApp::on_with(db, |state| {
        let service = Arc::new(MediaService::new(
            state.store.clone(),
            blobs.clone(),
            Limits::default(),
        ));
        media = Some(service.clone());
        state.with_media(service)
    })
    .await;
    let media = media.unwrap();
    let backend = app.backend();
    let editor = staff(app.store(), "pics@example.org", Role::Admin, &[]).await;
    let secret = token(app.store(), editor.id(), role_scopes(Role::Admin), None)
        .await
        .1;
    let (status, created) = upload(&app, &secret, png(9)).await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    assert_eq!(created["url"], Value::Null, "[{backend}] no renditions yet");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(media.run_once().await.unwrap(), Some(id));

    let (_, asset) = call(
        &app,
        &secret,
        Method::GET,
        &format!("/api/v1/admin/media/{id}"),
        None,
    )
    .await;
    let url = asset["url"].as_str().expect("the largest rendition");
    let path = url.strip_prefix(crate::test_app::BASE_URL).unwrap();
    let key = path.strip_prefix("/media/").unwrap();
    // No story uses it yet: readers get the 404 of a missing file, staff
    // get it uncached.
    let hidden = app.get(path).await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND, "[{backend}] {path}");
    let staff_copy = reqwest::Client::new()
        .get(app.url(path))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(staff_copy.status(), StatusCode::OK, "[{backend}] {path}");
    assert_eq!(staff_copy.headers()["cache-control"], "private, no-store");
    let release = format!("/api/v1/admin/media/{id}/release");
    let (status, _) = call(&app, &secret, Method::PUT, &release, None).await;
    assert_eq!(status, StatusCode::OK, "[{backend}]");
    let served = app.get(path).await;
    assert_eq!(served.status(), StatusCode::OK, "[{backend}] {path}");
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert!(served.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let bytes = served.bytes().await.unwrap();
    assert_eq!(Some(bytes.to_vec()), blobs.get(key), "[{backend}]");

    let stored = app.store().media_by_id(id).await.unwrap().unwrap();
    assert!(blobs.get(&stored.storage_key).is_some(), "original kept");
    let original = app.get(&format!("/media/{}", stored.storage_key)).await;
    assert_eq!(original.status(), StatusCode::NOT_FOUND, "[{backend}]");
    let missing = app.get("/media/renditions/00/nothing-320.jpg").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND, "[{backend}]");
}

/// A file over the upload limit is refused with the documented JSON error
/// (`payload_too_large`), and nothing is kept.
#[tokio::test]
async fn a_file_over_the_limit_is_refused_in_json() {
    let app = TestApp::on_with(TestDb::sqlite().await, |state| {
        let limits = Limits {
            max_bytes: 1_000,
            ..Limits::default()
        };
        let blobs = Arc::new(MemoryBlobs::new());
        let service = MediaService::new(state.store.clone(), blobs, limits);
        state.with_media(Arc::new(service))
    })
    .await;
    let admin = staff(app.store(), "big@example.org", Role::Admin, &[]).await;
    let secret = token(app.store(), admin.id(), role_scopes(Role::Admin), None)
        .await
        .1;
    let search = dateline_store::MediaSearch {
        limit: 100,
        ..Default::default()
    };
    let before = app.store().search_media(&search).await.unwrap().items.len();
    let (status, body) = upload(&app, &secret, vec![7; 5_000]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(body["error"]["code"], "payload_too_large", "{body}");
    let after = app.store().search_media(&search).await.unwrap().items.len();
    assert_eq!(after, before, "nothing kept");
}

on_both_backends!(
    crate::test_app::TestApp::on;
    uploads_are_checked_deduplicated_and_editable,
);

on_both_backends!(
    std::future::ready;
    renditions_in_an_object_store_reach_readers,
);

/// An upload whose record cannot be written because the database is busy
/// (SQLite's write lock held past the busy timeout; PostgreSQL away is the
/// same error class) is "try again": 503 with Retry-After, like every other
/// write, not a 500. The crash harness (bench/crash) found the 500 while
/// PostgreSQL restarted under load.
#[tokio::test]
async fn an_upload_meeting_a_busy_database_answers_503_with_retry_after() {
    use sqlx::Connection;
    let app = TestApp::new().await;
    let store = app.store();
    let editor = staff(
        store,
        "busy-photo@example.org",
        Role::Editor,
        &[app.newsroom.fixtures.en.id],
    )
    .await;
    let secret = token(store, editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let count = || async {
        store
            .search_media(&dateline_store::MediaSearch {
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap()
            .items
            .len()
    };
    let before = count().await;
    let mut holder = sqlx::SqliteConnection::connect(&app.sqlite_url().unwrap())
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut holder)
        .await
        .unwrap();
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/admin/media?filename=busy.png"))
        .bearer_auth(&secret)
        .body(png(9))
        .send()
        .await
        .unwrap();
    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "5");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unavailable", "{body}");
    assert_eq!(count().await, before, "a refused upload keeps no record");
}
