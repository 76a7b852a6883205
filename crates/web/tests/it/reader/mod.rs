//! The reader site through the real router: snapshots of every page type,
//! the structure of the article page in both editions, SEO files, errors.

mod article;
mod article_details;
mod article_seo;
mod demo;
mod fixture;
mod listings;
mod pages;
mod rtl;
mod seo;

use reqwest::StatusCode;
use scraper::{ElementRef, Html, Selector};

use crate::test_app::TestApp;

/// Status and body of a GET, following no redirects.
pub async fn fetch(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.get(path).await;
    let status = response.status();
    // Error pages show the answer's own id: `REQUEST-ID` keeps snapshots stable.
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.text().await.unwrap();
    (status, body.replace(&id, "REQUEST-ID"))
}

/// The parsed body of a GET that must answer 200 with HTML.
pub async fn page(app: &TestApp, path: &str) -> Html {
    let response = app.get(path).await;
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
    assert!(
        content_type.starts_with("text/html"),
        "GET {path}: {content_type}"
    );
    Html::parse_document(&body)
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

/// Every element matching `css`.
pub fn all<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(css)).collect()
}

/// The one element matching `css`; fails when there is none.
pub fn one<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    doc.select(&sel(css))
        .next()
        .unwrap_or_else(|| panic!("no element matches {css:?}"))
}

/// Text content, whitespace collapsed.
pub fn text(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn attr<'a>(el: ElementRef<'a>, name: &str) -> &'a str {
    el.value()
        .attr(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}", el.value().name()))
}

/// Replaces fingerprinted static URLs (`style.3f9a1c0b2d4e.css`) with
/// stable names, so snapshots do not change with every CSS edit.
pub fn stable(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("/static/") {
        let (head, tail) = rest.split_at(i + "/static/".len());
        out.push_str(head);
        let end = tail.find(['"', '\'', ')', ' ']).unwrap_or(tail.len());
        let name = &tail[..end];
        let parts: Vec<&str> = name.split('.').collect();
        if parts.len() == 3
            && parts[1].len() == 12
            && parts[1].bytes().all(|b| b.is_ascii_hexdigit())
        {
            out.push_str(&format!("{}.HASH.{}", parts[0], parts[2]));
        } else {
            out.push_str(name);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Basic HTML5 sanity that a parser would not report: one `<h1>`, unique
/// ids, every `<img>` with an `alt`, landmarks present, `lang` and `dir`.
pub fn assert_well_formed(doc: &Html, path: &str) {
    assert_eq!(all(doc, "h1").len(), 1, "{path}: exactly one h1");
    let mut ids: Vec<&str> = all(doc, "[id]")
        .into_iter()
        .map(|e| attr(e, "id"))
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "{path}: duplicate ids");
    for img in all(doc, "img") {
        assert!(
            img.value().attr("alt").is_some(),
            "{path}: <img> without alt"
        );
    }
    for landmark in [
        "header",
        "nav",
        "main#main",
        "footer",
        "a.skip-link[href='#main']",
    ] {
        assert!(!all(doc, landmark).is_empty(), "{path}: no {landmark}");
    }
    let html = one(doc, "html");
    assert!(
        !attr(html, "lang").is_empty() && !attr(html, "dir").is_empty(),
        "{path}"
    );
    // Heading levels never skip downwards (h2 → h4).
    let mut last = 1;
    for h in all(
        doc,
        "main h1, main h2, main h3, main h4, main h5, main h6, aside h2",
    ) {
        let level: u32 = h.value().name()[1..].parse().unwrap();
        assert!(level <= last + 1, "{path}: <h{level}> after <h{last}>");
        last = level;
    }
}
