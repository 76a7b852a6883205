//! The OpenAPI document at `/api/openapi.json`.

use insta::assert_json_snapshot;

use crate::test_app::{TestApp, BASE_URL};

const PATHS: [&str; 16] = [
    "/api/v1/editions",
    "/api/v1/editions/{edition}",
    "/api/v1/editions/{edition}/sections",
    "/api/v1/editions/{edition}/sections/{section}",
    "/api/v1/editions/{edition}/articles",
    "/api/v1/editions/{edition}/articles/{slug}",
    "/api/v1/media",
    "/api/v1/media/{id}",
    "/api/v1/search",
    "/api/v1/newsml/articles/{id}",
    "/api/v1/newsml/articles/{id}/package",
    "/api/v1/newsml/media/{id}",
    "/api/v1/ninjs/articles/{id}",
    "/api/v1/ninjs/media/{id}",
    "/healthz",
    "/readyz",
];

#[tokio::test]
async fn openapi_document_lists_every_path() {
    let app = TestApp::new().await;
    let doc = app.ok_json("/api/openapi.json").await;
    let version = doc["openapi"].as_str().unwrap();
    assert!(version.starts_with("3."), "{version}");
    assert_eq!(doc["servers"][0]["url"], BASE_URL);
    let paths = doc["paths"].as_object().unwrap();
    // Public paths, then the Admin API (tested in `api_admin`).
    let mut listed: Vec<&str> = paths
        .keys()
        .map(String::as_str)
        .filter(|p| !p.starts_with("/api/v1/admin/"))
        .collect();
    listed.sort_unstable();
    let mut expected = PATHS.to_vec();
    expected.sort_unstable();
    assert_eq!(listed, expected);
    for path in PATHS {
        assert!(
            paths[path]["get"]["responses"]["200"].is_object(),
            "{path} documents no 200"
        );
    }
    for admin in [
        "/api/v1/admin/search",
        "/api/v1/admin/articles",
        "/api/v1/admin/articles/{id}/status",
    ] {
        assert!(paths.contains_key(admin), "{admin} missing");
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "Article",
        "ArticleCard",
        "ArticlePage",
        "Edition",
        "Media",
        "MediaPage",
        "ErrorBody",
    ] {
        assert!(schemas.contains_key(name), "schema {name} missing");
    }
    // The contract third parties build on: any change shows up in review.
    assert_json_snapshot!("openapi", doc);
}

/// Every documented path answers (with the fixture values filled in).
#[tokio::test]
async fn every_documented_path_is_served() {
    let app = TestApp::new().await;
    for path in PATHS {
        let concrete = path
            .replace("{edition}", "en")
            .replace("{section}", "world")
            .replace("{slug}", "bridge-reopens")
            .replace("{id}", "1");
        // A search needs words.
        let concrete = if concrete == "/api/v1/search" {
            "/api/v1/search?q=bridge".to_owned()
        } else {
            concrete
        };
        // NewsML-G2 documents are XML (their own tests read them).
        if concrete.starts_with("/api/v1/newsml/") {
            let status = app.get(&concrete).await.status();
            assert_eq!(status, reqwest::StatusCode::OK, "GET {concrete}");
            continue;
        }
        app.ok_json(&concrete).await;
    }
}
