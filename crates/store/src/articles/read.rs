//! Reading single articles and the translations of a story.

use dateline_domain::Slug;
use sqlx::Row;

use super::{load_article, parse_canonical, ArticleKey};
use crate::editions::parse_col;
use crate::records::{Article, Translation};
use crate::{Result, Store};

impl Store {
    pub async fn article_by_id(&self, id: i64) -> Result<Option<Article>> {
        let mut conn = self.pool.acquire().await?;
        load_article(&mut conn, ArticleKey::Id(id)).await
    }

    /// Any status; the caller decides what readers may see.
    pub async fn article_by_slug(&self, edition_id: i64, slug: &Slug) -> Result<Option<Article>> {
        let mut conn = self.pool.acquire().await?;
        load_article(&mut conn, ArticleKey::Slug(edition_id, slug.as_str())).await
    }

    /// The story that had `slug` in the edition before its slug changed
    /// while published (any status now; the caller decides).
    pub async fn article_by_old_slug(
        &self,
        edition_id: i64,
        slug: &Slug,
    ) -> Result<Option<Article>> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT article_id FROM article_old_slugs WHERE edition_id = $1 AND slug = $2",
        )
        .bind(edition_id)
        .bind(slug.as_str())
        .fetch_optional(&self.pool)
        .await?;
        match id {
            Some(id) => self.article_by_id(id).await,
            None => Ok(None),
        }
    }

    /// Public translations in a group, ordered by edition position.
    pub async fn translations(&self, translation_group: i64) -> Result<Vec<Translation>> {
        let rows = sqlx::query(
            "SELECT a.id, e.code, e.language, s.slug AS section_slug, a.slug, a.headline, a.canonical_url \
             FROM articles a JOIN editions e ON e.id = a.edition_id JOIN sections s ON s.id = a.section_id \
             WHERE a.translation_group = $1 AND a.is_public = 1 ORDER BY e.position, e.id, a.id",
        )
        .bind(translation_group)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Translation {
                    article_id: row.try_get("id")?,
                    edition_code: parse_col(row, "code", "editions")?,
                    language: parse_col(row, "language", "editions")?,
                    section_slug: parse_col(row, "section_slug", "sections")?,
                    slug: parse_col(row, "slug", "articles")?,
                    headline: row.try_get("headline")?,
                    canonical_url: parse_canonical(row.try_get("canonical_url")?)?,
                })
            })
            .collect()
    }
}
