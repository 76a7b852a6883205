//! Creating one article with its byline, tags and media links.

use dateline_domain::{NewArticle, Slug};
use sqlx::{AnyConnection, Row};

use super::pictures::link_media;
use super::relations::{insert_authors, insert_tags, shift_visibility, tag_ids_for};
use super::revisions::record_revision;
use super::{
    bind_seo, body_to_json, dedup_keep_order, flag, load_article, media_ids, placeholders,
    search_text, ArticleKey, SEO_COLUMNS,
};
use crate::audit::{record_audit_on, NewAudit};
use crate::author_admin::check_bylines;
use crate::records::{Article, RevisionKind};
use crate::search::{article_and_pictures, note_search_changes};
use crate::{Result, Store, StoreError};

/// Maps a failed write of an `articles` row: the only unique key is the slug,
/// and once the section is checked the only foreign key left is the picture.
pub(super) fn on_article_write(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate {
            what: "article slug",
        },
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
            StoreError::MissingReference {
                what: "media asset",
            }
        }
        _ => StoreError::Database(err),
    }
}

/// A social picture that is not in the media bank, named as such (the
/// foreign key could not tell it from a missing lead picture).
pub(super) async fn check_social_picture(
    conn: &mut AnyConnection,
    social_media_id: Option<i64>,
) -> Result<()> {
    let Some(id) = social_media_id else {
        return Ok(());
    };
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM media_assets WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::MissingReference {
            what: "social picture",
        }),
    }
}

/// Tags given twice keep their first position and name.
pub(super) fn dedup_tags(tags: &[(Slug, String)]) -> Vec<(Slug, String)> {
    let mut seen = std::collections::HashSet::new();
    tags.iter()
        .filter(|(slug, _)| seen.insert(slug.clone()))
        .cloned()
        .collect()
}

/// What [`Store::insert_article`] wrote, and what its transaction still owes.
pub(crate) struct Inserted {
    pub article: Article,
    pub events: Vec<crate::events::Event>,
    pub search: Vec<(crate::search::SearchEntity, i64)>,
}

impl Store {
    /// Creates an article with its byline and tags (tags are created in the
    /// article's edition when new) in one transaction. Validates `new` first.
    /// When `translation_group` is `None` the article starts its own group
    /// (group = its id). Counters of edition, section, tags and authors are
    /// bumped when the status is public. Duplicate slug in the edition →
    /// `Duplicate { what: "article slug" }`; unknown section/author/media →
    /// `MissingReference`.
    ///
    /// `updated_at` doubles as the creation time. A section of another
    /// edition counts as unknown (`what: "section"`). Every picture used
    /// (lead and body images) is linked in `article_media` and counted in
    /// its asset's `usage_count`, whatever the status; a public article
    /// also counts in `public_use_count`, which makes the picture public.
    pub async fn create_article(&self, new: &NewArticle) -> Result<Article> {
        self.create_article_by(new, None, None).await
    }

    /// [`Store::create_article`] on behalf of a staff user, who becomes the
    /// article's owner; the first revision and `audit` (about the new
    /// article) are recorded in the same transaction.
    pub async fn create_article_by(
        &self,
        new: &NewArticle,
        actor: Option<i64>,
        audit: Option<&NewAudit>,
    ) -> Result<Article> {
        new.validate()?;
        let mut tx = self.begin_write().await?;
        let inserted = self.insert_article(&mut tx, new, actor).await?;
        let article = inserted.article;
        if let Some(audit) = audit {
            record_audit_on(&mut tx, &audit.clone().on_item(article.id)).await?;
        }
        if article.status.is_public() {
            crate::webhooks::enqueue_article_event(
                &mut tx,
                crate::webhooks::WebhookEvent::ArticlePublished,
                &article,
                None,
                new.updated_at,
            )
            .await?;
        }
        // Last before the commit: see `note_search_changes`.
        note_search_changes(&mut tx, self.backend, &inserted.search, new.updated_at).await?;
        let staged = self.stage_events(&mut tx, inserted.events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(article)
    }

    /// The writes of [`Store::create_article_by`] on the caller's write
    /// transaction (`new` already validated): the article, its byline,
    /// tags, pictures, counters and first revision. The caller notes the
    /// search changes last and stages the events before its commit.
    pub(crate) async fn insert_article(
        &self,
        tx: &mut AnyConnection,
        new: &NewArticle,
        actor: Option<i64>,
    ) -> Result<Inserted> {
        let body = body_to_json(&new.body)?;
        let author_ids = dedup_keep_order(&new.author_ids);
        let tags = dedup_tags(&new.tags);
        let media = media_ids(new.lead_media_id, new.seo.social_media_id, &new.body);
        let public = new.status.is_public();

        check_social_picture(&mut *tx, new.seo.social_media_id).await?;
        // Selecting from `sections` checks in the same statement that the
        // section exists and belongs to the article's edition. Group 0 is a
        // placeholder: ids start at 1.
        let sql = format!(
            "INSERT INTO articles (edition_id, section_id, slug, headline, lead, body, status, is_public, \
             published_at, updated_at, created_at, lead_media_id, translation_group, created_by, \
             search_text, {}) \
             SELECT $1, id, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, {} FROM sections \
             WHERE id = $2 AND edition_id = $1 RETURNING id",
            SEO_COLUMNS.join(", "),
            placeholders(15, SEO_COLUMNS.len()),
        );
        let query = sqlx::query(&sql)
            .bind(new.edition_id)
            .bind(new.section_id)
            .bind(new.slug.as_str())
            .bind(new.headline.trim())
            .bind(new.lead.trim())
            .bind(body)
            .bind(new.status.as_str())
            .bind(flag(public))
            .bind(new.published_at)
            .bind(new.updated_at)
            .bind(new.lead_media_id)
            .bind(new.translation_group.unwrap_or(0))
            .bind(actor)
            .bind(search_text(&new.headline, &new.lead));
        let id: Option<i64> = bind_seo(query, &new.seo)
            .fetch_optional(&mut *tx)
            .await
            .map_err(on_article_write)?
            .map(|row| row.try_get("id"))
            .transpose()?;
        let id = id.ok_or(StoreError::MissingReference { what: "section" })?;
        check_bylines(&mut *tx, new.edition_id, &author_ids, &[]).await?;
        if new.translation_group.is_none() {
            sqlx::query("UPDATE articles SET translation_group = id WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }

        let tag_ids = tag_ids_for(&mut *tx, new.edition_id, &tags).await?;
        insert_authors(&mut *tx, id, &author_ids, new.published_at, public).await?;
        insert_tags(&mut *tx, id, &tag_ids, new.published_at, public).await?;
        let flipped = link_media(&mut *tx, id, &media, public).await?;
        if public {
            shift_visibility(&mut *tx, id, new.edition_id, new.section_id, 1).await?;
        }
        let article = load_article(&mut *tx, ArticleKey::Id(id))
            .await?
            .ok_or(StoreError::NotFound)?;
        record_revision(
            &mut *tx,
            &article,
            RevisionKind::Created,
            actor,
            new.updated_at,
        )
        .await?;
        let mut events = crate::events::article_created(self.node_id(), &article);
        crate::media::purge_flipped(&mut events, self.node_id(), &flipped);
        Ok(Inserted {
            article,
            events,
            // The pictures gain a story (and may have become public).
            search: article_and_pictures(id, &media),
        })
    }
}
