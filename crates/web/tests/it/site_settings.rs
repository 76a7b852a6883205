//! Site-wide settings and an edition's date format and logo, on both
//! backends: admins change them in the newsroom (plain forms, the logo
//! uploaded with the edition's form) and the Admin API, each change
//! audited; every reader page shows them at once (the cached pages are
//! purged); others are refused; a refused form keeps what was typed.

use std::sync::Arc;

use dateline_domain::Role;
use dateline_media::{Limits, MediaService, MemoryBlobs};
use dateline_store::testing::TestDb;
use dateline_web::auth::role_scopes;
use reqwest::header::{ACCEPT_LANGUAGE, LOCATION};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::api_admin::{call, token};
use crate::newsroom_articles::signed_in;
use crate::newsroom_auth::{hidden, staff};
use crate::newsroom_media::png;
use crate::site_admin::actions;
use crate::test_app::TestApp;

const BOUNDARY: &str = "----datelineSettingsBoundary";

fn see_other(response: &reqwest::Response, to: &str) {
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], to);
}

/// A multipart form as a browser sends it: text fields in order, then the
/// file (an empty part when none was chosen).
pub fn multipart(fields: &[(&str, &str)], file: (&str, &str, &[u8])) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (name, filename, bytes) = file;
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; \
             filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// The values of the elements `selector` picks, by attribute.
fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    doc.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

fn text_of(html: &str, selector: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    doc.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("|")
}

async fn an_admin_sets_the_site_settings_and_every_reader_page_shows_them(app: TestApp) {
    let backend = app.backend();
    // Unset: each edition's own name, and `/` follows the browser.
    let before = app.get("/en/").await.text().await.unwrap();
    assert_eq!(
        attrs(&before, "meta[property='og:site_name']", "content"),
        ["Dateline"]
    );
    assert!(
        !before.contains("footer-social"),
        "[{backend}] no links yet"
    );
    let (mut admin, csrf, admin_id) = signed_in(&app, "chief@example.org", Role::Admin).await;
    let root = admin
        .request(Method::GET, "/")
        .header(ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(root.headers()[LOCATION], "/en/", "[{backend}]");

    let home = admin.get("/newsroom/").await.text().await.unwrap();
    assert!(
        home.contains("href=\"/newsroom/settings\""),
        "[{backend}] nav link"
    );
    let page = admin.get("/newsroom/settings").await;
    assert_eq!(page.status(), StatusCode::OK, "[{backend}]");
    let page = page.text().await.unwrap();
    assert_eq!(hidden(&page, "site_name"), "");
    assert_eq!(
        attrs(&page, "input[name='social_url']", "value").len(),
        2,
        "[{backend}] two empty rows to fill"
    );

    let form = [
        ("csrf_token", csrf.as_str()),
        ("site_name", "  The Daily Planet "),
        ("default_edition", "ru"),
        ("social_label", "Mastodon"),
        ("social_url", "https://social.example/@planet"),
        ("social_label", ""),
        ("social_url", ""),
        ("contact_email", "desk@planet.example"),
        ("contact_text", "1 Main Street\r\nMetropolis"),
        ("websub_hub", " https://hub.example/ "),
    ];
    see_other(
        &admin.post("/newsroom/settings", &form).await,
        "/newsroom/settings?saved=1",
    );
    let saved = admin
        .get("/newsroom/settings?saved=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(saved.contains("The settings are saved."), "[{backend}]");
    assert_eq!(hidden(&saved, "site_name"), "The Daily Planet");
    assert_eq!(
        attrs(&saved, "input[name='social_url']", "value"),
        ["https://social.example/@planet", "", ""],
        "[{backend}] the saved link and two empty rows"
    );
    let settings = app.store().site_settings().await.unwrap();
    assert_eq!(
        settings.default_edition_id,
        Some(app.newsroom.fixtures.ru.id)
    );
    assert_eq!(settings.contact_text, "1 Main Street\nMetropolis");
    assert_eq!(settings.websub_hub.as_deref(), Some("https://hub.example/"));
    assert_eq!(
        attrs(&saved, "input[name='websub_hub']", "value"),
        ["https://hub.example/"]
    );

    // Every reader page shows them: the cached front page was purged.
    let front = app.get("/en/").await.text().await.unwrap();
    assert_eq!(
        attrs(&front, "meta[property='og:site_name']", "content"),
        ["The Daily Planet"],
        "[{backend}]"
    );
    assert_eq!(
        attrs(&front, ".site-footer a[rel='me noopener']", "href"),
        ["https://social.example/@planet"],
        "[{backend}]"
    );
    assert_eq!(
        attrs(&front, ".site-footer a[href^='mailto:']", "href"),
        ["mailto:desk@planet.example"]
    );
    assert!(text_of(&front, ".footer-contact").contains("1 Main Street\nMetropolis"));
    assert_eq!(text_of(&front, ".footer-brand"), "The Daily Planet");
    assert!(
        front.contains(r#""@type":"WebSite""#) && front.contains(r#""name":"The Daily Planet""#),
        "[{backend}] the front page names the site to search engines"
    );
    let ru_section = app.get("/ru/world/").await.text().await.unwrap();
    assert_eq!(text_of(&ru_section, "title"), "В мире - The Daily Planet");
    let article = app
        .get("/en/world/bridge-reopens")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        text_of(&article, "title").ends_with(" - The Daily Planet"),
        "[{backend}]"
    );
    assert!(
        article.contains(r#""sameAs":["https://social.example/@planet"]"#),
        "[{backend}] the publisher's profiles in JSON-LD"
    );
    let root = admin
        .request(Method::GET, "/")
        .header(ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(
        root.headers()[LOCATION],
        "/ru/",
        "[{backend}] the home edition, whatever the browser's language"
    );
    assert_eq!(actions(app.store(), admin_id).await, ["site.settings"]);
}

async fn only_admins_reach_the_settings(app: TestApp) {
    let backend = app.backend();
    let (mut editor, csrf, editor_id) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let home = editor.get("/newsroom/").await.text().await.unwrap();
    assert!(!home.contains("href=\"/newsroom/settings\""), "[{backend}]");
    assert_eq!(
        editor.get("/newsroom/settings").await.status(),
        StatusCode::FORBIDDEN
    );
    let form = [("csrf_token", csrf.as_str()), ("site_name", "Mine")];
    let refused = editor.post("/newsroom/settings", &form).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "[{backend}]");
    let (_, secret) = token(app.store(), editor_id, role_scopes(Role::Editor), None).await;
    let body = json!({"site_name": "Mine"});
    let (status, answer) = call(
        &app,
        &secret,
        Method::PUT,
        "/api/v1/admin/settings",
        Some(body),
    )
    .await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    assert_eq!(app.store().site_settings().await.unwrap().site_name, None);
    assert!(actions(app.store(), editor_id).await.is_empty());
}

async fn a_bad_link_is_refused_on_its_row_with_what_was_typed_kept(app: TestApp) {
    let backend = app.backend();
    let (admin, csrf, admin_id) = signed_in(&app, "chief@example.org", Role::Admin).await;
    let form = [
        ("csrf_token", csrf.as_str()),
        ("site_name", "The Daily Planet"),
        ("default_edition", ""),
        ("social_label", "Mastodon"),
        ("social_url", "https://social.example/@planet"),
        ("social_label", ""),
        ("social_url", ""),
        ("social_label", "Trap"),
        ("social_url", "javascript:alert(1)"),
        ("contact_email", ""),
        ("contact_text", ""),
    ];
    let response = admin
        .request(Method::POST, "/newsroom/settings")
        .header(ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Ссылка 3: укажите адрес http или https"),
        "[{backend}] the row and the reason, in Russian: {html}"
    );
    assert_eq!(
        attrs(&html, "[aria-invalid=true]", "id"),
        ["social-url-2"],
        "[{backend}]"
    );
    assert_eq!(
        attrs(&html, "#social-url-2", "aria-describedby"),
        ["settings-error"]
    );
    assert_eq!(hidden(&html, "site_name"), "The Daily Planet");
    assert_eq!(
        attrs(&html, "input[name='social_url']", "value"),
        ["https://social.example/@planet", "", "javascript:alert(1)"],
        "[{backend}] typed values kept, in their rows"
    );
    assert_eq!(
        app.store().site_settings().await.unwrap(),
        Default::default(),
        "[{backend}] nothing saved"
    );
    assert!(actions(app.store(), admin_id).await.is_empty());
}

async fn the_admin_api_reads_and_replaces_the_settings(app: TestApp) {
    let backend = app.backend();
    let admin = staff(app.store(), "api@example.org", Role::Admin, &[]).await;
    let (_, secret) = token(app.store(), admin.id(), role_scopes(Role::Admin), None).await;
    let path = "/api/v1/admin/settings";
    let (status, unset) = call(&app, &secret, Method::GET, path, None).await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {unset}");
    assert_eq!(
        unset,
        json!({"site_name": null, "default_edition": null, "social_links": [],
               "contact_email": null, "contact_text": "", "websub_hub": null})
    );

    let settings = json!({
        "site_name": "Planet News",
        "default_edition": "en",
        "social_links": [
            {"label": "Mastodon", "url": "https://social.example/@planet"},
            {"label": "Telegram", "url": "https://t.example/planet"}
        ],
        "contact_email": "desk@planet.example",
        "contact_text": "Open 9 to 5",
        "websub_hub": "https://hub.example/"
    });
    let (status, saved) = call(&app, &secret, Method::PUT, path, Some(settings.clone())).await;
    assert_eq!((status, &saved), (StatusCode::OK, &settings), "[{backend}]");
    let (_, read) = call(&app, &secret, Method::GET, path, None).await;
    assert_eq!(read, settings, "[{backend}] round trip");
    let front = app.get("/ru/").await.text().await.unwrap();
    assert_eq!(
        attrs(&front, ".site-footer a[rel='me noopener']", "href"),
        ["https://social.example/@planet", "https://t.example/planet"],
        "[{backend}]"
    );

    let refusals: [(Value, &str); 5] = [
        (
            json!({"social_links": [{"label": "X", "url": "ftp://files.example"}]}),
            "social_links",
        ),
        (json!({"default_edition": "de"}), "default_edition"),
        (json!({"site_name": " Padded "}), "site_name"),
        (json!({"contact_email": "nobody"}), "contact_email"),
        (json!({"websub_hub": "https://hüb.example/"}), "websub_hub"),
    ];
    for (body, field) in refusals {
        let (status, answer) = call(&app, &secret, Method::PUT, path, Some(body)).await;
        assert_eq!(
            (
                status,
                answer["error"]["code"].as_str(),
                answer["error"]["field"].as_str()
            ),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("invalid_input"),
                Some(field)
            ),
            "[{backend}] {answer}"
        );
    }
    let (_, unchanged) = call(&app, &secret, Method::GET, path, None).await;
    assert_eq!(unchanged, settings, "[{backend}] refusals change nothing");

    // A field left out is unset: `PUT` replaces the settings whole.
    let (status, cleared) = call(&app, &secret, Method::PUT, path, Some(json!({}))).await;
    assert_eq!((status, &cleared), (StatusCode::OK, &unset), "[{backend}]");
    assert_eq!(
        actions(app.store(), admin.id()).await,
        ["site.settings", "site.settings"]
    );
}

/// An app whose media service is at hand, to make renditions.
async fn app_with_media(db: TestDb) -> (TestApp, Arc<MediaService>) {
    let mut media = None;
    let app = TestApp::on_with(db, |state| {
        let service = Arc::new(MediaService::new(
            state.store.clone(),
            Arc::new(MemoryBlobs::new()),
            Limits::default(),
        ));
        media = Some(Arc::clone(&service));
        state.with_media(service)
    })
    .await;
    (app, media.unwrap())
}

async fn an_edition_changes_its_date_format_and_gets_an_uploaded_logo(db: TestDb) {
    let (app, media) = app_with_media(db).await;
    let backend = app.backend();
    let story = "/en/world/bridge-reopens";
    let before = app.get(story).await.text().await.unwrap();
    assert!(before.contains(">14.11.2023, 22:13</time>"), "[{backend}]");
    let (mut admin, csrf, admin_id) = signed_in(&app, "chief@example.org", Role::Admin).await;
    let list = admin.get("/newsroom/editions").await.text().await.unwrap();
    assert!(
        list.contains("href=\"/newsroom/editions/en\""),
        "[{backend}]"
    );
    let page = admin
        .get("/newsroom/editions/en")
        .await
        .text()
        .await
        .unwrap();
    let formats = attrs(&page, "#ed-date-format option", "value");
    assert!(formats.contains(&"%B %e, %Y".to_owned()), "{formats:?}");
    assert_eq!(
        attrs(&page, "#ed-date-format option[selected]", "value"),
        ["%d.%m.%Y"]
    );

    // A file that is not a picture: refused on the file field, nothing kept.
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("name", "Dateline"),
        ("time_zone", "Europe/London"),
        ("date_format", "%B %e, %Y"),
        ("logo", ""),
    ];
    let (content_type, body) = multipart(&fields, ("logo_file", "logo.png", b"not a picture"));
    let refused = admin
        .post_body("/newsroom/editions/en", &content_type, body)
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("This file is not a picture"),
        "[{backend}] {html}"
    );
    assert_eq!(attrs(&html, "[aria-invalid=true]", "id"), ["ed-logo-file"]);
    assert_eq!(
        attrs(&html, "#ed-date-format option[selected]", "value"),
        ["%B %e, %Y"],
        "[{backend}] the choice kept"
    );
    let en = app.store().editions().await.unwrap().remove(0);
    assert_eq!(
        en.date_format.as_str(),
        "%d.%m.%Y",
        "[{backend}] nothing changed"
    );

    let (content_type, body) = multipart(&fields, ("logo_file", "logo.png", &png()));
    see_other(
        &admin
            .post_body("/newsroom/editions/en", &content_type, body)
            .await,
        "/newsroom/editions",
    );
    let en = app.store().editions().await.unwrap().remove(0);
    let logo = en.logo_media_id.expect("the uploaded logo");
    assert_eq!(en.date_format.as_str(), "%B %e, %Y");
    assert_eq!(media.run_once().await.unwrap(), Some(logo));

    // Readers see the new date format and the logo, whose files are public.
    let after = app.get(story).await.text().await.unwrap();
    assert!(
        after.contains(">November 14, 2023, 22:13</time>"),
        "[{backend}]"
    );
    let logo_src = attrs(&after, "picture.brand-logo img", "src");
    assert_eq!(logo_src.len(), 1, "[{backend}] {after}");
    assert!(
        logo_src[0].starts_with("/media/renditions/"),
        "{logo_src:?}"
    );
    assert_eq!(app.get(&logo_src[0]).await.status(), StatusCode::OK);

    // A number not in the media bank is refused on the logo's field.
    let unknown = [
        ("csrf_token", csrf.as_str()),
        ("name", "Dateline"),
        ("time_zone", "Europe/London"),
        ("date_format", "%B %e, %Y"),
        ("logo", "987654"),
    ];
    let (content_type, body) = multipart(&unknown, ("logo_file", "", b""));
    let refused = admin
        .post_body("/newsroom/editions/en", &content_type, body)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Logo: there is no picture with this number"),
        "{html}"
    );
    assert_eq!(hidden(&html, "logo"), "987654");

    // The Admin API changes both too; `null` removes the logo.
    let (_, secret) = token(app.store(), admin_id, role_scopes(Role::Admin), None).await;
    let patch = json!({"date_format": "%Y-%m-%d", "logo_media_id": null});
    let (status, changed) = call(
        &app,
        &secret,
        Method::PATCH,
        "/api/v1/admin/editions/en",
        Some(patch),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {changed}");
    assert_eq!(
        (changed["date_format"].as_str(), &changed["logo_media_id"]),
        (Some("%Y-%m-%d"), &Value::Null)
    );
    let (status, answer) = call(
        &app,
        &secret,
        Method::PATCH,
        "/api/v1/admin/editions/en",
        Some(json!({"date_format": "%Y"})),
    )
    .await;
    assert_eq!(
        (status, answer["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("date_format")),
        "[{backend}] only the formats offered"
    );
    let plain = app.get(story).await.text().await.unwrap();
    assert!(plain.contains(">2023-11-14, 22:13</time>"), "[{backend}]");
    assert!(!plain.contains("picture class=\"brand-logo\""));
    assert_eq!(
        app.get(&logo_src[0]).await.status(),
        StatusCode::NOT_FOUND,
        "[{backend}] no longer a logo, no longer public"
    );
    assert_eq!(
        actions(app.store(), admin_id).await,
        ["edition.update", "edition.update", "media.upload"]
    );
}

/// A hub address that is not an http(s) address in ASCII is refused on its
/// field, what was typed kept, nothing saved.
async fn a_bad_websub_hub_is_refused_on_its_field(app: TestApp) {
    let backend = app.backend();
    let (mut admin, csrf, _) = signed_in(&app, "chief@example.org", Role::Admin).await;
    let form = [
        ("csrf_token", csrf.as_str()),
        ("site_name", "The Daily Planet"),
        ("websub_hub", "hub.example/websub"),
    ];
    let response = admin.post("/newsroom/settings", &form).await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let html = response.text().await.unwrap();
    assert!(
        html.contains("WebSub hub address: enter an http or https address"),
        "[{backend}] {html}"
    );
    assert_eq!(attrs(&html, "[aria-invalid=true]", "id"), ["websub-hub"]);
    assert_eq!(attrs(&html, "#websub-hub", "value"), ["hub.example/websub"]);
    assert_eq!(
        app.store().site_settings().await.unwrap(),
        Default::default(),
        "[{backend}] nothing saved"
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    an_admin_sets_the_site_settings_and_every_reader_page_shows_them,
    only_admins_reach_the_settings,
    a_bad_link_is_refused_on_its_row_with_what_was_typed_kept,
    a_bad_websub_hub_is_refused_on_its_field,
    the_admin_api_reads_and_replaces_the_settings,
);

on_both_backends!(
    std::future::ready;
    an_edition_changes_its_date_format_and_gets_an_uploaded_logo,
);
