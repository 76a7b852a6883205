//! Articles: creation, edits with optimistic concurrency, status changes that
//! keep every counter current, listings by keyset cursor, translations.

mod bulk;
mod counters;
mod create;
mod desk;
mod feed;
mod list;
mod pictures;
mod read;
mod relations;
mod revisions;
mod since;
mod sitemaps;
mod status;
mod translate;
mod update;

pub(crate) use desk::like_word;
pub use desk::{DeskQuery, DeskRow};
pub use feed::FeedStory;
pub use since::MAX_SINCE;
pub use translate::{GroupVersion, NewTranslation, TRANSLATE_ACTION};
pub use update::Save;

use std::collections::HashSet;

use dateline_domain::{ArticleSeo, BodyBlock, CanonicalUrl, UnixTime};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::editions::parse_col;
use crate::people::{author_from_row, tag_from_row, AUTHOR_COLUMNS, TAG_COLUMNS};
use crate::records::{Article, ArticleCard, Correction, MediaRef};
use crate::{Result, StoreError};

const ARTICLE_COLUMNS: &str = "id, edition_id, section_id, slug, headline, lead, body, status, \
     published_at, updated_at, created_at, lead_media_id, translation_group, comment_count, version, \
     scheduled_at, created_by, seo_title, seo_description, social_title, social_description, \
     social_media_id, canonical_url";

/// What a card selects; `a` is the article, `s` its section, `m` its lead picture.
const CARD_COLUMNS: &str = "a.id, a.edition_id, a.section_id, s.slug AS section_slug, \
     s.title AS section_title, a.slug, a.headline, a.lead, a.published_at, a.updated_at, \
     a.comment_count, m.id AS m_id, m.width AS m_width, m.height AS m_height, \
     m.caption AS m_caption, m.alt_text AS m_alt_text, m.credit AS m_credit, \
     m.created_at AS m_created_at, \
     (SELECT COUNT(*) FROM live_coverage lc WHERE lc.article_id = a.id AND lc.status = 'open') \
     AS live_open";

/// Joins that fill a card, to follow a `FROM` naming the article `a`.
const CARD_JOINS: &str =
    "JOIN sections s ON s.id = a.section_id LEFT JOIN media_assets m ON m.id = a.lead_media_id";

/// Stored form of a boolean: 0/1 integers decode as i64 on both backends.
/// What the newsroom's search matches words against: headline and lead,
/// lower-cased here because SQLite's `lower()` and `LIKE` fold only ASCII
/// (and PostgreSQL's follow the server's locale). Stored with the article.
pub(crate) fn search_text(headline: &str, lead: &str) -> String {
    format!("{}\n{}", headline.trim(), lead.trim()).to_lowercase()
}

pub(crate) fn flag(value: bool) -> i64 {
    i64::from(value)
}

/// The media assets an article uses: its lead picture, its social picture
/// and its body images, each once.
pub(crate) fn media_ids(
    lead_media_id: Option<i64>,
    social_media_id: Option<i64>,
    body: &[BodyBlock],
) -> Vec<i64> {
    let mut seen = HashSet::new();
    lead_media_id
        .into_iter()
        .chain(social_media_id)
        .chain(body.iter().filter_map(|block| match block {
            BodyBlock::Image { media_id, .. } => Some(*media_id),
            _ => None,
        }))
        .filter(|id| seen.insert(*id))
        .collect()
}

/// Keeps the first occurrence of each item, in order.
pub(crate) fn dedup_keep_order<T: Clone + Eq + std::hash::Hash>(items: &[T]) -> Vec<T> {
    let mut seen = HashSet::new();
    items
        .iter()
        .filter(|item| seen.insert((*item).clone()))
        .cloned()
        .collect()
}

fn body_to_json(body: &[BodyBlock]) -> Result<String> {
    serde_json::to_string(body).map_err(|e| StoreError::Corrupt {
        table: "articles",
        detail: format!("body does not serialise: {e}"),
    })
}

fn u32_col(row: &AnyRow, col: &str, table: &'static str) -> Result<u32> {
    let raw: i64 = row.try_get(col)?;
    u32::try_from(raw).map_err(|_| StoreError::Corrupt {
        table,
        detail: format!("{col}: {raw} is out of range"),
    })
}

/// One of the search and social texts as stored: trimmed, NULL when blank.
fn seo_text(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// Binds the search and social columns in the order of [`SEO_COLUMNS`].
fn bind_seo<'q>(query: AnyQuery<'q>, seo: &'q ArticleSeo) -> AnyQuery<'q> {
    query
        .bind(seo_text(&seo.seo_title))
        .bind(seo_text(&seo.seo_description))
        .bind(seo_text(&seo.social_title))
        .bind(seo_text(&seo.social_description))
        .bind(seo.social_media_id)
        .bind(seo.canonical_url.as_ref().map(CanonicalUrl::as_str))
}

/// The search and social columns, as [`bind_seo`] binds them.
const SEO_COLUMNS: [&str; 6] = [
    "seo_title",
    "seo_description",
    "social_title",
    "social_description",
    "social_media_id",
    "canonical_url",
];

pub(crate) type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

fn seo_from_row(row: &AnyRow) -> Result<ArticleSeo> {
    let canonical: Option<String> = row.try_get("canonical_url")?;
    Ok(ArticleSeo {
        seo_title: row.try_get("seo_title")?,
        seo_description: row.try_get("seo_description")?,
        social_title: row.try_get("social_title")?,
        social_description: row.try_get("social_description")?,
        social_media_id: row.try_get("social_media_id")?,
        canonical_url: parse_canonical(canonical)?,
    })
}

/// A stored canonical address, parsed again.
pub(crate) fn parse_canonical(raw: Option<String>) -> Result<Option<CanonicalUrl>> {
    raw.map(|url| url.parse())
        .transpose()
        .map_err(|e: dateline_domain::ParseError| StoreError::Corrupt {
            table: "articles",
            detail: format!("canonical_url: {e}"),
        })
}

/// An article's `body` column, parsed.
pub(crate) fn body_from_row(row: &AnyRow) -> Result<Vec<BodyBlock>> {
    let body: String = row.try_get("body")?;
    serde_json::from_str(&body).map_err(|e| StoreError::Corrupt {
        table: "articles",
        detail: format!("body: {e}"),
    })
}

/// An article row without byline and tags.
fn article_from_row(row: &AnyRow) -> Result<Article> {
    Ok(Article {
        id: row.try_get("id")?,
        edition_id: row.try_get("edition_id")?,
        section_id: row.try_get("section_id")?,
        slug: parse_col(row, "slug", "articles")?,
        headline: row.try_get("headline")?,
        lead: row.try_get("lead")?,
        body: body_from_row(row)?,
        status: parse_col(row, "status", "articles")?,
        published_at: row.try_get("published_at")?,
        updated_at: row.try_get("updated_at")?,
        created_at: row.try_get("created_at")?,
        lead_media_id: row.try_get("lead_media_id")?,
        translation_group: row.try_get("translation_group")?,
        comment_count: row.try_get("comment_count")?,
        version: row.try_get("version")?,
        authors: Vec::new(),
        tags: Vec::new(),
        scheduled_at: row.try_get("scheduled_at")?,
        created_by: row.try_get("created_by")?,
        corrections: Vec::new(),
        seo: seo_from_row(row)?,
    })
}

/// A public article's publication time, which the store always sets.
fn public_time(published_at: Option<UnixTime>) -> Result<UnixTime> {
    published_at.ok_or_else(|| StoreError::Corrupt {
        table: "articles",
        detail: "a public article has no published_at".into(),
    })
}

fn card_from_row(row: &AnyRow) -> Result<ArticleCard> {
    let media_id: Option<i64> = row.try_get("m_id")?;
    let lead_media = match media_id {
        Some(id) => Some(MediaRef {
            id,
            width: u32_col(row, "m_width", "media_assets")?,
            height: u32_col(row, "m_height", "media_assets")?,
            caption: row.try_get("m_caption")?,
            alt_text: row.try_get("m_alt_text")?,
            credit: row.try_get("m_credit")?,
            created_at: row.try_get("m_created_at")?,
        }),
        None => None,
    };
    Ok(ArticleCard {
        id: row.try_get("id")?,
        edition_id: row.try_get("edition_id")?,
        section_id: row.try_get("section_id")?,
        section_slug: parse_col(row, "section_slug", "sections")?,
        section_title: row.try_get("section_title")?,
        slug: parse_col(row, "slug", "articles")?,
        headline: row.try_get("headline")?,
        lead: row.try_get("lead")?,
        published_at: public_time(row.try_get("published_at")?)?,
        updated_at: row.try_get("updated_at")?,
        comment_count: row.try_get("comment_count")?,
        live: row.try_get::<i64, _>("live_open")? > 0,
        lead_media,
    })
}

/// Reads one article with its byline and tags, by id or by edition and slug.
/// Works on a pool connection or inside a transaction.
async fn load_article(conn: &mut AnyConnection, key: ArticleKey<'_>) -> Result<Option<Article>> {
    let row = match key {
        ArticleKey::Id(id) => {
            let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1");
            sqlx::query(&sql)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
        }
        ArticleKey::Slug(edition_id, slug) => {
            let sql = format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE edition_id = $1 AND slug = $2"
            );
            sqlx::query(&sql)
                .bind(edition_id)
                .bind(slug)
                .fetch_optional(&mut *conn)
                .await?
        }
    };
    let Some(row) = row else { return Ok(None) };
    let mut article = article_from_row(&row)?;

    let author_cols = prefixed(AUTHOR_COLUMNS, "au");
    let sql = format!(
        "SELECT {author_cols} FROM article_authors j JOIN authors au ON au.id = j.author_id \
         WHERE j.article_id = $1 ORDER BY j.position, au.id"
    );
    article.authors = sqlx::query(&sql)
        .bind(article.id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(author_from_row)
        .collect::<Result<_>>()?;

    let tag_cols = prefixed(TAG_COLUMNS, "t");
    let sql = format!(
        "SELECT {tag_cols} FROM article_tags j JOIN tags t ON t.id = j.tag_id \
         WHERE j.article_id = $1 ORDER BY j.position, t.id"
    );
    article.tags = sqlx::query(&sql)
        .bind(article.id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(tag_from_row)
        .collect::<Result<_>>()?;

    article.corrections = sqlx::query(
        "SELECT id, note, created_at FROM article_corrections WHERE article_id = $1 ORDER BY id",
    )
    .bind(article.id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        Ok(Correction {
            id: row.try_get("id")?,
            note: row.try_get("note")?,
            created_at: row.try_get("created_at")?,
        })
    })
    .collect::<Result<_>>()?;
    Ok(Some(article))
}

#[derive(Clone, Copy)]
enum ArticleKey<'a> {
    Id(i64),
    Slug(i64, &'a str),
}

/// `"id, slug"` → `"t.id, t.slug"`.
fn prefixed(columns: &str, alias: &str) -> String {
    columns
        .split(',')
        .map(|c| format!("{alias}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$from, $from+1, …` for an `IN (…)` list of `n` values.
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_ids_take_lead_then_body_images_once() {
        let body = vec![
            BodyBlock::paragraph("x"),
            BodyBlock::Image {
                media_id: 7,
                caption: None,
            },
            BodyBlock::Image {
                media_id: 3,
                caption: None,
            },
            BodyBlock::Image {
                media_id: 7,
                caption: Some("again".into()),
            },
        ];
        assert_eq!(media_ids(Some(3), None, &body), vec![3, 7]);
        assert_eq!(media_ids(None, None, &body), vec![7, 3]);
        assert_eq!(media_ids(Some(3), Some(9), &body), vec![3, 9, 7]);
        assert_eq!(media_ids(None, Some(7), &body), vec![7, 3]);
        assert!(media_ids(None, None, &[]).is_empty());
    }

    #[test]
    fn helpers_build_sql_fragments() {
        assert_eq!(prefixed("id, slug,name", "t"), "t.id, t.slug, t.name");
        assert_eq!(placeholders(3, 3), "$3, $4, $5");
        assert_eq!(dedup_keep_order(&[2, 1, 2, 3, 1]), vec![2, 1, 3]);
    }
}
