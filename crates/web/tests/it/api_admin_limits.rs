//! Arrays without a sensible bound are refused at the edge with the field
//! named, before any SQL runs: 20,000 tags or 40,000 bylines on a story are
//! a 422, not a 500 from the database's variable limit.

use dateline_domain::{Role, ARTICLE_MAX_AUTHORS, ARTICLE_MAX_TAGS};
use dateline_web::auth::role_scopes;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::api_admin::{call, token};
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

fn draft(tags: Vec<String>, author_ids: Vec<i64>) -> Value {
    json!({
        "edition": "en", "section": "world", "headline": "Many names", "lead": "A lead.",
        "body": [{"type": "paragraph", "text": "Text."}],
        "tags": tags, "author_ids": author_ids
    })
}

async fn too_many_tags_or_authors_are_refused_with_the_field(app: TestApp) {
    let backend = app.backend();
    let fx = &app.newsroom.fixtures;
    let editor = staff(app.store(), "many@example.org", Role::Editor, &[fx.en.id]).await;
    let secret = token(app.store(), editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let tags: Vec<String> = (0..20_000).map(|n| format!("tag {n}")).collect();
    let authors: Vec<i64> = (1..=40_000).collect();
    for (body, field) in [
        (draft(tags.clone(), vec![]), "tags"),
        (draft(vec![], authors.clone()), "author_ids"),
    ] {
        let (status, answer) = call(
            &app,
            &secret,
            Method::POST,
            "/api/v1/admin/articles",
            Some(body),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{backend}] {answer}"
        );
        assert_eq!(answer["error"]["field"], field, "[{backend}] {answer}");
    }

    // At the limits a story saves, and a patch over them is refused.
    let at_limit = draft(tags[..ARTICLE_MAX_TAGS].to_vec(), vec![fx.author.id; 1]);
    let (status, created) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/articles",
        Some(at_limit),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    assert_eq!(created["tags"].as_array().unwrap().len(), ARTICLE_MAX_TAGS);
    let path = format!("/api/v1/admin/articles/{}", created["id"]);
    let too_many: Vec<i64> = (1..=ARTICLE_MAX_AUTHORS as i64 + 1).collect();
    let patch = json!({"version": created["version"], "author_ids": too_many});
    let (status, answer) = call(&app, &secret, Method::PATCH, &path, Some(patch)).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}] {answer}"
    );
    assert_eq!(
        answer["error"]["field"], "author_ids",
        "[{backend}] {answer}"
    );
}

/// A JSON body over the request limit is 413 and a form sent where JSON is
/// expected 415, each as a JSON error with its code; nothing is stored.
async fn oversized_and_non_json_bodies_get_413_and_415(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    let editor = staff(app.store(), "bodies@example.org", Role::Editor, &[fx.en.id]).await;
    let secret = token(app.store(), editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let client = reqwest::Client::new();
    let huge = draft(vec![], vec![])
        .to_string()
        .replace("A lead.", &"x".repeat(3 * 1024 * 1024));
    let too_large = client
        .post(app.url("/api/v1/admin/articles"))
        .bearer_auth(&secret)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = too_large.json().await.unwrap();
    assert_eq!(body["error"]["code"], "payload_too_large", "{body}");

    let form = client
        .post(app.url("/api/v1/admin/articles"))
        .bearer_auth(&secret)
        .form(&[("edition", "en"), ("headline", "A form")])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let body: Value = form.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unsupported_media_type", "{body}");
    let (_, listed) = call(
        &app,
        &secret,
        Method::GET,
        "/api/v1/admin/articles?q=form",
        None,
    )
    .await;
    assert_eq!(
        listed["items"].as_array().map(Vec::len),
        Some(0),
        "{listed}"
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    too_many_tags_or_authors_are_refused_with_the_field,
    oversized_and_non_json_bodies_get_413_and_415,
);
