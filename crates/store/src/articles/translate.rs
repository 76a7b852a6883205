//! The translation desk's store side: starting a version of a story in
//! another edition (one transaction), which version a translation was made
//! from, and which editions each story of a desk page exists in.

use dateline_domain::{ArticleSeo, ArticleStatus, NewArticle, Slug, UnixTime};
use serde_json::json;
use sqlx::{AnyConnection, Row};

use super::{load_article, placeholders, ArticleKey};
use crate::audit::{record_audit_on, NewAudit};
use crate::editions::parse_col;
use crate::records::Article;
use crate::search::note_search_changes;
use crate::{Result, Store, StoreError};

/// The audit action that records where a translation came from.
pub const TRANSLATE_ACTION: &str = "article.translate";

/// How many numbered slugs (`-2`, `-3`…) to try when the source's slug is
/// taken in the target edition.
const SLUG_ATTEMPTS: u32 = 50;

/// A translation to start: `source` copied as a draft into `section_id`
/// of `edition_id`, by `audit`'s actor (also the draft's owner).
#[derive(Debug, Clone)]
pub struct NewTranslation {
    pub source_id: i64,
    pub edition_id: i64,
    pub section_id: i64,
    pub actor: Option<i64>,
    /// Who did it and from where; action and item are set here.
    pub audit: NewAudit,
    pub now: UnixTime,
}

/// One version of a story, as the desk lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupVersion {
    pub article_id: i64,
    pub edition_id: i64,
    pub status: ArticleStatus,
    pub published_at: Option<UnixTime>,
    /// Its owner, for the permission rules.
    pub created_by: Option<i64>,
}

impl Store {
    /// Starts a translation of `t.source_id` in another edition, in one
    /// transaction: a draft in the same translation group with the source's
    /// headline, lead and body (pictures with their per-use captions,
    /// quotes, embeds and related cards in place), its lead and social
    /// pictures, the tags the target edition already has (by slug), the
    /// source's authors who write for the target edition followed by the
    /// translator's own byline when it writes there, and an audit entry
    /// naming the source. A taken slug gets a number.
    ///
    /// Unknown source → `NotFound`; an edition that already has a version →
    /// `Duplicate { what: "translation" }`; a section of another edition →
    /// `MissingReference { what: "section" }`.
    pub async fn translate_article(&self, t: &NewTranslation) -> Result<Article> {
        let mut tx = self.begin_write().await?;
        let source = load_article(&mut tx, ArticleKey::Id(t.source_id))
            .await?
            .ok_or(StoreError::NotFound)?;
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM articles WHERE translation_group = $1 AND edition_id = $2 LIMIT 1",
        )
        .bind(source.translation_group)
        .bind(t.edition_id)
        .fetch_optional(&mut *tx)
        .await?;
        if taken.is_some() {
            return Err(StoreError::Duplicate {
                what: "translation",
            });
        }
        let new = NewArticle {
            edition_id: t.edition_id,
            section_id: t.section_id,
            slug: free_slug(&mut tx, t.edition_id, &source.slug).await?,
            headline: source.headline.clone(),
            lead: source.lead.clone(),
            body: source.body.clone(),
            status: ArticleStatus::Draft,
            published_at: None,
            updated_at: t.now,
            lead_media_id: source.lead_media_id,
            translation_group: Some(source.translation_group),
            author_ids: byline(&mut tx, &source, t.edition_id, t.actor).await?,
            tags: tags_held(&mut tx, &source, t.edition_id).await?,
            // Search and social texts are written per language; the
            // picture is the same.
            seo: ArticleSeo {
                social_media_id: source.seo.social_media_id,
                ..ArticleSeo::default()
            },
        };
        new.validate()?;
        let inserted = self.insert_article(&mut tx, &new, t.actor).await?;
        let source_edition: String = sqlx::query_scalar("SELECT code FROM editions WHERE id = $1")
            .bind(source.edition_id)
            .fetch_one(&mut *tx)
            .await?;
        let audit = NewAudit {
            action: TRANSLATE_ACTION.to_owned(),
            item_type: "article".to_owned(),
            ..t.audit.clone()
        }
        .on_item(inserted.article.id)
        .details(json!({
            "translated_from": source.id,
            "source_edition": source_edition,
        }));
        record_audit_on(&mut tx, &audit).await?;
        // Last before the commit: see `note_search_changes`.
        note_search_changes(&mut tx, self.backend, &inserted.search, t.now).await?;
        let staged = self.stage_events(&mut tx, inserted.events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(inserted.article)
    }

    /// The version `article_id` was translated from, when the desk made it
    /// and that version still exists.
    pub async fn translated_from(&self, article_id: i64) -> Result<Option<i64>> {
        let details: Option<String> = sqlx::query_scalar(
            "SELECT l.details FROM audit_log l WHERE l.item_type = 'article' AND l.item_id = $1 \
             AND l.action = $2 ORDER BY l.id DESC LIMIT 1",
        )
        .bind(article_id)
        .bind(TRANSLATE_ACTION)
        .fetch_optional(&self.pool)
        .await?;
        let Some(details) = details else {
            return Ok(None);
        };
        let source = serde_json::from_str::<serde_json::Value>(&details)
            .ok()
            .and_then(|d| d.get("translated_from").and_then(serde_json::Value::as_i64));
        let Some(source) = source else {
            return Ok(None);
        };
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE id = $1")
            .bind(source)
            .fetch_optional(&self.pool)
            .await?;
        Ok(exists)
    }

    /// Every version (any status) of the stories `article_ids`, in one
    /// query: `(listed article id, version)` pairs, by edition position.
    pub async fn versions_of(&self, article_ids: &[i64]) -> Result<Vec<(i64, GroupVersion)>> {
        if article_ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT a.id AS listed, t.id, t.edition_id, t.status, t.published_at, t.created_by \
             FROM articles a JOIN articles t ON t.translation_group = a.translation_group \
             JOIN editions e ON e.id = t.edition_id WHERE a.id IN ({}) \
             ORDER BY a.id, e.position, e.id, t.id",
            placeholders(1, article_ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in article_ids {
            query = query.bind(*id);
        }
        query
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                Ok((
                    row.try_get("listed")?,
                    GroupVersion {
                        article_id: row.try_get("id")?,
                        edition_id: row.try_get("edition_id")?,
                        status: parse_col(row, "status", "articles")?,
                        published_at: row.try_get("published_at")?,
                        created_by: row.try_get("created_by")?,
                    },
                ))
            })
            .collect()
    }
}

/// The source's slug, or the first numbered one free in the edition
/// (checked before the insert: a failed insert would end the transaction
/// on PostgreSQL).
async fn free_slug(conn: &mut AnyConnection, edition_id: i64, slug: &Slug) -> Result<Slug> {
    for n in 1..=SLUG_ATTEMPTS + 1 {
        let candidate = if n == 1 {
            slug.as_str().to_owned()
        } else {
            format!("{}-{n}", slug.as_str())
        };
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM articles WHERE edition_id = $1 AND slug = $2 LIMIT 1",
        )
        .bind(edition_id)
        .bind(&candidate)
        .fetch_optional(&mut *conn)
        .await?;
        if found.is_none() {
            return candidate.parse().map_err(StoreError::Invalid);
        }
    }
    Err(StoreError::Duplicate {
        what: "article slug",
    })
}

/// The source's authors who write for the edition, then the translator's
/// own byline when it writes there too.
async fn byline(
    conn: &mut AnyConnection,
    source: &Article,
    edition_id: i64,
    actor: Option<i64>,
) -> Result<Vec<i64>> {
    let writes_there: Vec<i64> =
        sqlx::query_scalar("SELECT author_id FROM author_editions WHERE edition_id = $1")
            .bind(edition_id)
            .fetch_all(&mut *conn)
            .await?;
    let mut ids: Vec<i64> = source
        .authors
        .iter()
        .map(|a| a.id)
        .filter(|id| writes_there.contains(id))
        .collect();
    if let Some(user_id) = actor {
        let own: Option<i64> = sqlx::query_scalar("SELECT id FROM authors WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(own) = own.filter(|id| writes_there.contains(id) && !ids.contains(id)) {
            ids.push(own);
        }
    }
    Ok(ids)
}

/// The source's tags that the target edition already has (tags belong to
/// one edition; a new one is the translator's choice), with the target's
/// names.
async fn tags_held(
    conn: &mut AnyConnection,
    source: &Article,
    edition_id: i64,
) -> Result<Vec<(Slug, String)>> {
    if source.tags.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT slug, name FROM tags WHERE edition_id = $1 AND slug IN ({})",
        placeholders(2, source.tags.len())
    );
    let mut query = sqlx::query(&sql).bind(edition_id);
    for tag in &source.tags {
        query = query.bind(tag.slug.as_str());
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut held = Vec::new();
    // In the source's order.
    for tag in &source.tags {
        for row in &rows {
            let slug: Slug = parse_col(row, "slug", "tags")?;
            if slug == tag.slug {
                held.push((slug, row.try_get("name")?));
            }
        }
    }
    Ok(held)
}
