//! What the sitemaps list: an edition's canonical public stories by id
//! range (with the lead picture's file and the other editions' versions),
//! the newest change per sitemap file, the listing pages, and the news
//! sitemap's last 48 hours.
//!
//! Syndicated copies (a canonical address elsewhere) are left out
//! everywhere: a sitemap lists canonical pages only, and listing a copy
//! would contradict its own canonical link.

use dateline_domain::{ImageFormat, UnixTime, MAX_OFFERED_WIDTH};
use sqlx::any::AnyRow;
use sqlx::Row;

use super::public_time;
use crate::editions::parse_col;
use crate::records::{
    NewsSitemapEntry, SitemapAlternate, SitemapEntry, SitemapFileDate, SitemapListing,
};
use crate::{Result, Store};

/// A sitemap file holds at most 50,000 URLs.
const MAX_SITEMAP_PAGE: u32 = 50_000;

impl Store {
    /// An edition's public articles by id ascending, after `after_id` (0 for
    /// the first page); `limit` is clamped to 1..=50,000. The last entry's id
    /// is the next page's `after_id`.
    pub async fn sitemap_entries(
        &self,
        edition_id: i64,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<SitemapEntry>> {
        // The picture is a primary-key seek per row: (media_id, shape, format, width).
        let rows = sqlx::query(
            "SELECT a.id, s.slug AS section_slug, a.slug, a.published_at, a.updated_at, a.translation_group, \
             (SELECT r.storage_key FROM media_renditions r WHERE r.media_id = a.lead_media_id \
              AND r.shape = '' AND r.format = $4 AND r.width <= $5 ORDER BY r.width DESC LIMIT 1) AS picture_key \
             FROM articles a JOIN sections s ON s.id = a.section_id \
             WHERE a.edition_id = $1 AND a.is_public = 1 AND a.canonical_url IS NULL AND a.id > $2 \
             ORDER BY a.id LIMIT $3",
        )
        .bind(edition_id)
        .bind(after_id)
        .bind(i64::from(limit.clamp(1, MAX_SITEMAP_PAGE)))
        .bind(ImageFormat::Jpeg.as_str())
        .bind(i64::from(MAX_OFFERED_WIDTH))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SitemapEntry {
                    id: row.try_get("id")?,
                    section_slug: parse_col(row, "section_slug", "sections")?,
                    slug: parse_col(row, "slug", "articles")?,
                    published_at: public_time(row.try_get("published_at")?)?,
                    updated_at: row.try_get("updated_at")?,
                    translation_group: row.try_get("translation_group")?,
                    picture_key: row.try_get("picture_key")?,
                })
            })
            .collect()
    }

    /// Every public, canonical version (in any edition, this one included)
    /// of the stories of `edition_id` with ids in `(after_id, last_id]`,
    /// for the stories that have at least one other: by translation group,
    /// then in the editions' order.
    pub async fn sitemap_alternates(
        &self,
        edition_id: i64,
        after_id: i64,
        last_id: i64,
    ) -> Result<Vec<SitemapAlternate>> {
        let rows = sqlx::query(
            "SELECT t.translation_group, e.code, e.language, s.slug AS section_slug, t.slug \
             FROM articles t JOIN editions e ON e.id = t.edition_id JOIN sections s ON s.id = t.section_id \
             WHERE t.is_public = 1 AND t.canonical_url IS NULL AND t.translation_group IN ( \
               SELECT a.translation_group FROM articles a WHERE a.edition_id = $1 AND a.is_public = 1 \
               AND a.canonical_url IS NULL AND a.id > $2 AND a.id <= $3) \
             ORDER BY t.translation_group, e.position, e.id",
        )
        .bind(edition_id)
        .bind(after_id)
        .bind(last_id)
        .fetch_all(&self.pool)
        .await?;
        let all = rows
            .iter()
            .map(|row| {
                Ok(SitemapAlternate {
                    translation_group: row.try_get("translation_group")?,
                    edition_code: parse_col(row, "code", "editions")?,
                    language: parse_col(row, "language", "editions")?,
                    section_slug: parse_col(row, "section_slug", "sections")?,
                    slug: parse_col(row, "slug", "articles")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        // A story alone in its group has no alternates to name.
        let mut kept = Vec::with_capacity(all.len());
        for group in all.chunk_by(|a, b| a.translation_group == b.translation_group) {
            if group.len() > 1 {
                kept.extend_from_slice(group);
            }
        }
        Ok(kept)
    }

    /// The sitemap files of an edition that have stories (file `n` holds
    /// ids in `((n-1)·size, n·size]`) with the newest publication or edit
    /// among them, by `n`. One pass over the edition's public stories.
    pub async fn sitemap_file_dates(
        &self,
        edition_id: i64,
        size: i64,
    ) -> Result<Vec<SitemapFileDate>> {
        let rows = sqlx::query(
            "SELECT (a.id - 1) / $2 AS n, MAX(a.published_at) AS published, MAX(a.updated_at) AS updated \
             FROM articles a WHERE a.edition_id = $1 AND a.is_public = 1 AND a.canonical_url IS NULL \
             GROUP BY 1 ORDER BY 1",
        )
        .bind(edition_id)
        .bind(size.max(1))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let published: Option<UnixTime> = row.try_get("published")?;
                let updated: UnixTime = row.try_get("updated")?;
                Ok(SitemapFileDate {
                    n: row.try_get::<i64, _>("n")? + 1,
                    lastmod: published.map_or(updated, |p| p.max(updated)),
                })
            })
            .collect()
    }

    /// The edition's sections with public stories, in the edition's order,
    /// with their newest story's publication time.
    pub async fn sitemap_sections(&self, edition_id: i64) -> Result<Vec<SitemapListing>> {
        let rows = sqlx::query(
            "SELECT s.slug, (SELECT a.published_at FROM articles a WHERE a.section_id = s.id \
              AND a.is_public = 1 ORDER BY a.published_at DESC LIMIT 1) AS newest \
             FROM sections s WHERE s.edition_id = $1 ORDER BY s.position, s.id",
        )
        .bind(edition_id)
        .fetch_all(&self.pool)
        .await?;
        listings(&rows, "sections")
    }

    /// The edition's tags with public stories (at most `limit`, oldest tag
    /// first), with their newest story's publication time.
    pub async fn sitemap_tags(&self, edition_id: i64, limit: u32) -> Result<Vec<SitemapListing>> {
        let rows = sqlx::query(
            "SELECT t.slug, (SELECT j.published_at FROM article_tags j WHERE j.tag_id = t.id \
              AND j.is_public = 1 ORDER BY j.published_at DESC LIMIT 1) AS newest \
             FROM tags t WHERE t.edition_id = $1 AND t.article_count > 0 ORDER BY t.id LIMIT $2",
        )
        .bind(edition_id)
        .bind(i64::from(limit.clamp(1, MAX_SITEMAP_PAGE)))
        .fetch_all(&self.pool)
        .await?;
        listings(&rows, "tags")
    }

    /// The authors with public stories in the edition (at most `limit`), with
    /// their newest such story's publication time.
    pub async fn sitemap_authors(
        &self,
        edition_id: i64,
        limit: u32,
    ) -> Result<Vec<SitemapListing>> {
        // The author's stories newest first, to the first in this edition.
        let rows = sqlx::query(
            "SELECT au.slug, (SELECT j.published_at FROM article_authors j JOIN articles a ON a.id = j.article_id \
              WHERE j.author_id = au.id AND j.is_public = 1 AND a.edition_id = $1 \
              ORDER BY j.published_at DESC LIMIT 1) AS newest \
             FROM authors au WHERE au.article_count > 0 ORDER BY au.id LIMIT $2",
        )
        .bind(edition_id)
        .bind(i64::from(limit.clamp(1, MAX_SITEMAP_PAGE)))
        .fetch_all(&self.pool)
        .await?;
        listings(&rows, "authors")
    }

    /// The edition's canonical public stories first published at or after
    /// `since`, newest first, at most `limit` (clamped to 1..=1000): what a
    /// news sitemap lists.
    pub async fn news_sitemap_entries(
        &self,
        edition_id: i64,
        since: UnixTime,
        limit: u32,
    ) -> Result<Vec<NewsSitemapEntry>> {
        let rows = sqlx::query(
            "SELECT a.id, s.slug AS section_slug, a.slug, a.headline, a.published_at \
             FROM articles a JOIN sections s ON s.id = a.section_id \
             WHERE a.edition_id = $1 AND a.is_public = 1 AND a.canonical_url IS NULL \
             AND a.published_at >= $2 ORDER BY a.published_at DESC, a.id DESC LIMIT $3",
        )
        .bind(edition_id)
        .bind(since)
        .bind(i64::from(limit.clamp(1, 1000)))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(NewsSitemapEntry {
                    id: row.try_get("id")?,
                    section_slug: parse_col(row, "section_slug", "sections")?,
                    slug: parse_col(row, "slug", "articles")?,
                    headline: row.try_get("headline")?,
                    published_at: public_time(row.try_get("published_at")?)?,
                })
            })
            .collect()
    }
}

/// Listing rows `(slug, newest)`; those without a public story are left out.
fn listings(rows: &[AnyRow], table: &'static str) -> Result<Vec<SitemapListing>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(newest) = row.try_get::<Option<UnixTime>, _>("newest")? {
            out.push(SitemapListing {
                slug: parse_col(row, "slug", table)?,
                newest,
            });
        }
    }
    Ok(out)
}
