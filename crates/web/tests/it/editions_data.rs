//! Editions are data: an edition created through the Admin API on a
//! running app serves every page at once (no restart), in a language with
//! no catalog of its own; its settings change; retiring it hides it and
//! refuses publication while its pages stay readable; restoring brings it
//! back; the home edition cannot be retired; the command line's use case
//! creates an edition with its sections. Both backends.

use dateline_domain::{Role, SiteSettings};
use dateline_store::NewAudit;
use dateline_web::auth::role_scopes;
use dateline_web::editions::{add_edition, EditionInput};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::api_admin::{call, token};
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

async fn admin_secret(app: &TestApp) -> String {
    let admin = staff(app.store(), "chief@example.org", Role::Admin, &[]).await;
    token(app.store(), admin.id(), role_scopes(Role::Admin), None)
        .await
        .1
}

async fn page(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.get(path).await;
    let status = response.status();
    (status, response.text().await.unwrap())
}

async fn a_new_edition_serves_every_page_at_once(app: TestApp) {
    let backend = app.backend();
    let secret = admin_secret(&app).await;
    // Pages read before the edition exists are cached: they must not hide it.
    let (status, before) = page(&app, "/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!before.contains("/de/"), "[{backend}] {before}");
    let (status, _) = page(&app, "/en/").await;
    assert_eq!(status, StatusCode::OK);

    // German has no built-in catalog: the site's data folder brings a
    // partial one while the app runs, read when the edition is created.
    let locales = app.data_dir().join("locales");
    std::fs::create_dir_all(&locales).unwrap();
    std::fs::write(
        locales.join("de.ftl"),
        "error-404-title = Seite nicht gefunden\nskip-to-content = Zum Inhalt springen\n",
    )
    .unwrap();

    let (status, created) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions",
        Some(json!({"code": "de", "name": "Tagesblatt", "language": "de",
                    "time_zone": "Europe/Berlin"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    assert_eq!(created["direction"], "ltr");
    assert_eq!(created["number_system"], "latin");
    assert_eq!(created["retired"], false);
    let (status, section) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions/de/sections",
        Some(json!({"slug": "welt", "title": "Welt"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {section}");
    let (status, story) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/articles",
        Some(json!({"edition": "de", "section": "welt",
                    "headline": "Hochwasser erreicht den Rheinpegel",
                    "lead": "Die Schifffahrt ruht.",
                    "body": [{"type": "paragraph", "text": "Der Pegel stieg über Nacht."}]})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {story}");
    let id = story["id"].as_i64().unwrap();
    let slug = story["slug"].as_str().unwrap().to_owned();
    let (status, moved) = call(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/admin/articles/{id}/status"),
        Some(json!({"status": "published"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {moved}");

    // Its pages, in its language (English words where German has none).
    let (status, front) = page(&app, "/de/").await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {front}");
    assert!(front.contains("<html lang=\"de\" dir=\"ltr\""), "{front}");
    assert!(front.contains("Zum Inhalt springen"), "[{backend}] {front}");
    assert!(front.contains("Top stories"), "[{backend}] {front}");
    assert!(front.contains("Hochwasser erreicht den Rheinpegel"));
    let (status, english) = page(&app, "/en/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        english.contains("href=\"/de/\""),
        "[{backend}] the switcher offers the new edition"
    );
    let (status, section) = page(&app, "/de/welt/").await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {section}");
    assert!(section.contains("Hochwasser erreicht den Rheinpegel"));
    let article_path = format!("/de/welt/{slug}");
    let (status, article) = page(&app, &article_path).await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {article}");
    assert!(article.contains("Der Pegel stieg über Nacht."));
    assert!(!article.contains("This edition is no longer updated"));
    let (status, feed) = page(&app, "/de/rss.xml").await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {feed}");
    assert!(feed.contains("Hochwasser erreicht den Rheinpegel"));
    let (status, index) = page(&app, "/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        index.contains("/de/sitemap-pages.xml"),
        "[{backend}] {index}"
    );
    let (status, missing) = page(&app, "/de/welt/no-such-story").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(missing.contains("<html lang=\"de\""), "{missing}");
    assert!(missing.contains("Seite nicht gefunden"), "{missing}");
    assert!(
        missing.contains("It may have moved"),
        "[{backend}] untranslated messages fall back to English: {missing}"
    );
    app.sync_search().await;
    let (status, found) = page(&app, "/de/search?q=Hochwasser").await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {found}");
    assert!(found.contains(&article_path), "[{backend}] search: {found}");

    // Retired: out of the switcher and the sitemap index, still readable
    // with the notice, no new publication.
    let (status, retired) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions/de/retire",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {retired}");
    assert_eq!(retired["retired"], true);
    let (_, english) = page(&app, "/en/").await;
    assert!(!english.contains("href=\"/de/\""), "[{backend}] switcher");
    let (_, index) = page(&app, "/sitemap.xml").await;
    assert!(!index.contains("/de/"), "[{backend}] {index}");
    let (status, article) = page(&app, &article_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(article.contains("This edition is no longer updated"));
    let (status, _) = call(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/admin/articles/{id}/status"),
        Some(json!({"status": "unpublished"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] taking down is allowed");
    let (status, refused) = call(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/admin/articles/{id}/status"),
        Some(json!({"status": "published"})),
    )
    .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("edition_retired")),
        "[{backend}] {refused}"
    );

    // Restored: back in the switcher and the index, publishable again.
    let (status, restored) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions/de/restore",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {restored}");
    assert_eq!(restored["retired"], false);
    let (_, english) = page(&app, "/en/").await;
    assert!(english.contains("href=\"/de/\""), "[{backend}] switcher");
    let (_, index) = page(&app, "/sitemap.xml").await;
    assert!(
        index.contains("/de/sitemap-pages.xml"),
        "[{backend}] {index}"
    );
    let (status, moved) = call(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/admin/articles/{id}/status"),
        Some(json!({"status": "published"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {moved}");
}

async fn settings_change_and_the_home_edition_stays(app: TestApp) {
    let backend = app.backend();
    let secret = admin_secret(&app).await;
    let (status, created) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions",
        Some(json!({"code": "ar", "name": "الخبر", "language": "ar",
                    "time_zone": "Asia/Dubai"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    assert_eq!(created["direction"], "rtl");
    let (status, changed) = call(
        &app,
        &secret,
        Method::PATCH,
        "/api/v1/admin/editions/ar",
        Some(json!({"number_system": "native", "direction": "ltr",
                    "comment_mode": "pre", "new_account_hold_hours": 48})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {changed}");
    assert_eq!(changed["number_system"], "native");
    assert_eq!(changed["direction"], "ltr");
    assert_eq!(changed["comment_mode"], "pre");
    assert_eq!(changed["new_account_hold_hours"], 48);
    let (_, front) = page(&app, "/ar/").await;
    assert!(front.contains("<html lang=\"ar\" dir=\"ltr\""), "{front}");

    // Native digits: a story's date on the front is written ٠–٩.
    let (status, _) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions/ar/sections",
        Some(json!({"slug": "alam", "title": "العالم"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, story) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/articles",
        Some(json!({"edition": "ar", "section": "alam", "headline": "افتتاح الجسر الجديد"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {story}");
    let id = story["id"].as_i64().unwrap();
    let (status, _) = call(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/admin/articles/{id}/status"),
        Some(json!({"status": "published"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, front) = page(&app, "/ar/").await;
    let dates: Vec<&str> = front
        .split("<time datetime=")
        .skip(1)
        .map(|t| t.split("</time>").next().unwrap_or_default())
        .collect();
    assert!(!dates.is_empty(), "[{backend}] {front}");
    for date in &dates {
        let text = date.split('>').nth(1).unwrap_or_default();
        assert!(
            text.chars().any(|c| ('\u{660}'..='\u{669}').contains(&c))
                && !text.chars().any(|c| c.is_ascii_digit()),
            "[{backend}] Arabic-Indic digits only: {date}"
        );
    }
    let (status, refused) = call(
        &app,
        &secret,
        Method::PATCH,
        "/api/v1/admin/editions/ar",
        Some(json!({"new_account_hold_hours": -1})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");

    // A change of language is allowed and audited.
    let (status, _) = call(
        &app,
        &secret,
        Method::PATCH,
        "/api/v1/admin/editions/ar",
        Some(json!({"language": "fa"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, audit) = call(
        &app,
        &secret,
        Method::GET,
        "/api/v1/admin/audit?action=edition.update",
        None,
    )
    .await;
    assert!(
        audit.to_string().contains("stories_in_old_language"),
        "[{backend}] {audit}"
    );

    // The home edition cannot be retired.
    let en = app.newsroom.fixtures.en.id;
    let settings = SiteSettings {
        default_edition_id: Some(en),
        ..SiteSettings::default()
    };
    app.store()
        .update_site_settings(&settings, &NewAudit::new("site.settings", "site", None, 0))
        .await
        .unwrap();
    let (status, refused) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions/en/retire",
        None,
    )
    .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("home_edition")),
        "[{backend}] {refused}"
    );
}

/// What `dateline edition add` runs: the shared use case, with sections.
async fn the_command_line_use_case_creates_an_edition(app: TestApp) {
    let backend = app.backend();
    let input = EditionInput {
        code: "he".into(),
        name: "החדשות".into(),
        language: "he".into(),
        time_zone: "Asia/Jerusalem".into(),
        date_format: None,
        logo_media_id: None,
        direction: None,
        number_system: Some("latin".into()),
    };
    let audit = NewAudit::new("edition.create", "edition", None, 0);
    let edition = add_edition(app.store(), &input, audit).await.unwrap();
    assert_eq!(edition.direction.as_str(), "rtl", "[{backend}]");
    let (status, front) = page(&app, "/he/").await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {front}");
    assert!(front.contains("dir=\"rtl\""));
    let bad = EditionInput {
        code: "api".into(),
        ..input
    };
    let err = add_edition(
        app.store(),
        &bad,
        NewAudit::new("edition.create", "edition", None, 0),
    )
    .await
    .unwrap_err();
    assert_eq!(err.field, Some("code"));
}

/// On SQLite the command line is another process whose events never reach
/// the server: the server's stamp check sees its edition within seconds.
#[tokio::test]
async fn on_sqlite_an_edition_added_by_another_process_shows_without_restart() {
    let app = TestApp::on(dateline_store::testing::TestDb::sqlite().await).await;
    let (status, before) = page(&app, "/en/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!before.contains("href=\"/pt/\""));
    // Another connection pool with its own events: what `dateline edition
    // add` opens.
    let other = dateline_store::Store::connect(&app.sqlite_url().unwrap(), 2)
        .await
        .unwrap();
    // Let the watcher take its first look before the write.
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    let input = EditionInput {
        code: "pt".into(),
        name: "Jornal".into(),
        language: "pt".into(),
        time_zone: "Europe/Lisbon".into(),
        ..EditionInput::default()
    };
    add_edition(
        &other,
        &input,
        NewAudit::new("edition.create", "edition", None, 0),
    )
    .await
    .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let (_, html) = page(&app, "/en/").await;
        if html.contains("href=\"/pt/\"") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the switcher never offered the other process's edition"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    let (status, _) = page(&app, "/pt/").await;
    assert_eq!(status, StatusCode::OK);
}

on_both_backends!(
    crate::test_app::TestApp::on;
    a_new_edition_serves_every_page_at_once,
    settings_change_and_the_home_edition_stays,
    the_command_line_use_case_creates_an_edition,
);
