//! The demo site as `dateline demo` installs it, read as a ninjs client
//! would: every public story and every picture in both versions, valid
//! against IPTC's schemas, with distinct `uri`s, and every picture file
//! they name answering with the type and size they give. Pictures readers
//! may not see are not found.

use std::collections::{HashMap, HashSet};

use axum::http::StatusCode;
use dateline_store::MediaQuery;
use serde_json::Value;

use super::schema::Schemas;
use crate::demo_site::DemoSite;
use crate::test_app::BASE_URL;

/// The ninjs document at `path` in `version`, which must be valid.
async fn document(site: &DemoSite, schemas: &Schemas, path: &str, version: &str) -> Value {
    let path = format!("{path}?version={version}");
    let (status, content_type, body) = site.get(&path).await;
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
    assert_eq!(
        content_type,
        format!("application/ninjs+json; version={version}")
    );
    schemas.check(version, &body, &path);
    body
}

/// Every rendition of a picture item that is a file: `(href, type, size)`.
fn files(
    item: &Value,
    renditions: &str,
    content_type: &str,
    size: &str,
) -> Vec<(String, String, u64)> {
    (item[renditions].as_array().unwrap().iter())
        .filter(|r| r[content_type] != "text/html")
        .map(|r| {
            let href = r["href"].as_str().unwrap().to_owned();
            (
                href,
                r[content_type].as_str().unwrap().to_owned(),
                r[size].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Checks every document of this format on the demo site.
pub async fn check(site: &DemoSite) {
    let backend = site.store.backend().name();
    let Some(schemas) = Schemas::load(&["2.2", "3.1"]) else {
        return;
    };
    let ids = site.public_story_ids().await;
    let published: i64 = (site.store.editions().await.unwrap().iter())
        .map(|e| e.article_count)
        .sum();
    assert!(published > 0);
    assert_eq!(
        ids.len() as i64,
        published,
        "[{backend}] every public story"
    );
    let mut uris = HashSet::new();
    let mut picture_files = HashMap::new();
    let mut translated = 0;
    for id in &ids {
        let path = format!("/api/v1/ninjs/articles/{id}");
        let v3 = document(site, &schemas, &path, "3.1").await;
        let v2 = document(site, &schemas, &path, "2.2").await;
        assert!(uris.insert(v3["uri"].clone()), "[{backend}] {v3:#}");
        assert_eq!(v2["uri"], v3["uri"]);
        assert_eq!(v2["version"], v3["version"]);
        assert!(!v3["headlines"][0]["value"].as_str().unwrap().is_empty());
        for association in v3["associations"].as_array().unwrap() {
            match association["rel"].as_str().unwrap() {
                "lead" | "inline" => {
                    for file in files(association, "renditions", "contentType", "sizeInBytes") {
                        picture_files.insert(file.0.clone(), file);
                    }
                }
                "translation" => translated += 1,
                other => panic!("association {other}: {association:#}"),
            }
        }
    }
    assert!(translated > 0, "[{backend}] the demo translates stories");

    // Every picture: public ones in both versions, the others not found.
    let query = MediaQuery {
        include_hidden: true,
        limit: 100,
        ..MediaQuery::default()
    };
    let logos: Vec<i64> = (site.store.editions().await.unwrap().iter())
        .filter_map(|e| e.logo_media_id)
        .collect();
    let (mut public, mut hidden) = (0, 0);
    let mut query = query;
    loop {
        let page = site.store.list_media(&query).await.unwrap();
        for asset in &page.items {
            let path = format!("/api/v1/ninjs/media/{}", asset.id);
            if !(asset.is_public || logos.contains(&asset.id)) {
                let (status, _, _) = site.get(&path).await;
                assert_eq!(status, StatusCode::NOT_FOUND, "[{backend}] {path}");
                hidden += 1;
                continue;
            }
            let v3 = document(site, &schemas, &path, "3.1").await;
            let v2 = document(site, &schemas, &path, "2.2").await;
            assert!(uris.insert(v3["uri"].clone()), "[{backend}] {v3:#}");
            assert_eq!(v2["uri"], v3["uri"]);
            let listed = files(&v3, "renditions", "contentType", "sizeInBytes");
            assert_eq!(listed.len(), asset.renditions.len(), "[{backend}] {path}");
            assert_eq!(
                files(&v2, "renditions", "contenttype", "sizeinbytes"),
                listed
            );
            for file in listed {
                picture_files.insert(file.0.clone(), file);
            }
            public += 1;
        }
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    assert!(
        public > 0,
        "[{backend}] {public} public and {hidden} hidden pictures"
    );

    // Every file a document names answers as the document says.
    for (href, content_type, size) in picture_files.into_values() {
        let path = href.strip_prefix(BASE_URL).unwrap();
        let (status, served_type, body) = site.get(path).await;
        assert_eq!(status, StatusCode::OK, "[{backend}] {href}");
        assert_eq!(served_type, content_type, "{href}");
        assert_eq!(body.len() as u64, size, "{href}");
    }
}
