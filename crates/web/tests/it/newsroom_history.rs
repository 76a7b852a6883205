//! An article's revisions as an editor reads them: times in full and the
//! section and byline by name, on the list and side by side.

use dateline_domain::Role;
use reqwest::StatusCode;

use crate::newsroom_articles::{article_form, new_draft, signed_in};
use crate::test_app::TestApp;

async fn revisions_show_full_times_and_name_the_section_and_authors(app: TestApp) {
    let backend = app.backend();
    let (mut browser, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let id = new_draft(&app, &mut browser, &csrf, "Dam holds").await;
    let fixtures = &app.newsroom.fixtures;
    let (world, business) = (
        fixtures.world.id.to_string(),
        fixtures.business.id.to_string(),
    );
    let author = fixtures.author.id.to_string();
    let related = app.newsroom.bridge.id.to_string();
    let mut first = article_form(&csrf, "1", &world, "Dam holds after storm", &related);
    first.push(("author", &author));
    let saved = browser
        .post(&format!("/newsroom/articles/{id}"), &first)
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let second = article_form(&csrf, "2", &business, "Dam holds after storm", &related);
    let saved = browser
        .post(&format!("/newsroom/articles/{id}"), &second)
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER, "[{backend}]");

    let list = browser
        .get(&format!("/newsroom/articles/{id}/revisions"))
        .await
        .text()
        .await
        .unwrap();
    let revisions = app.store().revisions(id).await.unwrap();
    assert!(!list.contains("%S"), "[{backend}] {list}");
    let saved_at = |version: i64| {
        let r = revisions.iter().find(|r| r.version == version).unwrap();
        // The newsroom shows times in UTC.
        let t = chrono::DateTime::from_timestamp(r.saved_at, 0).unwrap();
        (r.id, t.format("%d.%m.%Y %H:%M:%S").to_string())
    };
    let ((old_id, old_at), (new_id, new_at)) = (saved_at(2), saved_at(3));
    assert!(
        list.contains(&old_at) && list.contains(&new_at),
        "[{backend}] {list}"
    );

    let compare = browser
        .get(&format!(
            "/newsroom/articles/{id}/compare?a={old_id}&b={new_id}"
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(!compare.contains("%S"), "[{backend}] {compare}");
    assert!(
        compare.contains(&old_at) && compare.contains(&new_at),
        "[{backend}] {compare}"
    );
    assert!(
        compare.contains("<mark>World</mark>") && compare.contains("<mark>Business</mark>"),
        "[{backend}] sections by name: {compare}"
    );
    let plain = compare.replace("<mark>", "").replace("</mark>", "");
    assert!(
        plain.contains("Jane Roe"),
        "[{backend}] authors by name: {compare}"
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    revisions_show_full_times_and_name_the_section_and_authors,
);
