//! Framing a picture, as an editor does it in the newsroom and through the
//! Admin API: the whole picture to draw on, a refused crop that keeps the
//! typed numbers, renditions of the crop for readers, the focal point on
//! the reader's page, and a card's own 16:9 crop on the front page.

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
    for r in asset.renditions.iter().filter(|r| r.shape.is_none()) {
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
    assert_eq!(media.run_once().await.unwrap(), Some(id));

    // Cards get a crop of their own: 16:9, on the red half. A crop of
    // the wrong proportions is refused with the typed numbers kept.
    let wrong = browser
        .post(
            &format!("{page_url}/framing"),
            &pairs(&form(&[
                ("wide_left", "10"),
                ("wide_top", "10"),
                ("wide_width", "480"),
                ("wide_height", "480"),
            ])),
        )
        .await;
    assert_eq!(
        wrong.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let text = wrong.text().await.unwrap();
    assert!(
        text.contains("must keep the proportions"),
        "[{backend}] {text}"
    );
    assert!(
        text.contains("name=\"wide_height\" value=\"480\""),
        "[{backend}]"
    );
    let saved = browser
        .post(
            &format!("{page_url}/framing"),
            &pairs(&form(&[
                ("wide_left", "10"),
                ("wide_top", "100"),
                ("wide_width", "480"),
                ("wide_height", "270"),
            ])),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER, "[{backend}]");
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    let asset = app.store().media_by_id(id).await.unwrap().unwrap();
    let wide: Vec<_> = (asset.renditions.iter())
        .filter(|r| r.shape == Some(dateline_domain::Shape::Wide))
        .collect();
    assert_eq!(
        wide.iter().map(|r| (r.width, r.height)).collect::<Vec<_>>(),
        [(320, 180), (320, 180)],
        "[{backend}] 16:9, no wider than the crop"
    );
    let front = app.get("/en").await.text().await.unwrap();
    let card = front
        .split("<article class=\"card")
        .find(|card| card.contains("cropped-harbour"))
        .unwrap_or_else(|| panic!("[{backend}] no card: {front}"));
    for r in &wide {
        assert!(card.contains(&r.storage_key), "[{backend}] {card}");
        let file = app.get(&format!("/media/{}", r.storage_key)).await;
        let pixels = image::load_from_memory(&file.bytes().await.unwrap())
            .unwrap()
            .to_rgb8();
        assert_eq!((pixels.width(), pixels.height()), (320, 180));
        let image::Rgb([red, _, blue]) = *pixels.get_pixel(160, 90);
        assert!(
            red > 150 && blue < 90,
            "[{backend}] the card shows the red half"
        );
    }
    let article = app
        .get("/en/world/cropped-harbour")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !wide.iter().any(|r| article.contains(&r.storage_key)),
        "[{backend}] the story's own picture is not the card's"
    );
    let (_, body) = call(
        &app,
        &secret,
        Method::GET,
        &format!("/api/v1/admin/media/{id}"),
        None,
    )
    .await;
    assert_eq!(
        body["shape_crops"],
        json!({"wide": {"left": 10, "top": 100, "width": 480, "height": 270}}),
        "[{backend}]"
    );
    assert!(
        body["renditions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["shape"] == "wide"),
        "[{backend}] {body}"
    );
    // Through the Admin API: a square of the wrong shape names its field.
    let (status, body) = call(
        &app,
        &secret,
        Method::PUT,
        &format!("/api/v1/admin/media/{id}/framing"),
        Some(
            json!({"shape_crops": {"square": {"left": 0, "top": 0, "width": 400, "height": 300}}}),
        ),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}] {body}"
    );
    assert_eq!(body["error"]["field"], "square", "[{backend}]");
}

on_both_backends!(
    std::future::ready;
    an_editor_crops_a_picture_and_readers_get_the_crop,
);
