//! Request ids: every answer carries `X-Request-Id` (pages, page-cache hits,
//! API errors, error pages), each request its own; error pages show it in
//! the reader's language and JSON error bodies carry it; an id a client
//! sends is taken only from a trusted proxy.

use dateline_web::server::ServerLimits;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::test_app::TestApp;

/// Answers of every kind, all of which must carry an id.
const PATHS: [&str; 8] = [
    "/en/",
    "/en/world/bridge-reopens",
    "/api/v1/editions",
    "/api/v1/editions/xx",
    "/en/nothing-here",
    "/newsroom/login",
    "/healthz",
    "/no-such-edition/at/all",
];

/// The answer's `X-Request-Id`; fails the test without one.
fn request_id(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("x-request-id")
        .unwrap_or_else(|| {
            panic!(
                "{} {}: no X-Request-Id",
                response.url().path(),
                response.status()
            )
        })
        .to_str()
        .unwrap()
        .to_owned()
}

fn is_generated(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

async fn every_answer_has_its_own_id(app: TestApp) {
    let mut seen = std::collections::HashSet::new();
    // Twice: the second front page and article come from the page cache.
    for path in PATHS.iter().chain(PATHS[..2].iter()) {
        let response = app.get(path).await;
        let id = request_id(&response);
        assert!(is_generated(&id), "{path}: {id}");
        assert!(seen.insert(id.clone()), "{path}: {id} given twice");
    }
    let hit = app.get("/en/").await;
    assert_eq!(hit.headers()["x-cache"], "hit", "[{}]", app.backend());
    let id = request_id(&hit);
    assert!(seen.insert(id.clone()), "a cache hit repeated {id}");
    // The cached body is the same page for everyone: no id in it.
    let body = hit.text().await.unwrap();
    assert!(
        !body.contains(&id),
        "the cached page carries the request id"
    );
}

async fn a_json_error_body_carries_the_id_of_its_answer(app: TestApp) {
    let response = app.get("/api/v1/editions/xx").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let id = request_id(&response);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unknown_edition", "{body}");
    assert_eq!(body["error"]["request_id"], id.as_str(), "{body}");
}

/// The error page's request-id line: its label and the id.
fn shown_id(html: &str) -> (String, String) {
    let page = Html::parse_document(html);
    let line = Selector::parse(".error-request-id").unwrap();
    let code = Selector::parse(".error-request-id code").unwrap();
    let line = page
        .select(&line)
        .next()
        .unwrap_or_else(|| panic!("no request id line: {html}"));
    let id = line.select(&code).next().expect("the id in <code>");
    let label = line
        .text()
        .collect::<String>()
        .replace(&id.text().collect::<String>(), "");
    (label.trim().to_owned(), id.text().collect())
}

async fn a_404_page_shows_its_id_in_the_readers_language(app: TestApp) {
    for (path, label) in [
        ("/en/nothing-here", "Request id:"),
        ("/ru/nothing-here", "Номер запроса:"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let id = request_id(&response);
        let html = response.text().await.unwrap();
        assert_eq!(shown_id(&html), (label.to_owned(), id), "{path}");
    }
}

on_both_backends!(
    crate::test_app::TestApp::on;
    every_answer_has_its_own_id,
    a_json_error_body_carries_the_id_of_its_answer,
    a_404_page_shows_its_id_in_the_readers_language,
);

/// A GET sending `X-Request-Id: id`.
async fn get_with_id(app: &TestApp, path: &str, id: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(app.url(path))
        .header("x-request-id", id)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_id_sent_by_an_untrusted_client_is_replaced() {
    let app = TestApp::new().await;
    let response = get_with_id(&app, "/en/nothing-here", "forged-id-1").await;
    let id = request_id(&response);
    assert!(is_generated(&id), "{id}");
    let html = response.text().await.unwrap();
    assert!(
        !html.contains("forged-id-1"),
        "the forged id reached the page"
    );
}

#[tokio::test]
async fn a_trusted_proxys_id_is_kept_when_well_formed() {
    let limits = ServerLimits {
        trusted_proxies: "127.0.0.1".parse().unwrap(),
        ..ServerLimits::default()
    };
    let app = TestApp::with_limits(limits).await;
    let response = get_with_id(&app, "/en/nothing-here", "edge-7f3e:42").await;
    assert_eq!(request_id(&response), "edge-7f3e:42");
    let (_, shown) = shown_id(&response.text().await.unwrap());
    assert_eq!(shown, "edge-7f3e:42");
    let response = get_with_id(&app, "/api/v1/editions/xx", "edge-7f3e:43").await;
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["request_id"], "edge-7f3e:43", "{body}");
    // Too long, or with characters no token has: a fresh id instead.
    for bad in ["x".repeat(65), "a b".to_owned(), "<script>".to_owned()] {
        let response = get_with_id(&app, "/en/", &bad).await;
        let id = request_id(&response);
        assert!(is_generated(&id), "{bad:?} gave {id}");
    }
}
