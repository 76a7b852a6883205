//! Bylines on both backends: admins manage authors in the newsroom and the
//! Admin API; the reader's author page shows the profile; the editor offers
//! the story's edition's authors and signs a writer's new story with their
//! own byline; nothing is half-saved when a form is refused.

use dateline_domain::Role;
use dateline_web::auth::role_scopes;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::api_admin::{call, token};
use crate::newsroom_articles::{new_draft, signed_in};
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

async fn an_admin_creates_and_changes_a_byline_in_the_newsroom(app: TestApp) {
    let backend = app.backend();
    let fx = &app.newsroom.fixtures;
    let (mut admin, csrf, _) = signed_in(&app, "chief@example.org", Role::Admin).await;
    let writer = staff(app.store(), "anna@example.org", Role::Author, &[fx.en.id]).await;

    let list = admin.get("/newsroom/authors").await;
    assert_eq!(list.status(), StatusCode::OK, "[{backend}]");
    let page = list.text().await.unwrap();
    assert!(page.contains("Jane Roe"), "[{backend}] existing bylines");
    assert!(
        page.contains("href=\"/newsroom/authors/new\""),
        "[{backend}]"
    );
    let form = admin
        .get("/newsroom/authors/new")
        .await
        .text()
        .await
        .unwrap();
    assert!(form.contains("name=\"links\""), "[{backend}]");

    let en = fx.en.id.to_string();
    let account = writer.id().to_string();
    let typed_links = "https://example.org/anna\njavascript:alert(1)";
    let mut fields = vec![
        ("csrf_token", csrf.as_str()),
        ("name", "Anna Berg"),
        ("slug", ""),
        ("bio", "Science and the climate."),
        ("photo", ""),
        ("links", typed_links),
        ("user", account.as_str()),
        ("editions", en.as_str()),
    ];
    let refused = admin.post("/newsroom/authors", &fields).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Links must be http or https addresses"),
        "[{backend}] the reason"
    );
    assert!(
        page.contains("javascript:alert(1)</textarea>"),
        "[{backend}] kept as typed"
    );
    assert!(page.contains("value=\"Anna Berg\""), "[{backend}]");
    assert_eq!(
        app.store().authors().await.unwrap().len(),
        2,
        "nothing saved"
    );

    fields[5] = (
        "links",
        "https://example.org/anna\n\nhttps://www.example.net/anna/",
    );
    let created = admin.post("/newsroom/authors", &fields).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let anna = app
        .store()
        .author_by_slug(&"anna-berg".parse().unwrap())
        .await
        .unwrap()
        .expect("created");
    assert_eq!(anna.user_id, Some(writer.id()));
    assert_eq!(anna.links.len(), 2);
    let list = admin.get("/newsroom/authors").await.text().await.unwrap();
    assert!(list.contains("anna@example.org"), "[{backend}] the account");

    let reader = app.get("/en/author/anna-berg").await;
    assert_eq!(reader.status(), StatusCode::OK, "[{backend}]");
    let page = reader.text().await.unwrap();
    assert!(page.contains("Science and the climate."), "[{backend}]");
    assert!(
        page.contains("<a href=\"https://www.example.net/anna/\" rel=\"me\">example.net/anna</a>"),
        "[{backend}] links by their address"
    );

    // A second byline for the same account is refused on its field.
    let second = [
        ("csrf_token", csrf.as_str()),
        ("name", "Anna B."),
        ("user", account.as_str()),
        ("editions", en.as_str()),
    ];
    let refused = admin.post("/newsroom/authors", &second).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT, "[{backend}]");
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("This staff account already has a byline."),
        "[{backend}]"
    );

    // A change shows at once on the (cached) author page.
    let photo = app.newsroom.world_picture.id.to_string();
    let path = format!("/newsroom/authors/{}", anna.id);
    let edit = admin.get(&path).await.text().await.unwrap();
    assert!(
        edit.contains("value=\"anna-berg\" readonly"),
        "[{backend}] slug fixed"
    );
    let changed = admin
        .post(
            &path,
            &[
                ("csrf_token", csrf.as_str()),
                ("name", "Anna Berg-Lund"),
                ("bio", "Climate."),
                ("photo", photo.as_str()),
                ("links", ""),
                ("user", ""),
                ("editions", en.as_str()),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let page = app.get("/en/author/anna-berg").await.text().await.unwrap();
    assert!(
        page.contains("<h1><bdi>Anna Berg-Lund</bdi></h1>"),
        "[{backend}] refreshed"
    );
    assert!(
        page.contains("class=\"author-photo\""),
        "[{backend}] the photo"
    );
    assert!(!page.contains("rel=\"me\""), "[{backend}] links removed");
    let log = app
        .store()
        .audit_log(&dateline_store::AuditQuery {
            item_type: Some("author".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<_> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["author.update", "author.create"], "[{backend}]");
}

async fn only_admins_manage_bylines(app: TestApp) {
    let backend = app.backend();
    let (mut editor, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;
    for path in ["/newsroom/authors", "/newsroom/authors/new"] {
        let response = editor.get(path).await;
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "[{backend}] {path}"
        );
    }
    let en = app.newsroom.fixtures.en.id.to_string();
    let refused = editor
        .post(
            "/newsroom/authors",
            &[("csrf_token", &csrf), ("name", "Sneaky"), ("editions", &en)],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "[{backend}]");
    assert_eq!(app.store().authors().await.unwrap().len(), 2);
    let page = editor.get("/newsroom/").await.text().await.unwrap();
    assert!(
        !page.contains("href=\"/newsroom/authors\""),
        "[{backend}] no link"
    );
}

async fn the_editor_offers_the_edition_authors_and_signs_with_ones_own(app: TestApp) {
    let backend = app.backend();
    let fx = &app.newsroom.fixtures;
    let store = app.store();
    let (mut writer, csrf, writer_id) = signed_in(&app, "anna@example.org", Role::Editor).await;
    let admin = staff(store, "chief@example.org", Role::Admin, &[]).await;
    let (_, admin_secret) = token(store, admin.id(), role_scopes(Role::Admin), None).await;
    let (status, anna) = call(
        &app,
        &admin_secret,
        Method::POST,
        "/api/v1/admin/authors",
        Some(json!({
            "slug": "anna-berg", "name": "Anna Berg", "user_id": writer_id,
            "edition_ids": [fx.en.id],
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {anna}");
    let anna_id = anna["id"].as_i64().unwrap();

    // Her new story is signed with her byline.
    let story = new_draft(&app, &mut writer, &csrf, "Glacier survey results").await;
    let article = store.article_by_id(story).await.unwrap().unwrap();
    let ids: Vec<_> = article.authors.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![anna_id], "[{backend}]");
    let editor_page = writer
        .get(&format!("/newsroom/articles/{story}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(editor_page.contains("Anna Berg"), "[{backend}]");
    assert!(
        editor_page.contains("John Doe"),
        "[{backend}] an English byline"
    );

    // A Russian story does not offer her, and a save naming her is refused.
    let (mut chief, chief_csrf, _) = signed_in(&app, "ru-desk@example.org", Role::Admin).await;
    let ru_story = app.newsroom.fixtures.ru_world.id;
    let created = chief
        .post(
            "/newsroom/articles",
            &[
                ("csrf_token", chief_csrf.as_str()),
                ("section_id", &ru_story.to_string()),
                ("headline", "Исследование ледника"),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let ru_id: i64 = created.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let page = chief
        .get(&format!("/newsroom/articles/{ru_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("Anna Berg"),
        "[{backend}] not a Russian byline"
    );
    assert!(!page.contains("John Doe"), "[{backend}]");
    assert!(page.contains("Jane Roe"), "[{backend}] writes for both");
    let anna_field = anna_id.to_string();
    let section = ru_story.to_string();
    let refused = chief
        .post(
            &format!("/newsroom/articles/{ru_id}"),
            &[
                ("csrf_token", chief_csrf.as_str()),
                ("version", "1"),
                ("section_id", section.as_str()),
                ("slug", ""),
                ("headline", "Исследование ледника"),
                ("lead", ""),
                ("tags", ""),
                ("author", anna_field.as_str()),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Choose authors who write for this story"),
        "[{backend}] the reason"
    );
    assert_eq!(
        store.article_by_id(ru_id).await.unwrap().unwrap().version,
        1
    );
}

async fn the_admin_api_manages_bylines(app: TestApp) {
    let backend = app.backend();
    let fx = &app.newsroom.fixtures;
    let store = app.store();
    let admin = staff(store, "chief@example.org", Role::Admin, &[]).await;
    let (_, secret) = token(store, admin.id(), role_scopes(Role::Admin), None).await;
    let editor = staff(store, "desk@example.org", Role::Editor, &[fx.en.id]).await;
    let (_, editor_secret) = token(store, editor.id(), role_scopes(Role::Editor), None).await;
    let picture = app.newsroom.world_picture.id;

    let body = json!({
        "slug": "anna-berg", "name": "Anna Berg", "bio": "Science.",
        "photo_media_id": picture, "links": ["https://example.org/anna"],
        "edition_ids": [fx.en.id],
    });
    let (status, error) = call(
        &app,
        &editor_secret,
        Method::POST,
        "/api/v1/admin/authors",
        Some(body.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "[{backend}] {error}");
    let (status, created) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/authors",
        Some(body.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    assert_eq!(created["photo_media_id"], picture);
    assert_eq!(created["edition_ids"], json!([fx.en.id]));
    let id = created["id"].as_i64().unwrap();

    let (status, error) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/authors",
        Some(body),
    )
    .await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("duplicate")),
        "[{backend}] {error}"
    );
    let bad = json!({"slug": "bad", "name": "Bad", "links": ["javascript:alert(1)"], "edition_ids": [fx.en.id]});
    let (status, error) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/authors",
        Some(bad),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}] {error}"
    );
    let nowhere = json!({"slug": "nowhere", "name": "Nowhere", "edition_ids": [999_999]});
    let (status, error) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/authors",
        Some(nowhere),
    )
    .await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("missing_reference")),
        "[{backend}] {error}"
    );

    // Every staff member may list them, by edition.
    let (status, list) = call(
        &app,
        &editor_secret,
        Method::GET,
        &format!("/api/v1/admin/authors?edition={}", fx.ru.id),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}]");
    let names: Vec<_> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Jane Roe"], "[{backend}]");

    let path = format!("/api/v1/admin/authors/{id}");
    let patch = json!({"name": "Anna Berg-Lund", "photo_media_id": null, "edition_ids": [fx.en.id, fx.ru.id]});
    let (status, changed) = call(&app, &secret, Method::PATCH, &path, Some(patch)).await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {changed}");
    assert_eq!(changed["name"], "Anna Berg-Lund");
    assert_eq!(changed["bio"], "Science.", "absent fields stay");
    assert_eq!(changed["photo_media_id"], serde_json::Value::Null);
    assert_eq!(changed["links"], json!(["https://example.org/anna"]));
    let (status, one) = call(&app, &editor_secret, Method::GET, &path, None).await;
    assert_eq!(
        (status, &one["name"]),
        (StatusCode::OK, &json!("Anna Berg-Lund")),
        "[{backend}]"
    );
    let (status, _) = call(
        &app,
        &secret,
        Method::GET,
        "/api/v1/admin/authors/999999",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "[{backend}]");
}

on_both_backends!(
    crate::test_app::TestApp::on;
    an_admin_creates_and_changes_a_byline_in_the_newsroom,
    only_admins_manage_bylines,
    the_editor_offers_the_edition_authors_and_signs_with_ones_own,
    the_admin_api_manages_bylines,
);
