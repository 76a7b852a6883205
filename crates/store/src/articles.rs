//! Articles: creation, edits with optimistic concurrency, status changes that
//! keep every counter current, listings by keyset cursor, translations.

use dateline_domain::{ArticleStatus, NewArticle, Slug, UnixTime};

use crate::records::{Article, ArticleCard, ArticleQuery, ArticleUpdate, CounterDrift, Page, Translation};
use crate::{Result, Store};

impl Store {
    /// Creates an article with its byline and tags (tags are created in the
    /// article's edition when new) in one transaction. Validates `new` first.
    /// When `translation_group` is `None` the article starts its own group
    /// (group = its id). Counters of edition, section, tags and authors are
    /// bumped when the status is public. Duplicate slug in the edition →
    /// `Duplicate { what: "article slug" }`; unknown section/author/media →
    /// `MissingReference`.
    pub async fn create_article(&self, new: &NewArticle) -> Result<Article> {
        unimplemented!()
    }

    /// Inserts many articles fast (multi-row INSERTs in one transaction per
    /// call, for `dateline gen`). Authors and tags must already exist: tags
    /// are given by id in `tag_ids` per article, parallel to `articles`.
    /// Counters are NOT maintained here; call `recount_counters` afterwards.
    pub async fn insert_articles_bulk(&self, articles: &[NewArticle], tag_ids: &[Vec<i64>]) -> Result<u64> {
        unimplemented!()
    }

    pub async fn article_by_id(&self, id: i64) -> Result<Option<Article>> {
        unimplemented!()
    }

    /// Any status; the caller decides what readers may see.
    pub async fn article_by_slug(&self, edition_id: i64, slug: &Slug) -> Result<Option<Article>> {
        unimplemented!()
    }

    /// Applies an edit if the stored version is still `expected_version`,
    /// bumping the version and `updated_at = now`; otherwise
    /// `Conflict { what: "article" }` and nothing changes. Keeps counters and
    /// join-table denormalised columns right when section, authors or tags change.
    pub async fn update_article(
        &self,
        id: i64,
        expected_version: i64,
        update: &ArticleUpdate,
        now: UnixTime,
    ) -> Result<Article> {
        unimplemented!()
    }

    /// Moves an article to `status`. Entering a public status for the first
    /// time sets `published_at = now`; `updated_at = now` always; version is
    /// bumped. Counters (edition, section, tags, authors) change exactly when
    /// visibility changes.
    pub async fn set_article_status(&self, id: i64, status: ArticleStatus, now: UnixTime) -> Result<Article> {
        unimplemented!()
    }

    /// Public articles, newest first, one keyset page.
    pub async fn list_articles(&self, query: &ArticleQuery) -> Result<Page<ArticleCard>> {
        unimplemented!()
    }

    /// Cards for the given ids that are public, in the order of `ids`
    /// (missing or non-public ids are skipped). For related-article cards.
    pub async fn article_cards(&self, ids: &[i64]) -> Result<Vec<ArticleCard>> {
        unimplemented!()
    }

    /// The public article published just before `(published_at, id)` in the
    /// same edition: what infinite scroll loads next.
    pub async fn next_article(&self, edition_id: i64, published_at: UnixTime, id: i64) -> Result<Option<ArticleCard>> {
        unimplemented!()
    }

    /// Public translations in a group, ordered by edition position.
    pub async fn translations(&self, translation_group: i64) -> Result<Vec<Translation>> {
        unimplemented!()
    }

    /// Adds `delta` to an article's comment counter.
    pub async fn add_comment_count(&self, article_id: i64, delta: i64) -> Result<()> {
        unimplemented!()
    }

    /// Compares every stored counter with a true count.
    pub async fn counter_drift(&self) -> Result<CounterDrift> {
        unimplemented!()
    }

    /// Recomputes every counter from the rows (after bulk loads or repair).
    pub async fn recount_counters(&self) -> Result<()> {
        unimplemented!()
    }
}
