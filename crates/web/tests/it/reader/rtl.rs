//! Right-to-left editions: an Arabic edition's pages run right to left,
//! names and reader text that may run the other way are isolated, the
//! newsroom follows the staff member's language, and the stylesheet uses
//! start and end rather than left and right.

use dateline_domain::{NewArticle, NewAuthor, NewSection, Role};
use dateline_web::auth::role_scopes;
use reqwest::header::ACCEPT_LANGUAGE;
use reqwest::{Method, StatusCode};
use scraper::Html;
use serde_json::json;

use super::{assert_well_formed, attr, one, page, text};
use crate::account::AccountApp;
use crate::api_admin::{call, token};
use crate::comments::{post, posted_id, reader, COMMENTS, STORY};
use crate::newsroom::NOW;
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

/// The byline of the Arabic story.
const AUTHOR: &str = "Maya Lindqvist";

/// Creates the `ar` edition as an admin would (the Admin API works out the
/// direction from the language), a section and one story in it by a
/// correspondent with a Latin name and with a Latin tag. Returns the
/// story's path.
async fn arabic_edition(app: &TestApp) -> String {
    let store = app.store();
    let admin = staff(store, "rtl-admin@example.org", Role::Admin, &[]).await;
    let (_, secret) = token(store, admin.id(), role_scopes(Role::Admin), None).await;
    let body =
        json!({"code": "ar", "name": "دايتلاين", "language": "ar", "time_zone": "Asia/Dubai"});
    let (status, created) = call(
        app,
        &secret,
        Method::POST,
        "/api/v1/admin/editions",
        Some(body),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["direction"], "rtl");
    let edition_id = store
        .editions()
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.code.as_str() == "ar")
        .expect("the ar edition")
        .id;
    let section = store
        .create_section(&NewSection {
            edition_id,
            slug: "world".parse().unwrap(),
            title: "العالم".into(),
            description: "أخبار من حول العالم".into(),
            position: 0,
        })
        .await
        .unwrap();
    // A correspondent whose name is written in Latin letters.
    let author = store
        .create_author(&NewAuthor::new(
            "maya-lindqvist".parse().unwrap(),
            AUTHOR,
            "",
            vec![edition_id],
        ))
        .await
        .unwrap();
    let fx = &app.newsroom.fixtures;
    let article = NewArticle {
        edition_id,
        section_id: section.id,
        headline: "افتتاح الجسر بعد الترميم".into(),
        lead: "عاد الجسر إلى العمل صباح اليوم.".into(),
        tags: vec![("open-data".parse().unwrap(), "Open Data".into())],
        author_ids: vec![author.id],
        ..fx.article("iftitah-aljisr", NOW - 3600)
    };
    store.create_article(&article).await.unwrap();
    "/ar/world/iftitah-aljisr".to_owned()
}

fn assert_rtl(doc: &Html, path: &str) {
    let html = one(doc, "html");
    assert_eq!(
        (attr(html, "lang"), attr(html, "dir")),
        ("ar", "rtl"),
        "{path}"
    );
}

async fn an_arabic_edition_runs_right_to_left_with_names_isolated(app: TestApp) {
    let article_path = arabic_edition(&app).await;

    let front = page(&app, "/ar/").await;
    assert_rtl(&front, "/ar/");
    assert_well_formed(&front, "/ar/");
    // The switcher shows each edition in its own language and direction.
    let switch = |lang: &str| one(&front, &format!("nav.editions a[lang='{lang}']"));
    assert_eq!(attr(switch("ar"), "dir"), "rtl");
    assert_eq!(attr(switch("en"), "dir"), "ltr");
    assert_eq!(attr(switch("ru"), "dir"), "ltr");

    let article = page(&app, &article_path).await;
    assert_rtl(&article, &article_path);
    assert_well_formed(&article, &article_path);
    assert_eq!(text(one(&article, "h1")), "افتتاح الجسر بعد الترميم");
    // A Latin byline and tag inside Arabic text: each in its own <bdi>.
    assert_eq!(text(one(&article, ".byline a[rel=author] bdi")), AUTHOR);
    assert_eq!(text(one(&article, ".article-authors li a bdi")), AUTHOR);
    assert_eq!(
        text(one(&article, ".article-tags .chips a bdi")),
        "Open Data"
    );
    assert_eq!(
        text(one(&article, "figure.lead-figure figcaption bdi.credit")),
        "© Photo: Test Agency"
    );
    // The comment box keeps the direction the reader types in.
    assert_eq!(attr(one(&article, "#comment-body"), "dir"), "auto");

    // Listings of the edition run right to left too.
    let section = attr(one(&article, ".article-header .kicker a"), "href").to_owned();
    let tag = attr(one(&article, ".article-tags .chips a"), "href").to_owned();
    let newsfeed = attr(one(&front, "nav.sections li:first-child a"), "href").to_owned();
    for path in [&section, &newsfeed, &tag] {
        let doc = page(&app, path).await;
        assert_rtl(&doc, path);
        assert_well_formed(&doc, path);
    }
    let tag_page = page(&app, &tag).await;
    // The tag's name sits inside an Arabic sentence, isolated by the
    // first-strong isolate and its closing mark.
    assert!(
        text(one(&tag_page, "h1")).contains("\u{2068}Open Data\u{2069}"),
        "{}",
        text(one(&tag_page, "h1"))
    );

    // The other editions keep running left to right.
    let english = page(&app, STORY).await;
    assert_eq!(attr(one(&english, "html"), "dir"), "ltr");
}

async fn readers_names_and_comments_keep_their_own_direction(t: AccountApp) {
    let mut ann = reader(&t, "Ann").await;
    let id = posted_id(&post(&mut ann, COMMENTS, "شكرًا على هذا التقرير").await);
    let doc = Html::parse_document(&t.browser().get(STORY).await.body);
    let comment = format!("#c{id}");
    assert_eq!(
        text(one(&doc, &format!("{comment} .comment-author bdi"))),
        "Ann"
    );
    let body = one(&doc, &format!("{comment} .comment-body"));
    assert_eq!(attr(body, "dir"), "auto");
    assert_eq!(text(body), "شكرًا على هذا التقرير");
    // Replying: the name inside the label is isolated, the box follows
    // what is typed.
    let label = text(one(&doc, &format!("label[for='reply-{id}']")));
    assert!(label.contains("\u{2068}Ann\u{2069}"), "{label}");
    assert_eq!(attr(one(&doc, &format!("#reply-{id}")), "dir"), "auto");
}

async fn the_newsroom_follows_the_staff_members_language(app: TestApp) {
    staff(app.store(), "rtl-editor@example.org", Role::Editor, &[]).await;
    for (language, dir) in [("ar", "rtl"), ("en", "ltr"), ("ru", "ltr")] {
        let response = reqwest::Client::new()
            .get(app.url("/newsroom/login"))
            .header(ACCEPT_LANGUAGE, language)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let doc = Html::parse_document(&response.text().await.unwrap());
        let html = one(&doc, "html");
        assert_eq!((attr(html, "lang"), attr(html, "dir")), (language, dir));
    }
}

/// A declaration that names a physical side where start or end is usually
/// meant: `margin-left`, `left:`, `text-align: right`, `to left`…
fn physical(property: &str, value: &str) -> bool {
    let side = |s: &str| {
        s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .any(|word| word == "left" || word == "right")
    };
    let sided_property = property
        .split('-')
        .any(|part| part == "left" || part == "right");
    let sided_value = matches!(
        property,
        "float"
            | "clear"
            | "text-align"
            | "object-position"
            | "background-position"
            | "transform-origin"
    ) && side(value)
        || value.contains("to left")
        || value.contains("to right");
    sided_property || sided_value
}

/// Every physical declaration of `css` on a line without a
/// `/* physical: why */` comment, as `line: declaration`; and how many
/// declarations were read.
fn unexplained_physical(css: &str) -> (Vec<String>, usize) {
    let mut found = Vec::new();
    let mut declarations = 0;
    let mut in_comment = false;
    for (n, line) in css.lines().enumerate() {
        let explained = line.contains("/* physical:");
        // The code of the line, comments left out.
        let mut code = String::new();
        let mut rest = line;
        while !rest.is_empty() {
            if in_comment {
                match rest.find("*/") {
                    Some(end) => {
                        in_comment = false;
                        rest = &rest[end + 2..];
                    }
                    None => rest = "",
                }
            } else {
                match rest.find("/*") {
                    Some(start) => {
                        code.push_str(&rest[..start]);
                        in_comment = true;
                        rest = &rest[start + 2..];
                    }
                    None => {
                        code.push_str(rest);
                        rest = "";
                    }
                }
            }
        }
        // What ends in `{` is a selector or an at-rule's prelude.
        let mut parts = Vec::new();
        let mut start = 0;
        for (i, c) in code.char_indices() {
            if matches!(c, '{' | '}' | ';') {
                if c != '{' {
                    parts.push(&code[start..i]);
                }
                start = i + 1;
            }
        }
        parts.push(&code[start..]);
        for part in parts {
            let Some((property, value)) = part.split_once(':') else {
                continue;
            };
            let property = property.trim();
            if property.is_empty() || !property.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            {
                continue;
            }
            declarations += 1;
            if physical(property, value) && !explained {
                found.push(format!("{}: {}", n + 1, part.trim()));
            }
        }
    }
    (found, declarations)
}

#[test]
fn the_checker_catches_physical_sides_and_lets_explained_ones_pass() {
    let css = ".a { margin-left: 1rem; padding-inline-start: 1rem; }\n\
               .b {\n  left: 0;\n  inset-inline-end: 0;\n}\n\
               .c { text-align: right; float: inline-start; border-right-color: red; }\n\
               .d { background: linear-gradient(to left, red, blue); } /* physical: a fade */\n\
               .e:hover { text-align: start; }\n";
    let (found, declarations) = unexplained_physical(css);
    assert_eq!(
        found,
        [
            "1: margin-left: 1rem",
            "3: left: 0",
            "6: text-align: right",
            "6: border-right-color: red"
        ]
    );
    assert_eq!(declarations, 9);
}

async fn the_stylesheet_uses_start_and_end(app: TestApp) {
    let front = page(&app, "/en/").await;
    let href = attr(one(&front, "link[rel=stylesheet]"), "href").to_owned();
    let response = app.get(&href).await;
    assert_eq!(response.status(), StatusCode::OK, "{href}");
    let css = response.text().await.unwrap();
    let (found, declarations) = unexplained_physical(&css);
    assert!(declarations > 500, "only {declarations} declarations read");
    assert!(
        found.is_empty(),
        "physical left/right without a `/* physical: why */` comment:\n{}",
        found.join("\n")
    );
}

on_both_backends!(
    crate::reader::fixture::reader_app_on;
    an_arabic_edition_runs_right_to_left_with_names_isolated,
    the_newsroom_follows_the_staff_members_language,
    the_stylesheet_uses_start_and_end,
);

on_both_backends!(
    crate::comments::comment_app;
    readers_names_and_comments_keep_their_own_direction,
);
