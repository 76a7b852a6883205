//! Framing a picture, as an editor does it in the newsroom and through the
//! Admin API: the whole picture to draw on, a refused crop that keeps the
//! typed numbers, renditions of the crop for readers, and the focal point
//! on the reader's page.

use std::io::Cursor;
use std::sync::Arc;

use dateline_domain::{NewArticle, Role};
use dateline_media::{Limits, MediaService, MemoryBlobs};
use dateline_store::testing::TestDb;
use dateline_web::auth::role_scopes;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::api_admin::{call, token};
use crate::newsroom::NOW;
use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::test_app::TestApp;

/// A 1000 × 500 PNG, red on the left half and blue on the right.
fn halves() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(1000, 500, |x, _| {
        if x < 500 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut bytes = Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn an_editor_crops_a_picture_and_readers_get_the_crop(db: TestDb) {
    let mut media = None;
    let app = TestApp::on_with(db, |state| {
        let service = Arc::new(MediaService::new(
            state.store.clone(),
            Arc::new(MemoryBlobs::new()),
            Limits::default(),
        ));
        media = Some(service.clone());
        state.with_media(service)
    })
    .await;
    let media = media.unwrap();
    let backend = app.backend();
    let en = app.newsroom.fixtures.en.id;
    let editor = staff(app.store(), "desk@example.org", Role::Editor, &[en]).await;
    let secret = token(app.store(), editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let uploaded = reqwest::Client::new()
        .post(app.url("/api/v1/admin/media?filename=halves.png"))
        .bearer_auth(&secret)
        .body(halves())
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), StatusCode::CREATED, "[{backend}]");
    let id = uploaded.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(media.run_once().await.unwrap(), Some(id));

    let mut browser = Browser::of(&app);
    browser.login("desk@example.org", PASSWORD).await;
    let csrf = browser.csrf().await;
    let page_url = format!("/newsroom/media/{id}");
    let page = browser.get(&page_url).await.text().await.unwrap();
    assert!(
        page.contains(&format!("{page_url}/framing.jpg")),
        "[{backend}] {page}"
    );
    assert!(page.contains("Crop and focal point"), "[{backend}]");

    // The whole picture to draw on, for staff only.
    let preview = browser.get(&format!("{page_url}/framing.jpg")).await;
    assert_eq!(preview.status(), StatusCode::OK, "[{backend}]");
    assert_eq!(preview.headers()[CONTENT_TYPE], "image/jpeg");
    assert_eq!(
        preview.headers()[CACHE_CONTROL],
        "no-store",
        "[{backend}] staff only"
    );
    let pixels = image::load_from_memory(&preview.bytes().await.unwrap()).unwrap();
    assert_eq!((pixels.width(), pixels.height()), (1000, 500));
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(&format!("{page_url}/framing.jpg")))
        .send()
        .await
        .unwrap();
    assert_ne!(
        anonymous.status(),
        StatusCode::OK,
        "[{backend}] readers never get it"
    );
    assert_ne!(
        anonymous.headers().get(CONTENT_TYPE).map(|v| v.as_bytes()),
        Some(&b"image/jpeg"[..])
    );

    // Half a crop is refused, with the typed numbers kept and why.
    let form = |fields: &[(&'static str, &'static str)]| {
        let mut all = vec![("csrf_token", csrf.clone())];
        all.extend(fields.iter().map(|(k, v)| (*k, (*v).to_owned())));
        all
    };
    let refused = browser
        .post(
            &format!("{page_url}/framing"),
            &pairs(&form(&[("crop_left", "517"), ("crop_top", "3")])),
        )
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let text = refused.text().await.unwrap();
    assert!(
        text.contains("Fill in all four numbers of the crop"),
        "[{backend}] {text}"
    );
    assert!(
        text.contains("value=\"517\""),
        "[{backend}] typed value kept"
    );
    let outside = browser
        .post(
            &format!("{page_url}/framing"),
            &pairs(&form(&[
                ("crop_left", "500"),
                ("crop_top", "0"),
                ("crop_width", "500"),
                ("crop_height", "500"),
                ("focal_x", "100"),
                ("focal_y", "100"),
            ])),
        )
        .await;
    assert_eq!(outside.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(outside
        .text()
        .await
        .unwrap()
        .contains("The focal point must lie inside the crop"));

    // The right half, focal point low on its right.
    let saved = browser
        .post(
            &format!("{page_url}/framing"),
            &pairs(&form(&[
                ("crop_left", "500"),
                ("crop_top", "0"),
                ("crop_width", "500"),
                ("crop_height", "500"),
                ("focal_x", "700"),
                ("focal_y", "400"),
            ])),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let location = saved.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(location.contains("framed=1"), "[{backend}] {location}");
    let page = browser.get(&location).await.text().await.unwrap();
    assert!(page.contains("The framing is saved"), "[{backend}]");
    assert!(
        page.contains("value=\"700\""),
        "[{backend}] stored values shown"
    );
    let (_, asset) = call(
        &app,
        &secret,
        Method::GET,
        &format!("/api/v1/admin/media/{id}"),
        None,
    )
    .await;
    assert_eq!(
        (&asset["crop"], &asset["focal_point"]),
        (
            &json!({"left": 500, "top": 0, "width": 500, "height": 500}),
            &json!({"x": 700, "y": 400})
        ),
        "[{backend}]"
    );
    let log = app
        .store()
        .audit_log(&dateline_store::AuditQuery {
            item_id: Some(id),
            item_type: Some("media".into()),
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        log.items.iter().any(|e| e.action == "media.framing"),
        "[{backend}]"
    );

    // Readers get renditions of the blue half only, with the focal point.
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    let story = NewArticle {
        lead_media_id: Some(id),
        ..app.newsroom.fixtures.article("cropped-harbour", NOW)
    };
    app.store().create_article(&story).await.unwrap();
    let article = app
        .get("/en/world/cropped-harbour")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        article.contains("style=\"object-position: 40.1% 80.1%\""),
        "[{backend}] {article}"
    );
    let asset = app.store().media_by_id(id).await.unwrap().unwrap();
    assert!(!asset.renditions.is_empty());
    for r in &asset.renditions {
        assert_eq!(r.width, r.height, "[{backend}] square, as the crop");
        assert!(
            article.contains(&r.storage_key),
            "[{backend}] {}",
            r.storage_key
        );
        let file = app.get(&format!("/media/{}", r.storage_key)).await;
        assert_eq!(file.status(), StatusCode::OK, "[{backend}]");
        let pixels = image::load_from_memory(&file.bytes().await.unwrap())
            .unwrap()
            .to_rgb8();
        let image::Rgb([red, _, blue]) = *pixels.get_pixel(2, r.height / 2);
        assert!(blue > 150 && red < 90, "[{backend}] only the blue half");
    }

    // The Admin API refuses a crop outside the picture and keeps the old one.
    let (status, body) = call(
        &app,
        &secret,
        Method::PUT,
        &format!("/api/v1/admin/media/{id}/framing"),
        Some(json!({"crop": {"left": 900, "top": 0, "width": 200, "height": 100}})),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}] {body}"
    );
    assert_eq!(body["error"]["field"], "crop");
    let (status, body) = call(
        &app,
        &secret,
        Method::PUT,
        &format!("/api/v1/admin/media/{id}/framing"),
        Some(json!({"crop": null, "focal_point": {"x": 10, "y": 20}})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {body}");
    assert_eq!(
        (&body["crop"], &body["focal_point"]),
        (&Value::Null, &json!({"x": 10, "y": 20}))
    );
}

on_both_backends!(
    std::future::ready;
    an_editor_crops_a_picture_and_readers_get_the_crop,
);
