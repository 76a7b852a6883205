//! The translation desk on both backends: an editor translates a published
//! English story from the newsroom (the draft carries the pictures, the
//! body's structure, the tags and bylines the edition can hold); the editor
//! shows the source beside the form; publishing, unpublishing and a third
//! version change every version's hreflang alternates through the page
//! cache; the Admin API twin; edition scopes; the desk's "lacks a version
//! in" filter and its edition badges.

use dateline_domain::{ArticleStatus, BodyBlock, NewArticle, NewAuthor, Role};
use dateline_store::testing::slug;
use dateline_store::{Article, StatusChange};
use dateline_web::auth::Scopes;
use reqwest::header::LOCATION;
use reqwest::{Method, StatusCode};
use scraper::Html;
use serde_json::json;

use crate::api_admin::{call, token};
use crate::newsroom::NOW;
use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::reader::{all, attr, one, text};
use crate::test_app::{TestApp, BASE_URL};

async fn signed_in(
    app: &TestApp,
    email: &str,
    role: Role,
    editions: &[i64],
) -> (Browser, String, i64) {
    let account = staff(app.store(), email, role, editions).await;
    let mut browser = Browser::of(app);
    let response = browser.login(email, PASSWORD).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "[{}]",
        app.backend()
    );
    let csrf = browser.csrf().await;
    (browser, csrf, account.id())
}

/// A public page, with the page cache's verdict (`hit` or `miss`).
async fn page(app: &TestApp, path: &str) -> (String, String) {
    let response = app.get(path).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "[{}] {path}",
        app.backend()
    );
    let cache = response.headers()["x-cache"].to_str().unwrap().to_owned();
    (response.text().await.unwrap(), cache)
}

/// The page's `<link rel="alternate" hreflang>`s as `(language, path)`.
fn alternates(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    let mut out: Vec<(String, String)> = all(&doc, "link[rel=alternate][hreflang]")
        .into_iter()
        .map(|l| {
            let href = attr(l, "href");
            let path = href.find("://").map_or(href, |i| {
                let rest = &href[i + 3..];
                rest.find('/').map_or("", |j| &rest[j..])
            });
            (attr(l, "hreflang").to_owned(), path.to_owned())
        })
        .collect();
    out.sort();
    out
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<_> = expected
        .iter()
        .map(|(l, p)| ((*l).to_owned(), (*p).to_owned()))
        .collect();
    out.sort();
    out
}

/// A published English story with every kind of block the desk keeps in
/// place, two tags (one of which `ru` has) and two bylines (one of whom
/// writes for `ru`).
async fn story(app: &TestApp) -> Article {
    let nr = &app.newsroom;
    let fx = &nr.fixtures;
    let store = app.store();
    let english_only = store
        .create_author(&NewAuthor::new(
            slug("only-english"),
            "Only English",
            "Writes in English.",
            vec![fx.en.id],
        ))
        .await
        .unwrap();
    // `ru` holds a "transport" tag, under its own name.
    store
        .create_article(&NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            tags: vec![(slug("transport"), "Транспорт".into())],
            ..fx.draft("ru-tag-holder")
        })
        .await
        .unwrap();
    store
        .create_article(&NewArticle {
            headline: "Ferries return to the harbour".into(),
            lead: "Three lines run again after the strike.".into(),
            body: vec![
                BodyBlock::paragraph("The first ferry left at seven."),
                BodyBlock::Image {
                    media_id: nr.world_picture.id,
                    caption: Some("Crowds at the ferry gate".into()),
                },
                BodyBlock::Quote {
                    text: "We missed the sea.".into(),
                    attribution: "a commuter said".into(),
                },
                BodyBlock::Embed {
                    url: "https://video.example/ferry".into(),
                    title: Some("Ferry video".into()),
                },
                BodyBlock::Related {
                    article_id: nr.bridge.id,
                },
                BodyBlock::paragraph("Fares stay the same."),
            ],
            tags: vec![
                (slug("transport"), "Transport".into()),
                (slug("harbour"), "Harbour".into()),
            ],
            author_ids: vec![fx.author.id, english_only.id],
            ..fx.article("ferries-return", NOW - 600)
        })
        .await
        .unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()[LOCATION].to_str().unwrap().to_owned()
}

async fn move_to(browser: &mut Browser, csrf: &str, id: i64, status: &str) {
    let response = browser
        .post(
            &format!("/newsroom/articles/{id}/status"),
            &[("csrf_token", csrf), ("status", status)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "move to {status}");
}

async fn an_editor_translates_and_hreflang_follows_every_move(app: TestApp) {
    let backend = app.backend();
    let fx = &app.newsroom.fixtures;
    let source = story(&app).await;
    let en_path = "/en/world/ferries-return";
    let (mut editor, csrf, _) = signed_in(
        &app,
        "desk@example.org",
        Role::Editor,
        &[fx.en.id, fx.ru.id],
    )
    .await;

    // Cached, with no Russian alternate yet.
    page(&app, en_path).await;
    let (before, cache) = page(&app, en_path).await;
    assert_eq!(cache, "hit", "[{backend}]");
    assert!(
        !alternates(&before).iter().any(|(l, _)| l == "ru"),
        "[{backend}]"
    );

    // The editor's panel offers Russian, with the same-slug section chosen.
    let html = editor
        .get(&format!("/newsroom/articles/{}", source.id))
        .await
        .text()
        .await
        .unwrap();
    let doc = Html::parse_document(&html);
    let ru_row = one(&doc, "#translations li.translation-ru");
    assert!(
        text(ru_row).contains("missing"),
        "[{backend}] {}",
        text(ru_row)
    );
    let chosen = one(&doc, "#tr-section-ru option[selected]");
    assert_eq!(attr(chosen, "value"), "world", "[{backend}]");
    assert!(
        all(&doc, "#source-pane").is_empty(),
        "[{backend}] no source yet"
    );

    let response = editor
        .post(
            &format!("/newsroom/articles/{}/translations", source.id),
            &[
                ("csrf_token", &csrf),
                ("edition", "ru"),
                ("section", "world"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let draft_url = location(&response);
    let draft_id: i64 = draft_url.rsplit('/').next().unwrap().parse().unwrap();
    let draft = app.store().article_by_id(draft_id).await.unwrap().unwrap();
    assert_eq!(draft.status, ArticleStatus::Draft, "[{backend}]");
    assert_eq!(
        (draft.edition_id, draft.section_id),
        (fx.ru.id, fx.ru_world.id)
    );
    assert_eq!(draft.translation_group, source.translation_group);
    assert_eq!(
        draft.body, source.body,
        "[{backend}] pictures and blocks in place"
    );
    assert_eq!(draft.lead_media_id, source.lead_media_id);
    assert_eq!(draft.slug.as_str(), "ferries-return");
    let tags: Vec<_> = draft.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Транспорт"], "[{backend}] only the tag ru holds");
    let bylines: Vec<_> = draft.authors.iter().map(|a| a.id).collect();
    assert_eq!(
        bylines,
        [fx.author.id],
        "[{backend}] only who writes for ru"
    );
    assert_eq!(
        app.store().translated_from(draft_id).await.unwrap(),
        Some(source.id)
    );
    // A second try is refused: ru has a version now.
    let again = editor
        .post(
            &format!("/newsroom/articles/{}/translations", source.id),
            &[("csrf_token", &csrf), ("edition", "ru")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT, "[{backend}]");

    // The draft's editor: the source beside the form, block by block.
    let html = editor.get(&draft_url).await.text().await.unwrap();
    let doc = Html::parse_document(&html);
    assert_eq!(attr(one(&doc, "form#editor"), "lang"), "ru");
    let pane = one(&doc, "#source-pane .source-text");
    assert_eq!((attr(pane, "lang"), attr(pane, "dir")), ("en", "ltr"));
    let blocks: Vec<String> = all(&doc, "#source-pane .source-block")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(blocks.len(), 6, "[{backend}] {blocks:?}");
    assert!(
        blocks[0].contains("The first ferry left at seven."),
        "{blocks:?}"
    );
    assert!(blocks[1].contains("Crowds at the ferry gate"), "{blocks:?}");
    assert!(blocks[2].contains("We missed the sea."), "{blocks:?}");
    assert!(blocks[3].contains("Ferry video"), "{blocks:?}");
    assert!(
        blocks[4].contains(&app.newsroom.bridge.headline),
        "{blocks:?}"
    );
    assert!(blocks[5].contains("Fares stay the same."), "{blocks:?}");
    let panel = text(one(&doc, "#translations li.translation-en"));
    assert!(panel.contains("Published"), "[{backend}] {panel}");

    // Published: both pages name each other, the cached English page too.
    move_to(&mut editor, &csrf, draft_id, "published").await;
    let both = pairs(&[
        ("en", en_path),
        ("ru", "/ru/world/ferries-return"),
        ("x-default", en_path),
    ]);
    let (after, cache) = page(&app, en_path).await;
    assert_eq!(cache, "miss", "[{backend}] the publication purged it");
    assert_eq!(alternates(&after), both, "[{backend}]");
    let (ru_page, _) = page(&app, "/ru/world/ferries-return").await;
    assert_eq!(alternates(&ru_page), both, "[{backend}]");
    // The sitemap's alternates follow the same versions.
    let ru_link = format!("hreflang=\"ru\" href=\"{BASE_URL}/ru/world/ferries-return\"");
    let (sitemap, _) = page(&app, "/en/sitemap-1.xml").await;
    assert!(sitemap.contains(&ru_link), "[{backend}] {sitemap}");

    // Unpublished: the English page loses it at once.
    page(&app, en_path).await;
    move_to(&mut editor, &csrf, draft_id, "unpublished").await;
    let (after, cache) = page(&app, en_path).await;
    assert_eq!(cache, "miss", "[{backend}]");
    let left = alternates(&after);
    assert!(!left.iter().any(|(l, _)| l == "ru"), "[{backend}] {left:?}");
    let (sitemap, _) = page(&app, "/en/sitemap-1.xml").await;
    assert!(!sitemap.contains(&ru_link), "[{backend}] {sitemap}");

    // Back to a draft, scheduled, and published by the scheduler: the
    // English page names it again at once.
    move_to(&mut editor, &csrf, draft_id, "draft").await;
    page(&app, en_path).await;
    let now = dateline_web::auth::now();
    let change = StatusChange {
        scheduled_at: Some(now + 60),
        ..StatusChange::to(ArticleStatus::Scheduled)
    };
    app.store()
        .change_status(draft_id, &change, now)
        .await
        .unwrap();
    let due = app.store().publish_due(now + 120, 10).await.unwrap();
    assert_eq!(due.iter().map(|a| a.id).collect::<Vec<_>>(), [draft_id]);
    let (after, cache) = page(&app, en_path).await;
    assert_eq!(cache, "miss", "[{backend}]");
    assert_eq!(alternates(&after), both, "[{backend}]");
}

async fn the_api_starts_a_third_version_and_every_page_links_all(app: TestApp) {
    let backend = app.backend();
    let nr = &app.newsroom;
    let store = app.store();
    let admin = staff(store, "boss@example.org", Role::Admin, &[]).await;
    let (_, secret) = token(store, admin.id(), Scopes::all(), None).await;
    let (status, _) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions",
        Some(json!({"code": "ar", "name": "ديتلاين", "language": "ar", "time_zone": "Asia/Dubai"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}]");
    let (status, _) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions/ar/sections",
        Some(json!({"slug": "news", "title": "أخبار"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}]");

    let path = format!("/api/v1/admin/articles/{}/translations", nr.bridge.id);
    let (status, body) = call(
        &app,
        &secret,
        Method::POST,
        &path,
        Some(json!({"edition": "ar"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {body}");
    assert_eq!(body["status"], "draft");
    assert_eq!(body["translation_group"], nr.bridge.translation_group);
    assert_eq!(body["body"], serde_json::to_value(&nr.bridge.body).unwrap());
    let ar_id = body["id"].as_i64().unwrap();
    let ar = store.article_by_id(ar_id).await.unwrap().unwrap();
    let news = store
        .section_by_slug(ar.edition_id, &slug("news"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        ar.section_id, news.id,
        "[{backend}] no world: the first section"
    );

    let (status, body) = call(
        &app,
        &secret,
        Method::POST,
        &path,
        Some(json!({"edition": "ar"})),
    )
    .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::CONFLICT, &json!("duplicate"))
    );
    let (status, body) = call(
        &app,
        &secret,
        Method::POST,
        &path,
        Some(json!({"edition": "de"})),
    )
    .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::NOT_FOUND, &json!("unknown_edition"))
    );
    let (status, body) = call(
        &app,
        &secret,
        Method::POST,
        &path,
        Some(json!({"edition": "ru", "section": "world"})),
    )
    .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::CONFLICT, &json!("duplicate")),
        "[{backend}]"
    );

    let en_path = "/en/world/bridge-reopens";
    page(&app, en_path).await;
    let (status, _) = call(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/admin/articles/{ar_id}/status"),
        Some(json!({"status": "published"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}]");
    let all_three = pairs(&[
        ("ar", "/ar/news/bridge-reopens"),
        ("en", en_path),
        ("ru", "/ru/world/most-otkryt"),
        ("x-default", en_path),
    ]);
    for path in [en_path, "/ru/world/most-otkryt", "/ar/news/bridge-reopens"] {
        let (html, _) = page(&app, path).await;
        assert_eq!(alternates(&html), all_three, "[{backend}] {path}");
    }

    // Taken down (as the store does for every caller): the others drop it.
    let change = StatusChange::to(ArticleStatus::Unpublished);
    store.change_status(ar_id, &change, NOW + 60).await.unwrap();
    let (html, cache) = page(&app, en_path).await;
    assert_eq!(cache, "miss", "[{backend}]");
    assert!(
        !alternates(&html).iter().any(|(l, _)| l == "ar"),
        "[{backend}]"
    );
}

async fn editors_translate_only_into_their_editions(app: TestApp) {
    let backend = app.backend();
    let fx = &app.newsroom.fixtures;
    let source = story(&app).await;
    let (mut editor, csrf, editor_id) =
        signed_in(&app, "en-only@example.org", Role::Editor, &[fx.en.id]).await;
    let html = editor
        .get(&format!("/newsroom/articles/{}", source.id))
        .await
        .text()
        .await
        .unwrap();
    let doc = Html::parse_document(&html);
    let ru_row = one(&doc, "#translations li.translation-ru");
    assert!(
        all(&doc, "#translations li.translation-ru form").is_empty(),
        "[{backend}] {}",
        text(ru_row)
    );
    let response = editor
        .post(
            &format!("/newsroom/articles/{}/translations", source.id),
            &[("csrf_token", &csrf), ("edition", "ru")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "[{backend}]");

    let (_, secret) = token(app.store(), editor_id, Scopes::all(), None).await;
    let (status, body) = call(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/admin/articles/{}/translations", source.id),
        Some(json!({"edition": "ru"})),
    )
    .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::FORBIDDEN, &json!("forbidden")),
        "[{backend}]"
    );
    let versions = app.store().versions_of(&[source.id]).await.unwrap();
    assert_eq!(versions.len(), 1, "[{backend}] nothing was created");

    // An admin may; the source's slug is taken in ru, so it gets a number.
    app.store()
        .create_article(&NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            ..fx.draft("ferries-return")
        })
        .await
        .unwrap();
    let admin = staff(app.store(), "boss@example.org", Role::Admin, &[]).await;
    let (_, secret) = token(app.store(), admin.id(), Scopes::all(), None).await;
    let (status, body) = call(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/admin/articles/{}/translations", source.id),
        Some(json!({"edition": "ru"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {body}");
    assert_eq!(body["slug"], "ferries-return-2", "[{backend}]");
    let versions = app.store().versions_of(&[source.id]).await.unwrap();
    assert_eq!(versions.len(), 2, "[{backend}]");
}

async fn the_desk_lists_what_lacks_a_version(app: TestApp) {
    let backend = app.backend();
    let fx = &app.newsroom.fixtures;
    let (mut editor, _, _) = signed_in(
        &app,
        "desk@example.org",
        Role::Editor,
        &[fx.en.id, fx.ru.id],
    )
    .await;
    let html = editor
        .get("/newsroom/articles?lacks=ru&edition=en")
        .await
        .text()
        .await
        .unwrap();
    let doc = Html::parse_document(&html);
    let listed: Vec<String> = all(&doc, ".desk-table tbody tr td:nth-child(3) a")
        .into_iter()
        .map(text)
        .collect();
    assert!(
        listed.contains(&"Headline of markets-rally".to_owned()),
        "[{backend}] {listed:?}"
    );
    assert!(
        !listed.contains(&app.newsroom.bridge.headline),
        "[{backend}] {listed:?}"
    );
    assert!(
        !listed.is_empty() && listed.len() < 10,
        "[{backend}] {listed:?}"
    );
    assert_eq!(
        attr(one(&doc, "select[name=lacks] option[selected]"), "value"),
        "ru"
    );

    // Without the filter, the bridge's row shows both editions.
    let html = editor
        .get("/newsroom/articles?edition=en")
        .await
        .text()
        .await
        .unwrap();
    let doc = Html::parse_document(&html);
    let row = all(&doc, ".desk-table tbody tr")
        .into_iter()
        .find(|r| text(*r).contains(&app.newsroom.bridge.headline))
        .expect("the bridge is listed");
    let badges: Vec<String> = row
        .select(&crate::reader::sel(".version-badges li"))
        .map(text)
        .collect();
    assert_eq!(badges, ["EN Published", "RU Published"], "[{backend}]");
}

on_both_backends!(
    crate::test_app::TestApp::on;
    an_editor_translates_and_hreflang_follows_every_move,
    the_api_starts_a_third_version_and_every_page_links_all,
    editors_translate_only_into_their_editions,
    the_desk_lists_what_lacks_a_version,
);
