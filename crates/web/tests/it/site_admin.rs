//! Editions and sections in the newsroom and the Admin API (admins only):
//! create, rename, reorder, each audited, and the reader site shows the
//! change at once (the `site` key is purged from the page cache).

use dateline_domain::Role;
use dateline_store::{AuditQuery, Store};
use dateline_web::auth::role_scopes;
use reqwest::header::LOCATION;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::api_admin::{call, token};
use crate::newsroom_articles::signed_in;
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

/// What `actor` did, sorted, sign-ins and sign-outs left out.
pub(crate) async fn actions(store: &Store, actor: i64) -> Vec<String> {
    let query = AuditQuery {
        actor_user_id: Some(actor),
        limit: 100,
        ..AuditQuery::default()
    };
    let mut all: Vec<String> = store
        .audit_log(&query)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.action)
        .filter(|a| !a.starts_with("session."))
        .collect();
    all.sort();
    all
}

fn see_other(response: &reqwest::Response, to: &str) {
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], to);
}

async fn admins_create_rename_and_reorder_editions_and_sections(app: TestApp) {
    let backend = app.backend();
    let (mut admin, csrf, admin_id) = signed_in(&app, "chief@example.org", Role::Admin).await;
    let list = admin.get("/newsroom/editions").await.text().await.unwrap();
    assert!(
        list.contains("href=\"/newsroom/editions/en/sections\""),
        "[{backend}] {list}"
    );

    let mut new = vec![
        ("csrf_token", csrf.as_str()),
        ("code", "de"),
        ("name", "Deutsche Ausgabe"),
        ("language", "de"),
        ("time_zone", "Mars/Olympus"),
    ];
    let refused = admin.post("/newsroom/editions", &new).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Time zone: enter an IANA"),
        "[{backend}] {html}"
    );
    let doc = scraper::Html::parse_document(&html);
    let kept = scraper::Selector::parse("#new-name").unwrap();
    let kept = doc
        .select(&kept)
        .next()
        .and_then(|e| e.value().attr("value"));
    assert_eq!(
        kept,
        Some("Deutsche Ausgabe"),
        "[{backend}] typed values kept"
    );
    new[4] = ("time_zone", "Europe/Berlin");
    // A new edition has no sections yet: their page comes next.
    see_other(
        &admin.post("/newsroom/editions", &new).await,
        "/newsroom/editions/de/sections",
    );
    let front = admin.get("/de/").await;
    assert_eq!(
        front.status(),
        StatusCode::OK,
        "[{backend}] an empty edition has a front page"
    );
    assert!(front.text().await.unwrap().contains("Deutsche Ausgabe"));

    let rename = [
        ("csrf_token", csrf.as_str()),
        ("name", "Die Zeitung"),
        ("time_zone", "Europe/Vienna"),
    ];
    see_other(
        &admin.post("/newsroom/editions/de", &rename).await,
        "/newsroom/editions",
    );
    let front = admin.get("/de/").await.text().await.unwrap();
    assert!(
        front.contains("Die Zeitung"),
        "[{backend}] the cached front page was purged"
    );

    let sections = "/newsroom/editions/de/sections";
    for title in ["Politik", "Kultur"] {
        let create = [
            ("csrf_token", csrf.as_str()),
            ("title", title),
            ("slug", ""),
            ("description", ""),
        ];
        see_other(&admin.post(sections, &create).await, sections);
    }
    let taken = [
        ("csrf_token", csrf.as_str()),
        ("title", "Politik 2"),
        ("slug", "politik"),
        ("description", ""),
    ];
    let taken = admin.post(sections, &taken).await;
    assert_eq!(taken.status(), StatusCode::CONFLICT, "[{backend}]");
    assert!(taken
        .text()
        .await
        .unwrap()
        .contains("Address: use lowercase"));

    let de = app
        .store()
        .edition_by_code(&"de".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let ids: Vec<_> = app
        .store()
        .sections(de.id)
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    let kultur = ids[1];
    let up = [("csrf_token", csrf.as_str()), ("direction", "up")];
    see_other(
        &admin.post(&format!("{sections}/{kultur}/move"), &up).await,
        sections,
    );
    let edit = [
        ("csrf_token", csrf.as_str()),
        ("title", "Kultur & Kunst"),
        ("description", "Bühne, Bücher, Bilder."),
    ];
    see_other(
        &admin.post(&format!("{sections}/{kultur}"), &edit).await,
        sections,
    );

    let order: Vec<_> = app
        .store()
        .sections(de.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.slug.to_string())
        .collect();
    assert_eq!(order, ["kultur", "politik"], "[{backend}]");
    let page = admin.get(sections).await.text().await.unwrap();
    assert!(page.find("Kultur &amp; Kunst").unwrap() < page.find("value=\"Politik\"").unwrap());
    let section_page = admin.get("/de/kultur/").await.text().await.unwrap();
    assert!(section_page.contains("Kultur &amp; Kunst"), "[{backend}]");
    assert!(
        section_page.contains("Bühne, Bücher, Bilder."),
        "[{backend}]"
    );

    assert_eq!(
        actions(app.store(), admin_id).await,
        [
            "edition.create",
            "edition.update",
            "section.create",
            "section.create",
            "section.move",
            "section.update"
        ],
        "[{backend}]"
    );
}

async fn only_admins_reach_the_edition_pages(app: TestApp) {
    let backend = app.backend();
    let (mut editor, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let home = editor.get("/newsroom/").await.text().await.unwrap();
    assert!(
        !home.contains("href=\"/newsroom/editions\""),
        "[{backend}] no link"
    );
    for path in ["/newsroom/editions", "/newsroom/editions/en/sections"] {
        assert_eq!(
            editor.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "[{backend}] {path}"
        );
    }
    let create = [
        ("csrf_token", csrf.as_str()),
        ("code", "de"),
        ("name", "Deutsch"),
        ("language", "de"),
        ("time_zone", "UTC"),
    ];
    let refused = editor.post("/newsroom/editions", &create).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "[{backend}]");
    let world = app.newsroom.fixtures.world.id;
    let up = [("csrf_token", csrf.as_str()), ("direction", "up")];
    let moved = editor
        .post(&format!("/newsroom/editions/en/sections/{world}/move"), &up)
        .await;
    assert_eq!(moved.status(), StatusCode::FORBIDDEN, "[{backend}]");
    assert_eq!(app.store().editions().await.unwrap().len(), 2);
}

async fn the_admin_api_lists_creates_and_changes_editions(app: TestApp) {
    let backend = app.backend();
    let admin = staff(app.store(), "api@example.org", Role::Admin, &[]).await;
    let (_, secret) = token(app.store(), admin.id(), role_scopes(Role::Admin), None).await;
    let (status, list) = call(&app, &secret, Method::GET, "/api/v1/admin/editions", None).await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {list}");
    assert_eq!(list["items"].as_array().unwrap().len(), 2);

    let body = json!({"code": "fa", "name": "فارسی", "language": "fa", "time_zone": "Asia/Tehran"});
    let (status, created) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions",
        Some(body.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    assert_eq!(
        (created["code"].as_str(), created["direction"].as_str()),
        (Some("fa"), Some("rtl"))
    );
    let (status, dup) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions",
        Some(body),
    )
    .await;
    assert_eq!(
        (status, dup["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("duplicate"))
    );

    let patch = json!({"name": "Persian edition"});
    let (status, changed) = call(
        &app,
        &secret,
        Method::PATCH,
        "/api/v1/admin/editions/fa",
        Some(patch),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {changed}");
    assert_eq!(
        (changed["name"].as_str(), changed["time_zone"].as_str()),
        (Some("Persian edition"), Some("Asia/Tehran"))
    );
    let bad = json!({"time_zone": "Nowhere/Else"});
    let (status, _) = call(
        &app,
        &secret,
        Method::PATCH,
        "/api/v1/admin/editions/fa",
        Some(bad),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = call(
        &app,
        &secret,
        Method::PATCH,
        "/api/v1/admin/editions/xx",
        Some(json!({})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let editor = staff(app.store(), "ed@example.org", Role::Editor, &[]).await;
    let (_, editor_secret) = token(app.store(), editor.id(), role_scopes(Role::Editor), None).await;
    let (status, _) = call(
        &app,
        &editor_secret,
        Method::GET,
        "/api/v1/admin/editions",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "[{backend}]");
    assert_eq!(
        actions(app.store(), admin.id()).await,
        ["edition.create", "edition.update"]
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    admins_create_rename_and_reorder_editions_and_sections,
    only_admins_reach_the_edition_pages,
    the_admin_api_lists_creates_and_changes_editions,
);
