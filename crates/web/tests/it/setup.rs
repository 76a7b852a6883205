//! First run on both backends: a fresh install leads to `/setup`, the form
//! needs the printed token, creates admin, edition and sections in one go,
//! signs the admin in, and closes; refusals keep what was typed.

use dateline_domain::Role;
use reqwest::header::{ACCEPT_LANGUAGE, LOCATION};
use reqwest::{Method, StatusCode};

use crate::newsroom_auth::{hidden, Browser, SESSION};
use crate::test_app::FreshApp;

const PASSWORD: &str = "a long enough password";

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .map_or(String::new(), |v| v.to_str().unwrap().to_owned())
}

fn form<'a>(csrf: &'a str, token: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("token", token),
        ("admin_name", "Ada Editor"),
        ("email", email),
        ("password", PASSWORD),
        ("edition_name", "The Morning Post"),
        ("edition_code", "en"),
        ("language", "en-GB"),
        ("time_zone", "Europe/London"),
        ("sections", "World\nBusiness & Money\n"),
    ]
}

/// Opens `/setup` (with the token in the address, as printed) and returns
/// the form's double-submit token.
async fn open_form(browser: &mut Browser, token: &str) -> String {
    let page = browser.get(&format!("/setup?token={token}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert_eq!(
        hidden(&html, "token"),
        token,
        "the printed token is filled in"
    );
    hidden(&html, "csrf_token")
}

async fn a_fresh_install_is_set_up_once_from_the_printed_address(app: FreshApp) {
    let backend = app.backend();
    let mut browser = Browser::new(app.url(""));
    for path in ["/", "/newsroom/", "/newsroom/articles"] {
        let response = browser.get(path).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "[{backend}] {path}"
        );
        assert_eq!(location(&response), "/setup", "[{backend}] {path}");
    }
    let bare = browser.get("/setup").await.text().await.unwrap();
    assert!(
        bare.contains("setup token"),
        "[{backend}] explains the token: {bare}"
    );

    // A wrong token, and no form token at all, create nothing.
    let csrf = open_form(&mut browser, &app.setup_token).await;
    let wrong = browser
        .post("/setup", &form(&csrf, "not-the-token", "ada@example.org"))
        .await;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN, "[{backend}]");
    let html = wrong.text().await.unwrap();
    assert!(
        html.contains("Setup token: this token is not valid"),
        "[{backend}] {html}"
    );
    assert_eq!(
        hidden(&html, "edition_name"),
        "The Morning Post",
        "typed values kept"
    );
    let mut forged = form("", &app.setup_token, "ada@example.org");
    forged[0] = ("csrf_token", "forged");
    let no_csrf = browser.post("/setup", &forged).await;
    assert_eq!(no_csrf.status(), StatusCode::FORBIDDEN, "[{backend}]");
    assert!(!app.store().has_staff().await.unwrap(), "[{backend}]");
    let csrf = open_form(&mut browser, &app.setup_token).await;

    let done = browser
        .post("/setup", &form(&csrf, &app.setup_token, "ada@example.org"))
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER, "[{backend}]");
    assert_eq!(location(&done), "/newsroom/");
    assert!(
        browser.cookies.contains_key(SESSION),
        "[{backend}] signed in"
    );

    let home = browser.get("/newsroom/").await;
    assert_eq!(home.status(), StatusCode::OK, "[{backend}]");
    let home = home.text().await.unwrap();
    assert!(home.contains("Ada Editor"), "[{backend}] {home}");
    assert!(
        home.contains("href=\"/newsroom/editions\""),
        "[{backend}] admin nav"
    );

    let staff = app.store().staff_accounts().await.unwrap();
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].role(), Role::Admin);
    let edition = &app.store().editions().await.unwrap()[0];
    assert_eq!(
        (edition.code.as_str(), edition.language.as_str()),
        ("en", "en-GB")
    );
    let sections: Vec<_> = app
        .store()
        .sections(edition.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.slug.to_string(), s.title))
        .collect();
    assert_eq!(
        sections,
        [
            ("world".to_owned(), "World".to_owned()),
            ("business-money".to_owned(), "Business & Money".to_owned())
        ]
    );

    // The reader site works with no articles, and "New article" offers the sections.
    let root = browser.get("/").await;
    assert_eq!(location(&root), "/en/", "[{backend}]");
    let front = browser.get("/en/").await;
    assert_eq!(front.status(), StatusCode::OK, "[{backend}]");
    assert!(front.text().await.unwrap().contains("The Morning Post"));
    let new_article = browser
        .get("/newsroom/articles/new")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        new_article.contains("Business &amp; Money"),
        "[{backend}] {new_article}"
    );
    assert!(!new_article.contains("id=\"no-sections\""));

    // Setup is over, whoever asks.
    let mut other = Browser::new(app.url(""));
    let gone = other.get("/setup").await;
    assert_eq!(gone.status(), StatusCode::GONE, "[{backend}]");
    let html = gone.text().await.unwrap();
    assert!(html.contains("href=\"/newsroom/login\""), "{html}");
    assert!(!html.contains("name=\"csrf_token\""), "no form: {html}");
    let again = other
        .post("/setup", &form("x", &app.setup_token, "eve@example.org"))
        .await;
    assert_eq!(again.status(), StatusCode::GONE, "[{backend}]");
    assert_eq!(app.store().staff_accounts().await.unwrap().len(), 1);
    let newsroom = other.get("/newsroom/").await;
    assert_eq!(location(&newsroom), "/newsroom/login?next=%2Fnewsroom%2F");
}

async fn a_refused_setup_keeps_the_typed_values_and_names_the_field_in_russian(
    app: crate::test_app::FreshApp,
) {
    let backend = app.backend();
    let mut browser = Browser::new(app.url(""));
    let csrf = open_form(&mut browser, &app.setup_token).await;
    let mut typed = form(&csrf, &app.setup_token, "not an address");
    typed[6] = ("edition_code", "ru");
    let response = browser
        .request(Method::POST, "/setup")
        .header(ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9")
        .form(&typed)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"ru\""), "[{backend}]");
    assert!(
        html.contains("Эл. почта: укажите правильный адрес."),
        "[{backend}] {html}"
    );
    assert_eq!(hidden(&html, "email"), "not an address");
    assert_eq!(hidden(&html, "edition_code"), "ru");
    assert_eq!(hidden(&html, "admin_name"), "Ada Editor");
    assert!(html.contains("Business &amp; Money"), "sections kept");
    assert!(!html.contains(PASSWORD), "the password is never sent back");
    let doc = scraper::Html::parse_document(&html);
    let invalid = scraper::Selector::parse("[aria-invalid=true]").unwrap();
    let ids: Vec<_> = doc
        .select(&invalid)
        .filter_map(|e| e.value().id())
        .collect();
    assert_eq!(ids, ["email"], "[{backend}]");
    let described = |id: &str| {
        let selector = scraper::Selector::parse(&format!("#{id}")).unwrap();
        let element = doc.select(&selector).next().unwrap();
        element.value().attr("aria-describedby").map(str::to_owned)
    };
    assert_eq!(described("email").as_deref(), Some("setup-error"));
    assert_eq!(described("token").as_deref(), Some("token-help"));

    // A reserved section name is refused the same way; nothing was
    // created. (The browser kept the first form's cookie.)
    let mut typed = form(&csrf, &app.setup_token, "ada@example.org");
    typed[9] = ("sections", "World\nTag");
    let response = browser.post("/setup", &typed).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Sections: each name must give"), "{html}");
    assert!(!app.store().has_staff().await.unwrap());
    assert!(app.store().editions().await.unwrap().is_empty());
}

async fn a_site_set_up_without_sections_points_new_article_to_the_sections_page(
    app: crate::test_app::FreshApp,
) {
    let backend = app.backend();
    let mut browser = Browser::new(app.url(""));
    let csrf = open_form(&mut browser, &app.setup_token).await;
    let mut typed = form(&csrf, &app.setup_token, "ada@example.org");
    typed[9] = ("sections", "");
    let done = browser.post("/setup", &typed).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let page = browser
        .get("/newsroom/articles/new")
        .await
        .text()
        .await
        .unwrap();
    let doc = scraper::Html::parse_document(&page);
    let hint = scraper::Selector::parse("#no-sections a").unwrap();
    let link = doc
        .select(&hint)
        .next()
        .and_then(|a| a.value().attr("href"));
    assert_eq!(link, Some("/newsroom/editions"), "[{backend}] {page}");
    let sections = browser
        .get("/newsroom/editions/en/sections")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        sections.contains("This edition has no sections yet."),
        "[{backend}]"
    );
}

/// The form as a browser sends it with a file chosen for the logo.
fn with_logo<'a>(csrf: &'a str, token: &'a str, logo: &'a [u8]) -> (String, Vec<u8>) {
    let mut fields = form(csrf, token, "ada@example.org");
    fields.insert(4, ("site_name", "Morning Group"));
    fields.push(("date_format", "%e %B %Y"));
    crate::site_settings::multipart(&fields, ("logo", "masthead.png", logo))
}

async fn media_count(app: &FreshApp) -> usize {
    let search = dateline_store::MediaSearch {
        limit: 100,
        ..Default::default()
    };
    app.store().search_media(&search).await.unwrap().items.len()
}

async fn a_setup_with_a_logo_names_the_site_and_shows_the_logo(app: FreshApp) {
    let backend = app.backend();
    let mut browser = Browser::new(app.url(""));
    let csrf = open_form(&mut browser, &app.setup_token).await;

    // Without the printed token, the logo is not even looked at.
    let picture = crate::newsroom_media::png();
    let (content_type, body) = with_logo(&csrf, "not-the-token", &picture);
    let forged = browser.post_body("/setup", &content_type, body).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN, "[{backend}]");
    assert_eq!(media_count(&app).await, 0, "[{backend}] no picture kept");
    let csrf = hidden(&forged.text().await.unwrap(), "csrf_token");

    // A file that is not a picture: refused on the logo, nothing created.
    let (content_type, body) = with_logo(&csrf, &app.setup_token, b"plain text, not a picture");
    let refused = browser.post_body("/setup", &content_type, body).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("This file is not a picture Dateline can read"),
        "[{backend}] {html}"
    );
    let doc = scraper::Html::parse_document(&html);
    let invalid = scraper::Selector::parse("[aria-invalid=true]").unwrap();
    let ids: Vec<_> = doc
        .select(&invalid)
        .filter_map(|e| e.value().id())
        .collect();
    assert_eq!(ids, ["logo"], "[{backend}]");
    assert_eq!(
        hidden(&html, "site_name"),
        "Morning Group",
        "typed values kept"
    );
    assert_eq!(hidden(&html, "edition_name"), "The Morning Post");
    assert!(!app.store().has_staff().await.unwrap(), "[{backend}]");
    assert!(app.store().editions().await.unwrap().is_empty());
    assert_eq!(media_count(&app).await, 0, "[{backend}] no picture kept");

    let csrf = hidden(&html, "csrf_token");
    let (content_type, body) = with_logo(&csrf, &app.setup_token, &picture);
    let done = browser.post_body("/setup", &content_type, body).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER, "[{backend}]");
    assert_eq!(location(&done), "/newsroom/");
    let edition = &app.store().editions().await.unwrap()[0];
    assert_eq!(edition.date_format.as_str(), "%e %B %Y");
    let logo = edition.logo_media_id.expect("the logo");
    assert_eq!(media_count(&app).await, 1);
    let settings = app.store().site_settings().await.unwrap();
    assert_eq!(settings.site_name.as_deref(), Some("Morning Group"));

    let front = browser.get("/en/").await.text().await.unwrap();
    let doc = scraper::Html::parse_document(&front);
    let brand = scraper::Selector::parse("a.brand picture.brand-logo img").unwrap();
    assert_eq!(doc.select(&brand).count(), 1, "[{backend}] {front}");
    // Every page carries it: chats, account pages, errors too.
    for path in [
        "/en/chats",
        "/account/login?edition=en",
        "/en/no-such-section/",
    ] {
        let page = browser.get(path).await.text().await.unwrap();
        let doc = scraper::Html::parse_document(&page);
        assert_eq!(doc.select(&brand).count(), 1, "[{backend}] {path}: {page}");
    }
    let site_name = scraper::Selector::parse("meta[property='og:site_name']").unwrap();
    let named = doc
        .select(&site_name)
        .next()
        .and_then(|m| m.value().attr("content"));
    assert_eq!(named, Some("Morning Group"), "[{backend}]");
    let bank = browser.get(&format!("/en/mediabank/{logo}")).await.status();
    assert_eq!(
        bank,
        StatusCode::OK,
        "[{backend}] a logo is a public picture"
    );
}

/// Markup typed into the setup form is kept as text and shown as text on
/// the pages that print it; a control character is refused, saying why,
/// and creates nothing (the same input layer as every other form).
async fn markup_typed_at_setup_is_shown_as_text(app: FreshApp) {
    let backend = app.backend();
    let mut browser = Browser::new(app.url(""));
    let csrf = open_form(&mut browser, &app.setup_token).await;
    let admin = "Ada <img src=x onerror=alert(1)>";
    let site = "Morning \"Group\" </title><script>alert(2)</script>";
    let edition = "The Post <svg onload=alert(3)>";
    let mut typed = form(&csrf, &app.setup_token, "ada@example.org");
    typed[2] = ("admin_name", admin);
    typed[5] = ("edition_name", "The Post\u{7}");
    typed.insert(4, ("site_name", site));
    let refused = browser.post("/setup", &typed).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}] a control character"
    );
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("edition_name: holds the character U+0007"),
        "[{backend}] says why: {html}"
    );
    assert!(!app.store().has_staff().await.unwrap(), "[{backend}]");
    assert!(app.store().editions().await.unwrap().is_empty());

    let mut typed = form(&csrf, &app.setup_token, "ada@example.org");
    typed[2] = ("admin_name", admin);
    typed[5] = ("edition_name", edition);
    typed.insert(4, ("site_name", site));
    let done = browser.post("/setup", &typed).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER, "[{backend}]");
    for path in [
        "/en/",
        "/en/world/",
        "/newsroom/",
        "/newsroom/users",
        "/newsroom/settings",
    ] {
        let page = browser.get(path).await;
        assert_eq!(page.status(), StatusCode::OK, "[{backend}] {path}");
        let html = page.text().await.unwrap();
        for raw in [
            "<img src=x",
            "<script>alert",
            "<svg onload",
            "</title><script>",
        ] {
            assert!(
                !html.contains(raw),
                "[{backend}] {path} shows {raw:?} as markup"
            );
        }
        let doc = scraper::Html::parse_document(&html);
        let text: String = doc.root_element().text().collect();
        let attributes: Vec<&str> = doc
            .root_element()
            .descendants()
            .filter_map(|n| n.value().as_element())
            .flat_map(|e| e.attrs().map(|(_, v)| v))
            .collect();
        let shown = |typed: &str| text.contains(typed) || attributes.contains(&typed);
        assert!(
            shown(site) || shown(edition) || shown(admin),
            "[{backend}] {path} prints what was typed, as text"
        );
    }
}

on_both_backends!(
    crate::test_app::FreshApp::on;
    a_setup_with_a_logo_names_the_site_and_shows_the_logo,
    a_fresh_install_is_set_up_once_from_the_printed_address,
    a_refused_setup_keeps_the_typed_values_and_names_the_field_in_russian,
    a_site_set_up_without_sections_points_new_article_to_the_sections_page,
    markup_typed_at_setup_is_shown_as_text,
);
