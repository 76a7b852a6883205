//! Front-page curation on both backends: what editors arrange leads the
//! reader's front page (hidden stories skipped, nothing twice), saving
//! drops the cached page at once, refusals keep what was typed and change
//! nothing, only editors of the edition and admins arrange, and the Admin
//! API reads and replaces the same arrangement.

use dateline_domain::{ArticleStatus, Role};
use dateline_web::auth::role_scopes;
use reqwest::{Method, StatusCode};
use scraper::{Html, Selector};
use serde_json::json;

use crate::api_admin::{call, token};
use crate::newsroom::NOW;
use crate::newsroom_articles::signed_in;
use crate::newsroom_auth::{hidden, staff, Browser};
use crate::test_app::TestApp;

async fn id_of(app: &TestApp, slug: &str) -> i64 {
    let en = app.newsroom.fixtures.en.id;
    app.store()
        .article_by_slug(en, &slug.parse().unwrap())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no story {slug}"))
        .id
}

/// The reader's front page of `en`, with the page cache's verdict.
async fn front(app: &TestApp) -> (String, String) {
    let response = app.get("/en/").await;
    assert_eq!(response.status(), StatusCode::OK);
    let cache = response.headers()["x-cache"].to_str().unwrap().to_owned();
    (cache, response.text().await.unwrap())
}

/// Story addresses of the cards under `scope` (a CSS selector), in order.
fn cards(html: &str, scope: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(&format!("{scope} .card-title a")).unwrap();
    doc.select(&selector)
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect()
}

/// The cards of the block of `section`.
fn block(html: &str, section: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let blocks = Selector::parse("section.section-block").unwrap();
    let title = Selector::parse(".card-title a").unwrap();
    doc.select(&blocks)
        .find(|b| b.value().attr("aria-labelledby") == Some(&format!("block-{section}")))
        .map(|b| {
            b.select(&title)
                .map(|a| a.value().attr("href").unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Posts the arrangement form of `en`.
async fn post_front(
    browser: &mut Browser,
    csrf: &str,
    version: &str,
    fields: &[(&str, String)],
    language: &str,
) -> (StatusCode, String, String) {
    let mut form: Vec<(&str, String)> = vec![
        ("csrf_token", csrf.to_owned()),
        ("version", version.to_owned()),
    ];
    form.extend(fields.iter().cloned());
    let response = browser
        .request(Method::POST, "/newsroom/front/en")
        .header("accept-language", language)
        .form(&form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

async fn arranged_stories_lead_the_front_page_and_saving_purges_it(app: TestApp) {
    let backend = app.backend();
    let n = &app.newsroom;
    let (older_two, older_three) = (
        id_of(&app, "older-two").await,
        id_of(&app, "older-three").await,
    );
    let (mut editor, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;

    // Newest first while nothing is arranged; the page is cached.
    let (cache, before) = front(&app).await;
    assert_eq!(cache, "miss");
    assert_eq!(
        cards(&before, "section.top-stories")
            .first()
            .map(String::as_str),
        Some("/en/world/bridge-reopens"),
        "[{backend}]"
    );
    assert_eq!(front(&app).await.0, "hit", "[{backend}]");

    let page = editor.get("/newsroom/front/en").await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("Front page: Dateline"), "[{backend}]");
    let version = hidden(&page, "version");
    assert_eq!(version, "0");

    // The lead, a draft and a withdrawn story (skipped on the page), one
    // more top story, and a pin at the head of the world block.
    let world = n.fixtures.world.id;
    let fields = vec![
        ("top", older_two.to_string()),
        ("top", n.draft.id.to_string()),
        ("top", n.withdrawn.id.to_string()),
        ("top", n.bridge.id.to_string()),
        ("pin", format!("{world}:{older_three}")),
        ("op", "save".to_owned()),
    ];
    let (status, location, _) = post_front(&mut editor, &csrf, &version, &fields, "en").await;
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, "/newsroom/front/en?saved=1"),
        "[{backend}]"
    );
    let saved = editor.get(&location).await.text().await.unwrap();
    assert!(saved.contains("Front page saved: readers see it now."));
    assert!(saved.contains("not shown to readers: Draft"), "[{backend}]");
    assert!(saved.contains("not shown to readers: Unpublished"));
    assert_eq!(hidden(&saved, "version"), "1");

    // Purged at once: the next reader gets the arrangement.
    let (cache, after) = front(&app).await;
    assert_eq!(cache, "miss", "[{backend}] the save purged the page");
    let top = cards(&after, "section.top-stories");
    assert_eq!(
        &top[..2],
        ["/en/world/older-two", "/en/world/bridge-reopens"],
        "[{backend}] the editors' order first"
    );
    assert_eq!(top.len(), 5, "[{backend}] filled newest first: {top:?}");
    assert_eq!(
        cards(&after, "article.card-featured"),
        ["/en/world/older-two"],
        "[{backend}] the lead has the large card"
    );
    assert!(!after.contains("Headline of secret-plan"), "[{backend}]");
    assert!(
        !after.contains("Headline of withdrawn-story"),
        "[{backend}]"
    );
    let world_block = block(&after, "world");
    assert_eq!(
        world_block.first().map(String::as_str),
        Some("/en/world/older-three"),
        "[{backend}] pinned first: {world_block:?}"
    );
    let mut all = cards(&after, "main");
    let count = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), count, "[{backend}] no story twice");

    // Withdrawing the lead drops the cached page; the next story leads.
    assert_eq!(front(&app).await.0, "hit");
    app.store()
        .set_article_status(older_two, ArticleStatus::Unpublished, NOW + 60)
        .await
        .unwrap();
    let (cache, withdrawn) = front(&app).await;
    assert_eq!(cache, "miss", "[{backend}]");
    assert_eq!(
        cards(&withdrawn, "section.top-stories")
            .first()
            .map(String::as_str),
        Some("/en/world/bridge-reopens"),
        "[{backend}]"
    );
    assert!(!withdrawn.contains("Headline of older-two"), "[{backend}]");

    // The save is audited.
    let entries = app
        .store()
        .audit_log(&dateline_store::AuditQuery {
            item_type: Some("edition".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        entries.items.iter().any(|e| e.action == "front.save"),
        "[{backend}]"
    );
}

async fn refusals_keep_what_was_typed_and_change_nothing(app: TestApp) {
    let backend = app.backend();
    let n = &app.newsroom;
    let en = n.fixtures.en.id;
    let markets = id_of(&app, "markets-rally").await;
    let (mut editor, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let business = n.fixtures.business.id.to_string();
    let add = |typed: &str, to: &str| {
        vec![
            ("add", typed.to_owned()),
            ("add_to", to.to_owned()),
            ("op", "add".to_owned()),
        ]
    };

    // Another edition's story, by number: refused, the number kept.
    let ru = n.ru_bridge.id.to_string();
    let (status, _, page) = post_front(&mut editor, &csrf, "0", &add(&ru, "top"), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "[{backend}]");
    assert!(page.contains("This story belongs to another edition."));
    assert_eq!(hidden(&page, "add"), ru);
    assert!(page.contains("aria-invalid=\"true\""));
    // The same in the newsroom's other language.
    let (_, _, page) = post_front(&mut editor, &csrf, "0", &add(&ru, "top"), "ru").await;
    assert!(
        page.contains("Этот материал из другого выпуска."),
        "[{backend}]"
    );

    // A story pinned into a section it is not in, by its address.
    let bridge_url = "https://news.example/en/world/bridge-reopens";
    let (status, _, page) =
        post_front(&mut editor, &csrf, "0", &add(bridge_url, &business), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("This story is not in that section"),
        "[{backend}]"
    );
    assert_eq!(hidden(&page, "add"), bridge_url);
    let (status, _, page) = post_front(
        &mut editor,
        &csrf,
        "0",
        &add("/en/world/no-such-story", "top"),
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("No story has this number or address."));

    // Added by address: shown in the list, not saved yet.
    let (status, _, page) =
        post_front(&mut editor, &csrf, "0", &add(bridge_url, "top"), "en").await;
    assert_eq!(status, StatusCode::OK, "[{backend}]");
    assert!(page.contains("Changed, not saved yet."));
    assert_eq!(hidden(&page, "top"), n.bridge.id.to_string());
    assert_eq!(app.store().front_arrangement(en).await.unwrap().version, 0);

    // The same story twice, too many top stories, a pin in the wrong
    // section: refused on save, the lists kept.
    let bridge = n.bridge.id.to_string();
    let twice = vec![
        ("top", bridge.clone()),
        ("add", bridge.clone()),
        ("add_to", "top".to_owned()),
        ("op", "add".to_owned()),
    ];
    let (status, _, page) = post_front(&mut editor, &csrf, "0", &twice, "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("This story is already on the front page."));
    let mut many: Vec<(&str, String)> = (1..=21).map(|i| ("top", i.to_string())).collect();
    many.push(("op", "save".to_owned()));
    let (status, _, page) = post_front(&mut editor, &csrf, "0", &many, "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Too many top stories."), "[{backend}]");
    assert_eq!(hidden(&page, "top"), "1", "the list as posted");
    let wrong = vec![
        ("pin", format!("{}:{}", n.fixtures.world.id, markets)),
        ("op", "save".to_owned()),
    ];
    let (status, _, page) = post_front(&mut editor, &csrf, "0", &wrong, "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("This story is not in that section"));
    let foreign = vec![("top", ru.clone()), ("op", "save".to_owned())];
    let (status, _, page) = post_front(&mut editor, &csrf, "0", &foreign, "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("This story belongs to another edition."));
    let front = app.store().front_arrangement(en).await.unwrap();
    assert_eq!(front.version, 0, "[{backend}] nothing was saved");
    assert!(front.layout.is_empty());

    // Two editors: the second to save from the same read is refused.
    let one = vec![("top", bridge.clone()), ("op", "save".to_owned())];
    let (status, _, _) = post_front(&mut editor, &csrf, "0", &one, "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let other = vec![("top", markets.to_string()), ("op", "save".to_owned())];
    let (status, _, page) = post_front(&mut editor, &csrf, "0", &other, "en").await;
    assert_eq!(status, StatusCode::CONFLICT, "[{backend}]");
    assert!(page.contains("Someone else saved this front page"));
    assert_eq!(hidden(&page, "top"), markets.to_string(), "kept as typed");
    let front = app.store().front_arrangement(en).await.unwrap();
    assert_eq!(front.layout.top(), [n.bridge.id], "[{backend}]");
}

async fn only_editors_of_the_edition_and_admins_arrange(app: TestApp) {
    let backend = app.backend();
    let fx = &app.newsroom.fixtures;
    let (mut editor, _, _) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let dashboard = editor.get("/newsroom/").await.text().await.unwrap();
    assert!(
        dashboard.contains("href=\"/newsroom/front/en\""),
        "[{backend}] linked from the dashboard"
    );
    assert!(!dashboard.contains("href=\"/newsroom/front/ru\""));
    assert_eq!(
        editor.get("/newsroom/front/ru").await.status(),
        StatusCode::FORBIDDEN,
        "[{backend}] not an editor of ru"
    );
    for role in [Role::Contributor, Role::Author] {
        let (mut browser, csrf, id) = signed_in(&app, &format!("{role}@example.org"), role).await;
        assert_eq!(
            browser.get("/newsroom/front/en").await.status(),
            StatusCode::FORBIDDEN,
            "[{backend}] {role}"
        );
        let fields = vec![
            ("top", app.newsroom.bridge.id.to_string()),
            ("op", "save".to_owned()),
        ];
        let (status, _, _) = post_front(&mut browser, &csrf, "0", &fields, "en").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "[{backend}] {role}");
        let dashboard = browser.get("/newsroom/").await.text().await.unwrap();
        assert!(
            !dashboard.contains("/newsroom/front/"),
            "[{backend}] {role}"
        );
        let (_, secret) = token(app.store(), id, role_scopes(role), None).await;
        let (status, body) = call(
            &app,
            &secret,
            Method::PUT,
            "/api/v1/admin/editions/en/front",
            Some(json!({"version": 0, "top": [app.newsroom.bridge.id]})),
        )
        .await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden")),
            "[{backend}] {role}"
        );
    }
    assert!(app
        .store()
        .front_arrangement(fx.en.id)
        .await
        .unwrap()
        .layout
        .is_empty());
}

async fn the_admin_api_reads_and_replaces_the_arrangement(app: TestApp) {
    let backend = app.backend();
    let n = &app.newsroom;
    let store = app.store();
    let editor = staff(
        store,
        "api-desk@example.org",
        Role::Editor,
        &[n.fixtures.en.id],
    )
    .await;
    let (_, secret) = token(store, editor.id(), role_scopes(Role::Editor), None).await;
    let path = "/api/v1/admin/editions/en/front";
    let (status, body) = call(&app, &secret, Method::GET, path, None).await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {body}");
    assert_eq!(
        body,
        json!({"edition": "en", "version": 0, "updated_at": null, "top": [], "pins": []})
    );

    let older_three = id_of(&app, "older-three").await;
    let older_two = id_of(&app, "older-two").await;
    let put = json!({
        "version": 0,
        "top": [older_two, n.draft.id],
        "pins": [{"section": "world", "articles": [older_three]}],
    });
    let (status, body) = call(&app, &secret, Method::PUT, path, Some(put.clone())).await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {body}");
    assert_eq!(body["version"], 1);
    assert_eq!(body["top"], json!([older_two, n.draft.id]));
    assert_eq!(
        body["pins"],
        json!([{"section": "world", "articles": [older_three]}])
    );
    let (_, read) = call(&app, &secret, Method::GET, path, None).await;
    assert_eq!(read, body, "[{backend}] read back as saved");
    let page = app.get("/en/").await.text().await.unwrap();
    assert_eq!(
        cards(&page, "section.top-stories")
            .first()
            .map(String::as_str),
        Some("/en/world/older-two"),
        "[{backend}] the API's lead leads the page"
    );
    assert!(!page.contains("Headline of secret-plan"), "[{backend}]");

    // The same rules: a stale version, another edition's story, a section
    // of another edition, too many pins; each changes nothing.
    let refusals = [
        (put.clone(), StatusCode::CONFLICT, "conflict", None),
        (
            json!({"version": -1}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some("version"),
        ),
        (
            json!({"version": 1, "top": [n.ru_bridge.id]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some("top"),
        ),
        (
            json!({"version": 1, "pins": [{"section": "no-such", "articles": [n.bridge.id]}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some("pins"),
        ),
        (
            json!({"version": 1, "pins": [{"section": "world", "articles": [1, 2, 3, 4, 5]}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some("pins"),
        ),
    ];
    for (body, want, code, field) in refusals {
        let (status, answer) = call(&app, &secret, Method::PUT, path, Some(body)).await;
        assert_eq!(
            (
                status,
                answer["error"]["code"].as_str(),
                answer["error"]["field"].as_str()
            ),
            (want, Some(code), field),
            "[{backend}] {answer}"
        );
    }
    let (_, still) = call(&app, &secret, Method::GET, path, None).await;
    assert_eq!(still, read, "[{backend}] nothing changed");
    let (status, _) = call(
        &app,
        &secret,
        Method::GET,
        "/api/v1/admin/editions/ru/front",
        None,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "[{backend}] not an editor of ru"
    );
}

/// The values of the form's `name` fields, in order.
fn fields(html: &str, name: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(&format!("input[name=\"{name}\"]")).unwrap();
    doc.select(&selector)
        .map(|e| e.value().attr("value").unwrap_or_default().to_owned())
        .collect()
}

async fn the_buttons_reorder_without_javascript(app: TestApp) {
    let backend = app.backend();
    let n = &app.newsroom;
    let world = n.fixtures.world.id;
    let (mut editor, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let (a, b, c) = (
        n.bridge.id,
        id_of(&app, "older-one").await,
        id_of(&app, "older-two").await,
    );
    let with = |op: &str| {
        vec![
            ("top", a.to_string()),
            ("top", b.to_string()),
            ("pin", format!("{world}:{c}")),
            ("op", op.to_owned()),
        ]
    };
    let (status, _, page) = post_front(&mut editor, &csrf, "0", &with("down:top:0"), "en").await;
    assert_eq!(status, StatusCode::OK, "[{backend}]");
    assert_eq!(fields(&page, "top"), [b.to_string(), a.to_string()]);
    assert_eq!(fields(&page, "pin"), [format!("{world}:{c}")]);
    assert!(page.contains("Changed, not saved yet."));
    let (_, _, page) = post_front(&mut editor, &csrf, "0", &with("up:top:1"), "en").await;
    assert_eq!(fields(&page, "top"), [b.to_string(), a.to_string()]);
    let (_, _, page) = post_front(
        &mut editor,
        &csrf,
        "0",
        &with(&format!("remove:{world}:0")),
        "en",
    )
    .await;
    assert!(fields(&page, "pin").is_empty(), "[{backend}]");
    assert_eq!(fields(&page, "top"), [a.to_string(), b.to_string()]);
    assert_eq!(
        app.store()
            .front_arrangement(n.fixtures.en.id)
            .await
            .unwrap()
            .version,
        0,
        "[{backend}] moving is not saving"
    );
    // The page's script is served.
    let src = Html::parse_document(&page)
        .select(&Selector::parse("script[src]").unwrap())
        .filter_map(|e| e.value().attr("src").map(str::to_owned))
        .find(|s| s.contains("front"))
        .expect("front.js");
    assert_eq!(
        app.get(&src).await.status(),
        StatusCode::OK,
        "[{backend}] {src}"
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    arranged_stories_lead_the_front_page_and_saving_purges_it,
    refusals_keep_what_was_typed_and_change_nothing,
    only_editors_of_the_edition_and_admins_arrange,
    the_admin_api_reads_and_replaces_the_arrangement,
    the_buttons_reorder_without_javascript,
);
