//! The demo site as `dateline demo` installs it, read as a NewsML-G2
//! client would: every public story's text item and package, every picture
//! item they refer to, and every file those items name, which answer with
//! the type and size the items give. Every document is valid against the
//! 2.35 XSD.

use std::collections::HashSet;

use axum::http::StatusCode;

use super::xsd::{elements, only, Validator};
use super::{path_of, NEWS_ITEM, PACKAGE_ITEM};
use crate::demo_site::DemoSite;

/// A document that must answer 200 with `media_type`.
async fn item(site: &DemoSite, path: &str, media_type: &str) -> String {
    let (status, content_type, body) = site.get(path).await;
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
    assert!(
        content_type.starts_with(media_type),
        "GET {path}: {content_type}"
    );
    body
}

/// Checks every document of this format on the demo site.
pub async fn check(site: &DemoSite) {
    let backend = site.store.backend().name();
    let ids = site.public_story_ids().await;
    let editions = site.store.editions().await.unwrap();
    let published: i64 = editions.iter().map(|e| e.article_count).sum();
    assert_eq!(
        ids.len() as i64,
        published,
        "[{backend}] every public story"
    );
    let mut documents = Vec::new();
    let mut guids = HashSet::new();
    let mut pictures = HashSet::new();
    let mut files = HashSet::new();
    for id in ids {
        let text = item(site, &format!("/api/v1/newsml/articles/{id}"), NEWS_ITEM).await;
        let root = only(&text, "newsItem");
        assert!(
            guids.insert(root.attr("guid").to_owned()),
            "[{backend}] {text}"
        );
        assert!(!only(&text, "headline").text.trim().is_empty(), "{text}");
        for img in elements(&text, "img") {
            files.insert(path_of(img.attr("src")).to_owned());
        }
        let package = item(
            site,
            &format!("/api/v1/newsml/articles/{id}/package"),
            PACKAGE_ITEM,
        )
        .await;
        let refs = elements(&package, "itemRef");
        assert_eq!(refs[0].attr("residref"), root.attr("guid"), "{package}");
        for reference in refs.iter().skip(1) {
            pictures.insert(path_of(reference.attr("href")).to_owned());
        }
        documents.push((format!("article-{id}"), text));
        documents.push((format!("package-{id}"), package));
    }
    assert!(
        pictures.len() > 20,
        "[{backend}] lead pictures: {}",
        pictures.len()
    );
    for path in &pictures {
        let picture = item(site, path, NEWS_ITEM).await;
        let renditions = elements(&picture, "remoteContent");
        assert!(!renditions.is_empty(), "[{backend}] {picture}");
        for file in renditions {
            let (status, content_type, body) = site.get(path_of(file.attr("href"))).await;
            assert_eq!(status, StatusCode::OK, "[{backend}] {file:?}");
            assert_eq!(content_type, file.attr("contenttype"), "{file:?}");
            assert_eq!(body.len().to_string(), file.attr("size"), "{file:?}");
        }
        documents.push((path.replace('/', "-"), picture));
    }
    for path in &files {
        assert_eq!(site.get(path).await.0, StatusCode::OK, "[{backend}] {path}");
    }
    match Validator::find() {
        Some(validator) => validator.documents(&documents),
        None => eprintln!(
            "[{backend}] {} demo documents not validated",
            documents.len()
        ),
    }
}
