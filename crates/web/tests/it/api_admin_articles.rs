//! The Admin API's articles on both backends: each role's rights with a
//! token carrying its role's scopes, tokens narrower than their owner,
//! optimistic concurrency, the workflow and revisions.

use dateline_domain::Role;
use dateline_web::auth::{role_scopes, Scope, Scopes};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::api_admin::{call, token};
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

fn draft(headline: &str) -> Value {
    json!({
        "edition": "en",
        "section": "world",
        "headline": headline,
        "lead": "A lead.",
        "body": [
            {"type": "paragraph", "text": "First paragraph."},
            {"type": "quote", "text": "It holds.", "attribution": "the engineer said"}
        ],
        "tags": ["Dams"]
    })
}

async fn each_role_creates_edits_and_publishes_as_far_as_it_may(app: TestApp) {
    let backend = app.backend();
    let store = app.store();
    let fx = &app.newsroom.fixtures;
    let roles = [Role::Contributor, Role::Author, Role::Editor, Role::Admin];
    let mut secrets = Vec::new();
    for role in roles {
        let account = staff(store, &format!("{role}@example.org"), role, &[fx.en.id]).await;
        secrets.push(token(store, account.id(), role_scopes(role), None).await.1);
    }
    let may_publish = [false, true, true, true];
    for ((role, secret), publish) in roles.iter().zip(&secrets).zip(may_publish) {
        let (status, created) = call(
            &app,
            secret,
            Method::POST,
            "/api/v1/admin/articles",
            Some(draft(&format!("{role} files a story"))),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "[{backend}] {role}: {created}");
        assert_eq!(created["status"], "draft");
        let id = created["id"].as_i64().unwrap();
        let path = format!("/api/v1/admin/articles/{id}");
        let (status, edited) = call(
            &app,
            secret,
            Method::PATCH,
            &path,
            Some(json!({"version": 1, "headline": format!("{role} files an updated story")})),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "[{backend}] {role}: {edited}");
        assert_eq!(edited["version"], 2);
        let (status, moved) = call(
            &app,
            secret,
            Method::POST,
            &format!("{path}/status"),
            Some(json!({"status": "published"})),
        )
        .await;
        if publish {
            assert_eq!(status, StatusCode::OK, "[{backend}] {role}: {moved}");
            assert_eq!(moved["status"], "published");
        } else {
            assert_eq!(
                (status, moved["error"]["code"].as_str()),
                (StatusCode::FORBIDDEN, Some("forbidden")),
                "[{backend}] {role}"
            );
            let (status, _) = call(
                &app,
                secret,
                Method::POST,
                &format!("{path}/status"),
                Some(json!({"status": "in_review"})),
            )
            .await;
            assert_eq!(
                status,
                StatusCode::OK,
                "[{backend}] {role} sends for review"
            );
        }
    }

    // Others' drafts: invisible to contributors and authors, open to editors.
    let other = app.newsroom.draft.id;
    let path = format!("/api/v1/admin/articles/{other}");
    for (secret, want) in secrets.iter().zip([404, 404, 200, 200]) {
        let (status, _) = call(&app, secret, Method::GET, &path, None).await;
        assert_eq!(status.as_u16(), want, "[{backend}] GET {path}");
    }
    // An editor of another edition cannot work in this one.
    let ru_editor = staff(store, "ru@example.org", Role::Editor, &[fx.ru.id]).await;
    let ru_secret = token(store, ru_editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let (status, _) = call(
        &app,
        &ru_secret,
        Method::POST,
        "/api/v1/admin/articles",
        Some(draft("Elsewhere")),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "[{backend}]");
    let (status, _) = call(&app, &ru_secret, Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "[{backend}]");
    // The list shows contributors their own articles only.
    let (_, listed) = call(
        &app,
        &secrets[0],
        Method::GET,
        "/api/v1/admin/articles",
        None,
    )
    .await;
    let headlines: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["headline"].as_str().unwrap())
        .collect();
    assert_eq!(
        headlines,
        vec!["contributor files an updated story"],
        "[{backend}]"
    );
}

async fn tokens_stay_within_their_scopes_and_stale_writes_change_nothing(
    app: crate::test_app::TestApp,
) {
    let backend = app.backend();
    let store = app.store();
    let editor = staff(
        store,
        "desk@example.org",
        Role::Editor,
        &[app.newsroom.fixtures.en.id],
    )
    .await;
    let reader_token = token(store, editor.id(), Scopes::of(&[Scope::ArticlesRead]), None)
        .await
        .1;
    let full = token(store, editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let (status, created) = call(
        &app,
        &full,
        Method::POST,
        "/api/v1/admin/articles",
        Some(draft("Dam holds")),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let id = created["id"].as_i64().unwrap();
    let path = format!("/api/v1/admin/articles/{id}");
    let (status, refused) = call(
        &app,
        &reader_token,
        Method::PATCH,
        &path,
        Some(json!({"version": 1, "headline": "No"})),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "[{backend}] {refused}");
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("articles:write"));
    let (status, _) = call(&app, &reader_token, Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::OK, "[{backend}] reading is in scope");

    call(
        &app,
        &full,
        Method::PATCH,
        &path,
        Some(json!({"version": 1, "headline": "Dam holds after storm"})),
    )
    .await;
    let (status, stale) = call(
        &app,
        &full,
        Method::PATCH,
        &path,
        Some(json!({"version": 1, "headline": "Overwrite"})),
    )
    .await;
    assert_eq!(
        (status, stale["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict")),
        "[{backend}]"
    );
    let (_, now) = call(&app, &full, Method::GET, &path, None).await;
    assert_eq!(now["headline"], "Dam holds after storm");

    // Workflow refusals are 422 with the reason; nothing moves.
    let (status, past) = call(
        &app,
        &full,
        Method::POST,
        &format!("{path}/status"),
        Some(json!({"status": "scheduled", "scheduled_at": 1})),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}] {past}"
    );
    let (status, no_note) = call(
        &app,
        &full,
        Method::POST,
        &format!("{path}/status"),
        Some(json!({"status": "corrected"})),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}] {no_note}"
    );
    let later = dateline_web::auth::now() + 3600;
    let (status, scheduled) = call(
        &app,
        &full,
        Method::POST,
        &format!("{path}/status"),
        Some(json!({"status": "scheduled", "scheduled_at": later})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {scheduled}");
    assert_eq!(scheduled["scheduled_at"], later);

    // Revisions: listed newest first, restored as a new version.
    let (_, revisions) = call(&app, &full, Method::GET, &format!("{path}/revisions"), None).await;
    let revisions = revisions.as_array().unwrap();
    let created_rev = revisions.last().unwrap();
    assert_eq!(created_rev["kind"], "created");
    let version = scheduled["version"].as_i64().unwrap();
    let (status, restored) = call(
        &app,
        &full,
        Method::POST,
        &format!("{path}/revisions/{}/restore", created_rev["id"]),
        Some(json!({"version": version})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {restored}");
    assert_eq!(restored["headline"], "Dam holds");
    assert_eq!(
        restored["status"], "scheduled",
        "restoring text keeps the status"
    );
}

async fn formatted_text_is_kept_and_bad_marks_are_refused_by_block(app: TestApp) {
    let backend = app.backend();
    let store = app.store();
    let fx = &app.newsroom.fixtures;
    let account = staff(store, "desk@example.org", Role::Editor, &[fx.en.id]).await;
    let secret = token(store, account.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let body = json!([
        {"type": "paragraph", "text": "Мост открыт для всех.", "marks": [
            {"type": "bold", "start": 0, "end": 4},
            {"type": "link", "start": 5, "end": 11, "href": "https://example.org/most"}
        ]},
        {"type": "list", "ordered": true, "items": [
            {"text": "First lane"},
            {"text": "Second lane", "marks": [{"type": "italic", "start": 7, "end": 11}]}
        ]}
    ]);
    let mut story = draft("Bridge open to all");
    story["body"] = body.clone();
    let (status, created) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/articles",
        Some(story),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    assert_eq!(created["body"], body, "[{backend}] marks come back as sent");
    let id = created["id"].as_i64().unwrap();
    let (status, _) = call(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/admin/articles/{id}/status"),
        Some(json!({"status": "published"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] publish");
    let page = app
        .get(&format!("/en/world/{}", created["slug"].as_str().unwrap()))
        .await;
    let page = page.text().await.unwrap();
    assert!(
        page.contains("<p><strong>Мост</strong> <a href=\"https://example.org/most\">открыт</a> для всех.</p>"),
        "[{backend}] {page}"
    );
    assert!(
        page.contains("<ol><li>First lane</li><li>Second <em>lane</em></li></ol>"),
        "[{backend}]"
    );

    for (marks, code) in [
        (
            json!([{"type": "link", "start": 0, "end": 4, "href": "javascript:alert(1)"}]),
            "invalid_link",
        ),
        (
            json!([{"type": "bold", "start": 2, "end": 40}]),
            "invalid_mark_range",
        ),
        (
            json!([
                {"type": "link", "start": 0, "end": 6, "href": "/a"},
                {"type": "link", "start": 3, "end": 8, "href": "/b"}
            ]),
            "overlapping_links",
        ),
    ] {
        let mut story = draft("Refused formatting");
        story["body"] = json!([
            {"type": "quote", "text": "Fine.", "attribution": "someone"},
            {"type": "paragraph", "text": "Short text", "marks": marks}
        ]);
        let (status, refused) = call(
            &app,
            &secret,
            Method::POST,
            "/api/v1/admin/articles",
            Some(story),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{backend}] {code}: {refused}"
        );
        let message = refused["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("block 2"), "[{backend}] {code}: {refused}");
    }
}

/// What the OpenAPI document promises about bodies and moves holds:
/// bodies are objects, a malformed slug in a body is 422 naming the field,
/// a move the workflow does not allow from the current status is 409, and
/// a correction note over its limit is refused whatever the move.
async fn bodies_and_moves_answer_as_documented(app: TestApp) {
    let backend = app.backend();
    let store = app.store();
    let editor = staff(
        store,
        "doc@example.org",
        Role::Editor,
        &[app.newsroom.fixtures.en.id],
    )
    .await;
    let full = token(store, editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let articles = "/api/v1/admin/articles";
    let fields_in_order = json!(["en", "world", "Headline as an array"]);
    let (status, array) = call(&app, &full, Method::POST, articles, Some(fields_in_order)).await;
    assert_eq!(
        (status, array["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_input")),
        "[{backend}] {array}"
    );
    let mut bad_slug = draft("Bad slug");
    bad_slug["slug"] = json!("Not A Slug");
    let (status, refused) = call(&app, &full, Method::POST, articles, Some(bad_slug)).await;
    assert_eq!(
        (status, refused["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("slug")),
        "[{backend}] {refused}"
    );

    let (status, created) = call(&app, &full, Method::POST, articles, Some(draft("Moves"))).await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    let moves = format!("{articles}/{}/status", created["id"]);
    let correct = json!({"status": "corrected", "correction": "A note."});
    let (status, conflict) = call(&app, &full, Method::POST, &moves, Some(correct)).await;
    assert_eq!(
        (status, conflict["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict")),
        "[{backend}] a draft cannot be corrected: {conflict}"
    );
    let long = json!({"status": "in_review", "correction": "x".repeat(1001)});
    let (status, too_long) = call(&app, &full, Method::POST, &moves, Some(long)).await;
    assert_eq!(
        (status, too_long["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("correction")),
        "[{backend}] {too_long}"
    );
    let path = format!("{articles}/{}", created["id"]);
    let (_, unmoved) = call(&app, &full, Method::GET, &path, None).await;
    assert_eq!(unmoved["status"], "draft", "[{backend}] nothing moved");
}

on_both_backends!(
    crate::test_app::TestApp::on;
    each_role_creates_edits_and_publishes_as_far_as_it_may,
    tokens_stay_within_their_scopes_and_stale_writes_change_nothing,
    formatted_text_is_kept_and_bad_marks_are_refused_by_block,
    bodies_and_moves_answer_as_documented,
);
