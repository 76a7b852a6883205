//! Editing an article under optimistic concurrency.

use dateline_domain::{NewArticle, Slug, UnixTime};

use super::create::{check_social_picture, dedup_tags, on_article_write};
use super::pictures::relink_media;
use super::relations::{
    insert_authors, insert_tags, shift_author_counts, shift_section_count, shift_tag_counts,
    tag_ids_for,
};
use super::revisions::record_revision;
use super::{
    bind_seo, body_to_json, dedup_keep_order, load_article, media_ids, search_text, ArticleKey,
    SEO_COLUMNS,
};
use crate::audit::{record_audit_on, NewAudit};
use crate::author_admin::check_bylines;
use crate::records::{Article, ArticleUpdate, RevisionKind};
use crate::search::{article_and_pictures, note_search_changes};
use crate::{Result, Store, StoreError};

/// The article as it will be after `update`, in the shape that validates.
fn merged(current: &Article, update: &ArticleUpdate, now: UnixTime) -> NewArticle {
    NewArticle {
        edition_id: current.edition_id,
        section_id: update.section_id.unwrap_or(current.section_id),
        slug: update.slug.clone().unwrap_or_else(|| current.slug.clone()),
        headline: update
            .headline
            .clone()
            .unwrap_or_else(|| current.headline.clone()),
        lead: update.lead.clone().unwrap_or_else(|| current.lead.clone()),
        body: update.body.clone().unwrap_or_else(|| current.body.clone()),
        status: current.status,
        published_at: current.published_at,
        updated_at: now,
        lead_media_id: update.lead_media_id.unwrap_or(current.lead_media_id),
        translation_group: Some(current.translation_group),
        author_ids: update
            .author_ids
            .clone()
            .unwrap_or_else(|| current.authors.iter().map(|a| a.id).collect()),
        tags: update.tags.clone().unwrap_or_default(),
        seo: update.seo.apply(&current.seo),
    }
}

/// The pictures whose documents a save changes: those it added or removed,
/// or, when the headline their "stories using it" lists show changed,
/// every picture used before or after.
fn touched_pictures(before: &[i64], after: &[i64], headline_changed: bool) -> Vec<i64> {
    let mut touched: Vec<i64> = before
        .iter()
        .chain(after)
        .filter(|id| headline_changed || before.contains(id) != after.contains(id))
        .copied()
        .collect();
    touched.sort_unstable();
    touched.dedup();
    touched
}

/// Who saves an article, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Save {
    pub actor: Option<i64>,
    pub kind: RevisionKind,
    /// Written in the saving transaction when given.
    pub audit: Option<NewAudit>,
}

impl Save {
    /// An explicit save.
    pub fn by(actor: Option<i64>) -> Self {
        Self {
            actor,
            kind: RevisionKind::Saved,
            audit: None,
        }
    }

    /// An autosave: consecutive ones by one person share a revision.
    pub fn autosave(actor: Option<i64>) -> Self {
        Self {
            actor,
            kind: RevisionKind::Autosaved,
            audit: None,
        }
    }
}

impl Store {
    /// Applies an edit if the stored version is still `expected_version`,
    /// bumping the version and `updated_at = now`; otherwise
    /// `Conflict { what: "article" }` and nothing changes. Keeps counters and
    /// join-table denormalised columns right when section, authors or tags change.
    ///
    /// Unknown article → `NotFound`; a section of another edition →
    /// `MissingReference { what: "section" }`; the same errors as
    /// [`Store::create_article`] otherwise.
    pub async fn update_article(
        &self,
        id: i64,
        expected_version: i64,
        update: &ArticleUpdate,
        now: UnixTime,
    ) -> Result<Article> {
        self.save_article(id, expected_version, update, Save::by(None), now)
            .await
    }

    /// [`Store::update_article`] recording who saved and why (a save, an
    /// autosave, a restore) as a revision in the same transaction.
    pub async fn save_article(
        &self,
        id: i64,
        expected_version: i64,
        update: &ArticleUpdate,
        save: Save,
        now: UnixTime,
    ) -> Result<Article> {
        let mut conn = self.pool.acquire().await?;
        let current = load_article(&mut conn, ArticleKey::Id(id))
            .await?
            .ok_or(StoreError::NotFound)?;
        drop(conn);
        if current.version != expected_version {
            return Err(StoreError::Conflict { what: "article" });
        }
        let next = merged(&current, update, now);
        next.validate()?;
        if next.section_id != current.section_id {
            // Checked before writing: a foreign key cannot tell a missing
            // section from one in another edition.
            match self.section_by_id(next.section_id).await? {
                Some(section) if section.edition_id == current.edition_id => {}
                _ => return Err(StoreError::MissingReference { what: "section" }),
            }
        }
        let public = current.status.is_public();

        let mut tx = self.begin_write().await?;
        check_social_picture(&mut tx, next.seo.social_media_id).await?;
        // Writing first, guarded by the version, both detects a concurrent
        // save and makes what we read above the state we are replacing.
        let seo_sets = SEO_COLUMNS
            .iter()
            .zip(11..)
            .map(|(column, n)| format!(", {column} = ${n}"))
            .collect::<String>();
        let sql = format!(
            "UPDATE articles SET section_id = $1, slug = $2, headline = $3, lead = $4, body = $5, \
             lead_media_id = $6, updated_at = $7, version = version + 1, search_text = $10{seo_sets} \
             WHERE id = $8 AND version = $9"
        );
        let query = sqlx::query(&sql)
            .bind(next.section_id)
            .bind(next.slug.as_str())
            .bind(next.headline.trim())
            .bind(next.lead.trim())
            .bind(body_to_json(&next.body)?)
            .bind(next.lead_media_id)
            .bind(now)
            .bind(id)
            .bind(expected_version)
            .bind(search_text(&next.headline, &next.lead));
        let done = bind_seo(query, &next.seo)
            .execute(&mut *tx)
            .await
            .map_err(on_article_write)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict { what: "article" });
        }

        if public && next.slug != current.slug {
            keep_old_slug(&mut tx, &current, &next.slug, now).await?;
        }
        if public && next.section_id != current.section_id {
            shift_section_count(&mut tx, current.section_id, -1).await?;
            shift_section_count(&mut tx, next.section_id, 1).await?;
        }
        if let Some(author_ids) = &update.author_ids {
            let author_ids = dedup_keep_order(author_ids);
            let kept: Vec<i64> = current.authors.iter().map(|a| a.id).collect();
            check_bylines(&mut tx, current.edition_id, &author_ids, &kept).await?;
            if public {
                shift_author_counts(&mut tx, id, -1).await?;
            }
            sqlx::query("DELETE FROM article_authors WHERE article_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            insert_authors(&mut tx, id, &author_ids, current.published_at, public).await?;
            if public {
                shift_author_counts(&mut tx, id, 1).await?;
            }
        }
        if let Some(tags) = &update.tags {
            let tag_ids = tag_ids_for(&mut tx, current.edition_id, &dedup_tags(tags)).await?;
            if public {
                shift_tag_counts(&mut tx, id, -1).await?;
            }
            sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            insert_tags(&mut tx, id, &tag_ids, current.published_at, public).await?;
            if public {
                shift_tag_counts(&mut tx, id, 1).await?;
            }
        }
        let mut media = media_ids(next.lead_media_id, next.seo.social_media_id, &next.body);
        media.sort_unstable();
        let flipped = relink_media(&mut tx, id, &media, public).await?;

        let article = load_article(&mut tx, ArticleKey::Id(id))
            .await?
            .ok_or(StoreError::NotFound)?;
        record_revision(&mut tx, &article, save.kind, save.actor, now).await?;
        if let Some(audit) = &save.audit {
            record_audit_on(&mut tx, audit).await?;
        }
        let mut events = crate::events::article_updated(self.node_id(), &current, &article);
        crate::media::purge_flipped(&mut events, self.node_id(), &flipped);
        let before = media_ids(
            current.lead_media_id,
            current.seo.social_media_id,
            &current.body,
        );
        let touched = touched_pictures(&before, &media, current.headline != article.headline);
        let changes = article_and_pictures(id, &touched);
        note_search_changes(&mut tx, self.backend, &changes, now).await?;
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(article)
    }
}

/// A published story's slug changes: its old address keeps leading to it
/// (`article_old_slugs`), and the new one is no longer an old address.
async fn keep_old_slug(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    current: &Article,
    new_slug: &Slug,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO article_old_slugs (edition_id, slug, article_id, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (edition_id, slug) \
         DO UPDATE SET article_id = excluded.article_id, created_at = excluded.created_at",
    )
    .bind(current.edition_id)
    .bind(current.slug.as_str())
    .bind(current.id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM article_old_slugs WHERE edition_id = $1 AND slug = $2")
        .bind(current.edition_id)
        .bind(new_slug.as_str())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::touched_pictures;

    #[test]
    fn a_save_touches_the_pictures_it_moved_or_all_when_the_headline_changed() {
        assert_eq!(touched_pictures(&[1, 2], &[2, 3], false), vec![1, 3]);
        assert!(touched_pictures(&[2, 1], &[1, 2], false).is_empty());
        assert_eq!(touched_pictures(&[1, 2], &[2, 3], true), vec![1, 2, 3]);
        assert!(touched_pictures(&[], &[], true).is_empty());
    }
}
