//! Editions and sections: `/api/v1/editions…`.

use insta::assert_json_snapshot;

use crate::test_app::TestApp;

async fn lists_and_gets_editions(app: TestApp) {
    assert_json_snapshot!("editions", app.ok_json("/api/v1/editions").await);
    assert_json_snapshot!("edition_ru", app.ok_json("/api/v1/editions/ru").await);
}

async fn lists_and_gets_sections(app: TestApp) {
    assert_json_snapshot!(
        "sections_en",
        app.ok_json("/api/v1/editions/en/sections").await
    );
    let world = app.ok_json("/api/v1/editions/ru/sections/world").await;
    assert_json_snapshot!("section_ru_world", world);
}

#[tokio::test]
async fn successful_reads_are_cacheable() {
    let app = TestApp::new().await;
    for path in [
        "/api/v1/editions",
        "/api/v1/editions/en/articles",
        "/api/v1/media/1",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=60",
            "{path}"
        );
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{path}"
        );
    }
    let missing = app.get("/api/v1/editions/xx").await;
    assert_eq!(missing.headers()["cache-control"], "no-store");
}

on_both_backends!(
    crate::test_app::TestApp::on;
    lists_and_gets_editions,
    lists_and_gets_sections,
);
