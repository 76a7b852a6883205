//! The newsroom's upload form: the CSRF token travels in the form's body
//! (never in the address, where history, logs and Referer keep it), and a
//! refused file is explained once, in the editor's language.

use std::io::Cursor;

use dateline_domain::Role;
use reqwest::header::LOCATION;
use reqwest::StatusCode;

use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::test_app::TestApp;

const BOUNDARY: &str = "----datelineTestBoundary7MA4YWxk";

/// A small PNG picture.
pub fn png() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(48, 32, |x, y| {
        image::Rgb([90, (x * 5) as u8, (y * 7) as u8])
    });
    let mut bytes = Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

/// A multipart body as a browser sends the upload form: fields in document
/// order, the file as `harbour.png`.
fn multipart(fields: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    multipart_with_file(fields, "harbour.png", "image/png")
}

/// The same with the file field named `filename`, of `content_type`.
pub fn multipart_with_file(
    fields: &[(&str, &[u8])],
    filename: &str,
    content_type: &str,
) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        if *name == "file" {
            body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
                )
                .as_bytes(),
            );
        } else {
            body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            );
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

async fn media_count(app: &TestApp) -> usize {
    let search = dateline_store::MediaSearch {
        limit: 100,
        ..Default::default()
    };
    app.store().search_media(&search).await.unwrap().items.len()
}

async fn editor(app: &TestApp) -> (Browser, String) {
    staff(
        app.store(),
        "photo@example.org",
        Role::Editor,
        &[app.newsroom.fixtures.en.id],
    )
    .await;
    let mut browser = Browser::of(app);
    let response = browser.login("photo@example.org", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let csrf = browser.csrf().await;
    (browser, csrf)
}

#[tokio::test]
async fn the_upload_form_sends_its_token_in_the_body_not_the_address() {
    let app = TestApp::new().await;
    let (mut browser, csrf) = editor(&app).await;
    let page = browser.get("/newsroom/media").await.text().await.unwrap();
    let form = page
        .split("<form")
        .find(|f| f.contains("multipart/form-data"))
        .unwrap();
    let action = form
        .split_once("action=\"")
        .unwrap()
        .1
        .split('"')
        .next()
        .unwrap();
    assert_eq!(action, "/newsroom/media");
    // The token comes before the file, so it is read before the file is.
    let token = form
        .find(&format!("name=\"csrf_token\" value=\"{csrf}\""))
        .unwrap();
    assert!(token < form.find("type=\"file\"").unwrap(), "{form}");

    let picture = png();
    let (content_type, body) = multipart(&[("csrf_token", csrf.as_bytes()), ("file", &picture)]);
    let uploaded = browser
        .post_body("/newsroom/media", &content_type, body)
        .await;
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER);
    let location = uploaded.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(location.starts_with("/newsroom/media/"), "{location}");

    // Without the token, or with it only in the address, nothing is kept.
    let before = media_count(&app).await;
    let (content_type, body) = multipart(&[("file", &picture)]);
    let refused = browser
        .post_body("/newsroom/media", &content_type, body)
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let (content_type, body) = multipart(&[("file", &png())]);
    let in_address = format!("/newsroom/media?csrf_token={csrf}");
    let refused = browser.post_body(&in_address, &content_type, body).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let (content_type, body) = multipart(&[("csrf_token", b"forged"), ("file", &picture)]);
    let refused = browser
        .post_body("/newsroom/media", &content_type, body)
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(media_count(&app).await, before);
}

#[tokio::test]
async fn a_refused_upload_is_explained_once_in_the_editors_language() {
    let app = TestApp::new().await;
    let (mut browser, csrf) = editor(&app).await;
    let (content_type, body) = multipart(&[
        ("csrf_token", csrf.as_bytes()),
        ("file", b"this is a text file, not a picture"),
    ]);
    let refused = browser
        .post_body("/newsroom/media", &content_type, body)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    let alert = page
        .split_once("role=\"alert\"")
        .unwrap()
        .1
        .split_once("</div>")
        .unwrap()
        .0;
    let paragraphs: Vec<&str> = alert
        .split("<p")
        .skip(1)
        .map(|p| p.split_once('>').unwrap().1.split("</p>").next().unwrap())
        .collect();
    assert_eq!(
        paragraphs,
        ["This file is not a picture Dateline can read. Upload JPEG, PNG, WebP, AVIF or GIF."]
    );
}
