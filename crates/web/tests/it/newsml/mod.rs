//! NewsML-G2 2.35 items in the Content API, as a client reads them: every
//! public story's text item and package and every picture they refer to
//! are valid against IPTC's XSD and say what the site shows; the `guid`
//! stays when a story is renamed and the `version` grows with each
//! correction; drafts, withdrawn stories and hidden pictures are the API's
//! JSON 404. The demo site's items are checked in `demo.rs`.

pub mod demo;
mod xsd;

use dateline_domain::ArticleStatus;
use dateline_store::testing::Fixtures;
use dateline_store::{ArticleUpdate, StatusChange};
use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::test_app::{TestApp, BASE_URL};
use xsd::{elements, only, Validator};

const NEWS_ITEM: &str = "application/vnd.iptc.g2.newsitem+xml";
const PACKAGE_ITEM: &str = "application/vnd.iptc.g2.packageitem+xml";

/// The body of a GET that must answer 200 with `media_type`, cacheable
/// for a minute like the rest of the Content API.
async fn item(app: &TestApp, path: &str, media_type: &str) -> String {
    let response = app.get(path).await;
    let status = response.status();
    let header = |name: &str| {
        (response.headers().get(name))
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (content_type, cache) = (header("content-type"), header("cache-control"));
    let body = response.text().await.unwrap();
    assert_eq!(
        status,
        StatusCode::OK,
        "[{}] GET {path}: {body}",
        app.backend()
    );
    assert!(
        content_type.starts_with(media_type),
        "GET {path}: {content_type}"
    );
    assert_eq!(cache, "public, max-age=60", "GET {path}");
    body
}

/// The site path of an absolute address the items give.
fn path_of(href: &str) -> &str {
    href.strip_prefix(BASE_URL)
        .unwrap_or_else(|| panic!("{href} is not under {BASE_URL}"))
}

#[test]
fn newsml_validator_accepts_the_iptc_listings_and_refuses_a_broken_item() {
    let Some(validator) = Validator::find() else {
        return;
    };
    let listings = xsd::listings(&xsd::shared_folder().unwrap());
    assert!(listings.len() >= 4, "{listings:?}");
    validator.files(&listings);
    // The same check fails on an item without its required `itemMeta`.
    let text = std::fs::read_to_string(&listings[0]).unwrap();
    let start = text.find("<itemMeta>").unwrap();
    let end = text.find("</itemMeta>").unwrap() + "</itemMeta>".len();
    let broken = format!("{}{}", &text[..start], &text[end..]);
    let errors = validator.errors_in(&[("broken".to_owned(), broken)]);
    assert!(
        errors.as_deref().is_some_and(|e| e.contains("itemMeta")),
        "{errors:?}"
    );
}

async fn newsml_items_of_public_stories_are_valid_and_complete(app: TestApp) {
    let backend = app.backend();
    let mut documents = Vec::new();
    let mut pictures = Vec::new();
    for id in crate::demo_site::public_story_ids(app.store()).await {
        let text = item(&app, &format!("/api/v1/newsml/articles/{id}"), NEWS_ITEM).await;
        let package = item(
            &app,
            &format!("/api/v1/newsml/articles/{id}/package"),
            PACKAGE_ITEM,
        )
        .await;
        for reference in elements(&package, "itemRef").into_iter().skip(1) {
            pictures.push(path_of(reference.attr("href")).to_owned());
        }
        documents.push((format!("article-{id}"), text));
        documents.push((format!("package-{id}"), package));
    }
    assert_eq!(
        documents.len(),
        2 * 7,
        "[{backend}] six stories in en, one in ru"
    );
    // Every picture the media bank lists (released ones no story uses too).
    let bank = app.ok_json("/api/v1/media?limit=100").await;
    let bank = bank["items"].as_array().unwrap();
    assert!(bank.len() >= 5, "[{backend}] {bank:?}");
    for picture in bank {
        pictures.push(format!("/api/v1/newsml/media/{}", picture["id"]));
    }
    pictures.sort();
    pictures.dedup();
    for path in &pictures {
        let picture = item(&app, path, NEWS_ITEM).await;
        documents.push((path.replace('/', "-"), picture));
    }
    if let Some(validator) = Validator::find() {
        validator.documents(&documents);
    }

    // What the bridge story's items say.
    let bridge = &app.newsroom.bridge;
    let text = item(
        &app,
        &format!("/api/v1/newsml/articles/{}", bridge.id),
        NEWS_ITEM,
    )
    .await;
    let root = only(&text, "newsItem");
    let guid = root.attr("guid").to_owned();
    assert_eq!(
        guid,
        format!("tag:news.example,2023-11-14:article:{}", bridge.id)
    );
    assert!(
        app.get("/en/rss.xml")
            .await
            .text()
            .await
            .unwrap()
            .contains(&guid),
        "[{backend}] the feed and the item name the story alike"
    );
    assert_eq!(root.attr("version"), bridge.version.to_string());
    assert_eq!(
        (root.attr("standardversion"), root.attr("xml:lang")),
        ("2.35", "en")
    );
    assert_eq!(elements(&text, "itemClass")[0].attr("qcode"), "ninat:text");
    assert_eq!(only(&text, "headline").text, bridge.headline);
    assert_eq!(only(&text, "slugline").text, "bridge-reopens");
    assert_eq!(only(&text, "language").attr("tag"), "en");
    assert_eq!(only(&text, "description").text, bridge.lead);
    let subjects: Vec<String> = elements(&text, "subject")
        .into_iter()
        .map(|s| s.text.trim().to_owned())
        .collect();
    assert_eq!(subjects, ["World", "Transport", "City"]);
    let creators = elements(&text, "creator");
    assert_eq!(creators.len(), 1, "{text}");
    assert_eq!(creators[0].text.trim(), app.newsroom.fixtures.author.name);
    assert!(
        elements(&text, "signal").is_empty(),
        "not corrected: {text}"
    );
    // The body, as on the page, in XHTML.
    let html = only(&text, "html");
    assert_eq!(html.attr("xmlns"), "http://www.w3.org/1999/xhtml");
    assert_eq!(only(&text, "h2").text, "Traffic");
    assert_eq!(only(&text, "blockquote").text, "We are back.");
    let img = only(&text, "img");
    assert!(
        img.attr("src")
            .starts_with(&format!("{BASE_URL}/media/renditions/")),
        "{img:?}"
    );
    let captions = elements(&text, "figcaption");
    assert!(
        captions
            .iter()
            .any(|c| c.text == "The bridge at dawn © Photo: Test Agency"),
        "{captions:?}"
    );
    // The lead picture, linked as its own item.
    let lead = app.newsroom.fixtures.media.id;
    let links = elements(&text, "link");
    let picture_link = (links.iter())
        .find(|l| l.attrs.get("contenttype").map(String::as_str) == Some(NEWS_ITEM))
        .unwrap_or_else(|| panic!("no link to the lead picture: {text}"));
    let picture_path = format!("/api/v1/newsml/media/{lead}");
    assert_eq!(path_of(picture_link.attr("href")), picture_path);
    let picture = item(&app, &picture_path, NEWS_ITEM).await;
    let picture_guid = only(&picture, "newsItem").attr("guid").to_owned();
    assert_eq!(picture_link.attr("residref"), picture_guid);
    assert_eq!(only(&picture, "itemClass").attr("qcode"), "ninat:picture");
    assert_eq!(only(&picture, "creditline").text, "© Photo: Test Agency");
    assert_eq!(only(&picture, "copyrightNotice").text, "Test Agency");
    let asset = app.store().media_by_id(lead).await.unwrap().unwrap();
    let files = elements(&picture, "remoteContent");
    assert_eq!(files.len(), asset.renditions.len(), "{picture}");
    for (file, rendition) in files.iter().zip(&asset.renditions) {
        assert!(
            file.attr("href").ends_with(&rendition.storage_key),
            "{file:?}"
        );
        assert_eq!(file.attr("width"), rendition.width.to_string());
        assert_eq!(file.attr("size"), rendition.byte_size.to_string());
        assert_eq!(file.attr("contenttype"), "image/webp");
    }
    // The package groups both, each by guid and version.
    let package = item(
        &app,
        &format!("/api/v1/newsml/articles/{}/package", bridge.id),
        PACKAGE_ITEM,
    )
    .await;
    let refs = elements(&package, "itemRef");
    assert_eq!(refs.len(), 2, "{package}");
    assert_eq!(
        (refs[0].attr("residref"), refs[0].attr("version")),
        (guid.as_str(), bridge.version.to_string().as_str())
    );
    assert_eq!(refs[1].attr("residref"), picture_guid);

    // The Russian story and the corrected one.
    let ru = item(
        &app,
        &format!("/api/v1/newsml/articles/{}", app.newsroom.ru_bridge.id),
        NEWS_ITEM,
    )
    .await;
    assert_eq!(only(&ru, "language").attr("tag"), "ru");
    assert_eq!(only(&ru, "headline").text, "Мост открыт");

    // The article page points clients at its item.
    let page = app
        .get("/en/world/bridge-reopens")
        .await
        .text()
        .await
        .unwrap();
    let selector = Selector::parse(&format!("link[rel=alternate][type=\"{NEWS_ITEM}\"]")).unwrap();
    let hrefs: Vec<_> = Html::parse_document(&page)
        .select(&selector)
        .map(|l| l.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        hrefs,
        [format!("{BASE_URL}/api/v1/newsml/articles/{}", bridge.id)]
    );
}

async fn newsml_guid_stays_and_version_grows_with_each_correction(app: TestApp) {
    let backend = app.backend();
    let id = app.newsroom.bridge.id;
    let path = format!("/api/v1/newsml/articles/{id}");
    let first = item(&app, &path, NEWS_ITEM).await;
    let (guid, version) = {
        let root = only(&first, "newsItem");
        (
            root.attr("guid").to_owned(),
            root.attr("version").parse::<i64>().unwrap(),
        )
    };

    // Renamed: the same item, a new version at its new address.
    let article = app.store().article_by_id(id).await.unwrap().unwrap();
    let update = ArticleUpdate {
        slug: Some("bridge-open-again".parse().unwrap()),
        ..ArticleUpdate::default()
    };
    app.store()
        .update_article(id, article.version, &update, article.updated_at + 60)
        .await
        .unwrap();
    let renamed = item(&app, &path, NEWS_ITEM).await;
    let root = only(&renamed, "newsItem");
    assert_eq!(root.attr("guid"), guid, "[{backend}] the guid stays");
    let renamed_version: i64 = root.attr("version").parse().unwrap();
    assert!(
        renamed_version > version,
        "[{backend}] {renamed_version} after {version}"
    );
    assert_eq!(only(&renamed, "slugline").text, "bridge-open-again");

    // Corrected: a newer version again, which says so and why.
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
    let corrected = item(&app, &path, NEWS_ITEM).await;
    let root = only(&corrected, "newsItem");
    assert_eq!(root.attr("guid"), guid, "[{backend}]");
    let corrected_version: i64 = root.attr("version").parse().unwrap();
    assert!(
        corrected_version > renamed_version,
        "[{backend}] {corrected_version}"
    );
    assert_eq!(only(&corrected, "signal").attr("qcode"), "sig:correction");
    assert_eq!(only(&corrected, "edNote").text, note);
    assert_eq!(
        only(&corrected, "versionCreated").text,
        "2023-11-14T22:15:20Z"
    );
    let package = item(&app, &format!("{path}/package"), PACKAGE_ITEM).await;
    assert_eq!(
        only(&package, "packageItem").attr("version"),
        corrected_version.to_string(),
        "[{backend}] the package follows the story"
    );
    assert_eq!(
        elements(&package, "itemRef")[0].attr("version"),
        corrected_version.to_string()
    );
    if let Some(validator) = Validator::find() {
        validator.documents(&[
            ("first".to_owned(), first),
            ("renamed".to_owned(), renamed),
            ("corrected".to_owned(), corrected),
            ("package".to_owned(), package),
        ]);
    }
}

async fn newsml_answers_only_what_readers_may_see(app: TestApp) {
    let newsroom = &app.newsroom;
    for id in [newsroom.draft.id, newsroom.withdrawn.id, 999_999] {
        for path in [
            format!("/api/v1/newsml/articles/{id}"),
            format!("/api/v1/newsml/articles/{id}/package"),
        ] {
            app.assert_error(&path, 404, "not_found").await;
        }
    }
    // A picture no public story uses and no editor released.
    let (hidden, _) = app
        .store()
        .create_media(&Fixtures::media_asset(40, Fixtures::NOW))
        .await
        .unwrap();
    for id in [hidden.id, 999_999] {
        app.assert_error(&format!("/api/v1/newsml/media/{id}"), 404, "not_found")
            .await;
    }
    for path in ["/api/v1/newsml/articles/x", "/api/v1/newsml/media/1.5"] {
        app.assert_error(path, 400, "invalid_query").await;
    }
    // Errors are never cached; the API is read-only.
    let response = app.get("/api/v1/newsml/articles/999999").await;
    assert_eq!(response.headers()["cache-control"], "no-store");
    let post = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/newsml/articles/{}", newsroom.bridge.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    // A picture a public story shows in its body is public.
    let shown = format!("/api/v1/newsml/media/{}", newsroom.world_picture.id);
    item(&app, &shown, NEWS_ITEM).await;
}

on_both_backends!(
    crate::test_app::TestApp::on;
    newsml_items_of_public_stories_are_valid_and_complete,
    newsml_guid_stays_and_version_grows_with_each_correction,
    newsml_answers_only_what_readers_may_see,
);
