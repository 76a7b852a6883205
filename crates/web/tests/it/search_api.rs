//! Search in the Content API (published only) and the Admin API (every
//! status, within what the token's owner may read), on both backends:
//! answers, facets, paging, and the error codes of bad searches.

use dateline_domain::{NewArticle, Role};
use dateline_web::auth::{role_scopes, Scope, Scopes};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::api_admin::{call, token};
use crate::newsroom::NOW;
use crate::newsroom_auth::staff;
use crate::search::{form_escape, picture, publish, story};
use crate::test_app::TestApp;

fn urls(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| {
            let url = if hit["kind"] == "picture" {
                &hit["media"]["page_url"]
            } else {
                &hit["article"]["url"]
            };
            url.as_str().unwrap().to_owned()
        })
        .collect()
}

async fn content_api_finds_published_articles_and_pictures(app: TestApp) {
    story(
        &app,
        "polls",
        "Polls close",
        "The elections were calm across the country.",
    )
    .await;
    publish(
        &app,
        NewArticle {
            headline: "Elections draft".into(),
            ..app.newsroom.fixtures.draft("elections-draft")
        },
    )
    .await;
    let shown = picture(&app, 61, "Queue at the elections", true).await;
    app.sync_search().await;
    let page = app.ok_json("/api/v1/search?q=election&edition=en").await;
    assert_eq!(page["total"], 2, "[{}] {page}", app.backend());
    let mut found = urls(&page);
    found.sort();
    assert_eq!(
        found,
        [
            format!("https://news.example/en/mediabank/{}", shown.id),
            "https://news.example/en/world/polls".to_owned(),
        ],
        "the draft is never found"
    );
    let article = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "article")
        .unwrap();
    assert_eq!(article["article"]["headline"], "Polls close");
    assert_eq!(article["article"]["section"]["slug"], "world");
    assert!(article["snippet"]
        .as_str()
        .unwrap()
        .contains("<mark>elections</mark>"));
    assert_eq!(page["next_cursor"], Value::Null);
    let kinds = &page["facets"]["kinds"];
    assert_eq!(kinds.as_array().unwrap().len(), 2, "{kinds}");
    assert_eq!(page["facets"]["sections"][0]["value"], "world");
    // Narrowed by kind; the answer may be cached for a minute.
    let response = app.get("/api/v1/search?q=election&kind=picture").await;
    assert_eq!(response.headers()["cache-control"], "public, max-age=60");
    let only: Value = response.json().await.unwrap();
    assert_eq!(only["total"], 1);
    assert_eq!(only["items"][0]["media"]["id"], shown.id);
    // Russian stemming across the API too.
    let fx = &app.newsroom.fixtures;
    publish(
        &app,
        NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            headline: "Итоги".into(),
            body: vec![dateline_domain::BodyBlock::paragraph(
                "Наблюдатели на выборах.",
            )],
            lead_media_id: None,
            ..fx.article("itogi", NOW)
        },
    )
    .await;
    app.sync_search().await;
    let ru = app
        .ok_json(&format!(
            "/api/v1/search?edition=ru&q={}",
            form_escape("выборы")
        ))
        .await;
    assert_eq!(urls(&ru), ["https://news.example/ru/world/itogi"]);
}

async fn content_api_pages_with_its_cursor(app: TestApp) {
    for i in 0..7 {
        story(
            &app,
            &format!("kite-{i}"),
            &format!("Kite festival {i}"),
            "Kites.",
        )
        .await;
    }
    app.sync_search().await;
    let mut path = "/api/v1/search?q=kite&limit=3&order=newest".to_owned();
    let mut seen = Vec::new();
    loop {
        let page = app.ok_json(&path).await;
        assert_eq!(page["total"], 7);
        seen.extend(urls(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                let pattern = regex_lite(cursor);
                assert!(pattern, "{cursor} does not match the documented pattern");
                path = format!("/api/v1/search?q=kite&limit=3&order=newest&cursor={cursor}");
            }
            None => break,
        }
    }
    let count = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!((count, seen.len()), (7, 7), "[{}]", app.backend());
}

/// `^[bc][g-v][A-Za-z0-9_-]{20}[AEIMQUYcgkosw048]$`, by hand.
fn regex_lite(cursor: &str) -> bool {
    let b = cursor.as_bytes();
    let body = |c: &u8| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_';
    b.len() == 23
        && matches!(b[0], b'b' | b'c')
        && (b'g'..=b'v').contains(&b[1])
        && b[2..22].iter().all(body)
        && b"AEIMQUYcgkosw048".contains(&b[22])
}

async fn bad_searches_have_stable_codes(app: TestApp) {
    let long = "a".repeat(1025);
    let cases = [
        ("/api/v1/search".to_owned(), 400, "query_empty"),
        ("/api/v1/search?q=".to_owned(), 400, "query_empty"),
        (format!("/api/v1/search?q={long}"), 400, "query_too_long"),
        (
            "/api/v1/search?q=%22%22%22".to_owned(),
            400,
            "query_no_words",
        ),
        ("/api/v1/search?q=-only".to_owned(), 400, "query_no_words"),
        (
            "/api/v1/search?q=x&cursor=nope".to_owned(),
            400,
            "invalid_cursor",
        ),
        (
            "/api/v1/search?q=x&limit=0".to_owned(),
            400,
            "invalid_limit",
        ),
        (
            "/api/v1/search?q=x&kind=video".to_owned(),
            400,
            "invalid_query",
        ),
        (
            "/api/v1/search?q=x&section=world".to_owned(),
            400,
            "invalid_query",
        ),
        (
            "/api/v1/search?q=x&from=2024-02-01&until=2024-01-01".to_owned(),
            400,
            "invalid_query",
        ),
        (
            "/api/v1/search?q=x&edition=xx".to_owned(),
            404,
            "unknown_edition",
        ),
        (
            "/api/v1/search?q=x&edition=en&section=nope".to_owned(),
            404,
            "unknown_section",
        ),
        (
            "/api/v1/search?q=x&edition=en&tag=nope".to_owned(),
            404,
            "unknown_tag",
        ),
        (
            "/api/v1/search?q=x&author=nope".to_owned(),
            404,
            "unknown_author",
        ),
    ];
    for (path, status, code) in cases {
        let body = app.assert_error(&path, status, code).await;
        if code.starts_with("query_") {
            assert_eq!(body["error"]["field"], "q", "{body}");
        }
    }
    // Markup and SQL are only words.
    for typed in [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "AND OR",
        "\u{1}x",
    ] {
        let page = app
            .ok_json(&format!("/api/v1/search?q={}", form_escape(typed)))
            .await;
        assert!(page["items"].is_array(), "{typed:?}: {page}");
    }
}

async fn admin_search_sees_what_the_owner_may_read(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    let store = app.store();
    let editor = staff(store, "ed@example.org", Role::Editor, &[fx.en.id]).await;
    let ru_editor = staff(store, "ru@example.org", Role::Editor, &[fx.ru.id]).await;
    let owner = staff(store, "owner@example.org", Role::Contributor, &[]).await;
    let other = staff(store, "other@example.org", Role::Contributor, &[]).await;
    let draft = store
        .create_article_by(
            &NewArticle {
                headline: "Clandestine plan".into(),
                ..fx.draft("clandestine")
            },
            Some(owner.id()),
            None,
        )
        .await
        .unwrap();
    story(
        &app,
        "clandestine-public",
        "Clandestine meeting reported",
        "Public.",
    )
    .await;
    app.sync_search().await;
    let found = |page: &Value| -> Vec<String> {
        let mut slugs: Vec<String> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["article"]["slug"].as_str().unwrap().to_owned())
            .collect();
        slugs.sort();
        slugs
    };
    for (account, expected) in [
        (&editor, vec!["clandestine", "clandestine-public"]),
        (&owner, vec!["clandestine", "clandestine-public"]),
        (&other, vec!["clandestine-public"]),
        (&ru_editor, vec![]),
    ] {
        let (_, secret) = token(store, account.id(), role_scopes(account.role()), None).await;
        let (status, page) = call(
            &app,
            &secret,
            Method::GET,
            "/api/v1/admin/search?q=clandestine",
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "[{}] {page}", app.backend());
        assert_eq!(found(&page), expected, "{}", account.role());
    }
    let (_, secret) = token(store, editor.id(), role_scopes(Role::Editor), None).await;
    let (_, page) = call(
        &app,
        &secret,
        Method::GET,
        "/api/v1/admin/search?q=clandestine&status=draft",
        None,
    )
    .await;
    assert_eq!(found(&page), ["clandestine"]);
    assert_eq!(page["items"][0]["article"]["status"], "draft");
    assert_eq!(page["items"][0]["article"]["id"], draft.id);
    let (status, body) = call(
        &app,
        &secret,
        Method::GET,
        "/api/v1/admin/search?q=%22%22",
        None,
    )
    .await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (400, Some("query_no_words"))
    );
    // Without the articles:read scope.
    let scopes = Scopes::of(&[Scope::MediaRead]);
    let (_, narrow) = token(store, editor.id(), scopes, None).await;
    let (status, body) = call(
        &app,
        &narrow,
        Method::GET,
        "/api/v1/admin/search?q=clandestine",
        None,
    )
    .await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (403, Some("forbidden"))
    );
    let (status, _) = call(
        &app,
        "dl_nope",
        Method::GET,
        "/api/v1/admin/search?q=x",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

on_both_backends!(crate::test_app::TestApp::on;
    content_api_finds_published_articles_and_pictures,
    content_api_pages_with_its_cursor,
    bad_searches_have_stable_codes,
    admin_search_sees_what_the_owner_may_read,
);
