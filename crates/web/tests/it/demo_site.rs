//! The demo site as `dateline demo` installs it, served by the router: the
//! reader pages' checks (`reader::demo`) and, installed once per backend
//! (it is the slowest set-up of the suite), the ninjs and NewsML-G2
//! checks (`ninjs::demo`, `newsml::demo`).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use dateline_media::LocalBlobs;
use dateline_store::testing::TestDb;
use dateline_store::{ArticleFilter, ArticleQuery, Store};
use dateline_web::{AppState, WebConfig};
use tower::ServiceExt;

use crate::test_app::BASE_URL;

const NOW: i64 = 1_760_000_000;

pub struct DemoSite {
    app: axum::Router,
    pub store: Store,
    _db: TestDb,
    _files: tempfile::TempDir,
}

/// The demo installed on `db`, its pictures' files in a fresh folder the
/// router serves them from.
pub async fn install(db: TestDb) -> DemoSite {
    let files = tempfile::tempdir().unwrap();
    let blobs = LocalBlobs::new(files.path().join("media"));
    dateline_demo::install(db.store(), &blobs, 7, NOW)
        .await
        .unwrap();
    let config = WebConfig {
        base_url: BASE_URL.into(),
        data_dir: files.path().to_owned(),
        theme_dir: None,
        cache: dateline_web::CacheConfig::default(),
    };
    let state = AppState::new(db.store().clone(), config);
    state.renderer.check().unwrap();
    DemoSite {
        app: dateline_web::router(state),
        store: db.store().clone(),
        _db: db,
        _files: files,
    }
}

impl DemoSite {
    /// Status, `Content-Type` and body of a GET.
    pub async fn get(&self, path: &str) -> (StatusCode, String, Vec<u8>) {
        let request = Request::get(path).body(Body::empty()).unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = (response.headers().get("content-type"))
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, content_type, bytes.to_vec())
    }

    /// Every public story of every edition, by id.
    pub async fn public_story_ids(&self) -> Vec<i64> {
        public_story_ids(&self.store).await
    }
}

/// Every public story of every edition of `store`, by id, each edition's
/// newest first.
pub async fn public_story_ids(store: &Store) -> Vec<i64> {
    let mut ids = Vec::new();
    for edition in store.editions().await.unwrap() {
        let mut after = None;
        loop {
            let query = ArticleQuery {
                filter: ArticleFilter::Edition(edition.id),
                limit: 100,
                after,
            };
            let page = store.list_articles(&query).await.unwrap();
            ids.extend(page.items.iter().map(|c| c.id));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
    }
    ids
}

/// Every public story and picture of the demo, in ninjs 3.1 and 2.2 and as
/// NewsML-G2 items, is valid and names files that answer as it says.
async fn the_demo_site_distributes_valid_documents(site: DemoSite) {
    crate::ninjs::demo::check(&site).await;
    crate::newsml::demo::check(&site).await;
}

on_both_backends!(crate::demo_site::install; the_demo_site_distributes_valid_documents);
