//! Every documented error answer: status, JSON body and stable code.

use insta::assert_json_snapshot;

use crate::test_app::TestApp;

/// `(path, status, code)` for each failure the Content API documents.
const CASES: &[(&str, u16, &str)] = &[
    // Editions and sections.
    ("/api/v1/editions/xx", 404, "unknown_edition"),
    ("/api/v1/editions/EN", 400, "invalid_query"),
    ("/api/v1/editions/e", 400, "invalid_query"),
    ("/api/v1/editions/xx/sections", 404, "unknown_edition"),
    ("/api/v1/editions/en/sections/sport", 404, "unknown_section"),
    (
        "/api/v1/editions/en/sections/Not_A_Slug",
        400,
        "invalid_query",
    ),
    // Article listings.
    ("/api/v1/editions/xx/articles", 404, "unknown_edition"),
    (
        "/api/v1/editions/en/articles?section=sport",
        404,
        "unknown_section",
    ),
    ("/api/v1/editions/en/articles?tag=nope", 404, "unknown_tag"),
    (
        "/api/v1/editions/en/articles?author=nobody",
        404,
        "unknown_author",
    ),
    (
        "/api/v1/editions/ru/articles?tag=economy",
        404,
        "unknown_tag",
    ),
    (
        "/api/v1/editions/en/articles?section=world&tag=city",
        400,
        "invalid_query",
    ),
    (
        "/api/v1/editions/en/articles?tag=city&author=jane-roe",
        400,
        "invalid_query",
    ),
    (
        "/api/v1/editions/en/articles?section=Bad%20Slug",
        400,
        "invalid_query",
    ),
    ("/api/v1/editions/en/articles?limit=0", 400, "invalid_limit"),
    (
        "/api/v1/editions/en/articles?limit=101",
        400,
        "invalid_limit",
    ),
    (
        "/api/v1/editions/en/articles?limit=ten",
        400,
        "invalid_limit",
    ),
    (
        "/api/v1/editions/en/articles?cursor=not-a-cursor",
        400,
        "invalid_cursor",
    ),
    (
        "/api/v1/editions/en/articles?cursor=bm9wZQ",
        400,
        "invalid_cursor",
    ),
    (
        "/api/v1/editions/en/articles?limit=1&limit=2",
        400,
        "invalid_query",
    ),
    // Single articles.
    (
        "/api/v1/editions/en/articles/no-such-story",
        404,
        "not_found",
    ),
    (
        "/api/v1/editions/xx/articles/bridge-reopens",
        404,
        "unknown_edition",
    ),
    (
        "/api/v1/editions/en/articles/Bad--Slug",
        400,
        "invalid_query",
    ),
    // Media.
    ("/api/v1/media/9999", 404, "not_found"),
    ("/api/v1/media/picture", 400, "invalid_query"),
    ("/api/v1/media?edition=xx", 404, "unknown_edition"),
    ("/api/v1/media?edition=XX", 400, "invalid_query"),
    (
        "/api/v1/media?edition=en&section=sport",
        404,
        "unknown_section",
    ),
    ("/api/v1/media?section=world", 400, "invalid_query"),
    ("/api/v1/media?from=yesterday", 400, "invalid_query"),
    ("/api/v1/media?until=2023-13-01", 400, "invalid_query"),
    (
        "/api/v1/media?from=2023-11-10&until=2023-11-09",
        400,
        "invalid_query",
    ),
    ("/api/v1/media?limit=500", 400, "invalid_limit"),
    ("/api/v1/media?edition=en&edition=ru", 400, "invalid_query"),
    ("/api/v1/media?cursor=zzz", 400, "invalid_cursor"),
    // Unknown endpoints under /api answer JSON too.
    ("/api/v2/editions", 404, "not_found"),
];

async fn every_documented_error(app: TestApp) {
    for (path, status, code) in CASES {
        app.assert_error(path, *status, code).await;
    }
}

/// The body without its `request_id` (a new one each time; `request_id.rs`
/// checks it against the header), which it must have.
fn without_request_id(mut body: serde_json::Value) -> serde_json::Value {
    let id = body["error"].as_object_mut().unwrap().remove("request_id");
    assert!(id.is_some_and(|id| id.is_string()), "{body}");
    body
}

#[tokio::test]
async fn error_bodies_name_the_code_message_and_field() {
    let app = TestApp::new().await;
    let limit = app
        .assert_error("/api/v1/editions/en/articles?limit=0", 400, "invalid_limit")
        .await;
    let limit = without_request_id(limit);
    assert_json_snapshot!("error_invalid_limit", limit);
    let edition = app
        .assert_error("/api/v1/editions/xx", 404, "unknown_edition")
        .await;
    let edition = without_request_id(edition);
    assert_json_snapshot!("error_unknown_edition", edition);
}

#[tokio::test]
async fn the_api_is_read_only() {
    let app = TestApp::new().await;
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/editions"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(
        response.headers()["allow"],
        "GET, HEAD",
        "RFC 9110 wants Allow"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
    // The Admin API names the methods the document gives each path.
    let response = reqwest::Client::new()
        .put(app.url("/api/v1/admin/articles/1/status"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
    let response = reqwest::Client::new()
        .put(app.url("/api/v1/admin/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["allow"], "GET, HEAD, POST");
}

#[tokio::test]
async fn database_failures_are_503_without_internals() {
    let app = TestApp::new().await;
    app.store().close().await;
    let body = app
        .assert_error("/api/v1/editions", 503, "unavailable")
        .await;
    let message = body["error"]["message"].as_str().unwrap();
    assert!(!message.to_lowercase().contains("pool"), "{message}");
}

/// A write that cannot get SQLite's write lock within the busy timeout is
/// "try again", not a server fault: 503 with Retry-After, no internals.
#[tokio::test]
async fn a_locked_database_answers_503_with_retry_after() {
    use sqlx::Connection;
    let app = TestApp::new().await;
    let fx = &app.newsroom.fixtures;
    let account = crate::newsroom_auth::staff(
        app.store(),
        "locked@example.org",
        dateline_domain::Role::Editor,
        &[fx.en.id],
    )
    .await;
    let scopes = dateline_web::auth::role_scopes(dateline_domain::Role::Editor);
    let secret = crate::api_admin::token(app.store(), account.id(), scopes, None)
        .await
        .1;
    let mut holder = sqlx::SqliteConnection::connect(&app.sqlite_url().unwrap())
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut holder)
        .await
        .unwrap();
    let draft = serde_json::json!({
        "edition": "en", "section": "world", "headline": "Held up", "lead": "A lead.",
        "body": [{"type": "paragraph", "text": "Text."}]
    });
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/admin/articles"))
        .bearer_auth(&secret)
        .json(&draft)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "5");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unavailable");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(!message.contains("locked"), "{message}");
    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
}

/// The same refusal reaching a browser becomes the site's error page, in
/// the edition's language, and keeps its Retry-After.
#[tokio::test]
async fn a_locked_database_answers_an_html_page_with_retry_after() {
    use sqlx::Connection;
    let t = crate::comments::comment_app(dateline_store::testing::TestDb::sqlite().await).await;
    let mut browser = t.browser();
    let form = browser.get("/account/register?edition=ru").await;
    let mut holder = sqlx::SqliteConnection::connect(&t.app.sqlite_url().unwrap())
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut holder)
        .await
        .unwrap();
    let page = browser
        .submit(
            &form,
            "/account/register",
            &[
                ("email", "held@readers.example"),
                ("display_name", "Held"),
                ("password", crate::account::PASSWORD),
            ],
        )
        .await;
    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
    assert_eq!(page.status, 503, "{}", page.body);
    assert_eq!(page.header("retry-after").as_deref(), Some("5"));
    assert!(page.body.contains("<html lang=\"ru\""), "{}", page.body);
}

on_both_backends!(
    crate::test_app::TestApp::on;
    every_documented_error,
);
