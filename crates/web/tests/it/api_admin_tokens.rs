//! Tokens that make tokens, on both backends: only with `tokens:manage`;
//! a child never outlives its parent; revoking a token revokes every token
//! made from it (their requests answer 401); a token revokes only itself
//! and its descendants unless it holds `tokens:manage`.

use dateline_domain::Role;
use dateline_store::AuditQuery;
use dateline_web::auth::{now, Scope, Scopes, MAX_TOKEN_DAYS};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::api_admin::{call, token};
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

const DAY: i64 = 86_400;

fn scopes(list: &[Scope]) -> Scopes {
    Scopes::of(list)
}

/// Makes a token through the API with `caller`; returns the answer.
async fn make(app: &TestApp, caller: &str, body: Value) -> (StatusCode, Value) {
    call(
        app,
        caller,
        Method::POST,
        "/api/v1/admin/tokens",
        Some(body),
    )
    .await
}

async fn a_token_needs_the_manage_scope_to_make_tokens(app: TestApp) {
    let editor = staff(app.store(), "e@example.org", Role::Editor, &[]).await;
    let (_, plain) = token(
        app.store(),
        editor.id(),
        scopes(&[Scope::ArticlesRead]),
        None,
    )
    .await;
    let (status, body) = make(
        &app,
        &plain,
        json!({"name": "x", "scopes": ["articles:read"]}),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden")),
        "[{}] {body}",
        app.backend()
    );
    assert_eq!(
        body["error"]["message"],
        "this API token lacks the tokens:manage scope"
    );
    let (status, _) = call(&app, &plain, Method::GET, "/api/v1/admin/tokens", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "listing needs it too");

    let manager_scopes = scopes(&[Scope::ArticlesRead, Scope::TokensManage]);
    let (manager_id, manager) = token(app.store(), editor.id(), manager_scopes, None).await;
    let (status, child) = make(
        &app,
        &manager,
        json!({"name": "c", "scopes": ["articles:read"]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{}] {child}", app.backend());
    assert_eq!(child["parent_id"], manager_id);
    // Never wider than the parent, even within the owner's role.
    let (status, _) = make(
        &app,
        &manager,
        json!({"name": "w", "scopes": ["articles:write"]}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, list) = call(&app, &manager, Method::GET, "/api/v1/admin/tokens", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["items"].as_array().unwrap().len(), 3, "{list}");
}

async fn a_childs_expiry_is_capped_at_its_parents(app: TestApp) {
    let author = staff(app.store(), "a@example.org", Role::Author, &[]).await;
    let manage = scopes(&[Scope::ArticlesRead, Scope::TokensManage]);
    let parent_expiry = now() + 2 * DAY;
    let (_, brief) = token(app.store(), author.id(), manage, Some(parent_expiry)).await;
    for asked in [json!(30), Value::Null] {
        let (status, child) = make(
            &app,
            &brief,
            json!({"name": "c", "scopes": ["articles:read"], "expires_in_days": asked}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "[{}] {child}", app.backend());
        assert_eq!(child["expires_at"], parent_expiry, "asked {asked}: {child}");
    }
    let (_, child) = make(
        &app,
        &brief,
        json!({"name": "c", "scopes": ["articles:read"], "expires_in_days": 1}),
    )
    .await;
    let one_day = child["expires_at"].as_i64().unwrap();
    assert!(one_day < parent_expiry, "a sooner expiry stands: {child}");
    // A parent that never expires still makes children that do.
    let before = now();
    let (_, forever) = token(app.store(), author.id(), manage, None).await;
    let (_, child) = make(
        &app,
        &forever,
        json!({"name": "c", "scopes": ["articles:read"]}),
    )
    .await;
    let expires = child["expires_at"]
        .as_i64()
        .expect("a child always expires");
    assert!(
        (before + MAX_TOKEN_DAYS * DAY..=now() + MAX_TOKEN_DAYS * DAY).contains(&expires),
        "{child}"
    );
}

async fn revoking_a_parent_revokes_its_descendants(app: TestApp) {
    let editor = staff(app.store(), "e@example.org", Role::Editor, &[]).await;
    let manage = scopes(&[Scope::ArticlesRead, Scope::TokensManage]);
    let (root_id, root) = token(app.store(), editor.id(), manage, None).await;
    let both = json!({"name": "c", "scopes": ["articles:read", "tokens:manage"]});
    let (_, child) = make(&app, &root, both.clone()).await;
    let child_secret = child["secret"].as_str().unwrap().to_owned();
    let (_, grandchild) = make(&app, &child_secret, both).await;
    assert_eq!(grandchild["parent_id"], child["id"]);
    let grandchild_secret = grandchild["secret"].as_str().unwrap().to_owned();
    for secret in [&child_secret, &grandchild_secret] {
        let (status, _) = call(&app, secret, Method::GET, "/api/v1/admin/tokens", None).await;
        assert_eq!(status, StatusCode::OK);
    }
    // The root revokes itself: the whole line goes with it.
    let (status, body) = call(
        &app,
        &root,
        Method::DELETE,
        &format!("/api/v1/admin/tokens/{root_id}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{}] {body}", app.backend());
    for secret in [&root, &child_secret, &grandchild_secret] {
        let (status, body) = call(&app, secret, Method::GET, "/api/v1/admin/tokens", None).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated")),
            "[{}]",
            app.backend()
        );
    }
    let log = app
        .store()
        .audit_log(&AuditQuery {
            item_type: Some("token".into()),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let revocations: Vec<(Option<i64>, &Value)> = log
        .items
        .iter()
        .filter(|e| e.action == "token.revoke")
        .map(|e| (e.item_id, &e.details))
        .collect();
    assert_eq!(revocations.len(), 3, "one entry per token: {revocations:?}");
    assert!(revocations
        .iter()
        .any(|(id, details)| *id == child["id"].as_i64() && details["revoked_with"] == root_id));
}

async fn a_token_cannot_revoke_a_sibling(app: TestApp) {
    let editor = staff(app.store(), "e@example.org", Role::Editor, &[]).await;
    let read = scopes(&[Scope::ArticlesRead]);
    let (_, first) = token(app.store(), editor.id(), read, None).await;
    let (second_id, second) = token(app.store(), editor.id(), read, None).await;
    let revoke = |id: i64| format!("/api/v1/admin/tokens/{id}");
    let (status, body) = call(&app, &first, Method::DELETE, &revoke(second_id), None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden")),
        "[{}] {body}",
        app.backend()
    );
    let (status, _) = call(&app, &second, Method::GET, "/api/v1/admin/articles", None).await;
    assert_ne!(status, StatusCode::UNAUTHORIZED, "the sibling still works");
    // Children of one parent are siblings too; the parent may revoke them.
    let manage = scopes(&[Scope::ArticlesRead, Scope::TokensManage]);
    let (_, parent) = token(app.store(), editor.id(), manage, None).await;
    let plain = json!({"name": "c", "scopes": ["articles:read"]});
    let (_, a) = make(&app, &parent, plain.clone()).await;
    let (_, b) = make(&app, &parent, plain).await;
    let a_secret = a["secret"].as_str().unwrap();
    let b_id = b["id"].as_i64().unwrap();
    let (status, _) = call(&app, a_secret, Method::DELETE, &revoke(b_id), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(&app, &parent, Method::DELETE, &revoke(b_id), None).await;
    assert_eq!(status, StatusCode::OK);
    // Any token may revoke itself.
    let a_id = a["id"].as_i64().unwrap();
    let (status, _) = call(&app, a_secret, Method::DELETE, &revoke(a_id), None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&app, &first, Method::DELETE, &revoke(second_id), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "still not the sibling");
}

on_both_backends!(
    crate::test_app::TestApp::on;
    a_token_needs_the_manage_scope_to_make_tokens,
    a_childs_expiry_is_capped_at_its_parents,
    revoking_a_parent_revokes_its_descendants,
    a_token_cannot_revoke_a_sibling,
);
