//! The OpenAPI document keeps the rules an OpenAPI 3.1 validator checks
//! (unique operation ids, path parameters that match their templates,
//! references that resolve), and describes what each API really answers:
//! the Admin API's schemas are its own, not the Content API's namesakes.
//! CI also runs a real validator over `dateline openapi` (`.ci/run`).

use std::collections::{BTreeMap, BTreeSet};

use dateline_domain::Role;
use dateline_web::auth::role_scopes;
use reqwest::Method;
use serde_json::Value;

use crate::api_admin::{call, token};
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// `(path, method, operation)` for every operation in the document.
fn operations(doc: &Value) -> Vec<(&str, &str, &Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if METHODS.contains(&method.as_str()) {
                out.push((path.as_str(), method.as_str(), operation));
            }
        }
    }
    out
}

async fn document() -> Value {
    TestApp::new().await.ok_json("/api/openapi.json").await
}

#[tokio::test]
async fn operation_ids_are_unique() {
    let doc = document().await;
    let mut seen: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (path, method, operation) in operations(&doc) {
        let id = operation["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
        seen.entry(id).or_default().push(format!("{method} {path}"));
    }
    let duplicates: Vec<_> = seen.iter().filter(|(_, uses)| uses.len() > 1).collect();
    assert!(
        duplicates.is_empty(),
        "duplicate operation ids: {duplicates:?}"
    );
}

#[tokio::test]
async fn path_parameters_match_the_path_templates() {
    let doc = document().await;
    let mut wrong = Vec::new();
    for (path, method, operation) in operations(&doc) {
        let in_template: BTreeSet<&str> = path
            .split('/')
            .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        let params = operation["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let declared: BTreeSet<&str> = params
            .iter()
            .filter(|p| p["in"] == "path")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        if in_template != declared {
            wrong.push(format!(
                "{method} {path}: template has {in_template:?}, path parameters are {declared:?}"
            ));
        }
        for param in params.iter().filter(|p| p["in"] == "path") {
            if param["required"] != Value::Bool(true) {
                wrong.push(format!(
                    "{method} {path}: {} is not required",
                    param["name"]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Every `$ref` in the document as a JSON pointer into it.
fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("$ref", Value::String(target)) => out.push(target),
                    _ => refs(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn every_reference_resolves() {
    let doc = document().await;
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    let dangling: BTreeSet<&str> = all
        .into_iter()
        .filter(|target| {
            target
                .strip_prefix('#')
                .and_then(|pointer| doc.pointer(pointer))
                .is_none()
        })
        .collect();
    assert!(dangling.is_empty(), "unresolved: {dangling:?}");
}

/// The schema a GET documents for its 200 answer, references followed
/// (for an array, the schema of its items).
fn ok_schema<'a>(doc: &'a Value, path: &str) -> (&'a Value, Option<&'a str>) {
    let mut schema =
        &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "GET {path} documents no JSON 200");
    if schema["type"] == "array" {
        schema = &schema["items"];
    }
    match schema["$ref"].as_str() {
        Some(target) => {
            let resolved = doc.pointer(target.trim_start_matches('#'));
            (resolved.unwrap_or(&Value::Null), Some(target))
        }
        None => (schema, None),
    }
}

#[tokio::test]
async fn admin_articles_have_their_own_schema() {
    let doc = document().await;
    let (admin, admin_name) = ok_schema(&doc, "/api/v1/admin/articles/{id}");
    let (public, public_name) = ok_schema(&doc, "/api/v1/editions/{edition}/articles/{slug}");
    assert_ne!(
        admin_name, public_name,
        "one schema for both APIs' articles"
    );
    // Only the newsroom's article carries the version a change must send.
    assert!(admin["properties"]["version"].is_object(), "{admin}");
    assert!(public["properties"]["version"].is_null(), "{public}");
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

/// The top-level fields of real answers are exactly the fields their
/// documented schema lists, for every GET of both APIs.
#[tokio::test]
async fn answers_have_the_documented_fields() {
    let app = TestApp::new().await;
    let doc = app.ok_json("/api/openapi.json").await;
    let admin = staff(app.store(), "openapi@example.org", Role::Admin, &[]).await;
    let secret = token(app.store(), admin.id(), role_scopes(Role::Admin), None)
        .await
        .1;
    let nr = &app.newsroom;
    let article = nr.bridge.id.to_string();
    let picture = nr.world_picture.id.to_string();
    let user = admin.id().to_string();
    let gets: [(&str, &[(&str, &str)]); 19] = [
        ("/api/v1/editions", &[]),
        ("/api/v1/editions/{edition}", &[("edition", "en")]),
        ("/api/v1/editions/{edition}/sections", &[("edition", "en")]),
        (
            "/api/v1/editions/{edition}/sections/{section}",
            &[("edition", "en"), ("section", "world")],
        ),
        ("/api/v1/editions/{edition}/articles", &[("edition", "en")]),
        (
            "/api/v1/editions/{edition}/articles/{slug}",
            &[("edition", "en"), ("slug", "bridge-reopens")],
        ),
        ("/api/v1/media", &[]),
        ("/api/v1/media/{id}", &[("id", &picture)]),
        ("/api/v1/admin/users", &[]),
        ("/api/v1/admin/users/{id}", &[("id", &user)]),
        ("/api/v1/admin/tokens", &[]),
        ("/api/v1/admin/audit", &[]),
        ("/api/v1/admin/media", &[]),
        ("/api/v1/admin/media/{id}", &[("id", &picture)]),
        ("/api/v1/admin/articles", &[]),
        ("/api/v1/admin/articles/{id}", &[("id", &article)]),
        ("/api/v1/admin/articles/{id}/revisions", &[("id", &article)]),
        ("/api/v1/search", &[]),
        ("/api/v1/admin/search", &[]),
    ];
    for (template, values) in gets {
        let mut path = template.to_owned();
        for (name, value) in values {
            path = path.replace(&format!("{{{name}}}"), value);
        }
        if path.ends_with("/search") {
            path.push_str("?q=bridge");
        }
        let body = if path.starts_with("/api/v1/admin/") {
            let (status, body) = call(&app, &secret, Method::GET, &path, None).await;
            assert_eq!(status, 200, "GET {path}: {body}");
            body
        } else {
            app.ok_json(&path).await
        };
        let body = match &body {
            Value::Array(items) => items.first().unwrap_or_else(|| panic!("{path}: empty")),
            other => other,
        };
        let (schema, name) = ok_schema(&doc, template);
        assert_eq!(
            keys(body),
            keys(&schema["properties"]),
            "GET {path} answers other fields than its schema {name:?} lists"
        );
    }
}
