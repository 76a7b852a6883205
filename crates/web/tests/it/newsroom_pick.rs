//! The related-story picker (`/newsroom/articles/search`): it needs the
//! `articles:read` scope, and finds only what the caller may read.

use dateline_domain::Role;
use dateline_store::testing::Fixtures;
use dateline_web::auth::{role_scopes, Scope, Scopes};
use reqwest::StatusCode;
use serde_json::Value;

use crate::api_admin::token;
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

async fn pick(app: &TestApp, secret: &str, q: &str) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .get(app.url(&format!("/newsroom/articles/search?q={q}")))
        .bearer_auth(secret)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn headlines(found: &Value) -> Vec<String> {
    let mut out: Vec<String> = found
        .as_array()
        .unwrap_or_else(|| panic!("a list: {found}"))
        .iter()
        .map(|row| row["headline"].as_str().unwrap().to_owned())
        .collect();
    out.sort();
    out
}

async fn the_picker_needs_the_read_scope_and_shows_what_the_caller_may_read(
    app: crate::test_app::TestApp,
) {
    let backend = app.backend();
    let store = app.store();
    let fx = &app.newsroom.fixtures;
    store
        .create_article(&fx.article("quokka-holds", Fixtures::NOW))
        .await
        .unwrap();
    store
        .create_article(&fx.draft("quokka-plans"))
        .await
        .unwrap();
    let editor = staff(store, "desk@example.org", Role::Editor, &[fx.en.id]).await;
    let contributor = staff(store, "new@example.org", Role::Contributor, &[fx.en.id]).await;

    let media_only = token(store, editor.id(), Scopes::of(&[Scope::MediaRead]), None)
        .await
        .1;
    let (status, body) = pick(&app, &media_only, "quokka").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "[{backend}] {body}");

    let editors = token(store, editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let (status, found) = pick(&app, &editors, "QUOKKA").await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {found}");
    assert_eq!(
        headlines(&found),
        ["Headline of quokka-holds", "Headline of quokka-plans"],
        "[{backend}] an editor finds drafts of the edition too"
    );

    let contributors = token(
        store,
        contributor.id(),
        role_scopes(Role::Contributor),
        None,
    )
    .await
    .1;
    let (status, found) = pick(&app, &contributors, "quokka").await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {found}");
    assert_eq!(
        headlines(&found),
        ["Headline of quokka-holds"],
        "[{backend}] a contributor finds published stories only"
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    the_picker_needs_the_read_scope_and_shows_what_the_caller_may_read,
);
