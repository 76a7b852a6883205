//! A published story whose slug changes keeps its old addresses: each
//! answers 301 to where it lives now (and a draft's old slug was never an
//! address), and its feed item keeps its id. Through the real router, the
//! page cache included.

use dateline_store::ArticleUpdate;
use reqwest::StatusCode;

use crate::test_app::TestApp;

/// The status and `Location` of `path`, redirects not followed.
async fn answer(app: &TestApp, path: &str) -> (StatusCode, Option<String>) {
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(path))
        .send()
        .await
        .unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (response.status(), location)
}

async fn rename(app: &TestApp, id: i64, slug: &str) {
    let article = app.store().article_by_id(id).await.unwrap().unwrap();
    let update = ArticleUpdate {
        slug: Some(slug.parse().unwrap()),
        ..ArticleUpdate::default()
    };
    app.store()
        .update_article(id, article.version, &update, article.updated_at + 60)
        .await
        .unwrap();
}

/// The feed item of the story headlined `headline`: (guid, link).
async fn feed_item(app: &TestApp, headline: &str) -> (String, String) {
    let feed = app.get("/en/rss.xml").await.text().await.unwrap();
    let item = feed
        .split("<item>")
        .find(|item| item.contains(&format!("<title>{headline}</title>")))
        .unwrap_or_else(|| panic!("no item for {headline}: {feed}"));
    let between = |open: &str, close: &str| {
        let start = item.find(open).unwrap() + open.len();
        let end = start + item[start..].find(close).unwrap();
        item[start..end].to_owned()
    };
    (between("\">", "</guid>"), between("<link>", "</link>"))
}

async fn a_renamed_story_answers_at_its_old_addresses(app: TestApp) {
    let backend = app.backend();
    let id = app.newsroom.bridge.id;
    let headline = app.newsroom.bridge.headline.clone();
    let first = "/en/world/bridge-reopens";
    // Read (and cached) under its first address.
    assert_eq!(answer(&app, first).await.0, StatusCode::OK, "[{backend}]");
    let (guid, link) = feed_item(&app, &headline).await;
    assert!(
        guid.starts_with("tag:") && guid.ends_with(&format!(":article:{id}")),
        "{guid}"
    );
    assert!(link.ends_with(first), "{link}");

    rename(&app, id, "bridge-reopens-at-dawn").await;
    let second = "/en/world/bridge-reopens-at-dawn";
    assert_eq!(
        answer(&app, first).await,
        (StatusCode::MOVED_PERMANENTLY, Some(second.to_owned())),
        "[{backend}]"
    );
    assert_eq!(answer(&app, second).await.0, StatusCode::OK);
    // Feed readers see the same item at its new address.
    let (renamed_guid, renamed_link) = feed_item(&app, &headline).await;
    assert_eq!(renamed_guid, guid, "[{backend}] the feed id stays");
    assert!(renamed_link.ends_with(second), "{renamed_link}");

    // Renamed again: both old addresses lead to the newest.
    rename(&app, id, "bridge-open").await;
    let third = "/en/world/bridge-open";
    for old in [first, second] {
        assert_eq!(
            answer(&app, old).await,
            (StatusCode::MOVED_PERMANENTLY, Some(third.to_owned())),
            "[{backend}] {old}"
        );
    }
    // An old address under another section still finds it.
    assert_eq!(
        answer(&app, "/en/business/bridge-reopens").await,
        (StatusCode::MOVED_PERMANENTLY, Some(third.to_owned())),
        "[{backend}]"
    );

    // Back to its first name: that address is the story's again.
    rename(&app, id, "bridge-reopens").await;
    assert_eq!(answer(&app, first).await.0, StatusCode::OK, "[{backend}]");
    assert_eq!(
        answer(&app, third).await,
        (StatusCode::MOVED_PERMANENTLY, Some(first.to_owned())),
        "[{backend}]"
    );

    // A draft's slug was never an address: renaming it leaves none.
    let draft = &app.newsroom.draft;
    let old = format!("/en/world/{}", draft.slug);
    rename(&app, draft.id, "secret-plan-renamed").await;
    assert_eq!(
        answer(&app, &old).await.0,
        StatusCode::NOT_FOUND,
        "[{backend}]"
    );
    // Nor does a story readers may no longer see keep one that answers.
    let withdrawn = &app.newsroom.withdrawn;
    let gone = format!("/en/world/{}", withdrawn.slug);
    rename(&app, withdrawn.id, "withdrawn-renamed").await;
    assert_eq!(
        answer(&app, &gone).await.0,
        StatusCode::NOT_FOUND,
        "[{backend}]"
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    a_renamed_story_answers_at_its_old_addresses,
);
