//! The search and social fields in the newsroom's editor and the Admin
//! API on both backends: every field saved and shown again, refusals that
//! name the field and keep what was typed, the social picture made public
//! by publication, and revisions that bring the fields back.

use dateline_domain::{ArticleSeo, Role};
use dateline_store::testing::Fixtures;
use dateline_store::MediaAsset;
use dateline_web::auth::role_scopes;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::api_admin::{call, token};
use crate::newsroom::NOW;
use crate::newsroom_articles::{article_form, new_draft, signed_in};
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

const ORIGINAL: &str = "https://wire.example/2024/bridge";

/// What a form field holds: an input's value or a text area's text.
fn field(html: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let css = format!("input[name=\"{name}\"], textarea[name=\"{name}\"]");
    let selector = scraper::Selector::parse(&css).unwrap();
    let el = doc
        .select(&selector)
        .next()
        .unwrap_or_else(|| panic!("no {name} field in {html}"));
    match el.value().attr("value") {
        Some(value) => value.to_owned(),
        None => el.text().collect(),
    }
}

/// A picture in the English media bank that no story uses.
async fn unused_picture(app: &TestApp, n: u32) -> MediaAsset {
    let mut new = Fixtures::media_asset(n, NOW);
    new.edition_id = Some(app.newsroom.fixtures.en.id);
    app.store().create_media(&new).await.unwrap().0
}

async fn the_editor_saves_shows_and_refuses_the_fields(app: TestApp) {
    let backend = app.backend();
    let (mut browser, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let id = new_draft(&app, &mut browser, &csrf, "Harbour bridge reopens").await;
    let social = unused_picture(&app, 20).await;
    let social_id = social.id.to_string();
    let section = app.newsroom.fixtures.world.id.to_string();
    let related = app.newsroom.bridge.id.to_string();
    let editor = format!("/newsroom/articles/{id}");

    // Closed and empty at first, with the defaults in the search preview.
    let html = browser.get(&editor).await.text().await.unwrap();
    assert!(html.contains("<details class=\"seo\">"), "[{backend}]");
    assert!(
        html.contains("Harbour bridge reopens - Dateline"),
        "[{backend}]"
    );
    assert_eq!(field(&html, "seo_title"), "");

    let mut form = article_form(&csrf, "1", &section, "Harbour bridge reopens", &related);
    let title = "Harbour bridge reopens after two years of repairs, the council says";
    form.extend([
        ("seo_title", title),
        (
            "seo_description",
            " Traffic is back on the harbour bridge. ",
        ),
        ("social_title", "The bridge is open!"),
        ("social_description", "Two years of repairs are over."),
        ("social_media", social_id.as_str()),
        ("canonical_url", ORIGINAL),
    ]);
    let saved = browser.post(&editor, &form).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER, "[{backend}] save");
    let article = app.store().article_by_id(id).await.unwrap().unwrap();
    let expected = ArticleSeo {
        seo_title: Some(title.into()),
        seo_description: Some("Traffic is back on the harbour bridge.".into()),
        social_title: Some("The bridge is open!".into()),
        social_description: Some("Two years of repairs are over.".into()),
        social_media_id: Some(social.id),
        canonical_url: Some(ORIGINAL.parse().unwrap()),
    };
    assert_eq!(article.seo, expected, "[{backend}]");

    // Shown again, open, with the count of a title longer than is shown.
    let html = browser.get(&editor).await.text().await.unwrap();
    assert!(html.contains("<details class=\"seo\" open>"), "[{backend}]");
    assert_eq!(field(&html, "seo_title"), title);
    assert_eq!(
        field(&html, "seo_description"),
        "Traffic is back on the harbour bridge."
    );
    assert_eq!(field(&html, "social_title"), "The bridge is open!");
    assert_eq!(
        field(&html, "social_description"),
        "Two years of repairs are over."
    );
    assert_eq!(field(&html, "social_media"), social_id);
    assert_eq!(field(&html, "canonical_url"), ORIGINAL);
    let count = format!("<span data-count>{}</span> / 60", title.chars().count());
    assert!(html.contains(&count), "[{backend}] {html}");
    assert!(
        html.contains("Longer than about 60 characters: the end may be cut off."),
        "[{backend}] warned, not refused"
    );

    // Refused: each bad field named, everything typed kept, nothing saved.
    let long = "x".repeat(301);
    let mut bad = article_form(&csrf, "2", &section, "Harbour bridge reopens", &related);
    bad.extend([
        ("seo_title", long.as_str()),
        ("social_title", "Kept as typed"),
        ("social_media", "the bridge picture"),
        ("canonical_url", "wire.example/bridge"),
    ]);
    let refused = browser.post(&editor, &bad).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let html = refused.text().await.unwrap();
    for name in ["seo_title", "social_media", "canonical_url"] {
        assert!(
            html.contains(&format!("id=\"err-{name}\"")),
            "[{backend}] {name}"
        );
    }
    assert!(html.contains("At most 300 characters."), "[{backend}]");
    let doc = scraper::Html::parse_document(&html);
    let marked = scraper::Selector::parse(
        "input[name='seo_title'][aria-invalid='true'][aria-describedby~='err-seo_title']",
    )
    .unwrap();
    assert!(doc.select(&marked).next().is_some(), "[{backend}] {html}");
    assert_eq!(field(&html, "seo_title"), long);
    assert_eq!(field(&html, "social_title"), "Kept as typed");
    assert_eq!(field(&html, "canonical_url"), "wire.example/bridge");
    assert!(html.contains("<details class=\"seo\" open>"), "[{backend}]");
    let unchanged = app.store().article_by_id(id).await.unwrap().unwrap();
    assert_eq!((unchanged.version, &unchanged.seo), (2, &expected));

    // A number that names no picture, as the store finds out.
    let mut missing = article_form(&csrf, "2", &section, "Harbour bridge reopens", &related);
    missing.push(("social_media", "999999"));
    let refused = browser.post(&editor, &missing).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let html = refused.text().await.unwrap();
    assert!(html.contains("id=\"err-social_media\""), "[{backend}]");
    assert_eq!(field(&html, "social_media"), "999999");

    // Autosave refuses the same way, naming the field.
    let mut autosave = article_form(&csrf, "2", &section, "Harbour bridge reopens", &related);
    autosave.push(("social_description", long.as_str()));
    let refused = browser.post(&format!("{editor}/autosave"), &autosave).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(
        body["fields"][0]["field"], "social_description",
        "[{backend}]"
    );

    // Publishing makes the social picture public; emptied fields are the defaults.
    let bank = format!("/en/mediabank/{}", social.id);
    assert_eq!(app.get(&bank).await.status(), StatusCode::NOT_FOUND);
    let moved = browser
        .post(
            &format!("{editor}/status"),
            &[("csrf_token", &csrf), ("status", "published")],
        )
        .await;
    assert_eq!(moved.status(), StatusCode::SEE_OTHER, "[{backend}] publish");
    assert_eq!(app.get(&bank).await.status(), StatusCode::OK, "[{backend}]");
    let version = app
        .store()
        .article_by_id(id)
        .await
        .unwrap()
        .unwrap()
        .version;
    let version = version.to_string();
    let plain = article_form(
        &csrf,
        &version,
        &section,
        "Harbour bridge reopens",
        &related,
    );
    assert_eq!(
        browser.post(&editor, &plain).await.status(),
        StatusCode::SEE_OTHER
    );
    let cleared = app.store().article_by_id(id).await.unwrap().unwrap();
    assert_eq!(cleared.seo, ArticleSeo::default(), "[{backend}]");
    assert_eq!(
        app.get(&bank).await.status(),
        StatusCode::NOT_FOUND,
        "[{backend}]"
    );
}

async fn revisions_compare_and_restore_the_fields(app: TestApp) {
    let backend = app.backend();
    let (mut browser, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let id = new_draft(&app, &mut browser, &csrf, "Dam holds").await;
    let section = app.newsroom.fixtures.world.id.to_string();
    let related = app.newsroom.bridge.id.to_string();
    let editor = format!("/newsroom/articles/{id}");
    let mut with = article_form(&csrf, "1", &section, "Dam holds", &related);
    with.extend([
        ("seo_title", "Dam holds after the storm"),
        ("canonical_url", ORIGINAL),
    ]);
    assert_eq!(
        browser.post(&editor, &with).await.status(),
        StatusCode::SEE_OTHER
    );
    let without = article_form(&csrf, "2", &section, "Dam holds", &related);
    assert_eq!(
        browser.post(&editor, &without).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.store().article_by_id(id).await.unwrap().unwrap().seo,
        ArticleSeo::default()
    );

    let revisions = app.store().revisions(id).await.unwrap();
    let (set, cleared) = (
        revisions.iter().find(|r| r.version == 2).unwrap(),
        revisions.iter().find(|r| r.version == 3).unwrap(),
    );
    let compare = browser
        .get(&format!("{editor}/compare?a={}&b={}", set.id, cleared.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        compare.contains("Search title") && compare.contains("<mark>storm</mark>"),
        "[{backend}] {compare}"
    );
    assert!(compare.contains("Address of the original"), "[{backend}]");

    let restore = format!("{editor}/revisions/{}/restore", set.id);
    let restored = browser
        .post(&restore, &[("csrf_token", &csrf), ("version", "3")])
        .await;
    assert_eq!(restored.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let article = app.store().article_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        article.seo.seo_title.as_deref(),
        Some("Dam holds after the storm")
    );
    assert_eq!(
        article.seo.canonical_url.map(String::from).as_deref(),
        Some(ORIGINAL),
        "[{backend}]"
    );
}

async fn the_admin_api_reads_and_writes_the_fields(app: TestApp) {
    let backend = app.backend();
    let store = app.store();
    let fx = &app.newsroom.fixtures;
    let editor = staff(store, "api@example.org", Role::Editor, &[fx.en.id]).await;
    let secret = token(store, editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let social = unused_picture(&app, 21).await;
    let (status, created) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/articles",
        Some(json!({
            "edition": "en",
            "section": "world",
            "headline": "Dam holds",
            "seo_title": "Dam holds after the storm | Dateline",
            "seo_description": "",
            "social_title": "The dam held",
            "social_description": "Engineers are relieved.",
            "social_media_id": social.id,
            "canonical_url": ORIGINAL,
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    assert_eq!(created["seo_title"], "Dam holds after the storm | Dateline");
    assert!(created["seo_description"].is_null(), "empty is the default");
    assert_eq!(created["social_title"], "The dam held");
    assert_eq!(created["social_description"], "Engineers are relieved.");
    assert_eq!(created["social_media_id"], social.id);
    assert_eq!(created["canonical_url"], ORIGINAL);
    let path = format!("/api/v1/admin/articles/{}", created["id"]);
    let (_, read) = call(&app, &secret, Method::GET, &path, None).await;
    assert_eq!(read, created, "[{backend}]");

    // Named fields change; absent ones stay; null and "" clear.
    let (status, changed) = call(
        &app,
        &secret,
        Method::PATCH,
        &path,
        Some(json!({"version": 1, "seo_title": null, "canonical_url": "", "social_title": "Held"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {changed}");
    assert!(changed["seo_title"].is_null() && changed["canonical_url"].is_null());
    assert_eq!(changed["social_title"], "Held");
    assert_eq!(changed["social_description"], "Engineers are relieved.");
    assert_eq!(changed["social_media_id"], social.id);

    let refusals = [
        (
            json!({"version": 2, "social_title": "x".repeat(301)}),
            "invalid_input",
            "social_title",
        ),
        (
            json!({"version": 2, "canonical_url": "ftp://wire.example/x"}),
            "invalid_input",
            "canonical_url",
        ),
        (
            json!({"version": 2, "social_media_id": 999_999}),
            "missing_reference",
            "",
        ),
    ];
    for (body, code, field) in refusals {
        let (status, error) = call(&app, &secret, Method::PATCH, &path, Some(body)).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{backend}] {error}"
        );
        assert_eq!(error["error"]["code"], code, "[{backend}] {error}");
        if !field.is_empty() {
            assert_eq!(error["error"]["field"], field, "[{backend}] {error}");
        }
    }
    let (_, read) = call(&app, &secret, Method::GET, &path, None).await;
    assert_eq!(read["version"], 2, "[{backend}] nothing saved");
}

on_both_backends!(
    crate::test_app::TestApp::on;
    the_editor_saves_shows_and_refuses_the_fields,
    revisions_compare_and_restore_the_fields,
    the_admin_api_reads_and_writes_the_fields,
);
