#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Search over a real database: every test body is one
//! `async fn name(store: &Store)`, run on SQLite and on PostgreSQL.

use dateline_domain::{BodyBlock, NewArticle, UnixTime};
use dateline_search::{
    Audience, Filters, Hit, Kind, Order, QueryText, Search, SearchRequest, SearchResults,
};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::Store;

macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = dateline_store::testing::TestDb::sqlite().await;
                    super::$name(db.store()).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                #[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
                async fn $name() {
                    let db = dateline_store::testing::TestDb::postgres_required().await;
                    super::$name(db.store()).await;
                }
            )+
        }
    };
}

mod finding;
mod following;

const NOW: UnixTime = Fixtures::NOW;
const DAY: i64 = 86_400;

/// A search over a fresh index folder of its own, built from `store`.
pub struct Node {
    pub search: Search,
    _dir: tempfile::TempDir,
}

impl Node {
    pub async fn new(store: &Store) -> Node {
        let dir = tempfile::tempdir().unwrap();
        let search = Search::open(dir.path(), store.clone());
        search.sync().await.unwrap();
        Node { search, _dir: dir }
    }

    pub async fn find(&self, request: SearchRequest) -> SearchResults {
        self.search.sync().await.unwrap();
        self.search.find(request).await.unwrap()
    }

    /// Ids found by a public search of `text` (any edition).
    pub async fn ids(&self, text: &str) -> Vec<i64> {
        self.find(public(text))
            .await
            .hits
            .iter()
            .map(|h| h.id)
            .collect()
    }
}

pub fn public(text: &str) -> SearchRequest {
    SearchRequest {
        text: QueryText::parse(text).unwrap(),
        audience: Audience::Public,
        filters: Filters::default(),
        order: Order::Relevance,
        after: None,
        limit: 20,
        facets: false,
        now: NOW,
    }
}

/// A published story in `en/world` with this headline and body text.
pub async fn story(
    store: &Store,
    f: &Fixtures,
    slug_text: &str,
    headline: &str,
    text: &str,
) -> i64 {
    let new = NewArticle {
        headline: headline.into(),
        lead: String::new(),
        body: vec![BodyBlock::paragraph(text)],
        ..f.article(slug_text, NOW - DAY)
    };
    store.create_article(&new).await.unwrap().id
}

/// A published story in `ru/world`.
pub async fn ru_story(
    store: &Store,
    f: &Fixtures,
    slug_text: &str,
    headline: &str,
    text: &str,
) -> i64 {
    let new = NewArticle {
        edition_id: f.ru.id,
        section_id: f.ru_world.id,
        headline: headline.into(),
        lead: String::new(),
        body: vec![BodyBlock::paragraph(text)],
        ..f.article(slug_text, NOW - DAY)
    };
    store.create_article(&new).await.unwrap().id
}

pub fn articles(ids: &[i64]) -> Vec<Hit> {
    ids.iter()
        .map(|id| Hit {
            kind: Kind::Article,
            id: *id,
        })
        .collect()
}

pub fn tag(name: &str) -> (dateline_domain::Slug, String) {
    (slug(&name.to_lowercase()), name.to_owned())
}
