//! IPTC ninjs documents in the Content API, as a client reads them: valid
//! against IPTC's 3.1 and 2.2 schemas, saying what the site shows (dates,
//! version, headline, lead, body, byline, section and tags, pictures with
//! every rendition, translations), the same at the explicit address and by
//! content negotiation, advertised from the article and media pages; the
//! `uri` stays when a story is renamed and the `version` grows with each
//! correction; drafts, withdrawn stories, hidden pictures and unknown
//! versions are the API's JSON errors. The demo site is checked in
//! `demo.rs`, the schema setup in `schema.rs`.

pub mod demo;
mod schema;

use dateline_domain::ArticleStatus;
use dateline_store::testing::Fixtures;
use dateline_store::{ArticleUpdate, StatusChange};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::Value;

use crate::test_app::{TestApp, BASE_URL};
use schema::Schemas;

const V3: &str = "application/ninjs+json; version=3.1";
const V2: &str = "application/ninjs+json; version=2.2";

/// A GET with `Accept`; status, the named headers and the JSON body.
async fn get(app: &TestApp, path: &str, accept: Option<&str>) -> (StatusCode, Headers, Value) {
    let mut request = reqwest::Client::new().get(app.url(path));
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let header = |name: &str| {
        (response.headers().get_all(name).iter())
            .map(|v| v.to_str().unwrap().to_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let headers = Headers {
        content_type: header("content-type"),
        cache_control: header("cache-control"),
        vary: header("vary"),
    };
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("[{}] GET {path}: not JSON ({e}): {text}", app.backend()));
    (status, headers, body)
}

#[derive(Debug)]
struct Headers {
    content_type: String,
    cache_control: String,
    vary: String,
}

/// A ninjs document that must answer 200 as `media_type`, cacheable for a
/// minute like the rest of the Content API.
async fn document(app: &TestApp, path: &str, media_type: &str) -> Value {
    let (status, headers, body) = get(app, path, None).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "[{}] GET {path}: {body}",
        app.backend()
    );
    assert_eq!(headers.content_type, media_type, "GET {path}");
    assert_eq!(headers.cache_control, "public, max-age=60", "GET {path}");
    body
}

fn schemas() -> Option<Schemas> {
    Schemas::load(&["2.2", "3.1"])
}

/// The association named `name`.
fn association<'a>(doc: &'a Value, name: &str) -> &'a Value {
    (doc["associations"].as_array().unwrap().iter())
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no association {name}: {doc:#}"))
}

fn texts<'a>(list: &'a Value, role: &str) -> Vec<&'a str> {
    (list.as_array().unwrap().iter())
        .filter(|t| t["role"] == role)
        .map(|t| t["value"].as_str().unwrap())
        .collect()
}

async fn ninjs_documents_of_a_story_say_what_the_site_shows(app: TestApp) {
    let backend = app.backend();
    let schemas = schemas();
    let nr = &app.newsroom;
    let bridge = &nr.bridge;
    let v3 = document(&app, &format!("/api/v1/ninjs/articles/{}", bridge.id), V3).await;
    if let Some(schemas) = &schemas {
        schemas.check("3.1", &v3, "the bridge story");
    }
    let uri = format!("tag:news.example,2023-11-14:article:{}", bridge.id);
    assert_eq!(v3["uri"], uri, "[{backend}]");
    assert_eq!(v3["type"], "text");
    assert_eq!(v3["version"], bridge.version.to_string());
    assert_eq!(v3["firstCreated"], "2023-11-14T22:13:20Z");
    assert_eq!(v3["language"], "en");
    assert_eq!(v3["slugline"], "bridge-reopens");
    assert_eq!(v3["standard"]["version"], "3.1");
    assert_eq!(texts(&v3["headlines"], "main"), [bridge.headline.as_str()]);
    assert_eq!(texts(&v3["descriptions"], "lead"), [bridge.lead.as_str()]);
    assert!(
        texts(&v3["descriptions"], "correction").is_empty(),
        "{v3:#}"
    );
    let html = texts(&v3["bodies"], "richtext")[0];
    let picture = (app.store().media_by_id(nr.world_picture.id).await.unwrap()).unwrap();
    assert_eq!(picture.renditions.len(), 2, "the seed's renditions");
    for part in [
        "<p>The bridge reopened at dawn.</p>",
        "<h2>Traffic</h2>",
        "<figure><blockquote><p>We are back.</p></blockquote><figcaption><cite>the mayor said</cite></figcaption></figure>",
        "<figcaption>The bridge at dawn <small>",
        "<a href=\"https://video.example/bridge\">Video</a>",
    ] {
        assert!(html.contains(part), "[{backend}] {part} in {html}");
    }
    let text = texts(&v3["bodies"], "main")[0];
    assert_eq!(
        text,
        "The bridge reopened at dawn.\nTraffic\n“We are back.” — the mayor said\nVideo"
    );
    let plain = (v3["bodies"].as_array().unwrap().iter())
        .find(|b| b["role"] == "main")
        .unwrap();
    assert_eq!(plain["charCount"], text.chars().count());
    assert_eq!(plain["wordCount"], 14);
    let author = &nr.fixtures.author;
    assert_eq!(v3["by"], author.name.as_str());
    assert_eq!(
        v3["people"][0]["uri"],
        format!("{BASE_URL}/en/author/{}", author.slug)
    );
    let subjects: Vec<(&str, &str)> = (v3["subjects"].as_array().unwrap().iter())
        .map(|s| (s["rel"].as_str().unwrap(), s["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        subjects,
        [("section", "World"), ("tag", "Transport"), ("tag", "City")]
    );
    assert_eq!(
        v3["renditions"][0]["href"],
        format!("{BASE_URL}/en/world/bridge-reopens")
    );

    // The lead picture, then the body's, each with every rendition.
    let lead = association(&v3, "lead-picture");
    assert_eq!(lead["rel"], "lead");
    assert_eq!(lead["type"], "picture");
    let lead_id = bridge.lead_media_id.unwrap();
    assert!(lead["uri"]
        .as_str()
        .unwrap()
        .ends_with(&format!(":picture:{lead_id}")));
    let inline = association(&v3, "picture-1");
    assert_eq!(inline["rel"], "inline");
    assert_eq!(
        inline["uri"],
        format!("tag:news.example,2023-11-14:picture:{}", picture.id)
    );
    let files: Vec<_> = (inline["renditions"].as_array().unwrap().iter())
        .filter(|r| r["contentType"] != "text/html")
        .collect();
    assert_eq!(files.len(), picture.renditions.len(), "{inline:#}");
    for (file, rendition) in files.iter().zip(&picture.renditions) {
        assert_eq!(
            file["href"],
            format!("{BASE_URL}/media/{}", rendition.storage_key)
        );
        assert_eq!(file["width"], rendition.width);
        assert_eq!(file["height"], rendition.height);
        assert_eq!(file["contentType"], "image/webp");
        assert_eq!(file["sizeInBytes"], rendition.byte_size);
    }
    assert!(html.contains(&format!(
        "<img src=\"{BASE_URL}/media/{}\"",
        picture.renditions.last().unwrap().storage_key
    )));

    // The Russian version: its own document, which links back.
    let ru = &nr.ru_bridge;
    let translation = association(&v3, "translation-ru");
    assert_eq!(translation["rel"], "translation");
    assert_eq!(translation["language"], "ru");
    assert_eq!(texts(&translation["headlines"], "main"), ["Мост открыт"]);
    let ru_href = format!("{BASE_URL}/api/v1/ninjs/articles/{}?version=3.1", ru.id);
    assert_eq!(translation["renditions"][0]["href"], ru_href);
    let ru_doc = document(&app, ru_href.strip_prefix(BASE_URL).unwrap(), V3).await;
    assert_eq!(ru_doc["uri"], translation["uri"], "[{backend}]");
    assert_eq!(association(&ru_doc, "translation-en")["uri"], uri);

    // ninjs 2.2: the same item under 2.x's names.
    for asked in ["2.2", "2"] {
        let path = format!("/api/v1/ninjs/articles/{}?version={asked}", bridge.id);
        let v2 = document(&app, &path, V2).await;
        if let Some(schemas) = &schemas {
            schemas.check("2.2", &v2, "the bridge story");
        }
        assert_eq!(v2["uri"], uri);
        assert_eq!(v2["firstcreated"], v3["firstCreated"]);
        assert_eq!(v2["bodies"][1]["contenttype"], "text/plain");
        assert_eq!(v2["standard"]["version"], "2.2");
        let inline = association(&v2, "picture-1");
        assert!(inline.get("rel").is_none(), "{inline:#}");
        assert_eq!(
            inline["renditions"][0]["sizeinbytes"],
            picture.renditions[0].byte_size
        );
    }
}

async fn ninjs_uri_stays_and_version_grows_with_each_correction(app: TestApp) {
    let backend = app.backend();
    let id = app.newsroom.bridge.id;
    let path = format!("/api/v1/ninjs/articles/{id}");
    let first = document(&app, &path, V3).await;
    let version = |doc: &Value| doc["version"].as_str().unwrap().parse::<i64>().unwrap();

    let article = app.store().article_by_id(id).await.unwrap().unwrap();
    let update = ArticleUpdate {
        slug: Some("bridge-open-again".parse().unwrap()),
        ..ArticleUpdate::default()
    };
    app.store()
        .update_article(id, article.version, &update, article.updated_at + 60)
        .await
        .unwrap();
    let renamed = document(&app, &path, V3).await;
    assert_eq!(renamed["uri"], first["uri"], "[{backend}] the uri stays");
    assert!(
        version(&renamed) > version(&first),
        "[{backend}] {renamed:#}"
    );
    assert_eq!(renamed["slugline"], "bridge-open-again");

    let note = "An earlier version gave the wrong hour.";
    let change = StatusChange {
        correction: Some(note.to_owned()),
        ..StatusChange::to(ArticleStatus::Corrected)
    };
    let corrected_at = article.updated_at + 120;
    app.store()
        .change_status(id, &change, corrected_at)
        .await
        .unwrap();
    let corrected = document(&app, &path, V3).await;
    if let Some(schemas) = schemas() {
        schemas.check("3.1", &corrected, "the corrected story");
    }
    assert_eq!(corrected["uri"], first["uri"], "[{backend}]");
    assert!(
        version(&corrected) > version(&renamed),
        "[{backend}] {corrected:#}"
    );
    assert_eq!(corrected["versionCreated"], "2023-11-14T22:15:20Z");
    assert_eq!(
        texts(&corrected["descriptions"], "correction"),
        [format!("2023-11-14T22:15:20Z: {note}")]
    );
}

async fn ninjs_refuses_what_readers_may_not_see_and_unknown_versions(app: TestApp) {
    let nr = &app.newsroom;
    for id in [nr.draft.id, nr.withdrawn.id, 999_999] {
        let path = format!("/api/v1/ninjs/articles/{id}");
        app.assert_error(&path, 404, "not_found").await;
    }
    let hidden = Fixtures::media_asset(40, Fixtures::NOW);
    let (hidden, _) = app.store().create_media(&hidden).await.unwrap();
    app.assert_error(
        &format!("/api/v1/ninjs/media/{}", hidden.id),
        404,
        "not_found",
    )
    .await;
    let bridge = nr.bridge.id;
    for version in ["1.6", "3.0", "4", "latest"] {
        let path = format!("/api/v1/ninjs/articles/{bridge}?version={version}");
        let body = app.assert_error(&path, 400, "unsupported_version").await;
        assert_eq!(body["error"]["field"], "version");
        let path = format!(
            "/api/v1/ninjs/media/{}?version={version}",
            nr.world_picture.id
        );
        app.assert_error(&path, 400, "unsupported_version").await;
    }
    app.assert_error("/api/v1/ninjs/articles/bridge", 400, "invalid_query")
        .await;
}

async fn ninjs_answers_content_negotiation(app: TestApp) {
    let backend = app.backend();
    let schemas = schemas();
    let nr = &app.newsroom;
    let cases = [
        (
            "/api/v1/editions/en/articles/bridge-reopens".to_owned(),
            format!("/api/v1/ninjs/articles/{}", nr.bridge.id),
        ),
        (
            format!("/api/v1/media/{}", nr.world_picture.id),
            format!("/api/v1/ninjs/media/{}", nr.world_picture.id),
        ),
    ];
    for (path, explicit) in cases {
        let (status, headers, json) = get(&app, &path, None).await;
        assert_eq!(status, StatusCode::OK, "[{backend}] {path}: {json}");
        assert_eq!(headers.content_type, "application/json", "{path}");
        assert_eq!(headers.vary, "Accept", "{path}");
        assert!(json["id"].is_i64(), "the API's own JSON: {json}");
        for (accept, media_type, version) in [
            ("application/ninjs+json", V3, "3.1"),
            (
                "application/ninjs+json; version=3.1, application/json;q=0.9",
                V3,
                "3.1",
            ),
            (
                "application/json;q=0.5, application/ninjs+json;version=2",
                V2,
                "2.2",
            ),
        ] {
            let (status, headers, doc) = get(&app, &path, Some(accept)).await;
            assert_eq!(status, StatusCode::OK, "[{backend}] {path} {accept}: {doc}");
            assert_eq!(headers.content_type, media_type, "{path} {accept}");
            assert_eq!(headers.vary, "Accept", "{path} {accept}");
            assert_eq!(headers.cache_control, "public, max-age=60");
            if let Some(schemas) = &schemas {
                schemas.check(version, &doc, &format!("{path} as {accept}"));
            }
            let same = document(&app, &format!("{explicit}?version={version}"), media_type).await;
            assert_eq!(doc, same, "[{backend}] {path} as {accept}");
        }
        let (status, _, json) = get(&app, &path, Some("text/html, */*;q=0.8")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(json["id"].is_i64(), "{json}");
        let (status, _, error) =
            get(&app, &path, Some("application/ninjs+json; version=1.6")).await;
        assert_eq!(
            status,
            StatusCode::NOT_ACCEPTABLE,
            "[{backend}] {path}: {error}"
        );
        assert_eq!(error["error"]["code"], "not_acceptable");
    }
    // Negotiation never shows what readers may not see.
    let (status, _, error) = get(
        &app,
        "/api/v1/editions/en/articles/secret-plan",
        Some("application/ninjs+json"),
    )
    .await;
    assert_eq!(
        (status, &error["error"]["code"]),
        (StatusCode::NOT_FOUND, &"not_found".into())
    );
}

async fn ninjs_is_advertised_on_article_and_media_pages(app: TestApp) {
    let backend = app.backend();
    let nr = &app.newsroom;
    let selector =
        Selector::parse("head link[rel=alternate][type^=\"application/ninjs+json\"]").unwrap();
    let links = |page: &str| -> Vec<(String, String)> {
        (Html::parse_document(page).select(&selector))
            .map(|l| {
                let attr = |name| l.value().attr(name).unwrap().to_owned();
                (attr("type"), attr("href"))
            })
            .collect()
    };
    let page = app
        .get("/en/world/bridge-reopens")
        .await
        .text()
        .await
        .unwrap();
    let id = nr.bridge.id;
    assert_eq!(
        links(&page),
        [
            (
                V3.to_owned(),
                format!("{BASE_URL}/api/v1/ninjs/articles/{id}?version=3.1")
            ),
            (
                V2.to_owned(),
                format!("{BASE_URL}/api/v1/ninjs/articles/{id}?version=2.2")
            ),
        ],
        "[{backend}]"
    );
    let media = nr.world_picture.id;
    let page = app
        .get(&format!("/en/mediabank/{media}"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        links(&page),
        [
            (
                V3.to_owned(),
                format!("{BASE_URL}/api/v1/ninjs/media/{media}?version=3.1")
            ),
            (
                V2.to_owned(),
                format!("{BASE_URL}/api/v1/ninjs/media/{media}?version=2.2")
            ),
        ],
        "[{backend}]"
    );
    // Every advertised address answers a valid document.
    let schemas = schemas();
    for (media_type, href) in links(&page) {
        let doc = document(&app, href.strip_prefix(BASE_URL).unwrap(), &media_type).await;
        assert_eq!(doc["type"], "picture");
        if let Some(schemas) = &schemas {
            let version = media_type.rsplit('=').next().unwrap();
            schemas.check(version, &doc, &href);
        }
    }
}

on_both_backends!(crate::test_app::TestApp::on;
    ninjs_documents_of_a_story_say_what_the_site_shows,
    ninjs_uri_stays_and_version_grows_with_each_correction,
    ninjs_refuses_what_readers_may_not_see_and_unknown_versions,
    ninjs_answers_content_negotiation,
    ninjs_is_advertised_on_article_and_media_pages,
);
