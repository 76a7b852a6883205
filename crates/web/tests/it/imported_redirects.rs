//! Old addresses of imported stories answer 301 to their new ones.

use dateline_domain::ArticleStatus;
use dateline_store::imports::{ImportedStory, StoryOutcome};
use dateline_store::testing::Fixtures;
use reqwest::StatusCode;

use crate::test_app::TestApp;

async fn imported(
    app: &TestApp,
    fx: &Fixtures,
    key: &str,
    slug: &str,
    status: ArticleStatus,
    paths: &[&str],
) -> i64 {
    let mut article = fx.article(slug, Fixtures::NOW);
    article.status = status;
    if !status.is_public() {
        article.published_at = None;
    }
    let story = ImportedStory {
        source: "wordpress https://old.example".into(),
        key: key.into(),
        fingerprint: "one".into(),
        article,
        scheduled_at: None,
        comments: Vec::new(),
        old_paths: paths.iter().map(|p| (*p).to_owned()).collect(),
    };
    match app
        .store()
        .import_story(&story, Fixtures::NOW)
        .await
        .unwrap()
    {
        StoryOutcome::Created { article_id, .. } => article_id,
        other => panic!("{other:?}"),
    }
}

/// A GET that does not follow redirects.
async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(path))
        .send()
        .await
        .unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn old_addresses_lead_to_the_imported_story(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    imported(
        &app,
        fx,
        "10",
        "new-crane",
        ArticleStatus::Published,
        &["/2024/03/11/new-crane/", "/?p=10"],
    )
    .await;
    imported(
        &app,
        fx,
        "11",
        "tide-tables",
        ArticleStatus::Draft,
        &["/?p=11", "/tide-tables/"],
    )
    .await;

    for old in ["/2024/03/11/new-crane/", "/?p=10"] {
        let response = get(&app, old).await;
        assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY, "{old}");
        assert!(
            location(&response).ends_with("/en/world/new-crane"),
            "{old} → {}",
            location(&response)
        );
    }
    // A draft's old address is as missing as its page.
    assert_eq!(
        get(&app, "/tide-tables/").await.status(),
        StatusCode::NOT_FOUND
    );
    let root = get(&app, "/?p=11").await;
    assert_ne!(root.status(), StatusCode::MOVED_PERMANENTLY);
    // Addresses nobody had stay 404, and the plain root still picks an edition.
    assert_eq!(
        get(&app, "/2024/03/11/other/").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/?p=99").await.status(),
        StatusCode::TEMPORARY_REDIRECT
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    old_addresses_lead_to_the_imported_story,
);
