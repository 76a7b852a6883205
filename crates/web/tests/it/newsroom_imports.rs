//! The newsroom's import page: an admin uploads an export, follows the
//! run's progress and reads its report; a broken file fails with where it
//! breaks; editors cannot import.

use dateline_domain::Role;
use reqwest::header::LOCATION;
use reqwest::StatusCode;

use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::newsroom_media::multipart_with_file;
use crate::test_app::TestApp;

fn multipart(fields: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    multipart_with_file(fields, "site.xml", "text/xml")
}

fn export(items: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Quay Post</title><link>https://quay.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
{items}</channel></rss>"#
    )
}

fn post(id: u32, title: &str) -> String {
    format!(
        r#"<item><title>{title}</title><link>https://quay.example/{id}/</link>
<dc:creator>kit</dc:creator><content:encoded><![CDATA[<p>Text of {id}.</p>]]></content:encoded>
<wp:post_id>{id}</wp:post_id><wp:post_date_gmt>2024-02-0{id} 08:00:00</wp:post_date_gmt>
<wp:post_name>quay-{id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
"#
    )
}

async fn admin(app: &TestApp) -> (Browser, String) {
    staff(app.store(), "boss@example.org", Role::Admin, &[]).await;
    let mut browser = Browser::of(app);
    let response = browser.login("boss@example.org", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let csrf = browser.csrf().await;
    (browser, csrf)
}

/// Uploads `file` and returns the run page's address.
async fn upload(browser: &mut Browser, csrf: &str, file: &[u8]) -> reqwest::Response {
    let (content_type, body) = multipart(&[
        ("csrf_token", csrf.as_bytes()),
        ("format", b"wordpress"),
        ("edition", b"en"),
        ("sections", b""),
        ("default_section", b"business"),
        ("file", file),
    ]);
    browser
        .post_body("/newsroom/imports", &content_type, body)
        .await
}

/// The run page once the run has ended.
async fn ended(browser: &mut Browser, at: &str) -> String {
    for _ in 0..200 {
        let page = browser.get(at).await.text().await.unwrap();
        if !page.contains("http-equiv=\"refresh\"") {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import at {at} did not end");
}

async fn an_admin_imports_an_export_and_reads_the_report(app: TestApp) {
    let (mut browser, csrf) = admin(&app).await;
    let form = browser.get("/newsroom/imports").await.text().await.unwrap();
    assert!(form.contains("enctype=\"multipart/form-data\""), "{form}");

    let file = export(&format!(
        "{}{}",
        post(1, "Quay opens"),
        post(2, "Quay closes")
    ));
    let response = upload(&mut browser, &csrf, file.as_bytes()).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let at = response.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(at.starts_with("/newsroom/imports/"), "{at}");
    let page = ended(&mut browser, &at).await;
    assert!(page.contains("Finished"), "{page}");
    assert!(page.contains("2 of 2 posts"), "{page}");
    assert!(page.contains("posts"), "{page}");
    let en = app.newsroom.fixtures.en.id;
    let story = app
        .store()
        .article_by_slug(en, &"quay-1".parse().unwrap())
        .await
        .unwrap()
        .expect("the imported story");
    assert_eq!(story.section_id, app.newsroom.fixtures.business.id);
    // The upload is not kept once the run has ended.
    let mut left = tokio::fs::read_dir(app.data_dir().join("imports"))
        .await
        .unwrap();
    assert!(
        left.next_entry().await.unwrap().is_none(),
        "an upload was left behind"
    );
    let list = browser.get("/newsroom/imports").await.text().await.unwrap();
    assert!(list.contains("site.xml"), "{list}");

    // A broken file: the run fails and says where, and nothing is written.
    let broken = export(&post(3, "Quay <b>bold</title>"));
    let response = upload(&mut browser, &csrf, broken.as_bytes()).await;
    let at = response.headers()[LOCATION].to_str().unwrap().to_owned();
    let page = ended(&mut browser, &at).await;
    assert!(page.contains("Failed"), "{page}");
    assert!(page.contains("line 6, column"), "{page}");
    assert!(app
        .store()
        .article_by_slug(en, &"quay-3".parse().unwrap())
        .await
        .unwrap()
        .is_none());

    // An old site's address that is not a web address: refused, kept as typed.
    let (content_type, body) = multipart(&[
        ("csrf_token", csrf.as_bytes()),
        ("format", b"ghost"),
        ("edition", b"en"),
        ("site_url", b"old-site.example"),
        ("file", b"{}"),
    ]);
    let refused = browser
        .post_body("/newsroom/imports", &content_type, body)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("must start with http:// or https://"),
        "{page}"
    );
    assert!(page.contains("value=\"old-site.example\""), "{page}");

    // No file: the form says so and starts nothing.
    let (content_type, body) = multipart(&[
        ("csrf_token", csrf.as_bytes()),
        ("format", b"wordpress"),
        ("edition", b"en"),
        ("file", b""),
    ]);
    let refused = browser
        .post_body("/newsroom/imports", &content_type, body)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("Choose an export file."));
}

async fn editors_cannot_import(app: TestApp) {
    staff(
        app.store(),
        "ed@example.org",
        Role::Editor,
        &[app.newsroom.fixtures.en.id],
    )
    .await;
    let mut browser = Browser::of(&app);
    browser.login("ed@example.org", PASSWORD).await;
    let csrf = browser.csrf().await;
    assert_eq!(
        browser.get("/newsroom/imports").await.status(),
        StatusCode::FORBIDDEN
    );
    let response = upload(&mut browser, &csrf, export(&post(1, "x")).as_bytes()).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

on_both_backends!(
    crate::test_app::TestApp::on;
    an_admin_imports_an_export_and_reads_the_report,
    editors_cannot_import,
);
