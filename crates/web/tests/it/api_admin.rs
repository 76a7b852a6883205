//! The Admin API on both backends: each role against each endpoint, token
//! scopes below the owner's role, revoked and expired tokens, CSRF for
//! cookie-authenticated calls, audit entries, nothing half-saved.

use dateline_domain::Role;
use dateline_store::{AuditQuery, NewApiToken, NewAudit, Store};
use dateline_web::auth::{hash_secret, new_api_token, role_scopes, Scopes};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::test_app::TestApp;

/// A bearer token for `user_id` with `scopes`, expiring at `expires_at`.
pub async fn token(
    store: &Store,
    user_id: i64,
    scopes: Scopes,
    expires_at: Option<i64>,
) -> (i64, String) {
    let secret = new_api_token();
    let new = NewApiToken {
        user_id,
        parent_id: None,
        name: "test".into(),
        prefix: secret.chars().take(10).collect(),
        token_hash: hash_secret(&secret),
        scopes: scopes.names().into_iter().map(str::to_owned).collect(),
        created_at: dateline_web::auth::now(),
        expires_at,
    };
    let created = store
        .create_api_token(&new, &NewAudit::new("token.create", "token", None, 0))
        .await
        .unwrap();
    (created.id, secret)
}

pub async fn call(
    app: &TestApp,
    secret: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = reqwest::Client::new()
        .request(method, app.url(path))
        .bearer_auth(secret);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Every role, each with a token carrying all of its role's scopes, against
/// every Admin API endpoint: 2xx exactly where the rules allow.
async fn each_role_gets_exactly_its_rights(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    let store = app.store();
    let roles = [Role::Contributor, Role::Author, Role::Editor, Role::Admin];
    let target = staff(store, "target@example.org", Role::Author, &[]).await;
    let mut tokens = Vec::new();
    for role in roles {
        let account = staff(store, &format!("{role}@example.org"), role, &[fx.en.id]).await;
        tokens.push(token(store, account.id(), role_scopes(role), None).await.1);
    }
    // (method, path, body, allowed for [contributor, author, editor, admin])
    let user_path = format!("/api/v1/admin/users/{}", target.id());
    let cases: Vec<(Method, String, Option<Value>, [bool; 4])> = vec![
        (
            Method::GET,
            "/api/v1/admin/users".into(),
            None,
            [false, false, false, true],
        ),
        (
            Method::GET,
            user_path.clone(),
            None,
            [false, false, false, true],
        ),
        (
            Method::POST,
            "/api/v1/admin/users".into(),
            Some(
                json!({"email": "{n}@example.org", "role": "author", "password": "long enough pw"}),
            ),
            [false, false, false, true],
        ),
        (
            Method::PATCH,
            user_path.clone(),
            Some(json!({"display_name": "Renamed"})),
            [false, false, false, true],
        ),
        (
            Method::PATCH,
            user_path,
            Some(json!({"disabled": true})),
            [false, false, false, true],
        ),
        (
            Method::POST,
            "/api/v1/admin/editions/en/sections".into(),
            Some(json!({"slug": "s{n}", "title": "New"})),
            [false, false, true, true],
        ),
        (
            Method::POST,
            "/api/v1/admin/editions/ru/sections".into(),
            Some(json!({"slug": "s{n}", "title": "Новый"})),
            [false, false, false, true],
        ),
        (
            Method::PATCH,
            "/api/v1/admin/editions/en/sections/world".into(),
            Some(json!({"description": "d{n}"})),
            [false, false, true, true],
        ),
        (
            Method::GET,
            "/api/v1/admin/audit".into(),
            None,
            [false, false, false, true],
        ),
        (
            Method::GET,
            "/api/v1/admin/settings".into(),
            None,
            [false, false, false, true],
        ),
        (
            Method::PUT,
            "/api/v1/admin/settings".into(),
            Some(json!({"site_name": "Site {n}"})),
            [false, false, false, true],
        ),
        (
            Method::GET,
            "/api/v1/admin/tokens".into(),
            None,
            [true, true, true, true],
        ),
        (
            Method::POST,
            "/api/v1/admin/tokens".into(),
            Some(json!({"name": "n{n}", "scopes": ["articles:read"]})),
            [true, true, true, true],
        ),
    ];
    let mut n = 0;
    for (method, path, body, allowed) in &cases {
        for ((role, secret), want) in roles.iter().zip(&tokens).zip(allowed) {
            n += 1;
            let body = body.as_ref().map(|b| {
                serde_json::from_str(&b.to_string().replace("{n}", &n.to_string())).unwrap()
            });
            let (status, answer) = call(&app, secret, method.clone(), path, body).await;
            if *want {
                assert!(
                    status.is_success(),
                    "[{}] {role} {method} {path}: {status} {answer}",
                    app.backend()
                );
            } else {
                assert_eq!(
                    (status, answer["error"]["code"].as_str()),
                    (StatusCode::FORBIDDEN, Some("forbidden")),
                    "[{}] {role} {method} {path}",
                    app.backend()
                );
            }
        }
    }
    assert!(
        store
            .account_by_id(target.id())
            .await
            .unwrap()
            .unwrap()
            .disabled,
        "the admin's DELETE disabled it"
    );
}

async fn a_token_never_exceeds_its_scopes_or_its_owner(app: TestApp) {
    let admin = staff(app.store(), "boss@example.org", Role::Admin, &[]).await;
    let (_, read_only) = token(
        app.store(),
        admin.id(),
        Scopes::of(&[dateline_web::auth::Scope::ArticlesRead]),
        None,
    )
    .await;
    let (status, body) = call(&app, &read_only, Method::GET, "/api/v1/admin/users", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["error"]["message"],
        "this API token lacks the users:admin scope"
    );
    let (status, _) = call(
        &app,
        &read_only,
        Method::POST,
        "/api/v1/admin/tokens",
        Some(json!({"name": "x", "scopes": ["users:admin"]})),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a token cannot mint a wider one"
    );

    // An author's token listing admin scopes still gets only author rights.
    let author = staff(app.store(), "a@example.org", Role::Author, &[]).await;
    let (_, wide) = token(app.store(), author.id(), Scopes::all(), None).await;
    let (status, _) = call(&app, &wide, Method::GET, "/api/v1/admin/audit", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Disabling the owner stops its tokens.
    let (_, boss) = token(app.store(), admin.id(), Scopes::all(), None).await;
    let (status, _) = call(
        &app,
        &boss,
        Method::PATCH,
        &format!("/api/v1/admin/users/{}", author.id()),
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&app, &wide, Method::GET, "/api/v1/admin/tokens", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = call(
        &app,
        &boss,
        Method::PATCH,
        &format!("/api/v1/admin/users/{}", admin.id()),
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_input")),
        "no self-disabling"
    );
}

async fn revoked_expired_and_missing_tokens_are_refused(app: TestApp) {
    let me = staff(app.store(), "x@example.org", Role::Admin, &[]).await;
    let now = dateline_web::auth::now();
    let (_, expired) = token(app.store(), me.id(), Scopes::all(), Some(now - 1)).await;
    let (id, revoked) = token(app.store(), me.id(), Scopes::all(), None).await;
    let (_, live) = token(app.store(), me.id(), Scopes::all(), None).await;
    let (status, body) = call(
        &app,
        &live,
        Method::DELETE,
        &format!("/api/v1/admin/tokens/{id}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["revoked_at"].is_i64());
    for secret in [expired.as_str(), revoked.as_str(), "dl_made_up", ""] {
        let (status, body) = call(&app, secret, Method::GET, "/api/v1/admin/users", None).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated")),
            "{secret:?}"
        );
    }
    let response = reqwest::get(app.url("/api/v1/admin/users")).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
}

async fn writes_are_audited_and_never_half_saved(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    let editor = staff(app.store(), "ed@example.org", Role::Editor, &[fx.en.id]).await;
    let (token_id, secret) = token(app.store(), editor.id(), role_scopes(Role::Editor), None).await;
    let (status, body) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions/en/sections",
        Some(json!({"slug": "sport", "title": "Sport"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        (body["slug"].as_str(), body["edition"].as_str()),
        (Some("sport"), Some("en"))
    );
    let (status, body) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions/en/sections",
        Some(json!({"slug": "sport", "title": "Again"})),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("duplicate"))
    );
    let (status, _) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions/en/sections",
        Some(json!({"slug": "tag", "title": "Reserved"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let query = AuditQuery {
        item_type: Some("section".into()),
        limit: 10,
        ..AuditQuery::default()
    };
    let log = app.store().audit_log(&query).await.unwrap();
    assert_eq!(log.items.len(), 1, "refused writes leave no entry");
    let entry = &log.items[0];
    assert_eq!(
        (
            entry.action.as_str(),
            entry.actor_user_id,
            entry.actor_token_id
        ),
        ("section.create", Some(editor.id()), Some(token_id))
    );

    let admin = staff(app.store(), "ad@example.org", Role::Admin, &[]).await;
    let (_, admin_secret) = token(app.store(), admin.id(), role_scopes(Role::Admin), None).await;
    let (status, _) = call(&app, &admin_secret, Method::POST, "/api/v1/admin/users", Some(json!({"email": "n@example.org", "role": "editor", "password": "long enough pw", "editions": [9999]}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app
        .store()
        .account_by_email(&"n@example.org".parse().unwrap())
        .await
        .unwrap()
        .is_none());
    let (status, body) = call(
        &app,
        &admin_secret,
        Method::GET,
        "/api/v1/admin/audit?item_type=section&limit=5",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["items"][0]["action"], "section.create");
    assert_eq!(
        body["items"][0]["actor_name"],
        format!("editor ed@example.org")
    );
    let (status, body) = call(
        &app,
        &admin_secret,
        Method::GET,
        "/api/v1/admin/audit?limit=0",
        None,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_limit"))
    );
}

async fn session_json_calls_need_the_csrf_header(app: TestApp) {
    staff(app.store(), "s@example.org", Role::Admin, &[]).await;
    let mut browser = Browser::of(&app);
    browser.login("s@example.org", PASSWORD).await;
    let body = json!({"email": "c@example.org", "role": "author", "password": "long enough pw"});
    let r = browser
        .request(Method::POST, "/api/v1/admin/users")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "csrf_failed"
    );
    assert!(app
        .store()
        .account_by_email(&"c@example.org".parse().unwrap())
        .await
        .unwrap()
        .is_none());
    let token = browser.csrf().await;
    let r = browser
        .request(Method::POST, "/api/v1/admin/users")
        .header("x-csrf-token", token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = browser
        .request(Method::GET, "/api/v1/admin/users")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "reads need no token");
}

#[tokio::test]
async fn the_openapi_document_describes_the_admin_api() {
    let app = TestApp::new().await;
    let doc = app.ok_json("/api/openapi.json").await;
    for path in [
        "/api/v1/admin/users",
        "/api/v1/admin/users/{id}",
        "/api/v1/admin/editions/{edition}/sections",
        "/api/v1/admin/tokens",
        "/api/v1/admin/audit",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert_eq!(
        doc["paths"]["/api/v1/admin/users"]["get"]["security"][0]["bearer"],
        json!([])
    );
    assert!(
        doc["paths"]["/api/v1/editions"]["get"]["security"].is_null(),
        "the Content API stays public"
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    each_role_gets_exactly_its_rights,
    a_token_never_exceeds_its_scopes_or_its_owner,
    revoked_expired_and_missing_tokens_are_refused,
    writes_are_audited_and_never_half_saved,
    session_json_calls_need_the_csrf_header,
);
