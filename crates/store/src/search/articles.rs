//! Article documents for the indexer: every status, in batches of queries
//! (one for the articles, one each for bylines, tags and pictures), never
//! one query per article.

use std::collections::HashMap;

use dateline_domain::{ArticleStatus, BodyBlock, EditionCode, LanguageTag, Slug, UnixTime};
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{sorted_ids, Scope, IDS_PER_QUERY};
use crate::articles::media_ids;
use crate::editions::parse_col;
use crate::{Result, Store, StoreError};

/// Largest page [`Store::search_articles_after`] returns.
pub const MAX_SEARCH_ARTICLES_PAGE: u32 = 1_000;

/// What an article's search document is made from.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleSearchRow {
    pub id: i64,
    pub edition_id: i64,
    pub edition_code: EditionCode,
    /// The edition's language: the text's language.
    pub language: LanguageTag,
    pub section_id: i64,
    pub section_slug: Slug,
    pub section_title: String,
    pub slug: Slug,
    pub headline: String,
    pub lead: String,
    pub body: Vec<BodyBlock>,
    pub status: ArticleStatus,
    /// Readers may see it (published or corrected).
    pub is_public: bool,
    pub published_at: Option<UnixTime>,
    pub updated_at: UnixTime,
    pub created_by: Option<i64>,
    pub lead_media_id: Option<i64>,
    /// The story is live coverage (its coverage was opened, ended or not).
    pub live: bool,
    /// `(author id, name)` in byline order.
    pub authors: Vec<(i64, String)>,
    /// `(tag id, name)` in the order the editor gave.
    pub tags: Vec<(i64, String)>,
    /// The lead picture, then the body's images, each once.
    pub pictures: Vec<PictureText>,
}

/// A picture's own texts, as the media bank keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureText {
    pub media_id: i64,
    pub caption: String,
    pub credit: String,
}

const COLUMNS: &str = "a.id, a.edition_id, e.code AS edition_code, e.language, a.section_id, \
     s.slug AS section_slug, s.title AS section_title, a.slug, a.headline, a.lead, a.body, \
     a.status, a.is_public, a.published_at, a.updated_at, a.created_by, a.lead_media_id, \
     lc.article_id AS live_id";

const FROM: &str = "articles a JOIN editions e ON e.id = a.edition_id \
     JOIN sections s ON s.id = a.section_id \
     LEFT JOIN live_coverage lc ON lc.article_id = a.id";

fn row_from(row: &AnyRow) -> Result<ArticleSearchRow> {
    let body: String = row.try_get("body")?;
    Ok(ArticleSearchRow {
        id: row.try_get("id")?,
        edition_id: row.try_get("edition_id")?,
        edition_code: parse_col(row, "edition_code", "editions")?,
        language: parse_col(row, "language", "editions")?,
        section_id: row.try_get("section_id")?,
        section_slug: parse_col(row, "section_slug", "sections")?,
        section_title: row.try_get("section_title")?,
        slug: parse_col(row, "slug", "articles")?,
        headline: row.try_get("headline")?,
        lead: row.try_get("lead")?,
        body: serde_json::from_str(&body).map_err(|e| StoreError::Corrupt {
            table: "articles",
            detail: format!("body: {e}"),
        })?,
        status: parse_col(row, "status", "articles")?,
        is_public: row.try_get::<i64, _>("is_public")? != 0,
        published_at: row.try_get("published_at")?,
        updated_at: row.try_get("updated_at")?,
        created_by: row.try_get("created_by")?,
        lead_media_id: row.try_get("lead_media_id")?,
        live: row.try_get::<Option<i64>, _>("live_id")?.is_some(),
        authors: Vec::new(),
        tags: Vec::new(),
        pictures: Vec::new(),
    })
}

impl Store {
    /// The documents of the articles `ids` that exist, by id ascending;
    /// ids that no longer exist are simply absent (the indexer deletes
    /// them). Any number of ids, loaded 500 at a time.
    pub async fn search_articles(&self, ids: &[i64]) -> Result<Vec<ArticleSearchRow>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in sorted_ids(ids).chunks(IDS_PER_QUERY) {
            let scope = Scope::Ids(chunk);
            let sql = format!(
                "SELECT {COLUMNS} FROM {FROM} WHERE {} ORDER BY a.id",
                scope.condition("a.id")
            );
            let rows = scope.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
            let mut found = rows.iter().map(row_from).collect::<Result<Vec<_>>>()?;
            let found_ids: Vec<i64> = found.iter().map(|a| a.id).collect();
            self.fill_article_rows(&mut found, Scope::Ids(&found_ids))
                .await?;
            out.extend(found);
        }
        Ok(out)
    }

    /// The documents of the articles after `after_id` by id, at most
    /// `limit` (clamped to 1..=1,000), in every status: a full reindex
    /// pages with the last id it got. Five queries a page, each one range
    /// of an index.
    pub async fn search_articles_after(
        &self,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<ArticleSearchRow>> {
        let limit = limit.clamp(1, MAX_SEARCH_ARTICLES_PAGE);
        let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id > $1 ORDER BY a.id LIMIT $2");
        let rows = sqlx::query(&sql)
            .bind(after_id)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        let mut found = rows.iter().map(row_from).collect::<Result<Vec<_>>>()?;
        if let Some(last) = found.last().map(|a| a.id) {
            // Every article with an id in (after_id, last] is on this page.
            let scope = Scope::Range {
                after: after_id,
                last,
            };
            self.fill_article_rows(&mut found, scope).await?;
        }
        Ok(found)
    }

    /// Adds bylines, tags and picture texts to `rows`, which are exactly
    /// the articles in `scope`.
    async fn fill_article_rows(
        &self,
        rows: &mut [ArticleSearchRow],
        scope: Scope<'_>,
    ) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let at: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, a)| (a.id, i)).collect();

        let sql = format!(
            "SELECT j.article_id, au.id, au.name FROM article_authors j \
             JOIN authors au ON au.id = j.author_id WHERE {} \
             ORDER BY j.article_id, j.position, au.id",
            scope.condition("j.article_id")
        );
        for row in scope.bind(sqlx::query(&sql)).fetch_all(&self.pool).await? {
            if let Some(&i) = at.get(&row.try_get::<i64, _>("article_id")?) {
                rows[i]
                    .authors
                    .push((row.try_get("id")?, row.try_get("name")?));
            }
        }

        let sql = format!(
            "SELECT j.article_id, t.id, t.name FROM article_tags j \
             JOIN tags t ON t.id = j.tag_id WHERE {} \
             ORDER BY j.article_id, j.position, t.id",
            scope.condition("j.article_id")
        );
        for row in scope.bind(sqlx::query(&sql)).fetch_all(&self.pool).await? {
            if let Some(&i) = at.get(&row.try_get::<i64, _>("article_id")?) {
                rows[i]
                    .tags
                    .push((row.try_get("id")?, row.try_get("name")?));
            }
        }

        // `article_media` links every picture an article uses (the social
        // picture too); the document names the lead and body pictures.
        let sql = format!(
            "SELECT j.article_id, m.id, m.caption, m.credit FROM article_media j \
             JOIN media_assets m ON m.id = j.media_id WHERE {}",
            scope.condition("j.article_id")
        );
        let mut texts: HashMap<(i64, i64), (String, String)> = HashMap::new();
        for row in scope.bind(sqlx::query(&sql)).fetch_all(&self.pool).await? {
            texts.insert(
                (row.try_get("article_id")?, row.try_get("id")?),
                (row.try_get("caption")?, row.try_get("credit")?),
            );
        }
        for article in rows.iter_mut() {
            article.pictures = media_ids(article.lead_media_id, None, &article.body)
                .into_iter()
                .filter_map(|media_id| {
                    texts
                        .remove(&(article.id, media_id))
                        .map(|(caption, credit)| PictureText {
                            media_id,
                            caption,
                            credit,
                        })
                })
                .collect();
        }
        Ok(())
    }
}
